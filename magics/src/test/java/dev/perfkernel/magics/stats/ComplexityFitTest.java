package dev.perfkernel.magics.stats;

import dev.perfkernel.magics.stats.ComplexityFit.Complexity;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class ComplexityFitTest {

    private static final double[] SIZES = {16, 64, 256, 1024, 4096, 16384, 65536};

    private static double[] costs(DoubleUnaryOperator f, double noise, long seed) {
        Random r = new Random(seed);
        double[] c = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) c[i] = f.applyAsDouble(SIZES[i]) * (1 + noise * r.nextGaussian());
        return c;
    }

    private static Complexity classify(DoubleUnaryOperator f) {
        return ComplexityFit.fit(SIZES, costs(f, 0.03, 42)).complexity();
    }

    @Test
    void classifiesEachGrowthClassWithOverheadAndNoise() {
        assertEquals(Complexity.O_1, classify(n -> 25));
        assertEquals(Complexity.O_LOG_N, classify(n -> 5 + 12 * Math.log(n)));
        assertEquals(Complexity.O_N, classify(n -> 40 + 2.1 * n));
        assertEquals(Complexity.O_N_LOG_N, classify(n -> 30 + 1.5 * n * Math.log(n)));
        assertEquals(Complexity.O_N2, classify(n -> 100 + 0.3 * n * n));
        assertEquals(Complexity.O_N3, classify(n -> 100 + 0.01 * n * n * n));
    }

    @Test
    void logLogSlopeOfPowerLaw() {
        double[] c = new double[SIZES.length];
        for (int i = 0; i < c.length; i++) c[i] = 3 * Math.pow(SIZES[i], 1.5);
        ComplexityFit f = ComplexityFit.fit(SIZES, c);
        assertEquals(1.5, f.slope(), 1e-9);
        assertEquals(1.0, f.slopeR2(), 1e-9);
    }

    @Test
    void linearFitRecoversInterceptAndSlope() {
        double[] c = new double[SIZES.length];
        for (int i = 0; i < c.length; i++) c[i] = 7 + 2 * SIZES[i];
        ComplexityFit f = ComplexityFit.fit(SIZES, c);
        assertEquals(7, f.a(), 1e-6);
        assertEquals(2, f.b(), 1e-9);
        assertEquals(1, f.linearR2(), 1e-12);
        assertEquals(Complexity.O_N, f.complexity());
        assertEquals(7 + 2 * 100, f.predict(100), 1e-6);
        assertEquals("O(n), fit ±0.0%", f.label());
        assertTrue(f.determined());
        assertTrue(f.describe().startsWith("O(n) (AICc lower"), f.describe());
    }

    @Test
    void rejectsTooFewOrNonPositivePoints() {
        assertThrows(IllegalArgumentException.class, () -> ComplexityFit.fit(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> ComplexityFit.fit(new double[] {1, 1, 1}, new double[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> ComplexityFit.fit(new double[] {1, 2, 3}, new double[] {1, 0, 3}));
    }

    @Test
    void robustToTenPercentNoiseOverManySeeds() {
        int wrong = 0;
        for (long seed = 0; seed < 50; seed++) {
            if (ComplexityFit.fit(SIZES, costs(n -> 40 + 2.1 * n, 0.10, seed)).complexity() != Complexity.O_N) wrong++;
            if (ComplexityFit.fit(SIZES, costs(n -> 100 + 0.3 * n * n, 0.10, seed)).complexity() != Complexity.O_N2) wrong++;
        }
        assertTrue(wrong <= 5, wrong + " of 100 noisy fits misclassified");
    }

    @Test
    void nearbyClassesAreFlaggedAsUncertainOnShortRanges() {
        // Three sizes within a factor of 2 cannot separate n from n log n: the best O(n) misses by
        // ~4%, hardly more than the 3% that scores from separate forks differ anyway
        double[] n = {1000, 1500, 2000};
        double[] c = {1000 * Math.log(1000), 1500 * Math.log(1500), 2000 * Math.log(2000)};
        ComplexityFit f = ComplexityFit.fit(n, c);
        assertTrue(f.runnerUp().isPresent(), f.describe());
        assertEquals(ComplexityFit.Status.UNDETERMINED_CLOSE, f.status());
        assertTrue(f.label().startsWith("undetermined ("), f.label());
        assertTrue(f.describe().contains("fit about as well"), f.describe());
        // A wide sweep of clean linear data is not uncertain.
        double[] lin = new double[SIZES.length];
        for (int i = 0; i < lin.length; i++) lin[i] = 5 * SIZES[i];
        assertTrue(ComplexityFit.fit(SIZES, lin).runnerUp().isEmpty());
    }

    @Test
    void exponentialGrowthIsNotCalledCubic() {
        double[] n = {5, 10, 15, 20};
        double[] t = new double[n.length];
        for (int i = 0; i < n.length; i++) t[i] = 3 * Math.pow(1.618, n[i]); // recursive Fibonacci's call count
        ComplexityFit fit = ComplexityFit.fit(n, t);
        assertTrue(fit.superPolynomial(), fit.describe());
        assertTrue(fit.label().contains("faster growth than O(n³)"), fit.label());
    }

    @Test
    void aLargeFixedCostDoesNotHideLinearGrowth() {
        // 10 µs of setup per call dwarfs 2 ns per element until n is in the thousands: the log-log
        // slope is far below 1, but the fit a + b·n recovers both constants
        ComplexityFit f = ComplexityFit.fit(SIZES, costs(n -> 10_000 + 2 * n, 0.02, 7));
        assertTrue(f.slope() < 0.6, "slope " + f.slope());
        assertEquals(Complexity.O_N, f.complexity(), f.describe());
        assertTrue(f.determined(), f.describe());
        assertEquals(10_000, f.modelA(), 600);
        assertEquals(2, f.modelB(), 0.1);
    }

    @Test
    void superlinearGrowthWithAFixedCostIsQuadratic() {
        ComplexityFit f = ComplexityFit.fit(SIZES, costs(n -> 5_000 + 0.5 * n * n, 0.03, 8));
        assertEquals(Complexity.O_N2, f.complexity(), f.describe());
        assertTrue(f.determined(), f.describe());
    }

    @Test
    void pureNoiseIsConstantOrUndeterminedNeverAGrowthClass() {
        for (long seed = 0; seed < 30; seed++) {
            ComplexityFit f = ComplexityFit.fit(SIZES, costs(n -> 100, 0.03, seed));
            assertTrue(f.complexity() == Complexity.O_1 || !f.determined(), f.describe());
        }
        ComplexityFit wild = ComplexityFit.fit(SIZES, new double[] {100, 400, 90, 350, 120, 500, 80});
        assertEquals(ComplexityFit.Status.UNDETERMINED_NO_FIT, wild.status(), wild.describe());
        assertTrue(wild.label().startsWith("undetermined (no class fits"), wild.label());
    }

    @Test
    void aSweepWithACacheCliffIsUndeterminedNotNLogN() {
        // notebook 07's shape: per-line cost flat (~45 ns) up to 100,000 lines, then 234 ns at
        // 2,000,000 as the data leave the caches; no single class describes it
        double[] n = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 2_000_000};
        double[] perLine = {900, 120, 52, 46, 45, 44.5, 150, 234};
        double[] total = new double[n.length];
        for (int i = 0; i < n.length; i++) total[i] = n[i] * perLine[i];
        ComplexityFit f = ComplexityFit.fit(n, total);
        assertFalse(f.determined(), f.describe());
        assertTrue(f.label().startsWith("undetermined"), f.label());
    }
}

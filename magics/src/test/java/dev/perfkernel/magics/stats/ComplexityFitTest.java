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
        assertTrue(f.label().startsWith("slope 1.00 → O(n)") || f.label().startsWith("slope 0.9"), f.label());
        assertTrue(f.describe().contains("O(n)"));
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
        // Three sizes within one decade cannot separate n from n log n.
        double[] n = {1000, 2000, 4000};
        double[] c = {1000 * Math.log(1000), 2000 * Math.log(2000), 4000 * Math.log(4000)};
        ComplexityFit f = ComplexityFit.fit(n, c);
        assertTrue(f.runnerUp().isPresent(), f.describe());
        assertTrue(f.describe().contains("uncertain"));
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
}

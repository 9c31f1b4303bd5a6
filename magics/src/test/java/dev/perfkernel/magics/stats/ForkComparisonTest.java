package dev.perfkernel.magics.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fork-aware comparison on synthetic data with a strong fork effect (fork spread 5%, iteration
 * noise 0.5%): A/A comparisons must call "different" at the nominal 5% rate, and a real 10%
 * difference must be found. The iteration-level Mann-Whitney test on the same data is the
 * documented contrast: it treats correlated iterations as independent and fails the A/A check.
 */
class ForkComparisonTest {
    static final ForkSimulation STRONG_FORK_EFFECT = new ForkSimulation(0.05, 0.005, 6, 5);
    static final int RUNS = 2000;

    @Test
    void aaFalsePositiveRateStaysAtTheNominalFivePercent() {
        SplittableRandom rnd = new SplittableRandom(1);
        int forkPositives = 0;
        int iterationPositives = 0;
        for (int k = 0; k < RUNS; k++) {
            List<List<Double>> a = STRONG_FORK_EFFECT.run(rnd, 100);
            List<List<Double>> b = STRONG_FORK_EFFECT.run(rnd, 100);
            if (ForkComparison.of(a, b).significant()) forkPositives++;
            if (Comparison.of(ForkSimulation.flat(a), ForkSimulation.flat(b)).significant()) iterationPositives++;
        }
        double fork = forkPositives / (double) RUNS;
        double iteration = iterationPositives / (double) RUNS;
        // binomial standard deviation at 5% over 2000 runs is 0.5%: allow 3 of them
        assertTrue(fork <= 0.065, "fork-level false-positive rate " + fork);
        assertTrue(fork >= 0.035, "not needlessly conservative either: " + fork);
        // the contrast: per-iteration Mann-Whitney sees 30 "independent" samples per side
        assertTrue(iteration > 0.25, "iteration-level Mann-Whitney false-positive rate " + iteration);
    }

    @Test
    void findsATenPercentDifferenceWithTheRightSign() {
        SplittableRandom rnd = new SplittableRandom(2);
        int found = 0;
        int wrongSign = 0;
        for (int k = 0; k < RUNS; k++) {
            ForkComparison c = ForkComparison.of(STRONG_FORK_EFFECT.run(rnd, 100), STRONG_FORK_EFFECT.run(rnd, 110));
            if (c.significant() && c.ratio() > 1) found++;
            if (c.significant() && c.ratio() < 1) wrongSign++;
        }
        assertTrue(found >= 0.8 * RUNS, "power " + found / (double) RUNS);
        assertEquals(0, wrongSign);
    }

    /**
     * Why ForkComparison uses Student's t rather than a bootstrap: over 6 forks per side the
     * percentile bootstrap of the median ratio is conservative (the median of 6 resampled values
     * takes few distinct values), so it finds a real difference less often at the same A/A rate.
     */
    @Test
    void aPercentileBootstrapOfSixForkMediansFindsLess() {
        SplittableRandom rnd = new SplittableRandom(3);
        int runs = 600;
        int[] aa = new int[2];
        int[] ab = new int[2];
        for (int k = 0; k < runs; k++) {
            for (double truth : new double[] {100, 110}) {
                double[] a = ForkComparison.forkMedians(STRONG_FORK_EFFECT.run(rnd, 100));
                double[] b = ForkComparison.forkMedians(STRONG_FORK_EFFECT.run(rnd, truth));
                Bootstrap.Interval i = Bootstrap.ratioOfMedians(a, b, 0.95, 1000, k);
                int[] count = truth == 100 ? aa : ab;
                if (i.low() > 1 || i.high() < 1) count[0]++;
                if (ForkComparison.of(a, b, 0.95).significant()) count[1]++;
            }
        }
        // seeded, so deterministic: bootstrap 21 and 472 of 600, Student's t 27 and 501 of 600
        assertTrue(aa[0] <= 0.065 * runs && aa[1] <= 0.065 * runs, "both hold the A/A rate");
        assertTrue(ab[1] > ab[0], "t finds the 10% more often: " + ab[1] + " vs " + ab[0]);
    }

    @Test
    void matchesWelchsTestWorkedByHand() {
        // logs: baseline 0, 0.1, 0.2 (mean 0.1, var 0.01); candidate 0.3, 0.5, 0.7 (mean 0.5, var 0.04)
        double[] b = {1, Math.exp(0.1), Math.exp(0.2)};
        double[] c = {Math.exp(0.3), Math.exp(0.5), Math.exp(0.7)};
        ForkComparison f = ForkComparison.of(b, c, 0.95);
        double se = Math.sqrt(0.01 / 3 + 0.04 / 3);
        double df = Math.pow(0.05 / 3, 2) / (Math.pow(0.01 / 3, 2) / 2 + Math.pow(0.04 / 3, 2) / 2);
        assertEquals(df, f.df(), 1e-9);
        assertEquals(Math.exp(0.4), f.ratio(), 1e-12);
        // t quantile for df = 2.9412 at 0.975 is 3.2199 (R: qt(0.975, 2.941176))
        assertEquals(Math.exp(0.4 - 3.2199 * se), f.low(), 1e-3);
        assertEquals(Math.exp(0.4 + 3.2199 * se), f.high(), 1e-3);
        // t = 0.4 / 0.1291 = 3.098 < 3.2199: not significant at 95%, and the interval includes 1
        assertEquals(ForkComparison.Status.SAME, f.status());
        assertTrue(f.low() < 1 && f.pValue() > 0.05 && f.pValue() < 0.06, "p " + f.pValue());
    }

    @Test
    void tooFewForksGiveNoIntervalAndSaySo() {
        ForkComparison one = ForkComparison.of(List.of(List.of(1.0, 1.1)), List.of(List.of(2.0, 2.1)));
        assertEquals(ForkComparison.Status.TOO_FEW_FORKS, one.status());
        assertFalse(one.hasInterval());
        assertFalse(one.significant());
        assertTrue(Double.isNaN(one.pValue()));
        assertEquals("too few forks (1+1)", one.intervalText());
        assertEquals("?", one.deltaText());
        assertTrue(one.warnings().get(0).contains("cannot support a conclusion"));
        assertEquals(2.0 / 1.05 * 1.05, one.ratio() * 1.05, 0.2);
        ForkComparison two = ForkComparison.of(new double[] {1, 1.1}, new double[] {2, 2.1}, 0.95);
        assertEquals(ForkComparison.Status.TOO_FEW_FORKS, two.status());
    }

    @Test
    void forkMediansIgnoreOneSlowIteration() {
        double[] m = ForkComparison.forkMedians(List.of(List.of(10.0, 10.0, 50.0), List.of(11.0, 11.0, 11.0, 90.0)));
        assertArrayEquals(new double[] {10, 11}, m);
    }

    @Test
    void zeroSpreadAndNonPositiveScores() {
        ForkComparison same = ForkComparison.of(new double[] {5, 5, 5}, new double[] {5, 5, 5}, 0.95);
        assertEquals(ForkComparison.Status.SAME, same.status());
        assertEquals("~", same.deltaText());
        ForkComparison diff = ForkComparison.of(new double[] {5, 5, 5}, new double[] {6, 6, 6}, 0.95);
        assertEquals(ForkComparison.Status.DIFFERENT, diff.status());
        assertEquals("+20.00%", diff.deltaText());
        ForkComparison zero = ForkComparison.of(new double[] {0, 1, 1}, new double[] {1, 1, 1}, 0.95);
        assertEquals(ForkComparison.Status.NOT_COMPARABLE, zero.status());
        assertThrows(IllegalArgumentException.class, () -> ForkComparison.of(new double[0], new double[] {1}, 0.95));
    }

    @Test
    void verdictFollowsTheDirection() {
        ForkComparison faster = ForkComparison.of(new double[] {10, 10.1, 9.9}, new double[] {5, 5.1, 4.9}, 0.95);
        assertEquals(Comparison.Verdict.BETTER, faster.verdict(Comparison.Direction.LOWER_IS_BETTER));
        assertEquals(Comparison.Verdict.WORSE, faster.verdict(Comparison.Direction.HIGHER_IS_BETTER));
    }

    @Test
    void seededBootstrapIsReproducible() {
        double[] a = {1, 1.2, 0.9, 1.1, 1.05, 0.95, 1.0, 1.3, 0.85, 1.02};
        double[] b = {1.1, 1.25, 1.0, 1.2, 1.1, 1.0, 1.05, 1.4, 0.9, 1.12};
        Bootstrap.Interval x = Bootstrap.ratioOfMedians(a, b);
        Bootstrap.Interval y = Bootstrap.ratioOfMedians(a, b);
        assertEquals(x, y);
        assertTrue(x.low() <= x.estimate() && x.estimate() <= x.high(), x.toString());
        assertEquals(Summary.quantile(b, 0.5) / Summary.quantile(a, 0.5), x.estimate(), 1e-12);
    }
}

package dev.perfkernel.magics.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MannWhitneyTest {

    @Test
    void completeSeparationOfFiveAndFive() {
        // R: wilcox.test(1:5, 6:10)$p.value = 2/choose(10,5) = 0.007937
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertTrue(r.exact());
        assertEquals(0, r.u());
        assertEquals(2.0 / 252, r.pValue(), 1e-12);
        MannWhitney.Result flipped = MannWhitney.test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5});
        assertEquals(25, flipped.u());
        assertEquals(2.0 / 252, flipped.pValue(), 1e-12);
    }

    @Test
    void exactDistributionMatchesBruteForceEnumeration() {
        // Every split of 12 distinct ranks into 6 + 6 is equally likely under H0; count U by enumeration.
        int n1 = 6, n2 = 6, n = n1 + n2;
        double[] counts = new double[n1 * n2 + 1];
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != n1) continue;
            int u = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) == 0) continue;
                for (int j = 0; j < i; j++) if ((mask >> j & 1) == 0) u++;
            }
            counts[u]++;
        }
        assertArrayEquals(counts, MannWhitney.uDistribution(n1, n2), 0);
        // Asymmetric sizes too: 3 + 7.
        double[] d = MannWhitney.uDistribution(3, 7);
        double total = 0;
        for (double c : d) total += c;
        assertEquals(120, total);                          // C(10, 3)
        assertEquals(1, d[0]);
        assertEquals(1, d[1]);
        assertEquals(2, d[2]);                             // {0,0,2},{0,1,1}
    }

    @Test
    void rDocumentationExample() {
        // R ?wilcox.test, permeability constants: wilcox.test(x, y, alternative = "g") gives
        // W = 35, p-value = 0.1272; the two-sided p-value is twice that.
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertTrue(r.exact());
        assertEquals(35, r.u());
        assertEquals(2 * 0.1272, r.pValue(), 2e-4);
    }

    @Test
    void knownExactPValue() {
        // x = {1,3,5,7}, y = {2,4,6,8,9}: U = #(x>y) = 0+1+2+3 = 6; R: wilcox.test(...)$p.value = 0.4127
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 3, 5, 7}, new double[] {2, 4, 6, 8, 9});
        assertEquals(6, r.u());
        assertTrue(r.exact());
        // P(U <= 6) for m=4, n=5 = 26/126; two-sided = 52/126 = 0.4127
        assertEquals(52.0 / 126, r.pValue(), 1e-12);
    }

    @Test
    void agreesWithCommonsStatisticsExact() {
        Random rnd = new Random(7);
        MannWhitneyUTest ref = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
                .with(PValueMethod.EXACT);
        for (int trial = 0; trial < 40; trial++) {
            int n1 = 2 + rnd.nextInt(20), n2 = 2 + rnd.nextInt(20);
            double[] x = new double[n1], y = new double[n2];
            for (int i = 0; i < n1; i++) x[i] = rnd.nextGaussian();
            for (int i = 0; i < n2; i++) y[i] = rnd.nextGaussian() + 0.8;
            MannWhitney.Result mine = MannWhitney.test(x, y);
            assertTrue(mine.exact());
            assertEquals(ref.test(x, y).getStatistic(), mine.u(), 1e-9);
            assertEquals(ref.test(x, y).getPValue(), mine.pValue(), 1e-9 + 1e-9 * mine.pValue(),
                    "n=" + n1 + "+" + n2);
        }
    }

    @Test
    void tiesUseNormalApproximationLikeCommonsAndR() {
        // Tied per-iteration scores are common for allocation figures (B/op).
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertFalse(r.exact());
        assertEquals(58, r.u(), 1e-12);          // R: W = 58
        MannWhitneyUTest ref = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED)
                .with(PValueMethod.ASYMPTOTIC);
        assertEquals(ref.test(x, y).getPValue(), r.pValue(), 1e-9);
        // By hand: mu = 40.5, tie term (2 pairs) = 12, var = 81/12·(19 − 12/306) = 127.985,
        // z = (58 − 40.5 − 0.5)/11.313 = 1.5027, p = 2·(1 − Φ(z)) = 0.1329
        assertEquals(0.1329, r.pValue(), 1e-4);
    }

    @Test
    void largeSamplesUseNormalApproximation() {
        double[] x = new double[60], y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = i;
            y[i] = i + 30.5;
        }
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertFalse(r.exact());
        MannWhitneyUTest ref = MannWhitneyUTest.withDefaults().with(PValueMethod.ASYMPTOTIC);
        assertEquals(ref.test(x, y).getPValue(), r.pValue(), 1e-9);
        assertTrue(r.pValue() < 1e-6);
    }

    @Test
    void allValuesEqualGivesPValueOne() {
        MannWhitney.Result r = MannWhitney.test(new double[] {1016, 1016, 1016}, new double[] {1016, 1016, 1016});
        assertEquals(1.0, r.pValue());
    }

    @Test
    void minimumPValue() {
        assertEquals(1.0 / 3, MannWhitney.minimumPValue(2, 2), 1e-12);
        assertEquals(2.0 / 252, MannWhitney.minimumPValue(5, 5), 1e-12);
        assertEquals(2.0 / 70, MannWhitney.minimumPValue(4, 4), 1e-12);
        assertTrue(MannWhitney.minimumPValue(50, 50) > 0);
    }

    @Test
    void rejectsEmptyOrNaN() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[] {Double.NaN}, new double[] {1}));
    }
}

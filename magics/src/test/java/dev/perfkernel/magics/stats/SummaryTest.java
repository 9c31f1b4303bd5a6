package dev.perfkernel.magics.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SummaryTest {

    @Test
    void basicStatisticsOfOneToFive() {
        Summary s = Summary.of(5, 3, 1, 4, 2);
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        assertEquals(Math.sqrt(2.5), s.stddev(), 1e-12);
        // JMH's scoreError: t(0.9995, 4) = 8.6103 (t table) times s / sqrt(n).
        assertEquals(8.6103 * Math.sqrt(2.5) / Math.sqrt(5), s.error(), 1e-3);
    }

    @Test
    void type6PercentilesInterpolateBetweenRanks() {
        double[] x = {10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Summary s = Summary.of(x);
        assertEquals(5.5, s.median(), 1e-12);
        assertEquals(s.median(), s.p50(), 1e-12);
        // R: quantile(1:10, c(.25, .9, .99), type = 6) = 2.75, 9.9, 10
        assertEquals(2.75, Summary.quantile(x, 0.25), 1e-12);
        assertEquals(9.9, s.p90(), 1e-12);
        assertEquals(10, s.p99(), 1e-12);
        assertEquals(1.0, Summary.quantile(x, 0), 1e-12);
        assertEquals(10.0, Summary.quantile(x, 1), 1e-12);
    }

    @Test
    void confidenceIntervalWidensWithConfidence() {
        Summary s = Summary.of(10.1, 10.3, 9.9, 10.0, 10.2, 10.4, 9.8);
        double[] ci95 = s.confidenceInterval(0.95);
        double[] ci999 = s.confidenceInterval(0.999);
        assertTrue(ci95[0] < s.mean() && s.mean() < ci95[1]);
        assertTrue(ci999[1] - ci999[0] > ci95[1] - ci95[0]);
        // t(0.975, 6) = 2.4469
        assertEquals(2.4469 * s.stddev() / Math.sqrt(7), (ci95[1] - ci95[0]) / 2, 1e-3);
        assertEquals(s.error(), (ci999[1] - ci999[0]) / 2, 1e-12);
    }

    @Test
    void singleAndEmptySamples() {
        Summary one = Summary.of(42);
        assertEquals(42, one.mean());
        assertEquals(0, one.stddev());
        assertTrue(Double.isNaN(one.error()), "JMH reports NaN error for one sample");
        Summary none = Summary.of(new double[0]);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(1, Double.NaN));
    }

    @Test
    void meanKeepsPrecisionWithLargeOffset() {
        Summary s = Summary.of(1e9 + 1, 1e9 + 2, 1e9 + 3);
        assertEquals(1e9 + 2, s.mean(), 1e-6);
        assertEquals(1.0, s.stddev(), 1e-6);
    }

    @Test
    void weightedEqualsExpanded() {
        java.util.Random r = new java.util.Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int k = 1 + r.nextInt(12);
            double[] values = new double[k];
            long[] counts = new long[k];
            java.util.List<Double> expanded = new java.util.ArrayList<>();
            for (int i = 0; i < k; i++) {
                values[i] = Math.round(r.nextDouble() * 1000) / 10.0;
                counts[i] = r.nextInt(6);
                for (int c = 0; c < counts[i]; c++) expanded.add(values[i]);
            }
            Summary w = Summary.ofWeighted(values, counts);
            Summary e = Summary.of(expanded);
            assertEquals(e.n(), w.n());
            if (e.n() == 0) continue;
            assertEquals(e.mean(), w.mean(), 1e-9);
            assertEquals(e.stddev(), w.stddev(), 1e-9);
            assertEquals(e.median(), w.median(), 1e-12);
            assertEquals(e.p90(), w.p90(), 1e-12);
            assertEquals(e.p99(), w.p99(), 1e-12);
            assertEquals(e.min(), w.min());
            assertEquals(e.max(), w.max());
            if (e.n() > 1) assertEquals(e.error(), w.error(), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> Summary.ofWeighted(new double[] {1}, new long[] {-1}));
    }
}

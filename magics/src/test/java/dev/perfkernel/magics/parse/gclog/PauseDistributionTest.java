package dev.perfkernel.magics.parse.gclog;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauseDistributionTest {

    @Test
    void exactPercentilesInterpolateLikeType7() {
        PauseDistribution d = new PauseDistribution();
        for (double v : new double[] {4, 1, 3, 2, 10}) d.add(v);
        assertEquals(3, d.percentile(0.5), 1e-12);
        assertEquals(4 + 0.6 * 6, d.percentile(0.9), 1e-12);
        assertEquals(10, d.maxMs());
        assertEquals(20, d.totalMs(), 1e-12);
        assertTrue(d.exact());
    }

    @Test
    void emptyIsNaNAndBadValuesAreIgnored() {
        PauseDistribution d = new PauseDistribution();
        d.add(Double.NaN);
        d.add(-1);
        assertEquals(0, d.count());
        assertTrue(Double.isNaN(d.percentile(0.5)));
    }

    @Test
    void histogramModeStaysWithinOnePercent() {
        PauseDistribution d = new PauseDistribution();
        int n = PauseDistribution.EXACT_LIMIT * 3;
        for (int i = 1; i <= n; i++) d.add(i * 0.001);
        double p99 = d.percentile(0.99);
        double truth = (n - 1) * 0.99 * 0.001 + 0.001;
        assertEquals(truth, p99, truth * 0.01);
        assertEquals(n * 0.001, d.maxMs(), 1e-9);
    }
}

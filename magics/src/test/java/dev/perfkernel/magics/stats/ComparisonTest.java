package dev.perfkernel.magics.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ComparisonTest {

    @Test
    void clearImprovementIsSignificantAndBetter() {
        double[] old = {59.1, 60.2, 58.7, 59.4, 61.0, 59.9, 58.8, 60.4};
        double[] neu = {37.0, 37.3, 36.9, 37.8, 37.1, 36.6, 37.5, 37.2};
        Comparison c = Comparison.of(old, neu);
        assertEquals(Summary.of(neu).median() / Summary.of(old).median(), c.ratio(), 1e-12);
        assertEquals((c.ratio() - 1) * 100, c.deltaPct(), 1e-12);
        assertTrue(c.significant());
        assertEquals(2.0 / 12870, c.pValue(), 1e-12);              // complete separation, 8 + 8
        assertEquals(Comparison.Verdict.BETTER, c.verdict(Comparison.Direction.LOWER_IS_BETTER));
        assertEquals(Comparison.Verdict.WORSE, c.verdict(Comparison.Direction.HIGHER_IS_BETTER));
        assertTrue(c.deltaText().startsWith("-37."), c.deltaText());
        assertEquals("(p=0.000 n=8+8)", c.detailText());
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void overlappingSamplesShowTilde() {
        double[] a = {10.0, 10.4, 9.8, 10.1, 10.3};
        double[] b = {10.2, 9.9, 10.5, 10.0, 10.15};
        Comparison c = Comparison.of(a, b);
        assertFalse(c.significant());
        assertEquals("~", c.deltaText());
        assertEquals(Comparison.Verdict.SAME, c.verdict(Comparison.Direction.LOWER_IS_BETTER));
    }

    @Test
    void tooFewSamplesWarns() {
        Comparison c = Comparison.of(new double[] {1, 2}, new double[] {10, 20});
        assertFalse(c.significant(), "2+2 samples can never reach p < 0.05");
        assertEquals(1.0 / 3, c.pValue(), 1e-12);
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("n=2+2"), c.warnings().get(0));
        assertTrue(c.warnings().get(0).contains("0.333"), c.warnings().get(0));
    }

    @Test
    void medianRatioResistsOneOutlier() {
        double[] base = {100, 101, 99, 100, 100, 102};
        double[] cand = {50, 51, 49, 50, 50, 900};          // one iteration hit a full GC
        Comparison c = Comparison.of(base, cand);
        assertEquals(0.5, c.ratio(), 0.01);
        assertTrue(c.meanRatio() > 1.6);
    }

    @Test
    void directionFromUnit() {
        assertEquals(Comparison.Direction.HIGHER_IS_BETTER, Comparison.Direction.forUnit("ops/s"));
        assertEquals(Comparison.Direction.HIGHER_IS_BETTER, Comparison.Direction.forUnit("ops/ms"));
        assertEquals(Comparison.Direction.LOWER_IS_BETTER, Comparison.Direction.forUnit("ns/op"));
        assertEquals(Comparison.Direction.LOWER_IS_BETTER, Comparison.Direction.forUnit("B/op"));
    }

    @Test
    void emptySideIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(new double[0], new double[] {1}));
    }

    @Test
    void fromZeroAllocationToSome() {
        // Escape analysis off: 0 B/op becomes 24 B/op; every sample tied within its side.
        Comparison c = Comparison.of(new double[] {0, 0, 0, 0, 0}, new double[] {24, 24, 24, 24, 24});
        assertFalse(c.test().exact(), "ties force the normal approximation");
        assertTrue(c.significant(), "p=" + c.pValue());
        assertEquals(Double.POSITIVE_INFINITY, c.ratio());
        assertEquals("+∞%", c.deltaText());
        Comparison same = Comparison.of(new double[] {0, 0, 0}, new double[] {0, 0, 0});
        assertTrue(Double.isNaN(same.ratio()));
        assertEquals("~", same.deltaText());
    }
}

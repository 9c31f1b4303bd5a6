package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.Budget;
import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BudgetTest {
    @Test
    void parsesAllForms() throws Exception {
        Budget b = Budget.parse("score < 50 ns/op");
        assertNull(b.benchmark());
        assertEquals("score", b.metric());
        assertEquals("<", b.op());
        assertEquals(50, b.limit());
        assertEquals("ns/op", b.unit());
        Budget a = Budget.parse("decode: alloc == 0");
        assertEquals("decode", a.benchmark());
        assertEquals(Budget.ALLOC, a.metric());
        assertTrue(a.appliesTo("decode"));
        assertFalse(a.appliesTo("encode"));
        assertEquals("gc.alloc.rate.norm", Budget.parse("gc.alloc.rate.norm <= 1.5e3 B/op").metric());
        assertThrows(UsageException.class, () -> Budget.parse("score < fast"));
        assertThrows(UsageException.class, () -> Budget.parse("score < 5 parsecs"));
    }

    @Test
    void convertsUnitsBeforeComparing() throws Exception {
        Budget b = Budget.parse("score < 2 us/op");
        assertTrue(b.evaluate("x", 1500, 10, "ns/op").passed());
        assertFalse(b.evaluate("x", 2500, 10, "ns/op").passed());
        assertEquals(2000, b.evaluate("x", 1, 0, "ns/op").converted(), 1e-9);
        Budget t = Budget.parse("score > 1000 ops/ms");
        assertEquals(1e6, t.evaluate("x", 2e6, 0, "ops/s").converted(), 1e-6);
        assertTrue(t.evaluate("x", 2e6, 0, "ops/s").passed());
        assertThrows(UsageException.class, () -> b.evaluate("x", 1, 0, "ops/s"));
        assertThrows(UsageException.class, () -> Budget.parse("alloc < 10 ns/op").evaluate("x", 1, 0, "B/op"));
    }

    @Test
    void meanDecidesAndAStraddlingIntervalIsMarginal() throws Exception {
        Budget b = Budget.parse("score < 50");
        Budget.Outcome close = b.evaluate("x", 49, 3, "ns/op");
        assertTrue(close.passed());
        assertTrue(close.marginal());
        Budget.Outcome over = b.evaluate("x", 51, 3, "ns/op");
        assertFalse(over.passed());
        assertTrue(over.marginal());
        assertTrue(over.describe().startsWith("FAIL (marginal)"), over.describe());
        Budget.Outcome clear = b.evaluate("x", 40, 3, "ns/op");
        assertTrue(clear.passed());
        assertFalse(clear.marginal());
    }

    @Test
    void zeroAllocationToleratesJmhBookkeeping() throws Exception {
        Budget z = Budget.parse("alloc == 0");
        assertTrue(z.evaluate("x", 0.0013, 0.002, "B/op").passed());
        assertFalse(z.evaluate("x", 16.0, 0.01, "B/op").passed());
    }
}

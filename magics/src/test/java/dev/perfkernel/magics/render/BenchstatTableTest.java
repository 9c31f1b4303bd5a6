package dev.perfkernel.magics.render;

import dev.perfkernel.magics.stats.Comparison;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class BenchstatTableTest {

    private static final double[] OLD = {59.1e3, 60.2e3, 58.7e3, 59.4e3, 61.0e3};
    private static final double[] NEW = {37.0e3, 37.3e3, 36.9e3, 37.8e3, 37.1e3};

    @Test
    void looksLikeBenchstat() {
        BenchstatTable bt = new BenchstatTable("time/op", "ns/op", "old", "new")
                .row("Fib", OLD, NEW)
                .row("Same", new double[] {10, 11, 10.5, 10.2, 10.8}, new double[] {10.4, 10.1, 10.9, 10.6, 10.3});
        String text = bt.table().toText();
        String[] lines = text.split("\n");
        assertTrue(lines[0].matches("name\\s+old time/op\\s+new time/op\\s+delta"), lines[0]);
        assertTrue(lines[2].matches("Fib\\s+59\\.4 µs/op ± 3%\\s+37\\.1 µs/op ± 2%\\s+-37\\.54%\\s+\\(p=0\\.008 n=5\\+5\\)"),
                lines[2]);
        assertTrue(lines[3].matches("Same\\s+10\\.5 ns/op ± 5%\\s+10\\.4 ns/op ± 5%\\s+~\\s+\\(p=\\d\\.\\d{3} n=5\\+5\\)"),
                lines[3]);
        String html = bt.table().toHtml();
        assertTrue(html.contains("class=\"pk-r better\""), "the faster row is tinted as better");
        assertTrue(bt.warnings().isEmpty());
    }

    @Test
    void higherIsBetterForThroughput() {
        BenchstatTable bt = new BenchstatTable("thrpt", "ops/s", "old", "new").row("Fib", OLD, NEW);
        assertTrue(bt.table().toHtml().contains("class=\"pk-r worse\""));
    }

    @Test
    void smallSamplesCarryAWarning() {
        BenchstatTable bt = new BenchstatTable("time/op", "ns/op", "a", "b")
                .row("X", new double[] {1, 2}, new double[] {3, 4});
        List<String> w = bt.warnings();
        assertEquals(1, w.size());
        assertTrue(w.get(0).startsWith("X: n=2+2"));
        Cell p = Cells.pValue(bt.rows().get(0).comparison());
        assertEquals(Status.WARN, p.status());
        assertTrue(p.tooltip().contains("exact"));
    }

    @Test
    void deltaCellCarriesTheTest() {
        Comparison c = Comparison.of(OLD, NEW);
        Cell d = Cells.delta(c, Comparison.Direction.LOWER_IS_BETTER);
        assertEquals(Status.BETTER, d.status());
        assertTrue(d.tooltip().contains("ratio of medians 0.625×"), d.tooltip());
        assertEquals("0.625×", Cells.ratio(c).text());
        assertEquals(Status.FAIL, Cells.budget(false, "62 ns > 50 ns").status());
    }
}

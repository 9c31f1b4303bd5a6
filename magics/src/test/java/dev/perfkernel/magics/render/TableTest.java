package dev.perfkernel.magics.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TableTest {

    private static Table sample() {
        return new Table().caption("Results")
                .column(Column.left("Benchmark"))
                .column(Column.right("Score").tooltip("mean of all iterations"))
                .column(Column.right("Δ"))
                .row("fib", "59.4 µs", "")
                .row(Cell.of("fibIterative"), Cell.of("37.1 µs"),
                        Cell.of("-37.56%", Status.BETTER).title("p=0.000 n=20+20"))
                .footnote("Δ: Mann-Whitney U, ~ when p ≥ 0.05");
    }

    @Test
    void plainTextIsAligned() {
        String text = sample().toText();
        String[] lines = text.split("\n");
        assertEquals("Results", lines[0]);
        assertEquals("Benchmark       Score        Δ", lines[1]);
        assertEquals("------------  -------  -------", lines[2]);
        assertEquals("fib           59.4 µs", lines[3]);       // trailing empty cell leaves no spaces
        assertEquals("fibIterative  37.1 µs  -37.56%", lines[4]);
        assertEquals("Δ: Mann-Whitney U, ~ when p ≥ 0.05", lines[5]);
        // Right-aligned columns end at the same column on every row (µ counts as one column).
        assertEquals(lines[1].codePointCount(0, lines[1].length()), lines[4].codePointCount(0, lines[4].length()));
    }

    @Test
    void htmlEscapesEverythingAndCarriesClasses() {
        Table t = new Table().caption("<b>x</b>")
                .column(new Column("a<b", Align.LEFT, "x\" onmouseover=\"alert(1)", "t\"ip"))
                .column(Column.right("n"));
        t.row(Cell.of("<script>alert('x')</script>").title("\"quoted\" & <tag>"), Cell.of("1", Status.FAIL));
        String html = t.toHtml();
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<b>x</b>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("title=\"&quot;quoted&quot; &amp; &lt;tag&gt;\""));
        assertTrue(html.contains("a&lt;b"));
        assertFalse(html.contains("onmouseover=\""), "css class must be sanitised");
        assertTrue(html.contains("class=\"pk-r fail\""));
        assertTrue(html.contains("<style>"));
        assertTrue(html.contains("tabular-nums"));
        assertTrue(html.contains("var(--jp-"));
    }

    @Test
    void htmlTableIsWellFormedXhtml() throws Exception {
        String html = sample().toHtml();
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(2, html.split("<tr>").length - 2);     // header row + 2 body rows
        assertTrue(html.contains("class=\"pk-r better\" title=\"p=0.000 n=20+20\">-37.56%</td>"));
    }

    @Test
    void rowWidthIsChecked() {
        Table t = new Table().column("a").column("b");
        assertThrows(IllegalArgumentException.class, () -> t.row("1", "2", "3"));
        t.row("only");
        assertEquals(1, t.rowCount());
        assertEquals("", t.rows().get(0).get(1).text());
        assertThrows(IllegalStateException.class, () -> t.column("c"));
    }

    @Test
    void newlinesInCellsDoNotBreakTextLayout() {
        Table t = new Table().column("k").column("v");
        t.row("flags", "-Xmx256m\n-XX:+UseG1GC");
        assertEquals(3, t.toText().split("\n").length);
    }

    @Test
    void truncationKeepsTheFirstRowsAndSaysHowManyAreHidden() {
        Table t = new Table().column("i");
        for (int i = 0; i < 25; i++) t.row(String.valueOf(i));
        Table shown = t.truncatedTo(10);
        assertEquals(10, shown.rowCount());
        assertEquals("9", shown.rows().get(9).get(0).text());
        assertTrue(shown.toText().contains("… 15 more rows not shown (25 in all)"));
        assertEquals(25, t.rowCount(), "the original is unchanged");
        assertTrue(t.truncatedTo(30).footnotes().isEmpty());
    }
}

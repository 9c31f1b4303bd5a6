package dev.perfkernel.magics.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table rendered two ways: aligned monospace {@code text/plain} (columns padded, a rule under
 * the header) and {@code text/html} (a styled {@code <table>}, everything escaped).
 *
 * <pre>{@code
 * Table t = new Table().caption("Results")
 *         .column(Column.left("Benchmark")).column(Column.right("Score"));
 * t.row("fib", "12.3 ns");
 * t.row(Cell.of("fibIter"), Cell.of("-37.56%", Status.BETTER).title("p=0.000 n=20+20"));
 * }</pre>
 */
public final class Table {

    private String caption;
    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();
    private final List<String> footnotes = new ArrayList<>();

    public Table caption(String caption) {
        this.caption = caption;
        return this;
    }

    public Table column(Column c) {
        if (!rows.isEmpty()) throw new IllegalStateException("add columns before rows");
        columns.add(c);
        return this;
    }

    /** Adds a left-aligned column. */
    public Table column(String header) {
        return column(Column.left(header));
    }

    public Table column(String header, Align align) {
        return column(new Column(header, align, null, null));
    }

    /** Adds a row; fewer cells than columns are padded with empty cells, more is an error. */
    public Table row(List<Cell> cells) {
        if (cells.size() > columns.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells but the table has "
                    + columns.size() + " columns");
        }
        List<Cell> r = new ArrayList<>(cells);
        while (r.size() < columns.size()) r.add(Cell.empty());
        rows.add(r);
        return this;
    }

    public Table row(Cell... cells) {
        return row(Arrays.asList(cells));
    }

    public Table row(String... texts) {
        List<Cell> r = new ArrayList<>();
        for (String s : texts) r.add(Cell.of(s));
        return row(r);
    }

    /** A note shown under the table (e.g. how p-values were computed). */
    public Table footnote(String note) {
        footnotes.add(note);
        return this;
    }

    /**
     * A copy with at most {@code maxRows} rows and a footnote saying how many were left out, for
     * long listings (GC events, allocation sites) whose full data goes to JSON or a file.
     */
    public Table truncatedTo(int maxRows) {
        if (maxRows < 0) throw new IllegalArgumentException("maxRows must be >= 0");
        Table t = new Table().caption(caption);
        columns.forEach(t::column);
        rows.stream().limit(maxRows).forEach(t::row);
        if (rows.size() > maxRows) {
            int more = rows.size() - maxRows;
            t.footnote("… " + more + " more row" + (more == 1 ? "" : "s") + " not shown (" + rows.size() + " in all)");
        }
        footnotes.forEach(t::footnote);
        return t;
    }

    public List<Column> columns() {
        return List.copyOf(columns);
    }

    public List<List<Cell>> rows() {
        return rows.stream().map(List::copyOf).toList();
    }

    public int rowCount() {
        return rows.size();
    }

    public String caption() {
        return caption;
    }

    public List<String> footnotes() {
        return List.copyOf(footnotes);
    }

    /** Monospace text: two spaces between columns, a dashed rule under the header, no trailing spaces. */
    public String toText() {
        int k = columns.size();
        int[] w = new int[k];
        for (int c = 0; c < k; c++) w[c] = width(columns.get(c).header());
        for (List<Cell> r : rows) {
            for (int c = 0; c < k; c++) w[c] = Math.max(w[c], width(oneLine(r.get(c).text())));
        }
        StringBuilder sb = new StringBuilder();
        if (caption != null && !caption.isEmpty()) sb.append(caption).append('\n');
        List<String> header = new ArrayList<>();
        for (Column col : columns) header.add(col.header());
        appendLine(sb, header, w);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < k; c++) {
            if (c > 0) rule.append("  ");
            rule.append("-".repeat(w[c]));
        }
        sb.append(rule).append('\n');
        for (List<Cell> r : rows) {
            List<String> texts = new ArrayList<>();
            for (Cell cell : r) texts.add(oneLine(cell.text()));
            appendLine(sb, texts, w);
        }
        for (String f : footnotes) sb.append(f).append('\n');
        return sb.toString();
    }

    private void appendLine(StringBuilder sb, List<String> texts, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            if (c > 0) line.append("  ");
            line.append(pad(texts.get(c), w[c], columns.get(c).align()));
        }
        sb.append(stripTrailing(line)).append('\n');
    }

    private static String stripTrailing(StringBuilder s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return s.substring(0, end);
    }

    static String pad(String s, int width, Align align) {
        int gap = width - width(s);
        if (gap <= 0) return s;
        switch (align) {
            case RIGHT: return " ".repeat(gap) + s;
            case CENTER: return " ".repeat(gap / 2) + s + " ".repeat(gap - gap / 2);
            default: return s + " ".repeat(gap);
        }
    }

    /** Display width in a monospace font: code points, not UTF-16 units (µ, ×, ² are one column). */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** The {@code <table>} alone, without the stylesheet (see {@link #toHtml()}). */
    public String toHtmlTable() {
        StringBuilder sb = new StringBuilder("<table class=\"pk-table\">");
        if (caption != null && !caption.isEmpty()) sb.append("<caption>").append(Html.escape(caption)).append("</caption>");
        sb.append("<thead><tr>");
        for (Column col : columns) {
            sb.append("<th class=\"").append(alignClass(col.align()));
            if (col.cssClass() != null) sb.append(' ').append(Html.cssClass(col.cssClass()));
            sb.append('"');
            if (col.tooltip() != null) sb.append(" title=\"").append(Html.escape(col.tooltip())).append('"');
            sb.append('>').append(Html.escape(col.header())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (List<Cell> r : rows) {
            sb.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                Cell cell = r.get(c);
                sb.append("<td class=\"").append(alignClass(col.align()));
                if (col.cssClass() != null) sb.append(' ').append(Html.cssClass(col.cssClass()));
                if (cell.status() != Status.NONE) sb.append(' ').append(cell.status().cssClass);
                sb.append('"');
                if (cell.tooltip() != null) sb.append(" title=\"").append(Html.escape(cell.tooltip())).append('"');
                sb.append('>').append(Html.escape(cell.text())).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (!footnotes.isEmpty()) {
            sb.append("<div class=\"pk-foot\">");
            for (int i = 0; i < footnotes.size(); i++) {
                if (i > 0) sb.append("<br>");
                sb.append(Html.escape(footnotes.get(i)));
            }
            sb.append("</div>");
        }
        return sb.toString();
    }

    /** A self-contained HTML fragment: the stylesheet and the table in a {@code .pk} wrapper. */
    public String toHtml() {
        return "<div class=\"pk\">" + Styles.styleElement() + toHtmlTable() + "</div>";
    }

    private static String alignClass(Align a) {
        switch (a) {
            case RIGHT: return "pk-r";
            case CENTER: return "pk-c";
            default: return "pk-l";
        }
    }
}

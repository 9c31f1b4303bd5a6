package dev.perfkernel.magics.render;

import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pprof's {@code list}: the cell's source, one row per line, with the numbers attributed to each
 * line next to it (blank where nothing was attributed), the busiest lines highlighted.
 */
public final class CellListing {
    private CellListing() {
    }

    /**
     * @param body           the cell's code
     * @param firstLine      cell line of its first line
     * @param executionCount the cell's {@code In [n]} (lines of other cells are not listed)
     * @param headers        the value columns, e.g. {@code flat}, {@code cum}
     * @param values         per cell line, one text per header
     * @param hot            per cell line, whether to highlight it
     */
    public static Table table(String caption, String body, int firstLine, int executionCount, List<String> headers,
                              Map<CellLine, List<String>> values, Map<CellLine, Boolean> hot) {
        Table t = new Table().caption(caption).column(Column.right("line"));
        for (String h : headers) t.column(Column.right(h));
        t.column(new Column("code", Align.LEFT, "pk-code", null));
        String[] lines = body.split("\n", -1);
        int n = lines.length;
        while (n > 0 && lines[n - 1].isBlank()) n--;
        for (int i = 0; i < n; i++) {
            int line = firstLine + i;
            List<String> v = lookup(values, executionCount, line);
            boolean isHot = Boolean.TRUE.equals(lookup(hot, executionCount, line));
            List<Cell> row = new ArrayList<>();
            row.add(Cell.of(Integer.toString(line)));
            for (int h = 0; h < headers.size(); h++) {
                String s = v == null || h >= v.size() ? "" : v.get(h);
                row.add(isHot ? Cell.of(s, Status.WARN) : Cell.of(s));
            }
            row.add(Cell.of(lines[i].replace("\t", "    ")));
            t.row(row);
        }
        return t;
    }

    /** Cell lines carry the execution count when known; a 0 count (unknown) matches too. */
    private static <T> T lookup(Map<CellLine, T> m, int executionCount, int line) {
        T v = m.get(new CellLine(executionCount, line));
        return v != null ? v : m.get(new CellLine(0, line));
    }
}

package dev.perfkernel.magics.render;

import dev.perfkernel.magics.stats.Comparison;
import dev.perfkernel.magics.stats.Summary;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * A comparison table in the layout of Go's benchstat:
 * <pre>
 * name          old time/op     new time/op     delta
 * Fib           59.4 µs ± 3%    37.1 µs ± 2%    -37.56%  (p=0.000 n=20+20)
 * </pre>
 * Each side shows the median and, after ±, the largest deviation of any sample from it in % of
 * the median (classic benchstat's spread, without its outlier removal: an outlier should be
 * seen, not hidden). The delta compares medians and is {@code ~} when the Mann-Whitney p-value
 * is not below 0.05, as in benchstat.
 */
public final class BenchstatTable {

    private final String metric;
    private final String unit;
    private final String oldLabel, newLabel;
    private final List<Row> rows = new ArrayList<>();

    /** @param metric e.g. {@code time/op} or {@code alloc/op}; @param unit the samples' unit, e.g. {@code ns/op} */
    public BenchstatTable(String metric, String unit, String oldLabel, String newLabel) {
        this.metric = metric;
        this.unit = unit;
        this.oldLabel = oldLabel;
        this.newLabel = newLabel;
    }

    public record Row(String name, double[] baseline, double[] candidate, Comparison comparison) {}

    public BenchstatTable row(String name, double[] baseline, double[] candidate) {
        rows.add(new Row(name, baseline.clone(), candidate.clone(), Comparison.of(baseline, candidate)));
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Every comparison's warnings, prefixed with its row name, without repeats. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) for (String w : r.comparison().warnings()) {
            String s = r.name() + ": " + w;
            if (!out.contains(s)) out.add(s);
        }
        return out;
    }

    public Table table() {
        Comparison.Direction dir = Comparison.Direction.forUnit(unit);
        Table t = new Table()
                .column(Column.left("name"))
                .column(Column.right(oldLabel + " " + metric).tooltip("median ± largest deviation from it, in %"))
                .column(Column.right(newLabel + " " + metric).tooltip("median ± largest deviation from it, in %"))
                .column(Column.right("delta").tooltip("change of the median; ~ when the Mann-Whitney U test gives p ≥ 0.05"))
                .column(Column.left(""));
        for (Row r : rows) {
            Comparison c = r.comparison();
            t.row(Cell.of(r.name()), Cell.of(side(c.baseline())), Cell.of(side(c.candidate())),
                    Cells.delta(c, dir), Cell.of(c.detailText()).title(c.test().exact()
                            ? "exact Mann-Whitney U" : "Mann-Whitney U, normal approximation with tie correction"));
        }
        return t;
    }

    private String side(Summary s) {
        double spread = Math.max(s.max() - s.median(), s.median() - s.min());
        double pct = s.median() == 0 ? 0 : 100 * spread / Math.abs(s.median());
        return Units.score(s.median(), unit) + " ± " + Math.round(pct) + "%";
    }
}

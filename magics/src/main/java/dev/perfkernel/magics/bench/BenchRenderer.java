package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.Budget;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.parse.jmh.JmhMetric;
import dev.perfkernel.magics.render.BarChart;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Cell;
import dev.perfkernel.magics.render.Chart;
import dev.perfkernel.magics.render.Column;
import dev.perfkernel.magics.render.Status;
import dev.perfkernel.magics.render.Table;
import dev.perfkernel.magics.render.XYChart;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.stats.ComplexityFit;
import dev.perfkernel.magics.stats.Comparison;
import dev.perfkernel.magics.stats.ForkComparison;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a {@link BenchReport} into what the cell shows. */
final class BenchRenderer {
    private BenchRenderer() {
    }

    /** IPython-style one line per row: {@code bench: 12.3 ns ± 0.4 ns per op (mean ± 99.9% CI, 3 forks × 5 iterations)}. */
    static String summary(BenchReport r) {
        StringBuilder sb = new StringBuilder();
        boolean multi = r.multiJdk();
        for (BenchRow row : r.rows()) {
            JmhMetric m = row.primary();
            sb.append(row.label(multi)).append(": ").append(valueWithError(m.score(), m.error(), m.unit()))
                    .append(" (mean ± 99.9% CI, ").append(m.forks()).append(m.forks() == 1 ? " fork × " : " forks × ")
                    .append(m.iterationsPerFork()).append(m.iterationsPerFork() == 1 ? " iteration" : " iterations");
            double bytes = row.result().allocatedBytesPerOp();
            if (Double.isFinite(bytes)) sb.append(", ").append(bytesPerOp(bytes)).append(" allocated per op");
            sb.append(")\n");
        }
        sb.append(sweepSummary(r));
        return sb.toString();
    }

    static String valueWithError(double score, double error, String unit) {
        boolean timePerOp = unit.endsWith("/op") && isTime(unit.substring(0, unit.length() - 3));
        if (timePerOp) {
            String e = Double.isFinite(error) ? " ± " + Units.duration(error, unit) : "";
            return Units.duration(score, unit) + e + " per op";
        }
        String e = Double.isFinite(error) ? " ± " + Units.sig3(error) : "";
        return Units.sig3(score) + e + " " + unit;
    }

    private static boolean isTime(String u) {
        return u.equals("ns") || u.equals("us") || u.equals("ms") || u.equals("s");
    }

    static String bytesPerOp(double b) {
        return b < 0.5 ? "0 B" : Math.round(b) + " B";
    }

    static Table table(BenchReport r) {
        boolean multi = r.multiJdk();
        boolean params = r.rows().stream().anyMatch(x -> !x.params().isEmpty());
        boolean gc = r.rows().stream().anyMatch(x -> Double.isFinite(x.result().allocatedBytesPerOp()));
        boolean compared = !r.comparisons().isEmpty();
        boolean budgets = !r.budgets().isEmpty();
        Table t = new Table().caption("%bench results");
        t.column(Column.left("Benchmark"));
        if (multi) t.column(Column.left("JDK"));
        if (params) t.column(Column.left("Params"));
        t.column(Column.left("Mode")).column(Column.right("Score")).column(Column.right("± Error"))
                .column(Column.left("Unit"));
        if (gc) t.column(Column.right("B/op").tooltip("gc.alloc.rate.norm from JMH's gc profiler"));
        if (compared) {
            t.column(Column.left("vs"));
            t.column(Column.right("Ratio").tooltip("÷ baseline: geometric mean of the fork medians on each side"));
            t.column(Column.right("95% CI").tooltip("interval of the ratio; the fork is the unit (Welch t on log fork medians)"));
            t.column(Column.right("Δ").tooltip("change; ~ when the interval includes 1, ? when there are too few forks"));
            t.column(Column.right("p").tooltip("two-sided Welch t-test over fork medians (not over iterations)"));
        }
        if (budgets) t.column(Column.left("Budget"));
        for (BenchRow row : r.rows()) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(row.name()));
            if (multi) cells.add(Cell.of(row.jdk()));
            if (params) cells.add(Cell.of(row.result().paramsText()));
            JmhMetric m = row.primary();
            cells.add(Cell.of(row.result().mode()));
            cells.add(Cell.of(Units.sig3(m.score())));
            cells.add(Cell.of(Double.isFinite(m.error()) ? Units.sig3(m.error()) : "—"));
            cells.add(Cell.of(m.unit()));
            if (gc) {
                double b = row.result().allocatedBytesPerOp();
                cells.add(Cell.of(Double.isFinite(b) ? Units.sig3(b < 0.005 ? 0 : b) : ""));
            }
            if (compared) {
                Optional<BenchReport.Compared> c = r.comparisonFor(row);
                if (c.isPresent()) {
                    ForkComparison cmp = c.get().comparison();
                    Comparison.Direction dir = Comparison.Direction.forUnit(m.unit());
                    Status s = switch (cmp.verdict(dir)) {
                        case BETTER -> Status.BETTER;
                        case WORSE -> Status.WORSE;
                        default -> Status.MUTED;
                    };
                    cells.add(Cell.of(c.get().against()));
                    cells.add(Cell.of(Double.isFinite(cmp.ratio()) ? Units.ratio(cmp.ratio()) : "—"));
                    cells.add(Cell.of(cmp.intervalText(), cmp.hasInterval() ? Status.NONE : Status.MUTED)
                            .title(cmp.detailText()));
                    cells.add(Cell.of(cmp.deltaText(), s).title(cmp.detailText()));
                    cells.add(cmp.hasInterval() ? Cell.of(Units.pValue(cmp.pValue())).title(cmp.detailText())
                            : Cell.of("no test", Status.MUTED).title(String.join(" ", cmp.warnings())));
                } else {
                    boolean isBase = r.comparisons().stream().anyMatch(x -> x.baseline() == row);
                    cells.add(Cell.of(isBase ? "(baseline)" : "", Status.MUTED));
                    cells.add(Cell.empty());
                    cells.add(Cell.empty());
                    cells.add(Cell.empty());
                    cells.add(Cell.empty());
                }
            }
            if (budgets) {
                List<Budget.Outcome> mine = r.budgets().stream().filter(o -> o.row().equals(row.label(multi))).toList();
                if (mine.isEmpty()) {
                    cells.add(Cell.empty());
                } else {
                    boolean pass = mine.stream().allMatch(Budget.Outcome::passed);
                    String text = String.join("; ", mine.stream().map(o -> (o.passed() ? "pass" : "FAIL")
                            + (o.marginal() ? "?" : "") + " " + o.budget().metric() + " " + o.budget().op() + " "
                            + Units.sig3(o.converted())).toList());
                    cells.add(Cell.of(text, pass ? Status.PASS : Status.FAIL));
                }
            }
            t.row(cells);
        }
        if (compared) t.footnote("The fork is the unit: each fork's median iteration is one sample, since iterations "
                + "inside a fork share its JIT decisions and memory layout. Ratio: geometric mean of the fork medians "
                + "÷ the baseline's; 95% CI and p: Welch's t on their logarithms; ~ means the interval includes 1; "
                + "with fewer than " + ForkComparison.MIN_FORKS + " forks per side no interval or test is given.");
        if (budgets) t.footnote("Budgets compare the mean score (ratio: the fork-aware ratio) with the limit; ? marks "
                + "an interval (99.9% CI of the score; 95% CI of the ratio) that straddles it.");
        return t;
    }

    /** One @Param sweep series: its rows sorted by the swept value, and the complexity fit when there is one. */
    record Sweep(String name, List<BenchRow> rows, double[] x, double[] y, double[] error, ComplexityFit fit) {}

    /** The series of a sweep over {@code p}: one per benchmark, other parameters and JDK. */
    static List<Sweep> sweeps(BenchReport r, String p) {
        boolean multi = r.multiJdk();
        Map<String, List<BenchRow>> series = new LinkedHashMap<>();
        for (BenchRow row : r.rows()) {
            Map<String, String> rest = new LinkedHashMap<>(row.params());
            rest.remove(p);
            String name = row.name() + (rest.isEmpty() ? "" : " " + rest) + (multi ? " @" + row.jdk() : "");
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(row);
        }
        List<Sweep> out = new ArrayList<>();
        series.forEach((name, rows) -> {
            rows.sort(java.util.Comparator.comparingDouble(x -> Double.parseDouble(x.params().get(p))));
            double[] x = rows.stream().mapToDouble(v -> Double.parseDouble(v.params().get(p))).toArray();
            double[] y = rows.stream().mapToDouble(v -> v.primary().score()).toArray();
            double[] e = rows.stream().mapToDouble(v -> v.primary().error()).toArray();
            ComplexityFit fit = null;
            if (x.length >= 3 && !r.options().mode().equals("thrpt")) {
                try {
                    fit = ComplexityFit.fit(x, y);
                } catch (RuntimeException ignored) {
                    // a fit needs positive, distinct sizes; without one the points still show
                }
            }
            out.add(new Sweep(name, rows, x, y, e, fit));
        });
        return out;
    }

    /** One line per fitted sweep: the chosen class (or why none), the fitted constants and the fit's quality. */
    static String sweepSummary(BenchReport r) {
        Optional<String> p = sweepParam(r.rows());
        if (p.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (Sweep s : sweeps(r, p.get())) {
            if (s.fit() != null) sb.append(s.name()).append(" over ").append(p.get()).append(": ")
                    .append(s.fit().describe()).append('\n');
        }
        return sb.toString();
    }

    /** A sweep chart (score against one numeric @Param, log-log, fitted) or a bar chart with error bars. */
    static Chart chart(BenchReport r) {
        Optional<String> sweep = sweepParam(r.rows());
        String unit = r.rows().get(0).primary().unit();
        boolean multi = r.multiJdk();
        if (sweep.isPresent()) {
            String p = sweep.get();
            XYChart c = new XYChart("Score against " + p, p, unit).logX(true).logY(true);
            for (Sweep s : sweeps(r, p)) {
                c.series(s.name(), s.x(), s.y(), s.error());
                if (s.fit() != null) {
                    double[] fy = new double[s.x().length];
                    for (int i = 0; i < fy.length; i++) fy[i] = s.fit().predict(s.x()[i]);
                    c.fit(s.name() + ": " + s.fit().label(), s.x(), fy);
                }
            }
            return c;
        }
        BarChart c = new BarChart("%bench scores", unit);
        for (BenchRow row : r.rows()) {
            String label = row.name() + (row.params().isEmpty() ? "" : " (" + row.result().paramsText() + ")");
            c.bar(label, multi ? row.jdk() : null, row.primary().score(),
                    Double.isFinite(row.primary().error()) ? row.primary().error() : 0);
        }
        c.format(v -> Units.score(v, unit));
        double min = r.rows().stream().mapToDouble(x -> x.primary().score()).filter(v -> v > 0).min().orElse(1);
        double max = r.rows().stream().mapToDouble(x -> x.primary().score()).max().orElse(1);
        if (max / min > 100) c.logScale(true);
        return c;
    }

    /** The one @Param with ≥ 3 numeric values, if there is exactly one such. */
    static Optional<String> sweepParam(List<BenchRow> rows) {
        if (rows.isEmpty()) return Optional.empty();
        List<String> candidates = new ArrayList<>();
        for (String name : rows.get(0).params().keySet()) {
            List<String> values = rows.stream().map(r -> r.params().get(name)).distinct().toList();
            boolean numeric = values.stream().allMatch(v -> v != null && v.matches("[0-9]+(\\.[0-9]+)?([eE][0-9]+)?")
                    && Double.parseDouble(v) > 0);
            if (numeric && values.size() >= 3) candidates.add(name);
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    static MimeBundle environment(List<Environment> envs) {
        if (envs.size() == 1) return Bundles.environment(envs.get(0).toDisplayMap());
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Environment e : envs) {
            String prefix = "JDK " + e.jdkFeature() + " · ";
            e.toDisplayMap().forEach((k, v) -> merged.put(prefix + k, v));
        }
        return Bundles.environment(merged);
    }

    static MimeBundle warnings(List<Warning> warnings) {
        return Bundles.warnings(warnings.stream().map(Warning::message).toList());
    }

    static MimeBundle budgets(BenchReport r) {
        StringBuilder sb = new StringBuilder();
        for (Budget.Outcome o : r.budgets()) sb.append(o.describe()).append('\n');
        Table t = new Table().caption("Budgets").column("Result").column("Benchmark").column("Metric")
                .column(Column.right("Value")).column("Budget");
        for (Budget.Outcome o : r.budgets()) {
            t.row(Cell.of((o.passed() ? "pass" : "FAIL") + (o.marginal() ? " (marginal)" : ""),
                            o.passed() ? Status.PASS : Status.FAIL), Cell.of(o.row()), Cell.of(o.budget().metric()),
                    Cell.of(o.valueText()), Cell.of(o.budget().op() + " " + Units.sig3(o.converted()) + " " + o.unit()));
        }
        return MimeBundle.builder().text(sb.toString()).html(t.toHtml()).build();
    }
}

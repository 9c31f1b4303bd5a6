package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.stats.Units;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.parse.jfr.AllocationProfile;
import dev.perfkernel.magics.parse.jfr.AllocationProfile.By;
import dev.perfkernel.magics.parse.jfr.AllocationSite;
import dev.perfkernel.magics.render.CellListing;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Cell;
import dev.perfkernel.magics.render.Column;
import dev.perfkernel.magics.render.FlameGraph;
import dev.perfkernel.magics.render.Status;
import dev.perfkernel.magics.render.Table;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders %alloc's results: summary, site tables, the cell listing, a flame graph, JSON. */
final class AllocReport {
    private AllocReport() {
    }

    static void show(MagicContext ctx, AllocOptions o, AllocMagic.AllocResults res, String code, int firstLine,
                     int executionCount, Jdk exactJdk, List<String> warnings) {
        List<BenchmarkAllocations> rows = res.rows();
        List<String> all = new ArrayList<>(warnings);
        for (BenchmarkAllocations r : rows) all.addAll(rowWarnings(r, o.bench().quick()));

        ctx.output().stdout(summary(rows, res.savedFiles()));
        ctx.output().display(Bundles.table(summaryTable(rows, o.noEscape())));
        List<String> shownMethods = new ArrayList<>();
        for (BenchmarkAllocations r : rows) {
            // a @Param sweep repeats the same sites: detail the first combination of each method
            if (shownMethods.contains(r.jdkLabel() + r.method())) continue;
            shownMethods.add(r.jdkLabel() + r.method());
            String title = rows.size() > 1 ? r.label() + " on " + r.jdkLabel() + ": " : "";
            if (r.exact() != null) {
                ctx.output().display(Bundles.table(exactSites(title, r.exact(), o.by(), o.top())));
                ctx.output().display(Bundles.table(exactCumulative(title, r.exact(), o.by(), o.top())));
            }
            if (r.sampled() != null && r.sampled().totalCount() > 0) {
                ctx.output().display(Bundles.table(sampledSites(title, r.sampled(), o.by(), o.top())));
            }
            ctx.output().display(Bundles.table(listing(title, r, code, firstLine, executionCount)));
            AllocationProfile stacks = r.sampled() != null && r.sampled().totalCount() > 0 ? r.sampled()
                    : r.exact() == null ? null : r.exact().profile();
            if (stacks != null && stacks.totalBytes() > 0) {
                String what = stacks.sampled() ? "sampled allocation stacks (JFR, after JIT), bytes"
                        : "allocation stacks (instrumented, before escape analysis), bytes";
                ctx.output().display(Bundles.flameGraph(FlameGraph.parse(stacks.collapsedText()),
                        title + what, "bytes"));
            }
        }
        MimeBundle w = Bundles.warnings(all);
        if (w != null) ctx.output().display(w);
        if (!res.environments().isEmpty()) ctx.output().display(Bundles.environment(res.environments().get(0).toDisplayMap()));
        JsonObject json = json(rows, res, o, exactJdk, all);
        String variable = variable(o);
        ctx.output().display(MimeBundle.builder().text("%alloc result as application/json (also in the variable "
                + variable + ")").json(json).build());
        ctx.publish(variable, json.toString());
    }

    /** {@code -o NAME} names the session variable; %bench's default name becomes {@code _alloc} here. */
    static String variable(AllocOptions o) {
        String v = o.bench().variable();
        return v == null || v.equals("_bench") ? "_alloc" : v;
    }

    static String summary(List<BenchmarkAllocations> rows, List<String> saved) {
        StringBuilder sb = new StringBuilder();
        for (BenchmarkAllocations r : rows) {
            sb.append(r.label()).append(" on ").append(r.jdkLabel()).append(": ").append(bytes(r.bytesPerOp()))
                    .append("/op after JIT");
            if (r.exact() != null) {
                sb.append("; ").append(count(r.allocsPerOp())).append(" allocs/op and ").append(bytes(r.requestedBytesPerOp()))
                        .append("/op requested before escape analysis");
            }
            if (r.noEscape() != null) sb.append("; ").append(bytes(r.noEscapeBytesPerOp())).append("/op with -XX:-DoEscapeAnalysis");
            sb.append('\n');
        }
        if (!saved.isEmpty()) sb.append("Saved: ").append(String.join(", ", saved)).append('\n');
        return sb.toString();
    }

    static Table summaryTable(List<BenchmarkAllocations> rows, boolean noEscape) {
        Table t = new Table().caption("Allocation per operation")
                .column("benchmark").column("JDK")
                .column(Column.right("B/op after JIT").tooltip("JMH gc profiler: gc.alloc.rate.norm"))
                .column(Column.right("allocs/op").tooltip("instrumented run, before escape analysis"))
                .column(Column.right("requested B/op").tooltip("instrumented run, before escape analysis"))
                .column(Column.right("removed by EA").tooltip("requested minus after-JIT bytes"));
        if (noEscape) t.column(Column.right("B/op -XX:-DoEscapeAnalysis"));
        t.column(Column.right("time/op"));
        for (BenchmarkAllocations r : rows) {
            double removed = r.requestedBytesPerOp() - r.bytesPerOp();
            List<Cell> c = new ArrayList<>(List.of(Cell.of(r.label()), Cell.of(r.jdkLabel()),
                    Cell.of(bytes(r.bytesPerOp()), r.bytesPerOp() < 0.5 ? Status.PASS : Status.NONE),
                    Cell.of(count(r.allocsPerOp())), Cell.of(bytes(r.requestedBytesPerOp())),
                    Cell.of(Double.isNaN(removed) ? "" : removed > 0.5 ? bytes(removed) + " (" + pct(removed / r.requestedBytesPerOp()) + ")"
                            : "0 B", removed > 0.5 ? Status.BETTER : Status.NONE)));
            if (noEscape) c.add(Cell.of(bytes(r.noEscapeBytesPerOp())));
            c.add(Cell.of(String.format(Locale.ROOT, "%.4g %s", r.jmh().primary().score(), r.jmh().primary().unit())));
            t.row(c);
        }
        t.footnote("B/op after JIT is what the optimised code allocates (JMH -prof gc). allocs/op and requested B/op "
                + "count what the bytecode asks for, before escape analysis (instrumented run, C1 only); the difference "
                + "is the work escape analysis (scalar replacement) did.");
        return t;
    }

    static Table exactSites(String title, ExactAllocationRun.Result ex, By by, int top) {
        AllocationProfile p = ex.profile();
        Table t = new Table().caption(title + "Allocation sites by " + word(by) + " (exact, per op, before escape analysis)")
                .column("type").column("site").column("line")
                .column(Column.right("allocs/op")).column(Column.right("B/op")).column(Column.right("% of " + word(by)));
        for (AllocationSite s : p.top(by, top, false)) {
            long part = by == By.BYTES ? s.bytes() : s.count();
            long total = by == By.BYTES ? p.totalBytes() : p.totalCount();
            t.row(Cell.of(s.type()), Cell.of(s.shortFrame(), s.user() ? Status.WARN : Status.NONE).title(s.frame()),
                    Cell.of(s.location()), Cell.of(count(perOp(s.count(), ex.ops()))),
                    Cell.of(bytes(perOp(s.bytes(), ex.ops()))), Cell.of(pct(total == 0 ? 0 : (double) part / total)));
        }
        t.footnote("Flat: each allocation is credited to the innermost line of your code on its stack, even when a "
                + "library method did the allocating. " + ex.ops() + " operations counted.");
        return t;
    }

    static Table exactCumulative(String title, ExactAllocationRun.Result ex, By by, int top) {
        AllocationProfile p = ex.profile();
        Table t = new Table().caption(title + "Cumulative by line of your code (exact, per op): allocated while the line "
                        + "was on the stack").column("method").column("line")
                .column(Column.right("allocs/op")).column(Column.right("B/op"));
        for (AllocationSite s : p.top(by, top, true)) {
            t.row(Cell.of(s.shortFrame()).title(s.frame()), Cell.of(s.location()),
                    Cell.of(count(perOp(s.count(), ex.ops()))), Cell.of(bytes(perOp(s.bytes(), ex.ops()))));
        }
        return t;
    }

    static Table sampledSites(String title, AllocationProfile p, By by, int top) {
        Table t = new Table().caption(title + "Sampled allocation sites (JFR jdk.ObjectAllocationSample, after JIT)")
                .column("type").column("site").column("line")
                .column(Column.right("share of bytes").tooltip("sum of the samples' weights"))
                .column(Column.right("samples"));
        for (AllocationSite s : p.top(by, top, false)) {
            t.row(Cell.of(s.type()), Cell.of(s.shortFrame(), s.user() ? Status.WARN : Status.NONE).title(s.frame()),
                    Cell.of(s.location()), Cell.of(pct(p.totalBytes() == 0 ? 0 : (double) s.bytes() / p.totalBytes())),
                    Cell.of(Long.toString(s.count())));
        }
        t.footnote("Sampled: JFR records some allocations (at TLAB refills) and weights each by the bytes allocated since "
                + "the previous sample; shares are estimates, and a sample is not one object. Allocations escape analysis "
                + "removed never appear here.");
        return t;
    }

    static Table listing(String title, BenchmarkAllocations r, String code, int firstLine, int executionCount) {
        Map<CellLine, List<String>> values = new HashMap<>();
        Map<CellLine, Boolean> hot = new HashMap<>();
        Map<CellLine, AllocationProfile.LineTotals> exact = r.exact() == null ? Map.of() : r.exact().profile().cellLines();
        Map<CellLine, AllocationProfile.LineTotals> sampled = r.sampled() == null ? Map.of() : r.sampled().cellLines();
        long sampledTotal = r.sampled() == null ? 0 : r.sampled().totalBytes();
        long maxBytes = exact.values().stream().mapToLong(AllocationProfile.LineTotals::cumBytes).max().orElse(0);
        java.util.Set<CellLine> lines = new java.util.HashSet<>(exact.keySet());
        lines.addAll(sampled.keySet());
        long ops = r.exact() == null ? 0 : r.exact().ops();
        for (CellLine c : lines) {
            AllocationProfile.LineTotals e = exact.get(c);
            AllocationProfile.LineTotals s = sampled.get(c);
            values.put(c, List.of(e == null ? "" : count(perOp(e.cumCount(), ops)), e == null ? "" : bytes(perOp(e.cumBytes(), ops)),
                    s == null || sampledTotal == 0 ? "" : pct((double) s.cumBytes() / sampledTotal)));
            hot.put(c, e != null && maxBytes > 0 && e.cumBytes() * 2 >= maxBytes);
        }
        return CellListing.table(title + "The cell with allocations per line (exact per op, cumulative; sampled share after JIT)",
                code, firstLine, executionCount, List.of("allocs/op", "B/op", "sampled"), values, hot);
    }

    static List<String> rowWarnings(BenchmarkAllocations r, boolean quick) {
        List<String> w = new ArrayList<>();
        double after = r.bytesPerOp();
        double requested = r.requestedBytesPerOp();
        if (!Double.isNaN(after) && !Double.isNaN(requested) && after > requested + 8) {
            w.add(r.label() + ": the optimised code allocates more (" + bytes(after) + "/op) than the instrumented run saw "
                    + "requested (" + bytes(requested) + "/op). The instrumenter cannot see allocations made by JVM "
                    + "intrinsics, Unsafe, Object.clone or classes generated at run time (lambdas, method handles), so "
                    + "allocs/op is a lower bound here.");
        }
        if (quick && !Double.isNaN(after) && !Double.isNaN(requested) && after > 0.5 && after < requested - 0.5
                && Math.abs(after - Math.rint(after)) > 0.05) {
            w.add(r.label() + ": B/op after JIT is not a whole number and below the requested bytes: part of the run "
                    + "was probably measured before C2 (and its escape analysis) compiled the code. Warm up longer "
                    + "than --quick does (e.g. -wi 5 -w 500ms).");
        }
        if (Double.isNaN(r.bytesPerOp())) {
            w.add(r.label() + ": JMH reported no gc.alloc.rate.norm, so B/op after JIT is unknown.");
        } else if (r.exact() != null && r.requestedBytesPerOp() > 0 && r.bytesPerOp() < 0.5) {
            w.add(r.label() + ": the code asks for " + bytes(r.requestedBytesPerOp()) + "/op but allocates nothing after "
                    + "the JIT: escape analysis removed every allocation. A change that makes an object escape (a field "
                    + "store, a call that is not inlined) brings them back.");
        }
        if (r.sampled() != null && r.bytesPerOp() > 0.5 && r.sampled().totalCount() > 0 && r.sampled().totalCount() < 100) {
            w.add(r.label() + ": only " + r.sampled().totalCount() + " allocation samples: the sampled shares are rough.");
        }
        return w;
    }

    static JsonObject json(List<BenchmarkAllocations> rows, AllocMagic.AllocResults res, AllocOptions o, Jdk exactJdk,
                           List<String> warnings) {
        JsonArray benchmarks = new JsonArray();
        for (BenchmarkAllocations r : rows) benchmarks.add(row(r, o));
        JsonObject top = benchmarks.isEmpty() ? new JsonObject() : benchmarks.get(0).getAsJsonObject().deepCopy();
        top.add("benchmarks", benchmarks);
        if (!res.environments().isEmpty()) top.add("environment", environment(res.environments().get(0)));
        if (exactJdk != null) top.addProperty("exact_counts_jdk", exactJdk.feature());
        JsonArray w = new JsonArray();
        warnings.forEach(w::add);
        top.add("warnings", w);
        JsonArray files = new JsonArray();
        res.savedFiles().forEach(files::add);
        top.add("files", files);
        return top;
    }

    private static JsonObject environment(Environment e) {
        return e.toJson();
    }

    private static JsonObject row(BenchmarkAllocations r, AllocOptions o) {
        JsonObject j = new JsonObject();
        j.addProperty("benchmark", r.method());
        JsonObject params = new JsonObject();
        r.params().forEach(params::addProperty);
        j.add("params", params);
        j.addProperty("jdk", r.jdkLabel());
        num(j, "bytes_per_op", r.bytesPerOp());
        num(j, "allocs_per_op", r.allocsPerOp());
        num(j, "requested_bytes_per_op", r.requestedBytesPerOp());
        num(j, "no_escape_bytes_per_op", r.noEscapeBytesPerOp());
        j.addProperty("score", r.jmh().primary().score());
        j.addProperty("score_unit", r.jmh().primary().unit());
        JsonArray sites = new JsonArray();
        if (r.exact() != null) {
            for (AllocationSite s : r.exact().profile().top(o.by(), Math.max(o.top(), 20), false)) {
                JsonObject x = site(s);
                // exact sites are per operation, like bytes_per_op
                x.addProperty("bytes", perOp(s.bytes(), r.exact().ops()));
                x.addProperty("count", perOp(s.count(), r.exact().ops()));
                sites.add(x);
            }
        }
        if (r.sampled() != null) {
            for (AllocationSite s : r.sampled().top(o.by(), Math.max(o.top(), 20), false)) {
                JsonObject x = site(s);
                x.addProperty("bytes", s.bytes());
                x.addProperty("count", s.count());
                x.addProperty("share", r.sampled().totalBytes() == 0 ? 0 : (double) s.bytes() / r.sampled().totalBytes());
                sites.add(x);
            }
        }
        j.add("sites", sites);
        if (r.exact() != null) j.addProperty("exact_ops", r.exact().ops());
        if (r.sampled() != null) j.addProperty("samples", r.sampled().totalCount());
        return j;
    }

    private static JsonObject site(AllocationSite s) {
        JsonObject x = new JsonObject();
        x.addProperty("type", s.type());
        x.addProperty("frame", s.frame());
        x.addProperty("line", s.cell() != null ? s.cell().line() : s.sourceLine());
        x.addProperty("cell_line", s.cell() != null);
        x.addProperty("java_line", s.sourceLine());
        x.addProperty("user", s.user());
        x.addProperty("sampled", s.sampled());
        return x;
    }

    private static void num(JsonObject j, String k, double v) {
        if (Double.isNaN(v)) j.add(k, com.google.gson.JsonNull.INSTANCE);
        else j.addProperty(k, v);
    }

    static double perOp(long v, long ops) {
        return ops == 0 ? Double.NaN : (double) v / ops;
    }

    /** Bytes as every magic prints them ({@link Units#bytes}); a dash for a figure that was not measured. */
    static String bytes(double b) {
        return Double.isNaN(b) ? "–" : Units.bytes(b);
    }

    static String count(double c) {
        if (Double.isNaN(c)) return "–";
        if (Math.abs(c - Math.rint(c)) < 0.005) return String.format(Locale.ROOT, "%.0f", c);
        return String.format(Locale.ROOT, "%.2f", c);
    }

    static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

    private static String word(By by) {
        return by == By.BYTES ? "bytes" : "count";
    }
}

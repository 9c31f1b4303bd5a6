package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.render.CellListing;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.parse.jfr.FrameStat;
import dev.perfkernel.magics.parse.jfr.Profile;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Cell;
import dev.perfkernel.magics.render.Column;
import dev.perfkernel.magics.render.FlameGraph;
import dev.perfkernel.magics.render.Status;
import dev.perfkernel.magics.render.Table;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link Profile} into pprof-style tables, a cell listing, a flame graph and JSON. */
final class ProfileReport {
    private ProfileReport() {
    }

    /** pprof's {@code top}: flat, flat%, sum%, cum, cum%, then the method. */
    static Table topMethods(Profile p, int n, boolean cumulative) {
        ProfileEvent e = p.event();
        Table t = new Table().caption("Top " + n + " methods by " + (cumulative ? "cumulative" : "flat") + " "
                        + Weights.unitLabel(e) + " (" + Weights.format(e, p.totalWeight()) + " " + totalWord(e) + ")")
                .column(Column.right("flat").tooltip("in the method itself (innermost frame)"))
                .column(Column.right("flat%")).column(Column.right("sum%"))
                .column(Column.right("cum").tooltip("in the method or anything it called"))
                .column(Column.right("cum%")).column("method");
        long sum = 0;
        for (FrameStat f : p.topMethods(n, cumulative)) {
            sum += f.flat();
            t.row(Cell.of(Weights.format(e, f.flat())), Cell.of(Weights.percent(f.flat(), p.totalWeight())),
                    Cell.of(cumulative ? "" : Weights.percent(sum, p.totalWeight())),
                    Cell.of(Weights.format(e, f.cum())), Cell.of(Weights.percent(f.cum(), p.totalWeight())),
                    Cell.of(f.user() ? f.shortMethod() : f.method(), f.user() ? Status.WARN : Status.NONE).title(f.method()));
        }
        t.footnote("Highlighted methods are your code (the session and the cell).");
        return t;
    }

    /** The busiest source lines, with the cell line for the user's code. */
    static Table topLines(Profile p, int n) {
        ProfileEvent e = p.event();
        Table t = new Table().caption("Top " + n + " lines by flat " + Weights.unitLabel(e))
                .column(Column.right("flat")).column(Column.right("flat%"))
                .column(Column.right("cum")).column(Column.right("cum%"))
                .column("method").column(Column.right("java line")).column("cell line");
        for (FrameStat f : p.topLines(n, false)) {
            t.row(Cell.of(Weights.format(e, f.flat())), Cell.of(Weights.percent(f.flat(), p.totalWeight())),
                    Cell.of(Weights.format(e, f.cum())), Cell.of(Weights.percent(f.cum(), p.totalWeight())),
                    Cell.of(f.user() ? f.shortMethod() : f.method(), f.user() ? Status.WARN : Status.NONE).title(f.method()),
                    Cell.of(f.line() < 0 ? "" : Integer.toString(f.line())),
                    Cell.of(f.cell() == null ? "" : f.cell().toString()));
        }
        return t;
    }

    /** Flat and cumulative weight per cell line (a line can appear under several methods: summed). */
    static Map<CellLine, long[]> perCellLine(Profile p) {
        Map<CellLine, long[]> m = new HashMap<>();
        for (FrameStat f : p.lines()) {
            if (f.cell() == null) continue;
            long[] v = m.computeIfAbsent(f.cell(), k -> new long[2]);
            v[0] += f.flat();
            v[1] += f.cum();
        }
        return m;
    }

    static Table listing(Profile p, String body, int firstLine, int executionCount) {
        ProfileEvent e = p.event();
        Map<CellLine, List<String>> values = new HashMap<>();
        Map<CellLine, Boolean> hot = new HashMap<>();
        long max = 0;
        Map<CellLine, long[]> per = perCellLine(p);
        for (long[] v : per.values()) max = Math.max(max, v[1]);
        for (Map.Entry<CellLine, long[]> en : per.entrySet()) {
            long[] v = en.getValue();
            values.put(en.getKey(), List.of(v[0] == 0 ? "." : Weights.format(e, v[0]), Weights.format(e, v[1]),
                    Weights.percent(v[1], p.totalWeight())));
            hot.put(en.getKey(), max > 0 && v[1] * 2 >= max);
        }
        return CellListing.table("The cell with " + Weights.unitLabel(e) + " per line (flat, cum, cum%)", body,
                firstLine, executionCount, List.of("flat", "cum", "cum%"), values, hot);
    }

    static MimeBundle flameGraph(Profile p, String title) {
        FlameGraph fg = FlameGraph.parse(p.collapsedText());
        return Bundles.flameGraph(fg, title, Weights.unitLabel(p.event()));
    }

    static JsonObject json(Profile p, int top, long calls) {
        JsonObject o = new JsonObject();
        o.addProperty("event", p.event().optionName());
        o.addProperty("unit", p.event().unit());
        o.addProperty("samples", p.samples());
        o.addProperty("total", p.totalWeight());
        if (calls >= 0) o.addProperty("calls", calls);
        JsonArray frames = new JsonArray();
        for (FrameStat f : p.topMethods(Math.max(top, 50), false)) frames.add(frame(f));
        o.add("frames", frames);
        JsonArray lines = new JsonArray();
        for (FrameStat f : p.topLines(Math.max(top, 50), false)) lines.add(frame(f));
        o.add("lines", lines);
        return o;
    }

    private static JsonObject frame(FrameStat f) {
        JsonObject j = new JsonObject();
        j.addProperty("method", f.method());
        j.addProperty("line", f.line());
        j.addProperty("flat", f.flat());
        j.addProperty("cum", f.cum());
        j.addProperty("user", f.user());
        if (f.cell() != null) {
            j.addProperty("cell_line", f.cell().line());
            if (f.cell().executionCount() > 0) j.addProperty("execution_count", f.cell().executionCount());
        }
        return j;
    }

    private static String totalWord(ProfileEvent e) {
        return e == ProfileEvent.CPU ? "in total" : "total";
    }

    static List<String> describeWarnings(Profile p, ProfileEvent e, long userSamples) {
        List<String> w = new ArrayList<>();
        if (p.samples() == 0) {
            w.add(switch (e) {
                case LOCK -> "No lock contention was recorded: no thread blocked on a monitor or parked on a lock.";
                case ALLOC -> "No allocation was sampled: the cell may not allocate (or escape analysis removed it).";
                default -> "No samples were recorded; run longer with --duration.";
            });
        } else if (e == ProfileEvent.CPU && p.samples() < 200) {
            w.add("Only " + p.samples() + " CPU samples: percentages are rough; run longer with --duration.");
        }
        if (p.samples() > 0 && userSamples == 0) {
            w.add("No sample has the cell's code on its stack: the time went elsewhere (JIT, GC, class loading).");
        }
        return w;
    }
}

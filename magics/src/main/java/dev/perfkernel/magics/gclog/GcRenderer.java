package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.parse.gclog.GcEvent;
import dev.perfkernel.magics.parse.gclog.GcKind;
import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.render.BarChart;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.render.Chart;
import dev.perfkernel.magics.render.Column;
import dev.perfkernel.magics.render.GcTimelineChart;
import dev.perfkernel.magics.render.Table;
import dev.perfkernel.magics.render.XYChart;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns {@link GcRun}s into displays: summary, events, timeline chart; for comparisons a table and a chart. */
final class GcRenderer {
    /** Event rows shown before the collapsible rest. */
    static final int VISIBLE_EVENTS = 15;
    /** Event rows inside the collapsible section (the raw log and the JSON hold more). */
    static final int MAX_EVENT_ROWS = 500;

    private GcRenderer() {
    }

    static Table summary(GcRun r, GcLogOptions options) {
        GcLog log = r.log();
        Table t = new Table().caption("GC summary: " + r.label() + " (" + r.collector() + ", " + r.jdk().label() + ")")
                .column("Metric").column(Column.right("Value"));
        t.row("Run", options.repetition() + (r.calls() >= 0 ? ", " + Units.count(r.calls()) + " calls of the cell" : "")
                + (r.outOfMemory() ? ", ended by OutOfMemoryError" : ""));
        t.row("Collections", log.gcCount() + (log.byKind().isEmpty() ? "" : " (" + kinds(log) + ")"));
        if (!log.causes().isEmpty()) t.row("Causes", causes(log.causes()));
        t.row("Pauses", log.pauses().count() + ", total " + ms(log.pauses().totalMs()));
        t.row("Pause p50 / p90 / p99 / max", ms(log.pauses().p50Ms()) + " / " + ms(log.pauses().p90Ms()) + " / "
                + ms(log.pauses().p99Ms()) + " / " + ms(log.pauses().maxMs()));
        t.row("GC throughput (time not paused)", Units.percent(log.throughput()));
        if (log.allocationStalls() > 0) {
            t.row("Allocation stalls (threads waiting for memory)", log.allocationStalls() + ", total "
                    + ms(log.allocationStallMs()));
        }
        if (r.measured() != null) {
            t.row("Allocation rate (cell's thread)", mbs(r.allocRateMbPerS()) + " ("
                    + mb(r.measured().allocatedBytes() / 1048576.0) + " in " + Units.sig3(r.measured().seconds()) + " s)");
        } else {
            t.row("Allocation rate (GC log estimate)", mbs(log.allocRateMbPerS()) + " (" + mb(log.allocatedMb()) + " in "
                    + Units.sig3(log.lastUptimeS()) + " s)");
        }
        t.row("Peak heap", mb(log.peakHeapMb()) + (Double.isNaN(log.heapMaxMb()) ? "" : " of " + mb(log.heapMaxMb()) + " max"));
        t.row("Heap after GC, mean / max (live set)", mb(log.heapAfterAvgMb()) + " / " + mb(log.heapAfterMaxMb()));
        if (!log.concurrentPhases().isEmpty()) {
            String top = log.concurrentPhases().entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue().totalMs(), a.getValue().totalMs())).limit(3)
                    .map(e -> e.getKey() + " " + ms(e.getValue().totalMs()) + " (" + e.getValue().count() + "×)")
                    .collect(Collectors.joining(", "));
            t.row("Longest concurrent phases (total)", top);
        }
        t.row("Raw GC log", r.savedLog().toString());
        t.footnote("Pause figures count every stop-the-world pause, including the short pauses of concurrent "
                + "collectors, over the whole log (JVM start-up included). The allocation rate is the JVM's "
                + "allocation counter of the thread running the cell over the timed loop; when the run ended "
                + "abnormally it is estimated from heap occupancy between collections.");
        return t;
    }

    static Table events(GcRun r, int from, int to) {
        Table t = new Table().column(Column.right("GC")).column(Column.right("Uptime (s)")).column("Kind")
                .column("Name").column("Cause").column(Column.right("Heap before → after (committed)"))
                .column(Column.right("Pause")).column(Column.right("Duration"));
        List<GcEvent> ev = r.log().firstEvents();
        for (int i = from; i < Math.min(to, ev.size()); i++) {
            GcEvent e = ev.get(i);
            String heap = Double.isNaN(e.heapBeforeMb()) ? "" : mb(e.heapBeforeMb()) + " → " + mb(e.heapAfterMb())
                    + (Double.isNaN(e.heapCommittedMb()) ? "" : " (" + mb(e.heapCommittedMb()) + ")");
            String pause = Double.isNaN(e.pauseMs()) ? "" : ms(e.pauseMs()) + (e.pauses() > 1 ? " (" + e.pauses() + " pauses)" : "");
            String duration = e.kind().stopTheWorld() || Double.isNaN(e.durationMs()) ? "" : ms(e.durationMs());
            t.row(e.gcId() < 0 ? "" : Long.toString(e.gcId()), String.format(java.util.Locale.ROOT, "%.3f", e.uptimeS()),
                    e.kind().label(), e.name(), e.cause(), heap, pause, duration);
        }
        return t;
    }

    /** The first events, and the rest (bounded) in a collapsible section; null parts when there are none. */
    static List<MimeBundle> eventBundles(GcRun r) {
        List<MimeBundle> out = new ArrayList<>();
        GcLog log = r.log();
        if (log.eventCount() == 0) return out;
        int kept = log.firstEvents().size();
        Table first = events(r, 0, VISIBLE_EVENTS).caption("GC events: " + r.label() + " (first "
                + Math.min(VISIBLE_EVENTS, kept) + " of " + log.eventCount() + ")");
        out.add(Bundles.table(first));
        if (kept > VISIBLE_EVENTS) {
            int to = Math.min(kept, MAX_EVENT_ROWS);
            Table rest = events(r, VISIBLE_EVENTS, to);
            String label = "Events " + (VISIBLE_EVENTS + 1) + "–" + to + " of " + log.eventCount()
                    + (log.eventCount() > to ? " (all of them are in the raw log and in the JSON up to "
                    + GcReportJson.MAX_EVENTS + ")" : "");
            out.add(Bundles.details(label, rest.toHtmlTable(), rest.toText(), false));
        }
        return out;
    }

    /** Heap before/after and pauses over time; for a log without collections (Epsilon), heap use over time. */
    static Chart chart(GcRun r) {
        GcLog log = r.log();
        if (log.eventCount() > 0 || log.heapPoints().isEmpty()) return timeline(r);
        List<GcLog.HeapPoint> points = log.heapPoints();
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).uptimeS();
            y[i] = points.get(i).usedMb();
        }
        return new XYChart("Heap used over time (no collections): " + r.label() + " (" + r.collector() + ")",
                "JVM uptime (s)", "heap used (MB)").lines(true).series("heap used", x, y, null);
    }

    static GcTimelineChart timeline(GcRun r) {
        GcLog log = r.log();
        GcTimelineChart c = new GcTimelineChart("Heap and pauses over time: " + r.label() + " (" + r.collector() + ")");
        if (!Double.isNaN(log.heapMaxMb())) c.heapCapacity(log.heapMaxMb());
        for (GcEvent e : log.sampledEvents()) {
            c.event(e.uptimeS(), e.heapBeforeMb(), e.heapAfterMb(), e.pauseMs(), e.kind().label());
        }
        return c;
    }

    static Table comparison(List<GcRun> runs) {
        Table t = new Table().caption("GC comparison (" + runs.size() + " configurations)")
                .column("Configuration").column("Collector").column("JVM").column(Column.right("GCs"))
                .column(Column.right("Pauses")).column(Column.right("Total pause")).column(Column.right("p50"))
                .column(Column.right("p99")).column(Column.right("Max")).column(Column.right("Throughput"))
                .column(Column.right("Alloc rate")).column(Column.right("Peak heap"))
                .column(Column.right("Heap after GC"));
        for (GcRun r : runs) {
            GcLog l = r.log();
            t.row(r.label() + (r.outOfMemory() ? " (OOM)" : ""), r.collector(), "JDK " + r.jdk().feature(),
                    Long.toString(l.gcCount()), Long.toString(l.pauses().count()), ms(l.pauses().totalMs()),
                    ms(l.pauses().p50Ms()), ms(l.pauses().p99Ms()), ms(l.pauses().maxMs()),
                    Units.percent(l.throughput()), mbs(r.allocRateMbPerS()), mb(l.peakHeapMb()),
                    mb(l.heapAfterAvgMb()));
        }
        t.footnote("Same cell, same repetition; each configuration in its own forked JVM. Alloc rate: the JVM's "
                + "allocation counter of the cell's thread. Heap after GC is the mean occupancy after collections "
                + "(live set plus floating garbage).");
        return t;
    }

    static BarChart comparisonChart(List<GcRun> runs) {
        BarChart c = new BarChart("GC pauses by configuration", "pause (ms, log scale)").logScale(true)
                .format(v -> ms(v));
        for (GcRun r : runs) {
            GcLog l = r.log();
            bar(c, r.label(), "p50", l.pauses().p50Ms());
            bar(c, r.label(), "p99", l.pauses().p99Ms());
            bar(c, r.label(), "max", l.pauses().maxMs());
        }
        return c;
    }

    private static void bar(BarChart c, String label, String group, double v) {
        if (Double.isFinite(v) && v > 0) c.bar(label, group, v, Double.NaN);
    }

    private static String kinds(GcLog log) {
        List<String> parts = new ArrayList<>();
        for (GcKind k : GcKind.values()) if (log.count(k) > 0) parts.add(log.count(k) + " " + k.label());
        return String.join(", ", parts);
    }

    private static String causes(Map<String, Long> causes) {
        return causes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String ms(double v) {
        return Double.isFinite(v) ? Units.duration(v, "ms") : "–";
    }

    static String mb(double v) {
        return Double.isFinite(v) ? Units.sig3(v) + " MB" : "–";
    }

    static String mbs(double v) {
        return Double.isFinite(v) ? Units.sig3(v) + " MB/s" : "–";
    }
}

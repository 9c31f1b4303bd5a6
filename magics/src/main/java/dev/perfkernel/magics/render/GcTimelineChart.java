package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * GC over time in two stacked panels sharing the time axis: heap before and after each
 * collection (the saw-tooth of allocation and reclamation), and each pause as a stem whose
 * height is its duration, coloured by kind (young, mixed, full, ...).
 *
 * <pre>{@code
 * new GcTimelineChart("G1, -Xmx256m")
 *     .event(0.512, 24.0, 3.1, 2.4, "Young")
 *     .event(1.030, 27.0, 3.3, 2.1, "Young");
 * }</pre>
 * Heap figures are in MiB as GC logs print them ("M" is 1024² bytes). Events without a heap
 * figure (NaN) appear only as pauses, and concurrent phases without a pause (NaN or 0) only on
 * the heap panel.
 */
public final class GcTimelineChart implements Chart {

    /** @param timeSec JVM uptime in seconds; heap in MiB; pauseMs may be NaN for concurrent work */
    public record Event(double timeSec, double heapBeforeMiB, double heapAfterMiB, double pauseMs, String kind) {}

    private final String title;
    private final List<Event> events = new ArrayList<>();
    private double heapCapacityMiB = Double.NaN;

    public GcTimelineChart(String title) {
        this.title = title;
    }

    /** An event; one without a finite time is ignored (it cannot be placed). */
    public GcTimelineChart event(double timeSec, double heapBeforeMiB, double heapAfterMiB, double pauseMs, String kind) {
        if (!Double.isFinite(timeSec)) return this;
        events.add(new Event(timeSec, heapBeforeMiB, heapAfterMiB, pauseMs, kind == null ? "GC" : kind));
        return this;
    }

    /** The maximum heap (-Xmx), drawn as a dashed ceiling line on the heap panel. */
    public GcTimelineChart heapCapacity(double mib) {
        this.heapCapacityMiB = mib;
        return this;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    private List<String> kinds() {
        LinkedHashSet<String> k = new LinkedHashSet<>();
        for (Event e : events) if (hasPause(e)) k.add(e.kind());
        return new ArrayList<>(k);
    }

    private static boolean hasPause(Event e) {
        return Double.isFinite(e.pauseMs()) && e.pauseMs() > 0;
    }

    private static boolean hasHeap(Event e) {
        return Double.isFinite(e.heapBeforeMiB()) && Double.isFinite(e.heapAfterMiB());
    }

    @Override
    public String svg() {
        double width = 640, height = 400, left = 70, right = 20;
        double heapTop = 58, heapBottom = 230, pauseTop = 262, pauseBottom = 352;
        Svg svg = new Svg(width, height);
        svg.title(title);
        if (events.isEmpty()) {
            svg.text(width / 2, height / 2, "no GC events", "middle", 12, Svg.AXIS, null);
            return svg.finish();
        }
        double tmax = 0, hmax = 0, pmax = 0;
        for (Event e : events) {
            tmax = Math.max(tmax, e.timeSec());
            if (hasHeap(e)) hmax = Math.max(hmax, Math.max(e.heapBeforeMiB(), e.heapAfterMiB()));
            if (hasPause(e)) pmax = Math.max(pmax, e.pauseMs());
        }
        if (Double.isFinite(heapCapacityMiB)) hmax = Math.max(hmax, heapCapacityMiB);
        Scale x = Scale.linear(0, tmax, left, width - right, true);
        Scale xPause = x;
        Scale yHeap = Scale.linear(0, Math.max(hmax, 1), heapBottom, heapTop, true);
        Scale yPause = Scale.linear(0, Math.max(pmax, 0.1), pauseBottom, pauseTop, true);

        // Heap panel: gridlines without an x title (the pause panel carries it).
        Axes.left(svg, yHeap, left, width - right, null);
        svg.text(14, (heapTop + heapBottom) / 2, "heap (MiB)", "middle", 12, Svg.INK,
                "transform=\"rotate(-90 14 " + Svg.n((heapTop + heapBottom) / 2) + ")\"");
        for (Ticks.Tick t : x.ticks()) svg.line(x.map(t.value()), heapTop, x.map(t.value()), heapBottom, Svg.GRID, 1, null);
        svg.line(left, heapBottom, width - right, heapBottom, Svg.AXIS, 1, null);
        if (Double.isFinite(heapCapacityMiB)) {
            double cy = yHeap.map(heapCapacityMiB);
            svg.line(left, cy, width - right, cy, "#999", 1, "stroke-dasharray=\"4 3\"");
            svg.text(width - right - 4, cy - 4, "max heap " + Units.sig3(heapCapacityMiB) + " MiB", "end", 10, "#777", null);
        }
        // Saw-tooth: before → after drop at each GC, after → next before as allocation.
        List<Event> heap = events.stream().filter(GcTimelineChart::hasHeap).toList();
        if (!heap.isEmpty()) {
            double[] xs = new double[heap.size() * 2], ys = new double[heap.size() * 2];
            for (int i = 0; i < heap.size(); i++) {
                Event e = heap.get(i);
                xs[2 * i] = x.map(e.timeSec());
                ys[2 * i] = yHeap.map(e.heapBeforeMiB());
                xs[2 * i + 1] = x.map(e.timeSec());
                ys[2 * i + 1] = yHeap.map(e.heapAfterMiB());
            }
            svg.polyline(xs, ys, "#9db7d5", 1.2, null);
            for (Event e : heap) {
                svg.circle(x.map(e.timeSec()), yHeap.map(e.heapBeforeMiB()), 2.6, Palette.category(0),
                        String.format(java.util.Locale.ROOT, "%.3f s %s: before %s MiB", e.timeSec(), e.kind(),
                                Units.sig3(e.heapBeforeMiB())));
                svg.circle(x.map(e.timeSec()), yHeap.map(e.heapAfterMiB()), 2.6, Palette.category(1),
                        String.format(java.util.Locale.ROOT, "%.3f s %s: after %s MiB", e.timeSec(), e.kind(),
                                Units.sig3(e.heapAfterMiB())));
            }
        }
        Axes.legend(svg, left, 46, List.of("heap before GC", "heap after GC"),
                List.of(Palette.category(0), Palette.category(1)), false);

        // Pause panel.
        List<String> kinds = kinds();
        Axes.left(svg, yPause, left, width - right, null);
        svg.text(14, (pauseTop + pauseBottom) / 2, "pause (ms)", "middle", 12, Svg.INK,
                "transform=\"rotate(-90 14 " + Svg.n((pauseTop + pauseBottom) / 2) + ")\"");
        Axes.bottom(svg, xPause, pauseTop, pauseBottom, "time since JVM start (s)");
        for (Event e : events) {
            if (!hasPause(e)) continue;
            String c = Palette.category(2 + kinds.indexOf(e.kind()));
            double px = x.map(e.timeSec());
            svg.line(px, yPause.map(0), px, yPause.map(e.pauseMs()), c, 2, "class=\"pause\"");
            svg.circle(px, yPause.map(e.pauseMs()), 2.4, c,
                    String.format(java.util.Locale.ROOT, "%.3f s %s: pause %s", e.timeSec(), e.kind(),
                            Units.duration(e.pauseMs(), "ms")));
        }
        if (!kinds.isEmpty()) {
            List<String> colours = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) colours.add(Palette.category(2 + i));
            List<String> labels = kinds.stream().map(k -> k + " pause").toList();
            double w = 0;
            for (String l : labels) w += 18 + Svg.textWidth(l, 11) + 14;
            Axes.legend(svg, width - right - w, 250, labels, colours, false);
        }
        return svg.finish();
    }

    @Override
    public JsonObject vegaLite() {
        JsonObject spec = VegaLite.spec(title);
        JsonArray values = new JsonArray();
        for (Event e : events) {
            JsonObject row = new JsonObject();
            row.addProperty("time_s", e.timeSec());
            row.addProperty("kind", e.kind());
            if (hasHeap(e)) {
                row.addProperty("heap_before_mib", e.heapBeforeMiB());
                row.addProperty("heap_after_mib", e.heapAfterMiB());
            }
            if (hasPause(e)) row.addProperty("pause_ms", e.pauseMs());
            values.add(row);
        }
        spec.add("data", VegaLite.objOf("values", values));
        JsonArray panels = new JsonArray();

        JsonObject heap = new JsonObject();
        heap.addProperty("width", 540);
        heap.addProperty("height", 200);
        JsonArray fold = new JsonArray();
        JsonObject foldT = new JsonObject();
        JsonArray fields = new JsonArray();
        fields.add("heap_before_mib");
        fields.add("heap_after_mib");
        foldT.add("fold", fields);
        JsonArray as = new JsonArray();
        as.add("when");
        as.add("heap_mib");
        foldT.add("as", as);
        fold.add(foldT);
        // Readable legend entries instead of the field names.
        JsonObject calc = new JsonObject();
        calc.addProperty("calculate", "datum.when === 'heap_before_mib' ? 'heap before GC' : 'heap after GC'");
        calc.addProperty("as", "series");
        fold.add(calc);
        heap.add("transform", fold);
        JsonObject hm = VegaLite.obj("type", "point");
        hm.addProperty("filled", true);
        heap.add("mark", hm);
        JsonObject he = new JsonObject();
        he.add("x", VegaLite.field("time_s", "quantitative", "time since JVM start (s)"));
        he.add("y", VegaLite.field("heap_mib", "quantitative", "heap (MiB)"));
        JsonObject hc = VegaLite.field("series", "nominal", "");
        hc.add("scale", VegaLite.scale(List.of("heap before GC", "heap after GC"),
                List.of(Palette.category(0), Palette.category(1))));
        he.add("color", hc);
        he.add("tooltip", VegaLite.tooltip(VegaLite.field("time_s", "quantitative", "time (s)"),
                VegaLite.field("kind", "nominal", "kind"),
                VegaLite.field("heap_mib", "quantitative", "heap (MiB)")));
        heap.add("encoding", he);
        panels.add(heap);

        JsonObject pause = new JsonObject();
        pause.addProperty("width", 540);
        pause.addProperty("height", 100);
        JsonArray pf = new JsonArray();
        pf.add(VegaLite.obj("filter", "isValid(datum.pause_ms)"));
        pause.add("transform", pf);
        JsonObject pm = VegaLite.obj("type", "rule");
        pm.addProperty("strokeWidth", 2);
        pause.add("mark", pm);
        JsonObject pe = new JsonObject();
        pe.add("x", VegaLite.field("time_s", "quantitative", "time since JVM start (s)"));
        pe.add("y", VegaLite.field("pause_ms", "quantitative", "pause (ms)"));
        pe.add("y2", VegaLite.obj("datum", 0));
        JsonObject pc = VegaLite.field("kind", "nominal", "pause kind");
        List<String> kinds = kinds();
        List<String> kindColours = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) kindColours.add(Palette.category(2 + i));     // same colours as the SVG
        pc.add("scale", VegaLite.scale(kinds, kindColours));
        pe.add("color", pc);
        pe.add("tooltip", VegaLite.tooltip(VegaLite.field("time_s", "quantitative", "time (s)"),
                VegaLite.field("kind", "nominal", "kind"),
                VegaLite.field("pause_ms", "quantitative", "pause (ms)")));
        pause.add("encoding", pe);
        panels.add(pause);
        spec.add("vconcat", panels);
        JsonObject resolve = new JsonObject();
        resolve.add("scale", VegaLite.obj("color", "independent"));
        spec.add("resolve", resolve);
        return spec;
    }

    @Override
    public String summary() {
        int pauses = 0;
        double total = 0, max = 0, peak = 0;
        for (Event e : events) {
            if (hasPause(e)) {
                pauses++;
                total += e.pauseMs();
                max = Math.max(max, e.pauseMs());
            }
            if (hasHeap(e)) peak = Math.max(peak, e.heapBeforeMiB());
        }
        double span = events.isEmpty() ? 0 : events.get(events.size() - 1).timeSec() - events.get(0).timeSec();
        return String.format(java.util.Locale.ROOT, "%s: %d GC events over %.2f s, %d pauses totalling %s (max %s), peak heap %s MiB%n",
                title, events.size(), span, pauses, Units.duration(total, "ms"), Units.duration(max, "ms"), Units.sig3(peak));
    }
}

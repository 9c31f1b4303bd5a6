package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A distribution: counts per bin of one or more series on shared bins (linear or logarithmic),
 * with optional labelled markers such as p50/p99. For JMH's {@code sample} mode latencies and GC
 * pause durations, where an average hides the tail.
 *
 * <pre>{@code
 * new HistogramChart("GC pauses", "pause (ms)").series("G1", pauses).marker("p99", p99);
 * new HistogramChart("latency", "ns/op").logBins(true).weighted("sample", values, counts);
 * }</pre>
 */
public final class HistogramChart implements Chart {

    /** One bin of one series: [lo, hi) and how many values fell in it. */
    public record Bin(String series, double lo, double hi, long count) {}

    private record Series(String name, double[] values, long[] counts) {}

    private record Marker(String label, double value) {}

    private final String title, valueTitle;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private int binCount = 30;
    private boolean logBins;
    private DoubleFunction<String> format = Units::sig3;

    public HistogramChart(String title, String valueTitle) {
        this.title = title;
        this.valueTitle = valueTitle;
    }

    public HistogramChart series(String name, double[] values) {
        long[] ones = new long[values.length];
        java.util.Arrays.fill(ones, 1);
        return weighted(name, values, ones);
    }

    /** Pre-counted values, as JMH's {@code rawDataHistogram} gives them (value, count pairs). */
    public HistogramChart weighted(String name, double[] values, long[] counts) {
        if (values.length != counts.length) throw new IllegalArgumentException("values and counts differ in length");
        List<Double> v = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && counts[i] > 0) {
                v.add(values[i]);
                c.add(counts[i]);
            }
        }
        series.add(new Series(name, v.stream().mapToDouble(Double::doubleValue).toArray(),
                c.stream().mapToLong(Long::longValue).toArray()));
        return this;
    }

    public HistogramChart marker(String label, double value) {
        if (Double.isFinite(value)) markers.add(new Marker(label, value));
        return this;
    }

    public HistogramChart bins(int n) {
        if (n < 1) throw new IllegalArgumentException("at least one bin");
        binCount = n;
        return this;
    }

    /** Bins of equal width in log space (for values spanning decades); non-positive values are dropped. */
    public HistogramChart logBins(boolean on) {
        logBins = on;
        return this;
    }

    public HistogramChart format(DoubleFunction<String> f) {
        format = f;
        return this;
    }

    /** The shared bin edges, {@code binCount + 1} of them, or empty when there is no data. */
    double[] edges() {
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (Series s : series) for (double v : s.values()) {
            if (logBins && v <= 0) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min > max) return new double[0];
        if (min == max) {
            double pad = min == 0 ? 0.5 : Math.abs(min) * 0.05;
            min = logBins ? min / 1.1 : min - pad;
            max = logBins ? max * 1.1 : max + pad;
        }
        double[] e = new double[binCount + 1];
        for (int i = 0; i <= binCount; i++) {
            double t = (double) i / binCount;
            e[i] = logBins ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
        }
        e[0] = min;
        e[binCount] = max;
        return e;
    }

    /** Counts per bin and series; the last bin is closed so the maximum is counted. */
    public List<Bin> binned() {
        double[] e = edges();
        List<Bin> out = new ArrayList<>();
        if (e.length == 0) return out;
        for (Series s : series) {
            long[] c = new long[binCount];
            for (int i = 0; i < s.values().length; i++) {
                double v = s.values()[i];
                if (logBins && v <= 0) continue;
                int b = java.util.Arrays.binarySearch(e, v);
                int idx = b >= 0 ? Math.min(b, binCount - 1) : Math.min(-b - 2, binCount - 1);
                c[Math.max(idx, 0)] += s.counts()[i];
            }
            for (int k = 0; k < binCount; k++) out.add(new Bin(s.name(), e[k], e[k + 1], c[k]));
        }
        return out;
    }

    @Override
    public String svg() {
        double width = 640, height = 360, left = 64, right = 20, bottom = 48;
        List<String> names = series.stream().map(Series::name).toList();
        boolean legend = names.size() > 1;
        double top = 36 + (legend ? 18 : 0) + (markers.isEmpty() ? 0 : markers.size() == 1 ? 12 : 24);
        Svg svg = new Svg(width, height);
        svg.title(title);
        List<Bin> bins = binned();
        if (bins.isEmpty()) {
            svg.text(width / 2, height / 2, "no data", "middle", 12, Svg.AXIS, null);
            return svg.finish();
        }
        double[] e = edges();
        long maxCount = bins.stream().mapToLong(Bin::count).max().orElse(1);
        Scale x = logBins ? Scale.log(e[0], e[e.length - 1], left, width - right)
                : Scale.linear(e[0], e[e.length - 1], left, width - right, false);
        Scale y = Scale.linear(0, Math.max(1, maxCount), height - bottom, top, true);
        Axes.bottom(svg, x, top, height - bottom, valueTitle + (logBins ? " (log)" : ""));
        Axes.left(svg, y, left, width - right, "count");
        if (legend) {
            List<String> colours = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) colours.add(Palette.category(i));
            Axes.wrappedLegend(svg, 20, width - 20, 42, names, colours, false);
        }
        String opacity = legend ? " fill-opacity=\"0.6\"" : "";
        for (Bin b : bins) {
            if (b.count() == 0) continue;
            int si = names.indexOf(b.series());
            double x0 = x.map(b.lo()), x1 = x.map(b.hi());
            double y0 = y.map(b.count());
            svg.rectWithTitle(x0 + 0.5, y0, Math.max(x1 - x0 - 1, 0.5), y.map(0) - y0, Palette.category(si),
                    "class=\"bin\"" + opacity, b.series() + ": " + format.apply(b.lo()) + " – " + format.apply(b.hi())
                            + ": " + b.count());
        }
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            double mx = x.map(m.value());
            double ly = top - 7 - (i % 2) * 12;        // alternate label rows so close markers stay legible
            svg.line(mx, ly + 3, mx, height - bottom, "#444", 1.2, "stroke-dasharray=\"4 3\" class=\"marker\"");
            svg.text(mx, ly, m.label() + " " + format.apply(m.value()), "middle", 10, "#444", null);
        }
        return svg.finish();
    }

    @Override
    public JsonObject vegaLite() {
        JsonObject spec = VegaLite.spec(title);
        spec.addProperty("width", 520);
        spec.addProperty("height", 260);
        JsonArray values = new JsonArray();
        for (Bin b : binned()) {
            JsonObject row = new JsonObject();
            row.addProperty("series", b.series());
            row.addProperty("bin_start", b.lo());
            row.addProperty("bin_end", b.hi());
            row.addProperty("count", b.count());
            values.add(row);
        }
        spec.add("data", VegaLite.objOf("values", values));
        JsonArray layer = new JsonArray();
        JsonObject bars = new JsonObject();
        JsonObject mark = VegaLite.obj("type", "bar");
        if (series.size() > 1) mark.addProperty("opacity", 0.6);
        bars.add("mark", mark);
        JsonObject enc = new JsonObject();
        JsonObject xe = VegaLite.field("bin_start", "quantitative", valueTitle);
        JsonObject xs = new JsonObject();
        if (logBins) xs.addProperty("type", "log");
        xs.addProperty("zero", false);
        xe.add("scale", xs);
        enc.add("x", xe);
        enc.add("x2", VegaLite.obj("field", "bin_end"));
        JsonObject ye = VegaLite.field("count", "quantitative", "count");
        ye.add("stack", com.google.gson.JsonParser.parseString("false"));
        enc.add("y", ye);
        enc.add("y2", VegaLite.obj("datum", 0));      // vertical bars from 0: x/x2 alone would make them horizontal
        enc.add("color", VegaLite.field("series", "nominal", ""));
        enc.add("tooltip", VegaLite.tooltip(VegaLite.field("series", "nominal", "series"),
                VegaLite.field("bin_start", "quantitative", "from"),
                VegaLite.field("bin_end", "quantitative", "to"),
                VegaLite.field("count", "quantitative", "count")));
        bars.add("encoding", enc);
        layer.add(bars);
        for (Marker m : markers) {
            JsonObject rule = new JsonObject();
            JsonObject rm = VegaLite.obj("type", "rule");
            JsonArray dash = new JsonArray();
            dash.add(4);
            dash.add(3);
            rm.add("strokeDash", dash);
            rm.addProperty("color", "#444");
            rule.add("mark", rm);
            JsonObject renc = new JsonObject();
            renc.add("x", VegaLite.obj("datum", m.value()));
            rule.add("encoding", renc);
            layer.add(rule);
        }
        spec.add("layer", layer);
        return spec;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder(title).append(" (").append(valueTitle).append(")\n");
        for (Series s : series) {
            long n = 0;
            for (long c : s.counts()) n += c;
            sb.append("  ").append(s.name()).append(": ").append(n).append(" values\n");
        }
        for (Marker m : markers) sb.append("  ").append(m.label()).append(": ").append(format.apply(m.value())).append('\n');
        return sb.toString();
    }
}

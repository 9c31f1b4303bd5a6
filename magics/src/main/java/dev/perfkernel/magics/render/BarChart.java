package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars with error bars: one bar per row (benchmark, configuration), optionally
 * coloured and grouped side by side by a group (JDK, collector), and an optional dashed
 * baseline marker. Horizontal because benchmark names are long.
 *
 * <pre>{@code
 * new BarChart("Fibonacci", "time per op (ns)")
 *     .bar("fibRecursive", "JDK 17", 59.4, 1.2)
 *     .bar("fibIterative", "JDK 17", 37.1, 0.8)
 *     .baseline(59.4, "fibRecursive");
 * }</pre>
 */
public final class BarChart implements Chart {

    /** @param error half-width of the error bar (JMH's scoreError); NaN or 0 for none. Group may be null. */
    public record Bar(String label, String group, double value, double error) {
        public Bar {
            label = label == null ? "" : label;
        }
    }

    private final String title;
    private final String valueTitle;
    private final List<Bar> bars = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private DoubleFunction<String> format = Units::sig3;
    private boolean logScale;
    private Double baseline;
    private String baselineLabel;
    private double width = 640;

    public BarChart(String title, String valueTitle) {
        this.title = title;
        this.valueTitle = valueTitle;
    }

    /** A bar; a non-finite value (a failed benchmark) is shown in the text summary only. */
    public BarChart bar(String label, String group, double value, double error) {
        if (!Double.isFinite(value)) {
            skipped.add(label + (group == null ? "" : " [" + group + "]"));
            return this;
        }
        bars.add(new Bar(label, group, value, error));
        return this;
    }

    public BarChart bar(String label, double value, double error) {
        return bar(label, null, value, error);
    }

    /** How values are printed at the bar ends and in tooltips, e.g. {@code v -> Units.nanos(v)}. */
    public BarChart format(DoubleFunction<String> f) {
        this.format = f;
        return this;
    }

    /** Logarithmic value axis (for values spanning decades; bars then start at the axis minimum). */
    public BarChart logScale(boolean on) {
        this.logScale = on;
        return this;
    }

    /** A dashed reference line at {@code value}, labelled (e.g. the baseline benchmark's score). */
    public BarChart baseline(double value, String label) {
        this.baseline = Double.isFinite(value) ? value : null;
        this.baselineLabel = label;
        return this;
    }

    public BarChart width(double px) {
        this.width = px;
        return this;
    }

    public List<Bar> bars() {
        return List.copyOf(bars);
    }

    private List<String> labels() {
        Set<String> s = new LinkedHashSet<>();
        for (Bar b : bars) s.add(b.label());
        return new ArrayList<>(s);
    }

    private List<String> groups() {
        Set<String> s = new LinkedHashSet<>();
        for (Bar b : bars) s.add(b.group() == null ? "" : b.group());
        return new ArrayList<>(s);
    }

    private static boolean hasError(Bar b) {
        return Double.isFinite(b.error()) && b.error() > 0;
    }

    @Override
    public String svg() {
        List<String> labels = labels();
        List<String> groups = groups();
        boolean grouped = groups.size() > 1;
        double barH = grouped ? 16 : 20;
        double band = groups.size() * barH + 10;
        double labelW = 0;
        for (String l : labels) labelW = Math.max(labelW, Svg.textWidth(l, 12));
        double left = Math.min(260, Math.max(60, labelW + 16));
        int legendRows = grouped ? Axes.legendRows(groups, width - 40) : 0;
        double top = (grouped ? 36 + legendRows * 16 : 36) + (baseline != null ? 12 : 0);
        double right = 80, bottomMargin = 46;
        double plotH = Math.max(band * labels.size(), 60);
        double height = top + plotH + bottomMargin;
        Svg svg = new Svg(width, height);
        svg.title(title);
        if (bars.isEmpty()) {
            svg.text(width / 2, height / 2, "no data", "middle", 12, Svg.AXIS, null);
            return svg.finish();
        }
        Scale x = xScale(left, width - right);
        Axes.bottom(svg, x, top, top + plotH, valueTitle);
        if (grouped) {
            List<String> colours = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) colours.add(Palette.category(i));
            Axes.wrappedLegend(svg, 20, width - 20, 42, groups, colours, false);
        }
        double x0 = x.map(logScale ? x.domainMin() : 0);
        for (int li = 0; li < labels.size(); li++) {
            String label = labels.get(li);
            double bandTop = top + li * band + 5;
            svg.text(left - 8, bandTop + band / 2 - 1, Svg.fit(label, left - 12, 12), "end", 12, Svg.INK, null);
            for (Bar b : bars) {
                if (!b.label().equals(label)) continue;
                int gi = groups.indexOf(b.group() == null ? "" : b.group());
                double y = bandTop + gi * barH;
                // On a log axis a zero or negative value has no place: draw it as an empty bar at the axis.
                double xv = x.map(logScale ? Math.max(b.value(), x.domainMin()) : b.value());
                String tip = b.label() + (b.group() == null ? "" : " [" + b.group() + "]") + ": " + format.apply(b.value())
                        + (hasError(b) ? " ± " + format.apply(b.error()) : "");
                svg.rectWithTitle(Math.min(x0, xv), y + 1, Math.abs(xv - x0), barH - 2, Palette.category(gi),
                        "class=\"bar\"", tip);
                double end = xv;
                if (hasError(b)) {
                    double lo = x.map(Math.max(b.value() - b.error(), logScale ? x.domainMin() : -Double.MAX_VALUE));
                    double hi = x.map(b.value() + b.error());
                    double cy = y + barH / 2;
                    svg.line(lo, cy, hi, cy, "#222", 1.2, "class=\"errorbar\"");
                    svg.line(lo, cy - 4, lo, cy + 4, "#222", 1.2, null);
                    svg.line(hi, cy - 4, hi, cy + 4, "#222", 1.2, null);
                    end = Math.max(end, hi);
                }
                svg.text(end + 5, y + barH / 2 + 4, format.apply(b.value()), "start", 11, Svg.INK, null);
            }
        }
        if (baseline != null) {
            double bx = x.map(baseline);
            svg.line(bx, top - 4, bx, top + plotH, "#555", 1.2, "stroke-dasharray=\"5 3\" class=\"baseline\"");
            svg.text(bx, top - 7, baselineLabel == null ? "baseline" : "baseline: " + baselineLabel, "middle", 10,
                    "#555", null);
        }
        return svg.finish();
    }

    private Scale xScale(double r0, double r1) {
        double max = 0, min = Double.MAX_VALUE;
        for (Bar b : bars) {
            double hi = b.value() + (hasError(b) ? b.error() : 0);
            max = Math.max(max, hi);
            if (b.value() > 0) min = Math.min(min, b.value());
        }
        if (baseline != null) max = Math.max(max, baseline);
        if (logScale && min < Double.MAX_VALUE && max > 0) return Scale.log(min, max, r0, r1);
        return Scale.linear(Math.min(0, minValue()), max, r0, r1, true);
    }

    private double minValue() {
        double m = 0;
        for (Bar b : bars) m = Math.min(m, b.value());
        return m;
    }

    @Override
    public JsonObject vegaLite() {
        boolean grouped = groups().size() > 1;
        JsonObject spec = VegaLite.spec(title);
        spec.addProperty("width", width - 200);
        JsonObject height = new JsonObject();
        height.addProperty("step", grouped ? 16 : 22);
        spec.add("height", height);
        JsonArray values = new JsonArray();
        for (Bar b : bars) {
            JsonObject row = new JsonObject();
            row.addProperty("label", b.label());
            row.addProperty("group", b.group() == null ? "" : b.group());
            row.addProperty("value", b.value());
            if (hasError(b)) {
                row.addProperty("error", b.error());
                row.addProperty("lo", b.value() - b.error());
                row.addProperty("hi", b.value() + b.error());
            }
            if (!hasError(b)) row.addProperty("hi", b.value());
            row.addProperty("short", format.apply(b.value()));
            row.addProperty("text", format.apply(b.value()) + (hasError(b) ? " ± " + format.apply(b.error()) : ""));
            values.add(row);
        }
        JsonObject data = new JsonObject();
        data.add("values", values);
        spec.add("data", data);

        JsonArray layer = new JsonArray();
        JsonObject bar = new JsonObject();
        bar.add("mark", mark("bar"));
        JsonObject enc = baseEncoding(grouped);
        JsonObject x = VegaLite.field("value", "quantitative", valueTitle);
        if (logScale) {
            // Bars on a log axis need an explicit base (the axis minimum): the default base 0 has no log.
            double min = Double.MAX_VALUE, max = 0;
            for (Bar b : bars) {
                if (b.value() > 0) min = Math.min(min, b.value());
                max = Math.max(max, b.value() + (hasError(b) ? b.error() : 0));
            }
            JsonObject scale = VegaLite.obj("type", "log");
            if (min < Double.MAX_VALUE) {
                double[] d = Ticks.logDomain(min, max);
                JsonArray domain = new JsonArray();
                domain.add(d[0]);
                domain.add(d[1]);
                scale.add("domain", domain);
                enc.add("x2", VegaLite.obj("datum", d[0]));
            }
            x.add("scale", scale);
            x.addProperty("stack", false);
        } else {
            // Room right of the longest bar for its value label.
            double hi = 0;
            for (Bar b : bars) hi = Math.max(hi, b.value() + (hasError(b) ? b.error() : 0));
            if (baseline != null) hi = Math.max(hi, baseline);
            if (hi > 0) x.add("scale", VegaLite.obj("domainMax", Ticks.niceDomain(0, hi * 1.15, 5)[1]));
        }
        enc.add("x", x);
        if (grouped) {
            JsonObject color = VegaLite.field("group", "nominal", null);
            JsonObject scale = new JsonObject();
            JsonArray domain = new JsonArray(), range = new JsonArray();
            List<String> groups = groups();
            for (int i = 0; i < groups.size(); i++) {
                domain.add(groups.get(i));
                range.add(Palette.category(i));      // same colours and order as the SVG
            }
            scale.add("domain", domain);
            scale.add("range", range);
            color.add("scale", scale);
            enc.add("color", color);
        }
        else enc.add("color", VegaLite.obj("value", Palette.category(0)));
        JsonArray tooltip = new JsonArray();
        tooltip.add(VegaLite.field("label", "nominal", "benchmark"));
        if (grouped) tooltip.add(VegaLite.field("group", "nominal", "group"));
        tooltip.add(VegaLite.field("text", "nominal", valueTitle));
        enc.add("tooltip", tooltip);
        bar.add("encoding", enc);
        if (logScale) bar.add("transform", positiveOnly("value"));
        layer.add(bar);

        if (bars.stream().anyMatch(BarChart::hasError)) {
            JsonObject rule = new JsonObject();
            rule.add("mark", mark("rule"));
            JsonObject renc = baseEncoding(grouped);
            renc.add("x", VegaLite.field("lo", "quantitative", valueTitle));
            renc.add("x2", VegaLite.obj("field", "hi"));
            renc.add("color", VegaLite.obj("value", "#222"));
            rule.add("encoding", renc);
            if (logScale) rule.add("transform", positiveOnly("lo"));
            layer.add(rule);
        }
        JsonObject label = new JsonObject();
        JsonObject lm = mark("text");
        lm.addProperty("align", "left");
        lm.addProperty("dx", 4);
        lm.addProperty("fontSize", 10);
        label.add("mark", lm);
        JsonObject lenc = baseEncoding(grouped);
        lenc.add("x", VegaLite.field("hi", "quantitative", valueTitle));
        lenc.add("text", VegaLite.field("short", "nominal", ""));
        label.add("encoding", lenc);
        if (logScale) label.add("transform", positiveOnly("hi"));
        layer.add(label);
        if (baseline != null) {
            JsonObject rule = new JsonObject();
            JsonObject m = mark("rule");
            JsonArray dash = new JsonArray();
            dash.add(5);
            dash.add(3);
            m.add("strokeDash", dash);
            m.addProperty("color", "#555");
            rule.add("mark", m);
            JsonObject renc = new JsonObject();
            renc.add("x", VegaLite.obj("datum", baseline));
            rule.add("encoding", renc);
            layer.add(rule);
        }
        spec.add("layer", layer);
        return spec;
    }

    /** A log scale cannot place values ≤ 0; Vega would drop the whole layer, so filter them first. */
    private static JsonArray positiveOnly(String field) {
        JsonArray t = new JsonArray();
        t.add(VegaLite.obj("filter", "datum." + field + " > 0"));
        return t;
    }

    private static JsonObject mark(String type) {
        return VegaLite.obj("type", type);
    }

    private JsonObject baseEncoding(boolean grouped) {
        JsonObject enc = new JsonObject();
        JsonObject y = VegaLite.field("label", "nominal", null);
        JsonArray order = new JsonArray();   // keep insertion order (an explicit list survives any serializer)
        for (String l : labels()) order.add(l);
        y.add("sort", order);
        enc.add("y", y);
        if (grouped) {
            JsonObject off = VegaLite.field("group", "nominal", null);
            JsonArray groupOrder = new JsonArray();
            for (String g : groups()) groupOrder.add(g);
            off.add("sort", groupOrder);
            enc.add("yOffset", off);
        }
        return enc;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder(title).append(" (").append(valueTitle).append(")\n");
        for (Bar b : bars) {
            sb.append("  ").append(b.label());
            if (b.group() != null) sb.append(" [").append(b.group()).append(']');
            sb.append(": ").append(format.apply(b.value()));
            if (hasError(b)) sb.append(" ± ").append(format.apply(b.error()));
            sb.append('\n');
        }
        for (String k : skipped) sb.append("  ").append(k).append(": no result\n");
        if (baseline != null) sb.append("  baseline").append(baselineLabel == null ? "" : " (" + baselineLabel + ")")
                .append(": ").append(format.apply(baseline)).append('\n');
        return sb.toString();
    }
}

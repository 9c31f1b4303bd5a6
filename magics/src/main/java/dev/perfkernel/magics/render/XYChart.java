package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Points and lines of one or more series against a numeric x, on linear or log axes, with
 * optional vertical error bars and optional fitted lines (dashed, labelled e.g.
 * {@code slope 1.02 → O(n)}). Used for {@code @Param} sweeps and complexity plots.
 *
 * <pre>{@code
 * new XYChart("sum by size", "N", "time per op (ns)").logX(true).logY(true)
 *     .series("sumLines", xs, ys, errs)
 *     .fit("slope 1.02 → O(n)", fitXs, fitYs);
 * }</pre>
 */
public final class XYChart implements Chart {

    /** @param error half-width of a vertical error bar; NaN for none */
    public record Point(double x, double y, double error) {}

    /** @param fitted drawn as a dashed line without markers */
    public record Series(String name, List<Point> points, boolean fitted) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final String title, xTitle, yTitle;
    private final List<Series> series = new ArrayList<>();
    private boolean logX, logY, lines = true;
    private DoubleFunction<String> yFormat = Units::sig3;
    private DoubleFunction<String> xFormat = Units::sig3;

    public XYChart(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public XYChart logX(boolean on) {
        logX = on;
        return this;
    }

    public XYChart logY(boolean on) {
        logY = on;
        return this;
    }

    /** Connect the points of each measured series with lines (default) or show a scatter. */
    public XYChart lines(boolean on) {
        lines = on;
        return this;
    }

    /** Formats for tooltips and the text summary. */
    public XYChart format(DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        this.xFormat = xFormat;
        this.yFormat = yFormat;
        return this;
    }

    public XYChart series(String name, List<Point> points) {
        series.add(new Series(name, points, false));
        return this;
    }

    /** A measured series; {@code errors} may be null. */
    public XYChart series(String name, double[] x, double[] y, double[] errors) {
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) pts.add(new Point(x[i], y[i], errors == null ? Double.NaN : errors[i]));
        return series(name, pts);
    }

    /** A fitted curve, drawn dashed; {@code label} appears in the legend (e.g. the complexity class). */
    public XYChart fit(String label, double[] x, double[] y) {
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < x.length; i++) pts.add(new Point(x[i], y[i], Double.NaN));
        series.add(new Series(label, pts, true));
        return this;
    }

    public List<Series> allSeries() {
        return List.copyOf(series);
    }

    private boolean usable(Point p) {
        return Double.isFinite(p.x()) && Double.isFinite(p.y()) && (!logX || p.x() > 0) && (!logY || p.y() > 0);
    }

    private static boolean hasError(Point p) {
        return Double.isFinite(p.error()) && p.error() > 0;
    }

    @Override
    public String svg() {
        double width = 640, height = 360;
        List<String> names = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            names.add(series.get(i).name());
            colours.add(colour(i));
        }
        int legendRows = Axes.legendRows(names, width - 40);
        double top = 36 + legendRows * 16 + 4, left = 70, right = 20, bottom = 48;
        height += Math.max(0, legendRows - 1) * 16;
        Svg svg = new Svg(width, height);
        svg.title(title);
        double xmin = Double.MAX_VALUE, xmax = -Double.MAX_VALUE, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (Point p : s.points()) {
                if (!usable(p)) continue;
                xmin = Math.min(xmin, p.x());
                xmax = Math.max(xmax, p.x());
                double lo = hasError(p) && (!logY || p.y() - p.error() > 0) ? p.y() - p.error() : p.y();
                double hi = hasError(p) ? p.y() + p.error() : p.y();
                ymin = Math.min(ymin, lo);
                ymax = Math.max(ymax, hi);
            }
        }
        if (xmin > xmax) {
            svg.text(width / 2, height / 2, "no data", "middle", 12, Svg.AXIS, null);
            return svg.finish();
        }
        Scale x = logX ? Scale.log(xmin, xmax, left, width - right) : Scale.linear(xmin, xmax, left, width - right, false);
        Scale y = logY ? Scale.log(ymin, ymax, height - bottom, top) : Scale.linear(ymin, ymax, height - bottom, top, true);
        Axes.bottom(svg, x, top, height - bottom, xTitle + (logX ? " (log)" : ""));
        Axes.left(svg, y, left, width - right, yTitle + (logY ? " (log)" : ""));
        Axes.wrappedLegend(svg, 20, width - 20, 42, names, colours, true);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<Point> pts = s.points().stream().filter(this::usable).toList();
            double[] xs = new double[pts.size()], ys = new double[pts.size()];
            for (int k = 0; k < pts.size(); k++) {
                xs[k] = x.map(pts.get(k).x());
                ys[k] = y.map(pts.get(k).y());
            }
            if (s.fitted()) {
                svg.polyline(xs, ys, colour(i), 1.8, "stroke-dasharray=\"6 4\" class=\"fit\"");
                continue;
            }
            if (lines) svg.polyline(xs, ys, colour(i), 2, "class=\"series\"");
            for (int k = 0; k < pts.size(); k++) {
                Point p = pts.get(k);
                if (hasError(p)) {
                    double lo = y.map(logY ? Math.max(p.y() - p.error(), y.domainMin()) : p.y() - p.error());
                    double hi = y.map(p.y() + p.error());
                    svg.line(xs[k], lo, xs[k], hi, colour(i), 1.2, null);
                    svg.line(xs[k] - 3, lo, xs[k] + 3, lo, colour(i), 1.2, null);
                    svg.line(xs[k] - 3, hi, xs[k] + 3, hi, colour(i), 1.2, null);
                }
                svg.circle(xs[k], ys[k], 3.8, colour(i), s.name() + ": " + xTitle + "=" + xFormat.apply(p.x()) + ", "
                        + yFormat.apply(p.y()) + (hasError(p) ? " ± " + yFormat.apply(p.error()) : ""));
            }
        }
        return svg.finish();
    }

    /** A fitted series takes the colour of the measured series before it, so fit and data match. */
    private String colour(int i) {
        int measured = -1;
        for (int k = 0; k <= i; k++) if (!series.get(k).fitted()) measured++;
        if (series.get(i).fitted()) return measured < 0 ? "#555" : Palette.category(measured);
        return Palette.category(measured);
    }

    @Override
    public JsonObject vegaLite() {
        JsonObject spec = VegaLite.spec(title);
        spec.addProperty("width", 520);
        spec.addProperty("height", 300);
        JsonArray values = new JsonArray();
        for (Series s : series) {
            for (Point p : s.points()) {
                if (!usable(p)) continue;
                JsonObject row = new JsonObject();
                row.addProperty("series", s.name());
                row.addProperty("kind", s.fitted() ? "fit" : "measured");
                row.addProperty("x", p.x());
                row.addProperty("y", p.y());
                if (hasError(p)) {
                    row.addProperty("lo", p.y() - p.error());
                    row.addProperty("hi", p.y() + p.error());
                }
                values.add(row);
            }
        }
        spec.add("data", VegaLite.objOf("values", values));
        JsonObject colorScale = new JsonObject();
        JsonArray domain = new JsonArray(), range = new JsonArray();
        for (int i = 0; i < series.size(); i++) {
            domain.add(series.get(i).name());
            range.add(colour(i));
        }
        colorScale.add("domain", domain);
        colorScale.add("range", range);

        JsonArray layer = new JsonArray();
        layer.add(layer("measured", lines ? "line" : "point", colorScale, false));
        if (lines) layer.add(layer("measured", "point", colorScale, false));
        if (series.stream().anyMatch(s -> s.points().stream().anyMatch(XYChart::hasError))) {
            layer.add(layer("measured", "rule", colorScale, true));
        }
        if (series.stream().anyMatch(Series::fitted)) layer.add(layer("fit", "line", colorScale, false));
        spec.add("layer", layer);
        return spec;
    }

    private JsonObject layer(String kind, String markType, JsonObject colorScale, boolean errorRule) {
        JsonObject l = new JsonObject();
        JsonObject mark = VegaLite.obj("type", markType);
        if (markType.equals("point")) {
            mark.addProperty("filled", true);
            mark.addProperty("size", 50);
        }
        if (kind.equals("fit")) {
            JsonArray dash = new JsonArray();
            dash.add(6);
            dash.add(4);
            mark.add("strokeDash", dash);
        }
        l.add("mark", mark);
        JsonObject filter = new JsonObject();
        filter.addProperty("filter", "datum.kind === '" + kind + "'");
        JsonArray transform = new JsonArray();
        transform.add(filter);
        l.add("transform", transform);
        JsonObject enc = new JsonObject();
        JsonObject xe = VegaLite.field("x", "quantitative", xTitle);
        if (logX) xe.add("scale", VegaLite.obj("type", "log"));
        enc.add("x", xe);
        JsonObject ye = VegaLite.field(errorRule ? "lo" : "y", "quantitative", yTitle);
        if (logY) ye.add("scale", VegaLite.obj("type", "log"));
        enc.add("y", ye);
        if (errorRule) enc.add("y2", VegaLite.obj("field", "hi"));
        JsonObject color = VegaLite.field("series", "nominal", "");
        color.add("scale", colorScale);
        enc.add("color", color);
        if (!errorRule) {
            enc.add("tooltip", VegaLite.tooltip(VegaLite.field("series", "nominal", "series"),
                    VegaLite.field("x", "quantitative", xTitle),
                    VegaLite.field("y", "quantitative", yTitle)));
        }
        l.add("encoding", enc);
        return l;
    }

    @Override
    public String summary() {
        StringBuilder sb = new StringBuilder(title).append(": ").append(yTitle).append(" by ").append(xTitle).append('\n');
        for (Series s : series) {
            sb.append("  ").append(s.fitted() ? "fit " : "").append(s.name()).append(':');
            if (s.fitted()) {
                sb.append('\n');
                continue;
            }
            for (Point p : s.points()) {
                sb.append(' ').append(xFormat.apply(p.x())).append("→").append(yFormat.apply(p.y()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

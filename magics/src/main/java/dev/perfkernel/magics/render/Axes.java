package dev.perfkernel.magics.render;

/** Draws gridlines, ticks, tick labels and axis titles of a plot rectangle into an {@link Svg}. */
final class Axes {

    private Axes() {}

    /** Vertical gridlines and labels under the plot for a horizontal (x) scale. */
    static void bottom(Svg svg, Scale x, double plotTop, double plotBottom, String title) {
        for (Ticks.Tick t : x.ticks()) {
            double px = x.map(t.value());
            svg.line(px, plotTop, px, plotBottom, t.major() ? Svg.GRID : "#f3f3f3", 1, null);
            svg.line(px, plotBottom, px, plotBottom + (t.major() ? 5 : 3), Svg.AXIS, 1, null);
            if (!t.label().isEmpty()) svg.text(px, plotBottom + 17, t.label(), "middle", 11, Svg.INK, null);
        }
        double left = Math.min(x.map(x.domainMin()), x.map(x.domainMax()));
        double right = Math.max(x.map(x.domainMin()), x.map(x.domainMax()));
        svg.line(left, plotBottom, right, plotBottom, Svg.AXIS, 1, null);
        if (title != null && !title.isEmpty()) {
            svg.text((left + right) / 2, plotBottom + 34, title, "middle", 12, Svg.INK, null);
        }
    }

    /** Horizontal gridlines and labels left of the plot for a vertical (y) scale. */
    static void left(Svg svg, Scale y, double plotLeft, double plotRight, String title) {
        double top = Math.min(y.map(y.domainMin()), y.map(y.domainMax()));
        double bottom = Math.max(y.map(y.domainMin()), y.map(y.domainMax()));
        for (Ticks.Tick t : y.ticks()) {
            double py = y.map(t.value());
            svg.line(plotLeft, py, plotRight, py, t.major() ? Svg.GRID : "#f3f3f3", 1, null);
            svg.line(plotLeft - (t.major() ? 5 : 3), py, plotLeft, py, Svg.AXIS, 1, null);
            if (!t.label().isEmpty()) svg.text(plotLeft - 8, py + 4, t.label(), "end", 11, Svg.INK, null);
        }
        svg.line(plotLeft, top, plotLeft, bottom, Svg.AXIS, 1, null);
        if (title != null && !title.isEmpty()) {
            double cx = 14, cy = (top + bottom) / 2;
            svg.text(cx, cy, title, "middle", 12, Svg.INK,
                    "transform=\"rotate(-90 " + Svg.n(cx) + " " + Svg.n(cy) + ")\"");
        }
    }

    /** A horizontal legend row of colour swatches starting at (x, y); returns its width. */
    static double legend(Svg svg, double x, double y, java.util.List<String> names, java.util.List<String> colours,
                         boolean lines) {
        double cx = x;
        for (int i = 0; i < names.size(); i++) {
            swatch(svg, cx, y, names.get(i), colours.get(i), lines);
            cx += legendItemWidth(names.get(i));
        }
        return cx - x;
    }

    static double legendItemWidth(String name) {
        return 18 + Svg.textWidth(name, 11) + 14;
    }

    /** Number of rows a legend needs when wrapped to {@code maxWidth}. */
    static int legendRows(java.util.List<String> names, double maxWidth) {
        int rows = names.isEmpty() ? 0 : 1;
        double w = 0;
        for (String n : names) {
            double iw = legendItemWidth(n);
            if (w > 0 && w + iw > maxWidth) {
                rows++;
                w = 0;
            }
            w += iw;
        }
        return rows;
    }

    /** A legend wrapped into rows 16 px apart, each row centred between {@code left} and {@code right}. */
    static void wrappedLegend(Svg svg, double left, double right, double y, java.util.List<String> names,
                              java.util.List<String> colours, boolean lines) {
        int i = 0;
        while (i < names.size()) {
            int j = i;
            double w = 0;
            while (j < names.size() && (j == i || w + legendItemWidth(names.get(j)) <= right - left)) {
                w += legendItemWidth(names.get(j));
                j++;
            }
            legend(svg, Math.max(left, (left + right - w) / 2), y, names.subList(i, j), colours.subList(i, j), lines);
            y += 16;
            i = j;
        }
    }

    private static void swatch(Svg svg, double cx, double y, String name, String colour, boolean lines) {
        if (lines) svg.line(cx, y - 4, cx + 14, y - 4, colour, 2.5, null);
        else svg.rect(cx, y - 10, 12, 12, colour, "rx=\"2\"");
        svg.text(cx + 18, y, name, "start", 11, Svg.INK, null);
    }
}

package dev.perfkernel.magics.render;

import java.util.Locale;

/**
 * A tiny SVG writer: escaped text, compact numbers, one white background so the chart reads the
 * same on light and dark notebook themes (like a printed figure). Package-private building block
 * of the charts.
 */
final class Svg {

    static final String FONT = "font-family=\"Helvetica Neue,Helvetica,Arial,DejaVu Sans,sans-serif\"";
    static final String INK = "#333";
    static final String GRID = "#e6e6e6";
    static final String AXIS = "#888";

    private final StringBuilder sb = new StringBuilder(8192);
    private final double width, height;

    Svg(double width, double height) {
        this.width = width;
        this.height = height;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
                .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" ").append(FONT).append(" font-size=\"12\">");
        rect(0, 0, width, height, "#ffffff", null);
    }

    double width() { return width; }

    double height() { return height; }

    /** Formats a coordinate with at most two decimals and no trailing zeros. */
    static String n(double v) {
        if (!Double.isFinite(v)) return "0";
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        return String.format(Locale.ROOT, "%.2f", r / 100.0).replaceAll("0+$", "");
    }

    Svg raw(String s) {
        sb.append(s);
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String extra) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        if (extra != null) sb.append(' ').append(extra);
        sb.append("/>");
        return this;
    }

    /** A rect with a {@code <title>} tooltip. */
    Svg rectWithTitle(double x, double y, double w, double h, String fill, String extra, String title) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        if (extra != null) sb.append(' ').append(extra);
        sb.append("><title>").append(Html.escape(title)).append("</title></rect>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"');
        if (extra != null) sb.append(' ').append(extra);
        sb.append("/>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String title) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\" stroke=\"#fff\" stroke-width=\"0.8\"");
        if (title == null) sb.append("/>");
        else sb.append("><title>").append(Html.escape(title)).append("</title></circle>");
        return this;
    }

    Svg polyline(double[] xs, double[] ys, String stroke, double width, String extra) {
        if (xs.length < 2) return this;
        sb.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(n(xs[i])).append(',').append(n(ys[i]));
        }
        sb.append('"');
        if (extra != null) sb.append(' ').append(extra);
        sb.append("/>");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, double size, String fill, String extra) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
        if (!"start".equals(anchor)) sb.append(" text-anchor=\"").append(anchor).append('"');
        if (size != 12) sb.append(" font-size=\"").append(n(size)).append('"');
        sb.append(" fill=\"").append(fill).append('"');
        if (extra != null) sb.append(' ').append(extra);
        sb.append('>').append(Html.escape(text)).append("</text>");
        return this;
    }

    Svg title(String text) {
        return text(width / 2, 20, text, "middle", 14, INK, "font-weight=\"600\"");
    }

    /**
     * Estimated width of {@code text} in a sans-serif font of this size (no font metrics at hand):
     * 0.62 em per character errs wide, so labels get room rather than being clipped.
     */
    static double textWidth(String text, double size) {
        return text.codePointCount(0, text.length()) * size * 0.62;
    }

    /** Cuts {@code text} with an ellipsis so it fits in {@code px}; empty when not even two characters fit. */
    static String fit(String text, double px, double size) {
        int max = (int) Math.floor(px / (size * 0.62));
        int len = text.codePointCount(0, text.length());
        if (len <= max) return text;
        if (max < 3) return "";
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    String finish() {
        return sb.append("</svg>").toString();
    }
}

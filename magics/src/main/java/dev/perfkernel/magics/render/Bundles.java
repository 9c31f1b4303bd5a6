package dev.perfkernel.magics.render;

import dev.perfkernel.magics.api.MimeBundle;

import java.util.List;
import java.util.Map;

/**
 * Turns tables, charts, warnings and key/value blocks into {@link MimeBundle}s. Show a table and a
 * chart as separate displays: nbconvert keeps only the richest MIME type of one bundle.
 */
public final class Bundles {

    private Bundles() {}

    /** {@code text/plain} (aligned) + {@code text/html}. */
    public static MimeBundle table(Table t) {
        return MimeBundle.builder().text(t.toText()).html(t.toHtml()).build();
    }

    /**
     * A chart: Vega-Lite, its static SVG once, and a text summary. No {@code text/html}: JupyterLab
     * and Notebook 7 rank HTML above Vega-Lite, so an HTML copy would hide the interactive chart
     * there (and store the SVG twice). Vega-Lite ranks above SVG in JupyterLab and Notebook 7;
     * classic Notebook, nbconvert and GitHub know no Vega-Lite and show the SVG. (nbconvert 6
     * empties inline SVG in its sanitizer; install/nbconvert's {@code perfkernel} template and
     * nbconvert 7 show it as an image.) See docs/architecture.md, "Charts in front ends".
     */
    public static MimeBundle chart(Chart c) {
        return MimeBundle.builder()
                .text(c.summary())
                .svg(c.svg())
                .vegaLite(c.vegaLite())
                .build();
    }

    /** A static SVG only, with a text summary (for charts without a Vega-Lite form). */
    public static MimeBundle svg(String svg, String summary) {
        return MimeBundle.builder().text(summary).svg(svg).build();
    }

    /**
     * A collapsible section: {@code <details><summary>}. Plain text shows the summary line and the
     * text body indented. {@code innerHtml} must already be safe HTML (e.g. {@link Table#toHtmlTable()}).
     */
    public static MimeBundle details(String summary, String innerHtml, String innerText, boolean open) {
        String html = "<div class=\"pk\">" + Styles.styleElement() + detailsHtml(summary, innerHtml, open) + "</div>";
        StringBuilder text = new StringBuilder(summary).append('\n');
        if (innerText != null) {
            for (String line : innerText.split("\n", -1)) {
                if (!line.isEmpty()) text.append("  ").append(line).append('\n');
            }
        }
        return MimeBundle.builder().text(text.toString()).html(html).build();
    }

    /** The {@code <details>} element alone, for composing into a larger HTML output. */
    public static String detailsHtml(String summary, String innerHtml, boolean open) {
        return "<details" + (open ? " open" : "") + "><summary>" + Html.escape(summary) + "</summary>"
                + innerHtml + "</details>";
    }

    /** A two-column key/value table, for the environment a measurement was taken in. */
    public static Table environmentTable(String caption, Map<String, ?> env) {
        Table t = new Table().caption(caption).column("Property").column("Value");
        env.forEach((k, v) -> t.row(k, v == null ? "" : String.valueOf(v)));
        return t;
    }

    /** The environment block, collapsed by default so it stays out of the way but is always recorded. */
    public static MimeBundle environment(Map<String, ?> env) {
        Table t = environmentTable(null, env);
        return details("Environment", t.toHtmlTable(), t.toText(), false);
    }

    /** Warnings, visually distinct (amber bar); plain text lines start with {@code WARNING:}. Null if none. */
    public static MimeBundle warnings(List<String> warnings) {
        if (warnings == null || warnings.isEmpty()) return null;
        return MimeBundle.builder().text(warningsText(warnings)).html(
                "<div class=\"pk\">" + Styles.styleElement() + warningsHtml(warnings) + "</div>").build();
    }

    /**
     * The top of a report in both forms: the title, the notes under it (how it was obtained) and
     * the warnings, appended to {@code text} and to {@code html} (inside the caller's {@code pk} div).
     */
    public static void heading(StringBuilder text, StringBuilder html, String title, List<String> notes,
                               List<String> warnings) {
        text.append(title).append('\n');
        html.append("<div><strong>").append(Html.escape(title)).append("</strong></div>");
        for (String n : notes) {
            text.append(n).append('\n');
            html.append("<div class=\"pk-foot\">").append(Html.escape(n)).append("</div>");
        }
        if (!warnings.isEmpty()) {
            text.append(warningsText(warnings));
            html.append(warningsHtml(warnings));
        }
    }

    public static String warningsText(List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        for (String w : warnings) sb.append("WARNING: ").append(w).append('\n');
        return sb.toString();
    }

    public static String warningsHtml(List<String> warnings) {
        StringBuilder sb = new StringBuilder("<div class=\"pk-warnings\" role=\"note\"><strong>⚠ ")
                .append(warnings.size() == 1 ? "Warning" : warnings.size() + " warnings").append("</strong><ul>");
        for (String w : warnings) sb.append("<li>").append(Html.escape(w)).append("</li>");
        return sb.append("</ul></div>").toString();
    }

    /**
     * A flame graph: interactive HTML (the SVG with a few lines of script: click to zoom) and a text
     * "top" summary. The SVG is stored once, inside the HTML. No {@code image/svg+xml} copy:
     * JupyterLab, Notebook 7, classic Notebook and nbconvert's HTML all rank {@code text/html} above
     * it, so a copy was never shown there and only doubled the notebook file. Without script (the
     * HTML export opened without JavaScript) the HTML is the static graph, with a tooltip per frame.
     * See docs/architecture.md, "Charts in front ends".
     */
    public static MimeBundle flameGraph(FlameGraph fg, String title, String unit) {
        return MimeBundle.builder()
                .text(fg.summary(title, unit, 10))
                .html(fg.html(title, unit))
                .build();
    }

    /** Machine-readable data ({@code application/json}) with a text fallback. */
    public static MimeBundle json(com.google.gson.JsonElement data, String text) {
        return MimeBundle.builder().text(text).json(data).build();
    }

    /** Preformatted text in HTML (escaped), with the same text as {@code text/plain}. */
    public static MimeBundle preformatted(String text) {
        return MimeBundle.builder().text(text)
                .html("<div class=\"pk\">" + Styles.styleElement() + "<pre>" + Html.escape(text) + "</pre></div>").build();
    }
}

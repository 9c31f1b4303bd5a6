package dev.perfkernel.magics.render;

import com.google.gson.JsonObject;

/**
 * A chart in two forms of the same data: an interactive Vega-Lite v5 spec (JupyterLab renders it)
 * and a static, self-contained SVG (nbconvert, GitHub and classic Notebook show it), plus a
 * one-paragraph text summary for {@code text/plain}. {@link Bundles#chart(Chart)} puts all three
 * in one bundle.
 */
public interface Chart {

    String VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

    /** Vega-Lite v5 spec with {@code $schema} and the data inline. */
    JsonObject vegaLite();

    /** A standalone {@code <svg>} document (no external fonts, scripts or images). */
    String svg();

    /** What the chart shows, in a few lines of plain text. */
    String summary();
}

package dev.perfkernel.magics.render;

import dev.perfkernel.magics.api.MimeBundle;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BundlesTest {

    @Test
    void tableBundleHasTextAndHtml() {
        MimeBundle b = Bundles.table(new Table().column("a").row("1"));
        assertTrue(b.plainText().startsWith("a\n-\n1"));
        assertTrue(((String) b.data().get(MimeBundle.HTML)).contains("<table"));
    }

    @Test
    void environmentIsACollapsedKeyValueTable() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("JDK", "Eclipse Adoptium 25+36");
        env.put("GC", "G1");
        env.put("CPU", "<unknown>");
        MimeBundle b = Bundles.environment(env);
        String html = (String) b.data().get(MimeBundle.HTML);
        assertTrue(html.contains("<details><summary>Environment</summary>"));
        assertTrue(html.contains("&lt;unknown&gt;"));
        assertTrue(b.plainText().contains("  JDK       Eclipse Adoptium 25+36"), b.plainText());
    }

    @Test
    void warningsAreDistinctAndEscaped() {
        assertNull(Bundles.warnings(List.of()));
        MimeBundle b = Bundles.warnings(List.of("score 0.3 ns is near an empty body's <0.5 ns>", "error 12% of score"));
        assertEquals("WARNING: score 0.3 ns is near an empty body's <0.5 ns>\nWARNING: error 12% of score\n", b.plainText());
        String html = (String) b.data().get(MimeBundle.HTML);
        assertTrue(html.contains("pk-warnings"));
        assertTrue(html.contains("2 warnings"));
        assertTrue(html.contains("&lt;0.5 ns&gt;"));
    }

    @Test
    void detailsSection() {
        MimeBundle b = Bundles.details("Raw samples", "<pre>1 2 3</pre>", "1 2 3", true);
        assertTrue(((String) b.data().get(MimeBundle.HTML)).contains("<details open><summary>Raw samples</summary><pre>1 2 3</pre></details>"));
        assertEquals("Raw samples\n  1 2 3\n", b.plainText());
    }

    @Test
    void chartCarriesVegaLiteAndItsSvgOnceWithoutHtml() {
        MimeBundle b = Bundles.chart(SampleCharts.bars());
        // HTML would outrank Vega-Lite in JupyterLab and Notebook 7 and hold a second copy of the SVG.
        assertEquals(java.util.Set.of(MimeBundle.TEXT, MimeBundle.SVG, MimeBundle.VEGA_LITE), b.data().keySet());
        String svg = (String) b.data().get(MimeBundle.SVG);
        String all = b.data().values().toString();
        assertEquals(all.indexOf(svg), all.lastIndexOf(svg), "the SVG is stored once");
    }

    @Test
    void flameGraphStoresItsSvgOnceInsideTheInteractiveHtml() {
        MimeBundle b = Bundles.flameGraph(SampleCharts.flame(), "CPU samples", "samples");
        // every front end that renders HTML ranks it above image/svg+xml: a second copy would never show
        assertEquals(java.util.Set.of(MimeBundle.TEXT, MimeBundle.HTML), b.data().keySet());
        String html = (String) b.data().get(MimeBundle.HTML);
        assertEquals(1, html.split("<svg", -1).length - 1, "one SVG, in the HTML");
        assertTrue(html.contains("<script>") && html.contains("data-x="), "zoomable: frames carry their extent");
        assertTrue(html.contains("<title>"), "a tooltip per frame without script");
        assertTrue(b.plainText().startsWith("CPU samples: "), b.plainText());
    }

    @Test
    void staticSvgBundleHasNoHtmlCopy() {
        MimeBundle b = Bundles.svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "a chart");
        assertEquals(java.util.Set.of(MimeBundle.TEXT, MimeBundle.SVG), b.data().keySet());
    }
}

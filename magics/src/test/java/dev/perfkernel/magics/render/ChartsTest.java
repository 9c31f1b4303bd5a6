package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.MimeBundle;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChartsTest {

    private static JsonArray data(JsonObject spec) {
        return spec.getAsJsonObject("data").getAsJsonArray("values");
    }

    private static JsonObject layer(JsonObject spec, int i) {
        return spec.getAsJsonArray("layer").get(i).getAsJsonObject();
    }

    @Test
    void barChartSvgHasOneBarAndErrorBarPerRow() {
        BarChart c = SampleCharts.bars();
        Document d = SvgAssert.parse(c.svg());
        List<Element> bars = SvgAssert.elements(d, "rect", "bar");
        assertEquals(3, bars.size());
        assertEquals(3, SvgAssert.elements(d, "line", "errorbar").size());
        assertEquals(1, SvgAssert.elements(d, "line", "baseline").size());
        // Widths are proportional to the values.
        double w0 = Double.parseDouble(bars.get(0).getAttribute("width"));
        double w1 = Double.parseDouble(bars.get(1).getAttribute("width"));
        assertEquals(59_400.0 / 37_100, w0 / w1, 0.01);
        List<String> texts = SvgAssert.texts(d);
        assertTrue(texts.contains("FibBench.recursive"));
        assertTrue(texts.contains("59.4 µs"));
        assertTrue(texts.contains("time per op (ns)"));
        assertTrue(texts.contains("0"));
        assertTrue(texts.contains("20k"), texts.toString());
    }

    @Test
    void barChartVegaLite() {
        JsonObject spec = SampleCharts.bars().vegaLite();
        assertEquals(Chart.VEGA_LITE_SCHEMA, spec.get("$schema").getAsString());
        assertEquals(3, data(spec).size());
        assertEquals("FibBench.recursive", data(spec).get(0).getAsJsonObject().get("label").getAsString());
        assertEquals(59_400, data(spec).get(0).getAsJsonObject().get("value").getAsDouble());
        assertEquals(57_300, data(spec).get(0).getAsJsonObject().get("lo").getAsDouble());
        JsonObject bar = layer(spec, 0);
        assertEquals("bar", bar.getAsJsonObject("mark").get("type").getAsString());
        assertEquals("label", bar.getAsJsonObject("encoding").getAsJsonObject("y").get("field").getAsString());
        assertEquals("value", bar.getAsJsonObject("encoding").getAsJsonObject("x").get("field").getAsString());
        assertEquals("rule", layer(spec, 1).getAsJsonObject("mark").get("type").getAsString());
        assertEquals("hi", layer(spec, 1).getAsJsonObject("encoding").getAsJsonObject("x2").get("field").getAsString());
        assertEquals("text", layer(spec, 2).getAsJsonObject("mark").get("type").getAsString());
        assertEquals(59_400, layer(spec, 3).getAsJsonObject("encoding").getAsJsonObject("x").get("datum").getAsDouble());
        assertNoJsonNulls(spec);
    }

    @Test
    void groupedBarsAreColouredAndOffsetByGroup() {
        BarChart c = SampleCharts.groupedBars();
        Document d = SvgAssert.parse(c.svg());
        List<Element> bars = SvgAssert.elements(d, "rect", "bar");
        assertEquals(6, bars.size());
        assertEquals(2, bars.stream().map(e -> e.getAttribute("fill")).distinct().count());
        assertTrue(SvgAssert.texts(d).contains("JDK 25"));
        JsonObject enc = layer(c.vegaLite(), 0).getAsJsonObject("encoding");
        assertEquals("group", enc.getAsJsonObject("color").get("field").getAsString());
        assertEquals("group", enc.getAsJsonObject("yOffset").get("field").getAsString());
        assertEquals(6, data(c.vegaLite()).size());
    }

    @Test
    void logScaleBarsHaveAnExplicitBaseAndSkipZeros() {
        BarChart c = SampleCharts.logGrouped();
        Document d = SvgAssert.parse(c.svg());
        List<Element> bars = SvgAssert.elements(d, "rect", "bar");
        assertEquals(9, bars.size());
        assertEquals(0.0, Double.parseDouble(bars.get(8).getAttribute("width")), 1e-9, "a 0 ms pause has no bar");
        for (Element b : bars) assertTrue(Double.parseDouble(b.getAttribute("x")) >= 90, "no bar left of the axis");
        JsonObject enc = layer(c.vegaLite(), 0).getAsJsonObject("encoding");
        JsonObject scale = enc.getAsJsonObject("x").getAsJsonObject("scale");
        assertEquals("log", scale.get("type").getAsString());
        assertEquals(0.01, scale.getAsJsonArray("domain").get(0).getAsDouble(), 1e-12);
        assertEquals(100, scale.getAsJsonArray("domain").get(1).getAsDouble(), 1e-9);
        assertEquals(0.01, enc.getAsJsonObject("x2").get("datum").getAsDouble(), 1e-12);
        assertEquals("datum.value > 0", layer(c.vegaLite(), 0).getAsJsonArray("transform").get(0).getAsJsonObject()
                .get("filter").getAsString());
    }

    @Test
    void xyChartOnLogAxesWithFit() {
        XYChart c = SampleCharts.sweep();
        Document d = SvgAssert.parse(c.svg());
        assertEquals(12, SvgAssert.elements(d, "circle", null).size(), "6 points × 2 measured series");
        assertEquals(2, SvgAssert.elements(d, "polyline", "series").size());
        assertEquals(1, SvgAssert.elements(d, "polyline", "fit").size());
        List<String> texts = SvgAssert.texts(d);
        for (String decade : List.of("10", "100", "1k", "10k", "100k", "1M")) assertTrue(texts.contains(decade), decade);
        assertTrue(texts.stream().anyMatch(t -> t.matches("O\\(n\\), fit \u00b1\\d+\\.\\d%")), texts.toString());

        JsonObject spec = c.vegaLite();
        assertEquals(18, data(spec).size(), "12 measured + 6 fitted rows");
        JsonObject enc = layer(spec, 0).getAsJsonObject("encoding");
        assertEquals("log", enc.getAsJsonObject("x").getAsJsonObject("scale").get("type").getAsString());
        assertEquals("log", enc.getAsJsonObject("y").getAsJsonObject("scale").get("type").getAsString());
        assertEquals("line", layer(spec, 0).getAsJsonObject("mark").get("type").getAsString());
        JsonObject fit = spec.getAsJsonArray("layer").get(spec.getAsJsonArray("layer").size() - 1).getAsJsonObject();
        assertTrue(fit.getAsJsonObject("mark").has("strokeDash"));
        assertNoJsonNulls(spec);
    }

    @Test
    void xyChartDropsNonPositivePointsOnLogAxes() {
        XYChart c = new XYChart("t", "N", "B/op").logX(true).logY(true)
                .series("s", new double[] {1, 10, 100}, new double[] {0, 5, 50}, null);
        Document d = SvgAssert.parse(c.svg());
        assertEquals(2, SvgAssert.elements(d, "circle", null).size());
        assertEquals(2, data(c.vegaLite()).size());
    }

    @Test
    void gcTimeline() {
        GcTimelineChart c = SampleCharts.gc();
        Document d = SvgAssert.parse(c.svg());
        assertEquals(40, SvgAssert.elements(d, "line", "pause").size());
        assertEquals(40 * 3, SvgAssert.elements(d, "circle", null).size(), "before, after and pause head per event");
        assertTrue(SvgAssert.texts(d).contains("Full pause"));
        JsonObject spec = c.vegaLite();
        assertEquals(40, data(spec).size());
        assertEquals(2, spec.getAsJsonArray("vconcat").size());
        assertEquals("rule", spec.getAsJsonArray("vconcat").get(1).getAsJsonObject().getAsJsonObject("mark")
                .get("type").getAsString());
        assertTrue(c.summary().contains("40 GC events"), c.summary());
        assertNoJsonNulls(spec);
    }

    @Test
    void emptyChartsStillRender() {
        SvgAssert.parse(new BarChart("empty", "ns").svg());
        SvgAssert.parse(new XYChart("empty", "x", "y").logX(true).svg());
        SvgAssert.parse(new GcTimelineChart("empty").svg());
        SvgAssert.parse(FlameGraph.parse("").svg("empty", "samples"));
    }

    @Test
    void chartBundleHasAllThreeRepresentations() {
        MimeBundle b = Bundles.chart(SampleCharts.bars());
        assertTrue(b.data().get(MimeBundle.SVG).toString().startsWith("<svg"));
        assertInstanceOf(JsonObject.class, b.data().get(MimeBundle.VEGA_LITE));
        assertTrue(b.plainText().contains("FibBench.iterative: 37.1 µs ± 900 ns"), b.plainText());
    }

    @Test
    void labelsAreEscapedInSvg() {
        BarChart c = new BarChart("a <b> & \"c\"", "ns").bar("List<Integer>", 1, 0.1);
        Document d = SvgAssert.parse(c.svg());
        assertTrue(SvgAssert.texts(d).contains("List<Integer>"));
        assertTrue(SvgAssert.texts(d).contains("a <b> & \"c\""));
    }

    @Test
    void nonFiniteValuesNeverReachJson() {
        // Gson refuses NaN/Infinity when serialising: a failed benchmark must not break the output.
        BarChart b = new BarChart("t", "ns").bar("ok", 5, Double.NaN).bar("failed", Double.NaN, 1)
                .baseline(Double.NaN, "x");
        XYChart x = new XYChart("t", "x", "y").series("s", new double[] {1, 2, Double.POSITIVE_INFINITY},
                new double[] {1, Double.NaN, 3}, new double[] {Double.NaN, 1, 1});
        GcTimelineChart g = new GcTimelineChart("t").event(Double.NaN, 1, 1, 1, "Young").event(1, Double.NaN, 2, Double.NaN, null);
        com.google.gson.Gson gson = new com.google.gson.Gson();
        for (Chart c : List.of(b, x, g)) {
            assertDoesNotThrow(() -> gson.toJson(c.vegaLite()));
            SvgAssert.parse(c.svg());
        }
        assertTrue(b.summary().contains("failed: no result"), b.summary());
        assertEquals(1, data(b.vegaLite()).size());
        assertEquals(1, data(x.vegaLite()).size());
        assertEquals(1, data(g.vegaLite()).size());
    }

    @Test
    void histogramCountsEveryValueOnce() {
        double[] v = new double[1000];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < v.length; i++) v[i] = Math.exp(2 + r.nextGaussian());
        HistogramChart h = new HistogramChart("latency", "ns/op").logBins(true).bins(25).series("a", v)
                .marker("p99", dev.perfkernel.magics.stats.Summary.of(v).p99());
        List<HistogramChart.Bin> bins = h.binned();
        assertEquals(25, bins.size());
        assertEquals(1000, bins.stream().mapToLong(HistogramChart.Bin::count).sum());
        assertEquals(bins.get(0).hi(), bins.get(1).lo(), 0);
        Document d = SvgAssert.parse(h.svg());
        assertEquals(bins.stream().filter(b -> b.count() > 0).count(), SvgAssert.elements(d, "rect", "bin").size());
        assertEquals(1, SvgAssert.elements(d, "line", "marker").size());
        JsonObject spec = h.vegaLite();
        assertEquals(25, data(spec).size());
        assertEquals("bar", layer(spec, 0).getAsJsonObject("mark").get("type").getAsString());
        assertEquals("bin_end", layer(spec, 0).getAsJsonObject("encoding").getAsJsonObject("x2").get("field").getAsString());
        assertNoJsonNulls(spec);
    }

    @Test
    void histogramFromJmhStyleWeightedValues() {
        HistogramChart h = new HistogramChart("sample mode", "ns/op").bins(4)
                .weighted("s", new double[] {10, 20, 30, 40}, new long[] {5, 0, 2, 1});
        List<HistogramChart.Bin> bins = h.binned();
        assertEquals(List.of(5L, 0L, 2L, 1L), bins.stream().map(HistogramChart.Bin::count).toList());
        assertThrows(IllegalArgumentException.class, () -> h.weighted("x", new double[] {1}, new long[0]));
    }

    private static void assertNoJsonNulls(JsonElement e) {
        assertFalse(e.isJsonNull(), "JSON null would be dropped by Gson's default serializer");
        if (e.isJsonObject()) e.getAsJsonObject().entrySet().forEach(x -> assertNoJsonNulls(x.getValue()));
        if (e.isJsonArray()) e.getAsJsonArray().forEach(ChartsTest::assertNoJsonNulls);
    }
}

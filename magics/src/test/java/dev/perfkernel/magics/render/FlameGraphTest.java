package dev.perfkernel.magics.render;

import dev.perfkernel.magics.api.MimeBundle;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FlameGraphTest {

    @Test
    void parsesCollapsedStacksAndMergesPrefixes() {
        FlameGraph fg = FlameGraph.parse("main;a;b 3\nmain;a 2\nmain;c 5\n\nbroken line\nmain;x notanumber\n");
        assertEquals(10, fg.total());
        assertEquals(2, fg.skippedLines());
        FlameGraph.Node main = fg.root().children().get(0);
        assertEquals("main", main.name());
        assertEquals(10, main.total());
        assertEquals(0, main.self());
        FlameGraph.Node a = main.children().get(0);
        assertEquals(5, a.total());
        assertEquals(2, a.self());
        assertEquals(3, fg.maxDepth());
    }

    @Test
    void widthsAreProportionalAndChildrenFitInsideParents() {
        FlameGraph fg = SampleCharts.flame();
        List<FlameGraph.Frame> frames = fg.frames();
        assertEquals(1.0, frames.get(0).width(), 1e-12);
        assertEquals(fg.total(), frames.get(0).count());
        for (FlameGraph.Frame f : frames) {
            assertEquals((double) f.count() / fg.total(), f.width(), 1e-12);
            // Children sum to the parent's count minus its self count, and lie inside it.
            List<FlameGraph.Frame> kids = frames.stream()
                    .filter(k -> k.depth() == f.depth() + 1 && k.x() >= f.x() - 1e-12 && k.x() < f.x() + f.width() - 1e-12)
                    .toList();
            long sum = kids.stream().mapToLong(FlameGraph.Frame::count).sum();
            assertEquals(f.count() - f.self(), sum, f.name());
            for (FlameGraph.Frame k : kids) assertTrue(k.x() + k.width() <= f.x() + f.width() + 1e-9);
        }
    }

    @Test
    void svgHasOneTooltipRectPerVisibleFrame() {
        FlameGraph fg = SampleCharts.flame();
        Document d = SvgAssert.parse(fg.svg("CPU", "samples"));
        List<Element> groups = SvgAssert.elements(d, "g", "f");
        assertEquals(fg.frames().size(), groups.size());
        String sumSplit = groups.stream().map(g -> g.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .filter(t -> t.startsWith("Sum.sum ")).findFirst().orElseThrow();
        assertTrue(sumSplit.contains("(96.41%)"), sumSplit);      // 995 of 1032 samples are under Sum.sum
        // Widest user frame is widest rect after its ancestors.
        double allW = Double.parseDouble(((Element) groups.get(0).getElementsByTagNameNS("*", "rect").item(0)).getAttribute("width"));
        assertEquals(940, allW, 1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jfr-cpu-jdk17.collapsed", "jfr-cpu-jdk25.collapsed"})
    void realJfrStacks(String file) throws Exception {
        String text;
        try (var in = FlameGraphTest.class.getResourceAsStream("/render/flame/" + file)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        long expectedTotal = 0;
        int expectedDepth = 0;
        for (String line : text.split("\n")) {
            int sp = line.lastIndexOf(' ');
            expectedTotal += Long.parseLong(line.substring(sp + 1));
            expectedDepth = Math.max(expectedDepth, line.substring(0, sp).split(";").length);
        }
        FlameGraph fg = FlameGraph.parse(text);
        assertEquals(0, fg.skippedLines());
        assertEquals(expectedTotal, fg.total());
        assertEquals(expectedDepth, fg.maxDepth());
        FlameGraph.Node main = fg.root().children().stream().filter(n -> n.name().equals("Work.main")).findFirst().orElseThrow();
        FlameGraph.Node fib = main.children().stream().filter(n -> n.name().equals("Work.fib")).findFirst().orElseThrow();
        long widest = main.children().stream().mapToLong(FlameGraph.Node::total).max().orElseThrow();
        assertEquals(widest, fib.total(), "recursive fib is the widest child of main");
        assertEquals(FlameGraph.Origin.USER, FlameGraph.origin(fib.name()));
        // Every sample is accounted for exactly once as some frame's self count.
        assertEquals(fg.total(), fg.frames().stream().mapToLong(FlameGraph.Frame::self).sum());
        Document d = SvgAssert.parse(fg.svg("CPU", "samples"));
        assertEquals(fg.frames().size(), SvgAssert.elements(d, "g", "f").size());
        assertEquals(text.lines().sorted().toList(), fg.toCollapsed().lines().sorted().toList());
    }

    @Test
    void narrowFramesDropThePackageBeforeCutting() {
        assertEquals("HashMap.putVal", FlameGraph.shortName("java.util.HashMap.putVal"));
        assertEquals("Interpreter", FlameGraph.shortName("Interpreter"));
        assertEquals("java.util.HashMap.putVal", FlameGraph.label("java.util.HashMap.putVal", 400));
        assertEquals("HashMap.putVal", FlameGraph.label("java.util.HashMap.putVal", 110));
        assertTrue(FlameGraph.label("java.util.HashMap.putVal", 60).endsWith("…"));
    }

    @Test
    void iciclePutsTheRootOnTop() {
        FlameGraph fg = FlameGraph.parse("main;a;b 3\nmain;c 5\n");
        double flameRootY = rootY(fg.svg("t", "samples"));
        double icicleRootY = rootY(fg.icicle(true).svg("t", "samples"));
        assertTrue(icicleRootY < flameRootY, icicleRootY + " vs " + flameRootY);
    }

    private static double rootY(String svg) {
        Document d = SvgAssert.parse(svg);
        Element g = SvgAssert.elements(d, "g", "f").get(0);
        return Double.parseDouble(((Element) g.getElementsByTagNameNS("*", "rect").item(0)).getAttribute("y"));
    }

    @Test
    void framesOfOneClassShareAHue() {
        String a = FlameGraph.colour("com.acme.Decoder.decode", FlameGraph.Origin.USER);
        String b = FlameGraph.colour("com.acme.Decoder.readLine", FlameGraph.Origin.USER);
        assertEquals(a.substring(0, a.indexOf(',')), b.substring(0, b.indexOf(',')));
    }

    @Test
    void originsDecideColours() {
        assertEquals(FlameGraph.Origin.JDK, FlameGraph.origin("java.util.HashMap.put"));
        assertEquals(FlameGraph.Origin.JDK, FlameGraph.origin("jdk.internal.misc.Unsafe.park"));
        assertEquals(FlameGraph.Origin.HARNESS, FlameGraph.origin("org.openjdk.jmh.runner.Runner.run"));
        assertEquals(FlameGraph.Origin.HARNESS, FlameGraph.origin("Sum_jmhTest.sum_avgt_jmhStub"));
        assertEquals(FlameGraph.Origin.NATIVE, FlameGraph.origin("[unknown]"));
        assertEquals(FlameGraph.Origin.NATIVE, FlameGraph.origin("G1ParTask::work"));
        assertEquals(FlameGraph.Origin.USER, FlameGraph.origin("com.acme.Decoder.decode"));
        assertEquals(FlameGraph.Origin.USER, FlameGraph.origin("Sum.sum"));
    }

    @Test
    void longLabelsAreTruncatedNotOverflowing() {
        FlameGraph fg = FlameGraph.parse("a.VeryLongClassNameThatCannotFitInATinyFrame.method 1\nb.B.b 99\n");
        Document d = SvgAssert.parse(fg.svg("t", "samples"));
        boolean truncated = SvgAssert.texts(d).stream().anyMatch(t -> t.endsWith("…") || t.isEmpty());
        assertTrue(truncated);
    }

    @Test
    void roundTripsToCollapsed() {
        String in = "main;a 2\nmain;a;b 3\nmain;c 5\n";   // canonical order: depth first, parent first
        FlameGraph fg = FlameGraph.parse(in);
        assertEquals(in, fg.toCollapsed());
    }

    @Test
    void interactiveHtmlWrapsTheSvgWithZoomScript() {
        MimeBundle b = Bundles.flameGraph(SampleCharts.flame(), "CPU samples", "samples");
        String html = (String) b.data().get(MimeBundle.HTML);
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("<script>"));
        assertTrue(html.contains("data-w=\""));
        assertTrue(b.plainText().contains("java.util.regex.Pattern.split"), b.plainText());
        // one SVG only, inside the HTML (no separate image/svg+xml copy)
        assertFalse(b.data().containsKey(MimeBundle.SVG));
        SvgAssert.parse(html.substring(html.indexOf("<svg"), html.lastIndexOf("</svg>") + "</svg>".length()));
    }
}

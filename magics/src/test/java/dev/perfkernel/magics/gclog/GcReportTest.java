package dev.perfkernel.magics.gclog;

import com.google.gson.JsonObject;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.parse.gclog.GcLogParser;
import dev.perfkernel.magics.render.Table;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON and tables from recorded logs, without forking. */
class GcReportTest {

    private static GcRun run(String fixture, Collector gc, boolean oom) throws Exception {
        Path log = fixture(fixture);
        GcLog parsed = GcLogParser.parse(log);
        RunConfig config = new RunConfig(null, gc, "-Xmx64m", null, List.of(), null);
        return new GcRun(config, Jdks.current(), config.flags(), parsed, null, 42,
                oom ? null : new GcRun.Measured(2.0, 200L * 1048576), Duration.ofSeconds(3), oom, log, List.of("a warning"));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(GcReportTest.class.getResource("/gclogs/" + name + ".log").toURI());
    }

    private static GcLogOptions options() {
        return new GcLogOptions(List.of(), false, Duration.ofSeconds(2), 0, null, false, GcLogOptions.VARIABLE);
    }

    @Test
    void jsonCarriesTheIssueSchema() throws Exception {
        GcRun r = run("jdk17/serial", Collector.SERIAL, false);
        JsonObject root = GcReportJson.of(List.of(r), options());
        JsonObject run = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals("Serial -Xmx64m", run.get("config").getAsString());
        assertEquals("Serial", run.get("collector").getAsString());
        assertEquals(18, run.get("gc_count").getAsLong());
        JsonObject pause = run.getAsJsonObject("pause");
        assertEquals(18, pause.get("count").getAsLong());
        assertEquals(63.816, pause.get("total_ms").getAsDouble(), 1e-9);
        assertEquals(51.85, pause.get("max_ms").getAsDouble(), 1e-9);
        assertTrue(pause.has("p50_ms") && pause.has("p99_ms"));
        assertEquals(100, run.get("alloc_rate_mb_s").getAsDouble(), 1e-9, "200 MB in 2 s by the thread counter");
        assertEquals("thread allocation counter", run.get("alloc_rate_source").getAsString());
        assertTrue(run.get("alloc_rate_gc_log_estimate_mb_s").getAsDouble() > 0);
        JsonObject e0 = run.getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals("young", e0.get("kind").getAsString());
        assertEquals("Allocation Failure", e0.get("cause").getAsString());
        assertEquals(17, e0.get("heap_before_mb").getAsDouble());
        assertEquals(8, e0.get("heap_after_mb").getAsDouble());
        assertEquals(51.85, e0.get("pause_ms").getAsDouble(), 1e-9);
        assertTrue(e0.has("uptime_s"));
        assertTrue(run.get("environment").isJsonNull());
        assertEquals("a warning", root.getAsJsonArray("warnings").get(0).getAsString());
    }

    @Test
    void unknownFiguresAreNullNotNaN() throws Exception {
        GcRun r = run("jdk25/epsilon", Collector.EPSILON, true);
        JsonObject run = GcReportJson.of(List.of(r), options()).getAsJsonArray("runs").get(0).getAsJsonObject();
        assertTrue(run.getAsJsonObject("pause").get("p50_ms").isJsonNull());
        assertTrue(run.get("out_of_memory").getAsBoolean());
        assertEquals("gc log estimate", run.get("alloc_rate_source").getAsString());
        assertEquals(0, run.getAsJsonArray("events").size());
        String text = GcRenderer.summary(r, options()).toText();
        assertTrue(text.contains("ended by OutOfMemoryError"), text);
        assertFalse(text.contains("NaN"), text);
        var chart = GcRenderer.chart(r);
        assertTrue(chart instanceof dev.perfkernel.magics.render.XYChart, "Epsilon: heap use over time, no GC timeline");
        assertTrue(chart.summary().contains("heap used"), chart.summary());
    }

    @Test
    void summaryAndComparisonTables() throws Exception {
        GcRun z = run("jdk17/z-stress", Collector.Z, false);
        String text = GcRenderer.summary(z, options()).toText();
        assertTrue(text.contains("Allocation stalls"), text);
        assertTrue(text.contains("10, total 78.9 ms"), text);
        GcRun g1 = run("jdk25/g1-mixed", Collector.G1, false);
        String g1Text = GcRenderer.summary(g1, options()).toText();
        assertTrue(g1Text.contains("25 young, 10 mixed, 1 full, 11 remark, 11 cleanup, 11 concurrent mark"), g1Text);
        Table cmp = GcRenderer.comparison(List.of(z, g1));
        assertEquals(2, cmp.rowCount());
        assertEquals(6, GcRenderer.comparisonChart(List.of(z, g1)).bars().size(), "p50, p99, max per run");
        assertEquals(2, GcRenderer.eventBundles(g1).size(), "first rows, then the rest collapsed");
        assertEquals(69, GcRenderer.timeline(g1).events().size());
        assertTrue(GcRenderer.chart(g1) instanceof dev.perfkernel.magics.render.GcTimelineChart);
    }

    @Test
    void warningsSharedByEveryRunAreShownOnce() throws Exception {
        GcRun a = run("jdk17/serial", Collector.SERIAL, false);
        GcRun b = new GcRun(new RunConfig("other", Collector.G1, null, null, List.of(), null), a.jdk(), a.flags(),
                a.log(), null, 1, null, a.wall(), false, a.savedLog(), List.of("a warning", "only here"));
        assertEquals(List.of("a warning", "other: only here"), GcLogMagic.mergedWarnings(List.of(a, b)));
    }

    @Test
    void comparedRunsSaveNumberedLogs() {
        GcLogOptions o = new GcLogOptions(List.of(new RunConfig("a", null, null, null, List.of(), null),
                new RunConfig("b", null, null, null, List.of(), null)), true, Duration.ofSeconds(1), 0, "out/x.log", false,
                GcLogOptions.VARIABLE);
        Path wd = Path.of("/work/nb");
        assertEquals(List.of(wd.resolve("out/x-1.log"), wd.resolve("out/x-2.log")), GcLogMagic.savePaths(wd, o));
        GcLogOptions single = new GcLogOptions(List.of(new RunConfig(null, null, null, null, List.of(), null)),
                false, Duration.ofSeconds(1), 0, null, false, GcLogOptions.VARIABLE);
        Path p = GcLogMagic.savePaths(wd, single).get(0);
        assertTrue(p.startsWith(wd.resolve(GcLogMagic.OUT_DIR)) && p.getFileName().toString().startsWith("gclog-"), p.toString());
    }
}

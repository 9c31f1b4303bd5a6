package dev.perfkernel.magics.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** %bench end to end with real JMH forks and short settings. */
class BenchMagicIntegrationTest {
    static final List<String> SHORT = List.of("-f", "1", "-wi", "1", "-i", "2", "-w", "100ms", "-r", "100ms");

    static Invocation cell(String body, List<String> extra) {
        List<String> args = new java.util.ArrayList<>(SHORT);
        args.addAll(extra);
        return new Invocation("bench", true, args, String.join(" ", args), body, 2, 7);
    }

    static JsonObject report(RecordingContext ctx) {
        return JsonParser.parseString(ctx.published.get(BenchMagic.VARIABLE)).getAsJsonObject();
    }

    @Test
    void sumOfTenThousandIntsIsOverAHundredTimesSlowerThanTen(@TempDir Path dir) throws Exception {
        String body = """
                int[] small = new int[10];
                int[] big = new int[10_000];
                @Setup public void fill() {
                    for (int i = 0; i < big.length; i++) big[i] = i;
                    for (int i = 0; i < small.length; i++) small[i] = i;
                }
                @Benchmark public int sum10() { int s = 0; for (int v : small) s += v; return s; }
                @Benchmark public int sum10000() { int s = 0; for (int v : big) s += v; return s; }
                """;
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        // five 100 ms samples: a median that one preempted iteration on a busy machine cannot move
        new BenchMagic().run(cell(body, List.of("--no-empty-reference", "-wi", "2", "-i", "5")), ctx);
        JsonObject r = report(ctx);
        JsonArray b = r.getAsJsonArray("benchmarks");
        assertEquals(2, b.size());
        assertEquals("sum10", b.get(0).getAsJsonObject().get("name").getAsString());
        JsonObject cmp = r.getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals("sum10000", cmp.get("name").getAsString());
        assertTrue(cmp.get("ratio").getAsDouble() > 100, "ratio " + cmp.get("ratio"));
        assertTrue(ctx.stdout.toString().contains("per op (mean ± 99.9% CI, 1 fork × 5 iterations)"), ctx.stdout.toString());
        // table and chart arrive as separate displays
        List<MimeBundle> tables = ctx.withMime(MimeBundle.HTML);
        assertTrue(tables.stream().anyMatch(t -> t.plainText().contains("sum10000")));
        List<MimeBundle> charts = ctx.withMime(MimeBundle.VEGA_LITE);
        assertEquals(1, charts.size());
        assertTrue(charts.get(0).data().containsKey(MimeBundle.SVG));
        // a chart carries no HTML copy: front ends that rank HTML first would hide the Vega-Lite view
        assertFalse(charts.get(0).data().containsKey(MimeBundle.HTML));
        assertFalse(ctx.withMime(MimeBundle.JSON).isEmpty());
        assertTrue(ctx.progress.stream().anyMatch(p -> p.contains("iteration")), ctx.progress.toString());
    }

    @Test
    void byteArrayIs1016BytesPerOpOnJdk17And25AndSaveCompareRoundTrips(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        String line = String.join(" ", SHORT) + " -prof gc --jvm 17 --jvm 25 --no-empty-reference --save runs/a.json new byte[1000]";
        new BenchMagic().run(new Invocation("bench", false, List.of(), line, "", 1, 3), ctx);
        JsonObject r = report(ctx);
        JsonArray b = r.getAsJsonArray("benchmarks");
        assertEquals(2, b.size());
        for (var e : b) {
            JsonObject row = e.getAsJsonObject();
            double bytes = row.getAsJsonObject("secondary").getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
            assertEquals(1016, bytes, 4, row.get("jdk") + " B/op");
            assertEquals(2, row.getAsJsonArray("samples").size());
        }
        JsonArray envs = r.getAsJsonArray("environment");
        assertEquals(17, envs.get(0).getAsJsonObject().get("jdk_feature").getAsInt());
        assertEquals(25, envs.get(1).getAsJsonObject().get("jdk_feature").getAsInt());
        assertTrue(envs.get(1).getAsJsonObject().get("jdk_version").getAsString().startsWith("25"));
        JsonObject cmp = r.getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals("JDK 17", cmp.get("baseline").getAsString(), "several JDKs compare with the first");
        assertTrue(ctx.stdout.toString().contains("1016 B allocated per op"), ctx.stdout.toString());
        assertTrue(java.nio.file.Files.readString(dir.resolve("runs/a.json")).strip().startsWith("["),
                "--save writes JMH's own JSON array");
        assertTrue(java.nio.file.Files.exists(dir.resolve("runs/a.perfkernel.json")), "and our extras beside it");

        RecordingContext again = new RecordingContext(SessionSource.empty(), dir);
        String line2 = String.join(" ", SHORT) + " -prof gc --jvm 17 --no-empty-reference --compare runs/a.json new byte[1000]";
        new BenchMagic().run(new Invocation("bench", false, List.of(), line2, "", 1, 4), again);
        JsonObject r2 = report(again);
        JsonObject c2 = r2.getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals("saved run", c2.get("baseline").getAsString());
        assertEquals("JDK 17", c2.get("baseline_jdk").getAsString(), "matched with the saved run's JDK 17 row");
        assertEquals("too_few_forks", c2.get("status").getAsString(), "1 fork per side: no interval, no p");
        assertTrue(c2.get("ratio").getAsDouble() > 0);
    }

    @Test
    void paramSweepGivesOneRowPerValueAChartWithAFitAndAFailingBudgetFailsTheCell(@TempDir Path dir) throws Exception {
        String body = """
                @Param({"1"}) int n;
                int[] data;
                @Setup public void setup() { data = new int[n]; }
                @Benchmark public long sum() { long s = 0; for (int v : data) s += v; return s; }
                """;
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var e = assertThrows(dev.perfkernel.magics.api.MagicException.class, () -> new BenchMagic().run(
                cell(body, List.of("-p", "n=16,256,4096", "--no-empty-reference", "--budget", "score < 0.001 ns/op")), ctx));
        assertEquals("BudgetExceeded", e.errorName());
        assertEquals(3, e.details().size(), e.details().toString());
        JsonObject r = report(ctx);
        JsonArray b = r.getAsJsonArray("benchmarks");
        assertEquals(3, b.size());
        assertEquals(List.of("16", "256", "4096"), b.asList().stream()
                .map(x -> x.getAsJsonObject().getAsJsonObject("params").get("n").getAsString()).toList());
        assertFalse(r.getAsJsonArray("budgets").get(0).getAsJsonObject().get("passed").getAsBoolean());
        MimeBundle chart = ctx.withMime(MimeBundle.VEGA_LITE).get(0);
        // the fitted class, or "undetermined" (short runs on a busy machine may fit no class)
        assertTrue(chart.plainText().contains("fit sum: O(") || chart.plainText().contains("fit sum: undetermined"),
                chart.plainText());
        assertTrue(ctx.stdout.toString().contains("sum over n: "), ctx.stdout.toString());
    }

    @Test
    void compileErrorPointsAtTheCellLine(@TempDir Path dir) {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var e = assertThrows(dev.perfkernel.magics.compile.CompilationError.class, () -> new BenchMagic().run(
                cell("int a = 1;\nint b = a + missing;\nb", List.of()), ctx));
        assertEquals("line 3, col 13: cannot find symbol", e.details().get(0));
    }

    @Test
    void aThrowingBenchmarkShowsTheExceptionWithCellLines(@TempDir Path dir) {
        String body = """
                int depth() {
                    throw new IllegalStateException("boom");
                }
                @Benchmark public int b() { return depth(); }
                """;
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var e = assertThrows(dev.perfkernel.magics.api.MagicException.class, () -> new BenchMagic().run(
                cell(body, List.of("--no-empty-reference")), ctx));
        assertEquals("BenchmarkFailed", e.errorName());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: boom"), e.getMessage());
        assertTrue(e.details().contains("  at perfkernel.bench.CellBenchmark.depth (line 3 of the cell)"), e.details().toString());
        assertTrue(e.details().contains("  at perfkernel.bench.CellBenchmark.b (line 5 of the cell)"), e.details().toString());
        assertTrue(e.details().stream().noneMatch(d -> d.contains("jmh_generated")), e.details().toString());
    }

    @Test
    void voidLastStatementRunsAndWorkTheJitRemovesIsFlagged(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        // enough warm-up for C2 to finish even on a busy machine: the removal is C2's doing
        new BenchMagic().run(cell("int x = 42 * 7;\njava.util.Arrays.fill(new int[0], x)",
                List.of("-wi", "4", "-w", "200ms", "-i", "3")), ctx);
        JsonObject r = report(ctx);
        assertEquals(1, r.getAsJsonArray("benchmarks").size());
        assertTrue(r.getAsJsonObject("empty_reference").has("JDK " + Runtime.version().feature()));
        // Timing decides this warning; on a loaded machine (which the report flags) both scores are
        // noise, so only a quiet run must show it. The rule itself: BenchAnalysisTest.nearEmptyRule.
        boolean loaded = r.getAsJsonArray("warnings").asList().stream().anyMatch(w -> w.getAsJsonObject().get("kind")
                .getAsString().equals(dev.perfkernel.magics.report.Warning.LOADED_MACHINE));
        org.junit.jupiter.api.Assumptions.assumeFalse(loaded, "machine loaded: " + r.get("warnings"));
        assertTrue(r.getAsJsonArray("warnings").asList().stream().anyMatch(w -> w.getAsJsonObject().get("kind")
                .getAsString().equals(dev.perfkernel.magics.report.Warning.NEAR_EMPTY)), r.get("warnings").toString());
    }

    @Test
    void cancelKillsTheForkTreeWithinTwoSecondsAndLeavesNoJavaProcess(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        java.util.concurrent.atomic.AtomicLong cancelledAt = new java.util.concurrent.atomic.AtomicLong();
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (ctx.progress.stream().anyMatch(p -> p.contains("warm-up"))) {
                    cancelledAt.set(System.nanoTime());
                    ctx.cancel.cancel();
                    return;
                }
                try { Thread.sleep(20); } catch (InterruptedException e) { return; }
            }
        });
        watcher.start();
        Invocation inv = new Invocation("bench", true, List.of("-f", "2", "-wi", "30", "-w", "1s", "--no-empty-reference"),
                "", "Math.log(System.nanoTime())", 2, 9);
        assertThrows(dev.perfkernel.magics.api.CancelToken.CancelledException.class, () -> new BenchMagic().run(inv, ctx));
        long took = System.nanoTime() - cancelledAt.get();
        watcher.join(1000);
        assertTrue(cancelledAt.get() > 0, "the run never reached warm-up: " + ctx.progress);
        assertTrue(took < 2_000_000_000L, "cancel took " + took / 1e6 + " ms");
        long deadline = System.nanoTime() + 2_000_000_000L - took;
        while (!dev.perfkernel.magics.fork.ProcessChecks.liveJavaDescendants().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), dev.perfkernel.magics.fork.ProcessChecks.liveJavaDescendants());
        try (var s = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("perfkernel-bench-")
                    && ctx.progress.toString().contains(p.toString())), "no leftover workspace");
        }
    }

    @Test
    void aForkThatCannotStartIsReportedWithItsLastOutput(@TempDir Path dir) {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var e = assertThrows(dev.perfkernel.magics.api.MagicException.class, () -> new BenchMagic().run(
                cell("1 + 1", List.of("-jvmArgs", "-XX:+NoSuchFlagAnywhere")), ctx));
        assertEquals("ForkFailed", e.errorName());
        assertTrue(e.details().stream().anyMatch(d -> d.contains("NoSuchFlagAnywhere")), e.details().toString());
    }

    @Test
    void unknownJdkAndUnknownBaselineAreUsageErrors(@TempDir Path dir) {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var e = assertThrows(dev.perfkernel.magics.api.UsageException.class, () -> new BenchMagic().run(
                cell("1 + 1", List.of("--jvm", "11")), ctx));
        assertTrue(e.getMessage().contains("no JDK 11"), e.getMessage());
        var b = assertThrows(dev.perfkernel.magics.api.UsageException.class, () -> new BenchMagic().run(
                cell("@Benchmark public int a() { return 1; }", List.of("--baseline", "zzz")), ctx));
        assertTrue(b.getMessage().contains("benchmarks: a"), b.getMessage());
        assertTrue(ctx.progress.isEmpty(), "nothing started");
    }

    @Test
    void helpIsShownNotRun(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(new Invocation("bench", false, List.of(), "--help", "", 1, 1), ctx);
        String text = ctx.displays.get(0).plainText();
        for (String opt : List.of("-f N", "-wi N", "-i N", "-w TIME", "-r TIME", "-bm MODE", "-tu UNIT", "-p NAME=V1,V2",
                "-t N", "-prof NAME", "-jvmArgs", "--jvm SPEC", "--quick", "--baseline NAME", "--save FILE",
                "--compare FILE", "--budget EXPR", "-o NAME", "Trade-off")) {
            assertTrue(text.contains(opt), opt);
        }
    }

    @Test
    void aForkThatHaltsOrExitsSaysSoInTheHeadline(@TempDir Path dir) {
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        var halt = assertThrows(dev.perfkernel.magics.api.MagicException.class, () -> new BenchMagic().run(
                new Invocation("bench", false, List.of(), "--quick --no-empty-reference Runtime.getRuntime().halt(3)",
                        "", 1, 4), ctx));
        var exit = assertThrows(dev.perfkernel.magics.api.MagicException.class, () -> new BenchMagic().run(
                new Invocation("bench", false, List.of(), "--quick --no-empty-reference System.exit(0)", "", 1, 5), ctx));
        assertTrue(halt.getMessage().contains("exited with code 3"), halt.getMessage());
        assertTrue(exit.getMessage().contains("System.exit"), exit.getMessage());
    }

    @Test
    void aBenchmarkNamedLikeASessionMethodMeasuresThatMethod(@TempDir Path dir) throws Exception {
        SessionSource session = dev.perfkernel.magics.testing.TestSessions.ofCells(
                "public static int sum(int[] a) { int s = 0; for (int v : a) s += v; return s; }");
        RecordingContext ctx = new RecordingContext(session, dir);
        new BenchMagic().run(cell("int[] data = new int[100];\n@Benchmark public int sum() { return sum(data); }",
                List.of("--no-empty-reference")), ctx);
        JsonArray b = report(ctx).getAsJsonArray("benchmarks");
        assertEquals("sum", b.get(0).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void theEmptyReferenceIsMeasuredOnceForAJdkModeAndFlagsAndReusedByLaterCells(@TempDir Path dir) throws Exception {
        // a flag no other test uses, so this test's first cell is the first to measure with it
        List<String> opts = List.of("-jvmArgs", "-Dperfkernel.test.empty=" + System.nanoTime());
        RecordingContext first = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(cell("Math.sqrt(2.5)", opts), first);
        RecordingContext second = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(cell("Math.sqrt(3.5)", opts), second);
        JsonObject a = report(first).getAsJsonObject("empty_reference");
        JsonObject b = report(second).getAsJsonObject("empty_reference");
        assertEquals(1, a.size(), a.toString());
        assertEquals(a, b, "the second cell reuses the first cell's measurement (a new one would differ)");
    }
}

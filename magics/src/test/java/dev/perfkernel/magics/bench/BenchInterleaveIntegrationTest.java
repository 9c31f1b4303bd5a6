package dev.perfkernel.magics.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** %bench runs the forks of a cell's benchmarks interleaved, with real JMH forks and short settings. */
class BenchInterleaveIntegrationTest {

    @Test
    void forksAlternateBetweenBenchmarksRoundByRoundAndMergeIntoOneResultEach(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("fork-order.txt");
        // every fork (warm-up forks too) appends "<benchmark><n>" when its trial starts: the run order
        String body = """
                @Param({"1", "2"}) int n;
                @Setup public void mark(org.openjdk.jmh.infra.BenchmarkParams p) throws java.io.IOException {
                    String b = p.getBenchmark();
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), b.substring(b.lastIndexOf('.') + 1) + n + "\\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
                @Benchmark public byte[] a() { return new byte[16 * n]; }
                @Benchmark public byte[] b() { return new byte[32 * n]; }
                """.formatted(log);
        List<String> args = List.of("-f", "2", "-wf", "1", "-wi", "1", "-i", "2", "-w", "100ms", "-r", "100ms",
                "-prof", "gc");
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(new Invocation("bench", true, args, String.join(" ", args), body, 2, 7), ctx);

        // round 1: a then b, each with its warm-up fork; round 2: b then a, no warm-up forks
        assertEquals(List.of("a1", "a1", "a2", "a2", "b1", "b1", "b2", "b2", "b1", "b2", "a1", "a2"),
                Files.readAllLines(log));

        JsonObject r = JsonParser.parseString(ctx.published.get(BenchMagic.VARIABLE)).getAsJsonObject();
        JsonArray rows = r.getAsJsonArray("benchmarks");
        assertEquals(4, rows.size(), rows.toString());
        for (var e : rows) {
            JsonObject row = e.getAsJsonObject();
            String what = row.get("name") + " " + row.get("params");
            assertEquals(2, row.get("forks").getAsInt(), what);
            assertEquals(4, row.getAsJsonArray("samples").size(), what);
            // secondary metrics (here the gc profiler's) merge across the rounds too
            double bytes = row.getAsJsonObject("secondary").getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
            assertTrue(bytes >= 16 && bytes < 200, what + " " + bytes + " B/op");
        }
        JsonObject cmp = r.getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals(2, cmp.get("forks_baseline").getAsInt(), cmp.toString());
        assertEquals(2, cmp.get("forks_candidate").getAsInt(), cmp.toString());
        // the empty benchmark's reference is still measured after the rounds
        assertEquals(1, r.getAsJsonObject("empty_reference").size(), r.get("empty_reference").toString());
        // the progress line counts rounds as forks, not JMH's "fork 1 of 1" of each round
        assertTrue(ctx.progress.stream().anyMatch(p -> p.contains("fork 2/2")), ctx.progress.toString());
        assertTrue(ctx.progress.stream().noneMatch(p -> p.contains("fork 1/1")), ctx.progress.toString());
    }

    @Test
    void withFailOnErrorOffABenchmarkThatThrowsIsLeftOutOfLaterRounds(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("fork-order.txt");
        String body = """
                @Setup public void mark(org.openjdk.jmh.infra.BenchmarkParams p) throws java.io.IOException {
                    String b = p.getBenchmark();
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), b.substring(b.lastIndexOf('.') + 1) + "\\n",
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
                @Benchmark public int a() { return 42; }
                @Benchmark public int b() { throw new IllegalStateException("boom"); }
                """.formatted(log);
        List<String> args = List.of("-f", "3", "-wi", "1", "-i", "1", "-w", "100ms", "-r", "100ms", "-foe", "false",
                "--no-empty-reference");
        RecordingContext ctx = new RecordingContext(SessionSource.empty(), dir);
        new BenchMagic().run(new Invocation("bench", true, args, String.join(" ", args), body, 2, 7), ctx);

        assertEquals(List.of("a", "b", "a", "a"), Files.readAllLines(log), "b runs once, then a's rounds go on");
        JsonArray rows = JsonParser.parseString(ctx.published.get(BenchMagic.VARIABLE)).getAsJsonObject()
                .getAsJsonArray("benchmarks");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("a", rows.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(3, rows.get(0).getAsJsonObject().get("forks").getAsInt());
    }
}

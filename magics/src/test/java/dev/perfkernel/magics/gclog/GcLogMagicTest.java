package dev.perfkernel.magics.gclog;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.CompilationError;
import dev.perfkernel.magics.testing.RecordingContext;
import dev.perfkernel.magics.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %%gclog end to end: real forked JVMs (small heaps, short runs), real GC logs. */
class GcLogMagicTest {
    /** Session code the cells call: the fork rebuilds it from source. */
    private static final String SESSION = """
                public static java.util.List<byte[]> live = new java.util.ArrayList<>();
                public static Object churn(int kb) {
                    return new byte[kb * 1024];
                }
            """;

    @TempDir
    Path dir;

    private RecordingContext run(String args, String body) throws Exception {
        RecordingContext ctx = new RecordingContext(TestSessions.ofMembers(SESSION), dir);
        new GcLogMagic().run(new Invocation("gclog", true, dev.perfkernel.magics.api.ArgTokenizer.split(args), args,
                body, 2, 7), ctx);
        return ctx;
    }


    @Test
    void steadyAllocationUnderG1GivesYoungCollections() throws Exception {
        RecordingContext ctx = run("--gc g1 -Xmx64m --duration 1s", "sink = churn(64);");
        JsonObject root = ctx.json();
        JsonArray runs = root.getAsJsonArray("runs");
        assertEquals(1, runs.size());
        JsonObject r = runs.get(0).getAsJsonObject();
        assertEquals("G1", r.get("collector").getAsString());
        assertTrue(r.getAsJsonObject("collections_by_kind").get("young").getAsLong() >= 3, r.toString());
        JsonObject pause = r.getAsJsonObject("pause");
        for (String k : List.of("count", "total_ms", "p50_ms", "p99_ms", "max_ms")) assertTrue(pause.has(k), k);
        assertTrue(r.get("gc_count").getAsLong() >= 3);
        assertTrue(r.get("alloc_rate_mb_s").getAsDouble() > 10, "64 KB per call for a second: " + r.get("alloc_rate_mb_s"));
        assertEquals("thread allocation counter", r.get("alloc_rate_source").getAsString());
        double perCall = r.get("allocated_mb").getAsDouble() * 1048576 / r.get("calls").getAsLong();
        assertEquals(64 * 1024 + 16, perCall, 64, "each call allocates one 64 KB array (plus its header)");
        JsonObject first = r.getAsJsonArray("events").get(0).getAsJsonObject();
        for (String k : List.of("uptime_s", "kind", "cause", "heap_before_mb", "heap_after_mb", "pause_ms")) {
            assertTrue(first.has(k), k);
        }
        assertTrue(r.has("environment") && r.get("environment").isJsonObject());
        assertTrue(root.has("warnings"));
        String shown = r.get("log_file").getAsString();
        assertTrue(shown.startsWith(GcLogMagic.OUT_DIR + "/"), "shown relative to the notebook: " + shown);
        assertTrue(Files.readString(dir.resolve(shown)).contains("Using G1"));
        assertTrue(ctx.stdout.toString().contains("GC log saved to " + shown));
        assertTrue(ctx.displays.stream().anyMatch(b -> b.data().containsKey(MimeBundle.VEGA_LITE)
                && b.data().containsKey(MimeBundle.SVG)), "a chart with Vega-Lite and SVG");
        assertTrue(ctx.published.containsKey("_gclog"));
    }

    @Test
    void systemGcIsAFullCollectionWithItsCause() throws Exception {
        RecordingContext ctx = run("--gc serial -Xmx32m --iterations 1 --save logs/full.log -o fullGc", "System.gc();");
        assertEquals(java.util.Set.of("fullGc"), ctx.published.keySet(), "-o names the result variable");
        assertEquals(ctx.json().toString(), ctx.published.get("fullGc"), "the document the cell shows");
        JsonObject r = ctx.json().getAsJsonArray("runs").get(0).getAsJsonObject();
        assertTrue(r.getAsJsonArray("events").asList().stream().map(JsonElement::getAsJsonObject)
                .anyMatch(e -> e.get("kind").getAsString().equals("full") && e.get("cause").getAsString().equals("System.gc()")),
                r.toString());
        assertTrue(Files.isRegularFile(dir.resolve("logs/full.log")));
        assertEquals(1, r.get("calls").getAsLong());
    }

    @Test
    void epsilonReportsTheOutOfMemoryEnd() throws Exception {
        RecordingContext ctx = run("--gc epsilon -Xmx64m --duration 20s", "live.add(new byte[1024 * 1024]);");
        JsonObject root = ctx.json();
        JsonObject r = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertTrue(r.get("out_of_memory").getAsBoolean());
        assertEquals("Epsilon", r.get("collector").getAsString());
        String warnings = root.getAsJsonArray("warnings").toString();
        assertTrue(warnings.contains("OutOfMemoryError after about"), warnings);
        assertTrue(r.get("peak_heap_mb").getAsDouble() > 50, r.toString());
        assertTrue(ctx.allText().contains("ended by OutOfMemoryError"), ctx.allText());
    }

    @Test
    void compareRunsEachConfiguration() throws Exception {
        RecordingContext ctx = run("-Xmx64m --duration 500ms --compare \"--gc serial\" \"--gc parallel\"", "sink = churn(32);");
        JsonArray runs = ctx.json().getAsJsonArray("runs");
        assertEquals(2, runs.size());
        assertEquals("Serial", runs.get(0).getAsJsonObject().get("collector").getAsString());
        assertEquals("Parallel", runs.get(1).getAsJsonObject().get("collector").getAsString());
        assertEquals("--gc serial", runs.get(0).getAsJsonObject().get("config").getAsString());
        assertTrue(ctx.displays.get(0).plainText().contains("GC comparison"), ctx.displays.get(0).plainText());
        String saved0 = runs.get(0).getAsJsonObject().get("log_file").getAsString();
        assertTrue(saved0.endsWith("-1.log"), saved0);
    }

    @Test
    void cellErrorsPointAtTheCell() {
        CompilationError e = assertThrows(CompilationError.class, () -> run("--iterations 1", "int x = ;"));
        assertTrue(e.details().toString().contains("line 2"), e.details().toString());
    }

    @Test
    void lineMagicAndEmptyCellAreUsageErrors() {
        RecordingContext ctx = new RecordingContext(TestSessions.ofMembers(""), dir);
        assertThrows(UsageException.class, () -> new GcLogMagic().run(
                new Invocation("gclog", false, List.of(), "", "", 1, 1), ctx));
        assertThrows(UsageException.class, () -> new GcLogMagic().run(
                new Invocation("gclog", true, List.of(), "", "  \n", 2, 1), ctx));
    }

    @Test
    void aCollectorTheJdkLacksIsAClearError() {
        // No JDK here lacks one of ours; an unknown -XX flag takes the same path.
        MagicException e = assertThrows(MagicException.class, () -> run("--iterations 1 -XX:+UseNoSuchGC", "int x = 1;"));
        assertFalse(e instanceof UsageException);
        assertTrue(String.join("\n", e.details()).contains("UseNoSuchGC"), e.details().toString());
    }
}

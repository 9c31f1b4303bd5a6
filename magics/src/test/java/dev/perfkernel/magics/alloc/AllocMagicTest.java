package dev.perfkernel.magics.alloc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.testing.RecordingContext;
import dev.perfkernel.magics.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %alloc through real JMH, JFR and instrumented forks on the JDK running the tests. */
class AllocMagicTest {
    static final String SESSION = "public record P(int x, int y) {}\n";
    static final String CELL = """
            int i = 1000;
            @Benchmark public Object bytes() { return new byte[1000]; }
            @Benchmark public Object boxed() { return Integer.valueOf(i); }
            @Benchmark public int rec() { P p = new P(i, i + 1); return p.x() + p.y(); }
            @Benchmark public String fmt() { return String.format("%d", i); }
            @Benchmark public String tos() { return Integer.toString(i); }
            """;

    private static Invocation cell(String args, String body) throws UsageException {
        return new Invocation("alloc", true, ArgTokenizer.split(args), args, body, 2, 3);
    }

    @Test
    void bytesAllocationsAndEscapeAnalysisPerBenchmark(@TempDir Path wd) throws Exception {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells(SESSION), wd);
        // not --quick: its 2 x 200 ms warm-up can end before C2 compiled the benchmark on a busy machine,
        // and escape analysis is C2's
        new AllocMagic().run(cell("-f 1 -wi 4 -w 250ms -i 2 -r 250ms --no-escape -jvmArgs -Xmx256m", CELL), ctx);
        if (Boolean.getBoolean("pk.show")) System.out.println(ctx.allText());
        JsonObject json = ctx.json();
        Map<String, JsonObject> by = new HashMap<>();
        for (JsonElement e : json.getAsJsonArray("benchmarks")) by.put(e.getAsJsonObject().get("benchmark").getAsString(), e.getAsJsonObject());
        JsonObject bytes = by.get("bytes");
        assertEquals(1016, bytes.get("bytes_per_op").getAsDouble(), 1, bytes.toString());
        assertEquals(1, bytes.get("allocs_per_op").getAsDouble(), 1e-9);
        assertEquals(1016, bytes.get("requested_bytes_per_op").getAsDouble(), 1e-9);
        JsonObject site = bytes.getAsJsonArray("sites").get(0).getAsJsonObject();
        assertEquals("byte[]", site.get("type").getAsString());
        assertEquals(3, site.get("line").getAsInt(), "the cell line of `new byte[1000]`");
        assertEquals(false, site.get("sampled").getAsBoolean());

        assertEquals(16, by.get("boxed").get("bytes_per_op").getAsDouble(), 1, by.get("boxed").toString());
        JsonObject rec = by.get("rec");
        assertTrue(rec.get("bytes_per_op").getAsDouble() < 2, rec.toString());
        assertEquals(1, rec.get("allocs_per_op").getAsDouble(), 1e-9);
        assertTrue(rec.get("no_escape_bytes_per_op").getAsDouble() >= 16, rec.toString());
        assertTrue(by.get("fmt").get("allocs_per_op").getAsDouble() > by.get("tos").get("allocs_per_op").getAsDouble() + 2,
                by.get("fmt") + " vs " + by.get("tos"));
        try (var files = Files.list(wd.resolve("perfkernel-out"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("alloc-.*\\.jfr")));
        }
        assertTrue(ctx.allText().contains("before escape analysis"));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path wd) {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells(), wd);
        assertThrows(UsageException.class, () -> new AllocMagic().run(cell("--by weight", "new byte[1]"), ctx));
        assertThrows(UsageException.class, () -> new AllocMagic().run(cell("--top x", "new byte[1]"), ctx));
        assertThrows(UsageException.class, () -> new AllocMagic().run(cell("--budget 'alloc == 0'", "new byte[1]"), ctx));
        assertThrows(UsageException.class, () -> new AllocMagic().run(cell("--bogus", "new byte[1]"), ctx));
        assertThrows(UsageException.class, () -> new AllocMagic().run(cell("", " "), ctx));
    }

    @Test
    void lineFormMixesOwnAndBenchOptions() throws Exception {
        AllocOptions.Line l = AllocOptions.parseLine("--quick --by count -f 2 --no-escape --top=3 new byte[10]", false,
                AllocMagic.HELP);
        assertEquals("new byte[10]", l.expression());
        assertEquals(dev.perfkernel.magics.parse.jfr.AllocationProfile.By.COUNT, l.options().by());
        assertEquals(3, l.options().top());
        assertTrue(l.options().noEscape());
        assertEquals(2, l.options().bench().forks());
        assertTrue(l.options().bench().quick());
    }

    @Test
    void workerThreadNamesGiveTheBenchmark() {
        assertEquals("bench", AllocMagic.benchmarkOf("perfkernel.bench.CellBenchmark.bench-jmh-worker-1"));
    }
}

package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.DurationOption;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
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

class ProfileMagicTest {
    static final String HOT_AND_COLD = """
            public static long hot(int n) { long s = 0; for (int i = 0; i < n; i++) s += Long.numberOfTrailingZeros(i * 0x9E3779B97F4A7C15L) ^ (s >>> 3); return s; }
            public static long cold(int n) { long s = 0; for (int i = 0; i < n; i++) s += i % 7; return s; }
            public static long total;
            """;

    private static Invocation cell(String args, String body) throws UsageException {
        return new Invocation("profile", true, ArgTokenizer.split(args), args, body, 2, 7);
    }

    @Test
    void cpuProfileNamesTheHotMethodFirstAndMapsCellLines(@TempDir Path wd) throws Exception {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells(HOT_AND_COLD), wd);
        new ProfileMagic().run(cell("--duration 2s --top 5 -jvmArgs -Xmx128m",
                "total += hot(3_000_000);\ntotal += cold(300_000);\n"), ctx);
        if (Boolean.getBoolean("pk.show")) System.out.println(ctx.allText());
        JsonObject json = ctx.json();
        assertEquals("cpu", json.get("event").getAsString());
        // enough samples to rank methods; the count itself depends on how busy the machine is
        assertTrue(json.get("samples").getAsLong() > 100, json.toString());
        JsonArray frames = json.getAsJsonArray("frames");
        assertEquals("perfkernel.session.Session.hot", frames.get(0).getAsJsonObject().get("method").getAsString(),
                ctx.allText());
        // the cell's first line calls hot: it carries most of the cumulative samples
        boolean cellLine2 = false;
        for (var l : json.getAsJsonArray("lines")) {
            JsonObject o = l.getAsJsonObject();
            if (o.has("cell_line") && o.get("cell_line").getAsInt() == 2 && o.get("execution_count").getAsInt() == 7) {
                cellLine2 = o.get("cum").getAsLong() > json.get("samples").getAsLong() / 2;
            }
        }
        assertTrue(cellLine2, json.toString());
        try (var files = Files.list(wd.resolve(dev.perfkernel.magics.pipeline.OutputFiles.FOLDER))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("profile-cpu-") && n.endsWith(".jfr")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".collapsed")), names.toString());
        }
        MimeBundle flame = ctx.displays.stream().filter(b -> String.valueOf(b.data().get(MimeBundle.HTML))
                .contains("<svg")).findFirst().orElseThrow(() -> new AssertionError("no flame graph"));
        assertFalse(flame.data().containsKey(MimeBundle.SVG), "the flame graph's SVG is stored once, in its HTML");
        assertEquals(1, ctx.displays.stream().mapToInt(b -> b.data().values().toString().split("<svg", -1).length - 1)
                .sum(), "one SVG in all of the cell's output");
        assertTrue(ctx.allText().contains("Session.hot"));
    }

    @Test
    void allocEventWeighsByBytesAndFindsTheAllocatingMethod(@TempDir Path wd) throws Exception {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells("""
                public static Object sink;
                public static void churn() { for (int i = 0; i < 1000; i++) sink = new long[64]; }
                public static void little() { sink = new long[1]; }
                """), wd);
        new ProfileMagic().run(cell("--event alloc --duration 1s -jvmArgs -Xmx128m", "churn();\nlittle();\n"), ctx);
        JsonObject json = ctx.json();
        assertEquals("bytes", json.get("unit").getAsString());
        assertTrue(json.get("total").getAsLong() > json.get("samples").getAsLong(), "weights are bytes, not samples");
        assertEquals("perfkernel.session.Session.churn",
                json.getAsJsonArray("frames").get(0).getAsJsonObject().get("method").getAsString(), ctx.allText());
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path wd) {
        RecordingContext ctx = new RecordingContext(TestSessions.ofCells(), wd);
        assertThrows(UsageException.class, () -> new ProfileMagic().run(cell("--event heap", "int x = 1;"), ctx));
        assertThrows(UsageException.class, () -> new ProfileMagic().run(cell("--duration soon", "int x = 1;"), ctx));
        assertThrows(UsageException.class, () -> new ProfileMagic().run(cell("--top 0", "int x = 1;"), ctx));
        assertThrows(UsageException.class, () -> new ProfileMagic().run(cell("", "  \n"), ctx));
        assertThrows(UsageException.class, () -> new ProfileMagic().run(cell("--frobnicate", "int x = 1;"), ctx));
    }

    @Test
    void durationsParseInTheUsualUnits() {
        assertEquals(10_000, DurationOption.parse("10s").toMillis());
        assertEquals(500, DurationOption.parse("500ms").toMillis());
        assertEquals(120_000, DurationOption.parse("2m").toMillis());
        assertEquals(1_500, DurationOption.parse("1.5s").toMillis());
        assertEquals(3_000, DurationOption.parse("3").toMillis());
        assertEquals(null, DurationOption.parse("-1s"));
    }

    @Test
    void lineFormSplitsOptionsFromCode() {
        var lf = ProfileOptions.OPTIONS.splitLine(List.of("--duration", "1s", "fib(30)", "+", "1"));
        assertEquals(List.of("--duration", "1s"), lf.options());
        assertEquals("fib(30) + 1", lf.code());
    }
}

package dev.perfkernel.magics.jit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %jit end to end on the kernel's JDK: a record created and dropped is scalar replaced, unless EA is off. */
class JitMagicTest {

    static final String POINT = "public record Point(int x, int y) {}";
    static final String DIST = "public static int dist(int a, int b) {\n    Point p = new Point(a, b);\n    return p.x() * p.x() + p.y() * p.y();\n}";
    static final String BODY = "int s = 0;\nfor (int i = 0; i < 1000; i++) s += dist(i, s);\nsink = s;";

    static Invocation cell(String args, String body) throws UsageException {
        return new Invocation("jit", true, ArgTokenizer.split(args), args, body, 2, 3);
    }

    static List<JsonObject> array(JsonObject json, String name) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray(name)) out.add(e.getAsJsonObject());
        return out;
    }

    @Test
    void eliminatedAllocationOfTheRecordAtItsCellLine() throws Exception {
        RecordingContext ctx = RecordingContext.ofCells(POINT, DIST);
        new JitMagic().run(cell("", BODY), ctx);
        MimeBundle b = ctx.displays.get(0);
        if (Boolean.getBoolean("h7.show")) {
            System.out.println(b.plainText());
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "h7-jit.html"),
                    (String) b.data().get(MimeBundle.HTML));
        }
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        List<JsonObject> allocs = array(json, "eliminated_allocations");
        JsonObject point = allocs.stream().filter(a -> a.get("type").getAsString().equals("Point")).findFirst()
                .orElseThrow(() -> new AssertionError(b.plainText()));
        assertEquals("dist", point.get("method").getAsString());
        assertEquals(2, point.get("line").getAsInt()); // cell 2, line 2: Point p = new Point(a, b);
        assertEquals(2, point.get("cell").getAsInt());
        assertTrue(point.get("source").getAsString().contains("new Point"));
        assertTrue(array(json, "compilations").stream().anyMatch(c -> c.get("tier").getAsInt() == 4));
        assertTrue(array(json, "inlining").stream().anyMatch(i -> i.get("callee").getAsString().equals("Point::<init>")
                && i.get("inlined").getAsBoolean()), json.toString());
    }

    @Test
    void noEliminationWithoutEscapeAnalysis(@TempDir Path dir) throws Exception {
        RecordingContext ctx = RecordingContext.ofCells(POINT, DIST).workingDirectory(dir);
        new JitMagic().run(cell("--method dist --save jit.xml -jvmArgs \"-XX:-DoEscapeAnalysis\"", BODY), ctx);
        // the raw log is kept for other tools (JITWatch): a complete LogCompilation file
        String saved = Files.readString(dir.resolve("jit.xml"));
        assertTrue(saved.contains("<hotspot_log") && saved.contains("DoEscapeAnalysis") && saved.contains("</hotspot_log>"));
        MimeBundle b = ctx.displays.get(0);
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        assertEquals(0, json.getAsJsonArray("eliminated_allocations").size(), b.plainText());
        assertTrue(b.plainText().contains("escape analysis is off"));
        assertTrue(array(json, "compilations").stream().allMatch(c -> c.get("method").getAsString().equals("dist")));
    }

    @Test
    void uncommonTrapInUserCodeAtItsLine() throws Exception {
        RecordingContext ctx = RecordingContext.ofCells("public static long calls = 0;",
                "public static int sign(int x) {\n    if (x < 0) {\n        return -1;\n    }\n    return 1;\n}");
        String body = "calls++;\nint s = 0;\nfor (int i = 0; i < 1000; i++) s += sign(calls > 20000 ? -i : i);\nsink = s;";
        new JitMagic().run(cell("", body), ctx);
        MimeBundle b = ctx.displays.get(0);
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        JsonObject trap = array(json, "deopts").stream()
                .filter(d -> d.get("kind").getAsString().equals("uncommon_trap") && "sign".equals(d.get("method").getAsString()))
                .findFirst().orElseThrow(() -> new AssertionError(b.plainText()));
        assertEquals("unstable_if", trap.get("reason").getAsString());
        assertEquals(2, trap.get("line").getAsInt());
        assertEquals(2, trap.get("cell").getAsInt());
        // the driver's own loop never shows up as the user's code
        assertTrue(array(json, "deopts").stream().noneMatch(d -> d.has("method") && !d.get("method").isJsonNull()
                && d.get("method").getAsString().equals("(driver loop)")));
    }

    @Test
    void badInputIsAUsageError() {
        RecordingContext ctx = RecordingContext.ofCells(POINT, DIST);
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("", " "), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--frobnicate", BODY), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--time 0", BODY), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--method 1x", BODY), ctx));
    }
}

package dev.perfkernel.magics.jit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.disasm.TestContext;
import org.junit.jupiter.api.Test;

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
        TestContext ctx = new TestContext(POINT, DIST);
        new JitMagic().run(cell("", BODY), ctx);
        MimeBundle b = ctx.displays.get(0);
        if (Boolean.getBoolean("h7.show")) System.out.println(b.plainText());
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
    void noEliminationWithoutEscapeAnalysis() throws Exception {
        TestContext ctx = new TestContext(POINT, DIST);
        new JitMagic().run(cell("--method dist -jvmArgs \"-XX:-DoEscapeAnalysis\"", BODY), ctx);
        MimeBundle b = ctx.displays.get(0);
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        assertEquals(0, json.getAsJsonArray("eliminated_allocations").size(), b.plainText());
        assertTrue(b.plainText().contains("escape analysis is off"));
        assertTrue(array(json, "compilations").stream().allMatch(c -> c.get("method").getAsString().equals("dist")));
    }

    @Test
    void badInputIsAUsageError() {
        TestContext ctx = new TestContext(POINT, DIST);
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("", " "), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--frobnicate", BODY), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--time 0", BODY), ctx));
        assertThrows(UsageException.class, () -> new JitMagic().run(cell("--method 1x", BODY), ctx));
    }
}

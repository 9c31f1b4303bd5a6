package dev.perfkernel.magics.disasm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.parse.asm.ObjdumpDecoder;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %disasm end to end: compile, fork the kernel's JDK, PrintAssembly, objdump, render. */
class DisasmMagicTest {

    static final String ADD = "public static int add(int a, int b) {\n    return a + b;\n}";
    static final String SUM = "public static long sum(int[] xs) {\n    long s = 0;\n    for (int x : xs) s += x;\n    return s;\n}";

    @BeforeAll
    static void needsObjdump() {
        Assumptions.assumeTrue(new ObjdumpDecoder().available(), "objdump not installed");
    }

    static Invocation cell(String args, String body) throws UsageException {
        return new Invocation("disasm", !body.isEmpty(), ArgTokenizer.split(args), args, body, 2, 3);
    }

    static List<JsonObject> instructions(JsonObject json, int tier) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement c : json.getAsJsonArray("compilations")) {
            JsonObject co = c.getAsJsonObject();
            if (co.get("tier").getAsInt() != tier) continue;
            for (JsonElement i : co.getAsJsonArray("instructions")) out.add(i.getAsJsonObject());
        }
        return out;
    }

    @Test
    void addShowsAnAddOrLeaOnTheCellLine() throws Exception {
        RecordingContext ctx = RecordingContext.ofCells(ADD);
        long t0 = System.nanoTime();
        new DisasmMagic().run(cell("add", "int r = 0;\nfor (int i = 0; i < 1000; i++) r = add(r, i);\nsink = r;"), ctx);
        System.out.printf("%%disasm add end to end: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        MimeBundle b = ctx.displays.get(0);
        if (Boolean.getBoolean("h7.show")) System.out.println(b.plainText() + "\n" + b.data().get(MimeBundle.HTML));
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        assertEquals("add", json.get("method").getAsString());
        JsonArray comps = json.getAsJsonArray("compilations");
        assertTrue(comps.size() >= 1);
        JsonObject c2 = comps.get(comps.size() - 1).getAsJsonObject();
        assertEquals(4, c2.get("tier").getAsInt());
        assertTrue(c2.get("size").getAsInt() > 0);
        List<JsonObject> ins = instructions(json, 4);
        assertTrue(ins.stream().anyMatch(i -> i.get("mnemonic").getAsString().matches("add|lea")), ins.toString());
        assertTrue(ins.stream().anyMatch(i -> i.has("safepoint_poll")));
        assertTrue(b.plainText().contains("add"));
        assertTrue(((String) b.data().get(MimeBundle.HTML)).contains("<details open>"));
    }

    @Test
    void loopIsMarkedAndLinesMapToTheCell() throws Exception {
        RecordingContext ctx = RecordingContext.ofCells(SUM);
        new DisasmMagic().run(cell("sum --syntax intel", "int[] xs = new int[256];\nsink = sum(xs);"), ctx);
        JsonObject json = (JsonObject) ctx.displays.get(0).data().get(MimeBundle.JSON);
        if (Boolean.getBoolean("h7.show")) System.out.println(ctx.displays.get(0).plainText());
        List<JsonObject> ins = instructions(json, 4);
        assertTrue(ins.stream().anyMatch(i -> i.has("back_edge")), ins.toString());
        // the loop header is cell 1 line 3 (the for statement); lines are cell lines, not unit lines
        assertTrue(ins.stream().anyMatch(i -> !i.get("line").isJsonNull() && i.get("line").getAsInt() == 3
                && i.get("cell").getAsInt() == 1), ins.toString());
        assertTrue(ins.stream().noneMatch(i -> !i.get("line").isJsonNull() && i.get("line").getAsInt() > 5));
        assertTrue(ctx.displays.get(0).plainText().contains("↺ loop back edge"));
    }

    @Test
    void lineMagicAllTiersOnJdk25(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/usr/lib/jvm/temurin-25-jdk-amd64")), "no JDK 25");
        RecordingContext ctx = RecordingContext.ofCells("public static long work() {\n    long s = 0;\n    for (int i = 0; i < 100; i++) s += (long) i * i;\n    return s;\n}")
                .workingDirectory(dir);
        new DisasmMagic().run(new Invocation("disasm", false, ArgTokenizer.split("work --tier all --jvm 25 --save raw.txt"), "", "", 1, 4), ctx);
        assertTrue(java.nio.file.Files.readString(dir.resolve("raw.txt")).contains("[MachCode]"));
        MimeBundle b = ctx.displays.get(0);
        JsonObject json = (JsonObject) b.data().get(MimeBundle.JSON);
        List<Integer> tiers = new ArrayList<>();
        json.getAsJsonArray("compilations").forEach(c -> tiers.add(c.getAsJsonObject().get("tier").getAsInt()));
        assertTrue(tiers.contains(4), tiers.toString());
        assertTrue(tiers.stream().anyMatch(t -> t < 4), tiers.toString());
        assertTrue(b.plainText().contains("JDK 25"));
        // C1 code (whichever of tiers 1-3 the JIT chose under this machine's load) carries debug
        // info for the loop line (cell line 3) at the back edge's safepoint poll
        List<JsonObject> c1 = new ArrayList<>();
        for (int tier = 1; tier <= 3; tier++) c1.addAll(instructions(json, tier));
        assertTrue(c1.stream().anyMatch(i -> !i.get("line").isJsonNull() && i.get("line").getAsInt() == 3), tiers.toString());
    }

    @Test
    void badInputIsAUsageError() {
        RecordingContext ctx = RecordingContext.ofCells(ADD);
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("", ""), ctx));
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("add --tier c3", ""), ctx));
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("add --syntax plan9", ""), ctx));
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("nosuch", ""), ctx));
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("a.b.c", ""), ctx));
        assertThrows(UsageException.class, () -> new DisasmMagic().run(cell("add --jvm 3", ""), ctx));
    }
}

package dev.perfkernel.magics.parse.compilation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded LogCompilation files of {@code compilation/Drv.java.txt} from JDK 17 and 25. */
class LogCompilationParserTest {

    static JitLog log(String jdk) throws IOException {
        try (InputStream in = LogCompilationParserTest.class.getResourceAsStream("/compilation/" + jdk + "/logcompilation.xml")) {
            return LogCompilationParser.parse(in);
        }
    }

    static LineNumbers drvLines() throws IOException {
        try (InputStream in = LogCompilationParserTest.class.getResourceAsStream("/compilation/Drv.class")) {
            return LineNumbers.read(in.readAllBytes());
        }
    }

    static List<CompileTask> of(JitLog log, String name) {
        return log.tasks().stream().filter(t -> t.method().holder().equals("Drv") && t.method().name().equals(name)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void tiersAndTimes(String jdk) throws Exception {
        List<CompileTask> add = of(log(jdk), "add");
        assertTrue(add.stream().anyMatch(t -> t.level() == 3 && t.compiler().equals("c1")));
        assertTrue(add.stream().anyMatch(t -> t.level() == 4 && t.compiler().equals("c2")));
        for (CompileTask t : add) {
            assertTrue(t.success());
            assertTrue(t.millis() >= 0 && t.millis() < 1000, "compile time " + t.millis());
            assertTrue(t.codeSize() > 0);
            assertEquals("(II)I", t.method().signature());
        }
        assertTrue(of(log(jdk), "sum").stream().anyMatch(t -> t.osr() && t.osrBci() == 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void eliminatedAllocationOfTheRecordAtItsLine(String jdk) throws Exception {
        CompileTask c2 = of(log(jdk), "pointSum").stream().filter(t -> t.level() == 4).findFirst().orElseThrow();
        assertEquals(1, c2.eliminatedAllocations().size());
        CompileTask.Elimination e = c2.eliminatedAllocations().get(0);
        assertEquals("Drv$Point", e.type());
        JvmsFrame at = e.jvms().get(0);
        assertEquals("pointSum", at.method().name());
        assertEquals(0, at.bci());
        assertEquals(21, drvLines().line(at.method().name(), at.method().signature(), at.bci()).orElseThrow());
        // where pointSum was inlined into hot(), the chain names both frames
        CompileTask hot = of(log(jdk), "hot").stream().filter(t -> t.level() == 4 && !t.eliminatedAllocations().isEmpty())
                .findFirst().orElseThrow();
        CompileTask.Elimination inHot = hot.eliminatedAllocations().stream().filter(x -> x.type().equals("Drv$Point")).findFirst().orElseThrow();
        assertEquals(List.of("pointSum", "hot"), inHot.jvms().stream().map(f -> f.method().name()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void inliningDecisionsWithReasons(String jdk) throws Exception {
        JitLog log = log(jdk);
        CompileTask callsHuge = of(log, "callsHuge").stream().filter(t -> t.level() == 4).findFirst().orElseThrow();
        InlineNode huge = callsHuge.inlining().children().stream().filter(n -> n.method().name().equals("huge")).findFirst().orElseThrow();
        assertFalse(huge.inlined());
        assertEquals("hot method too big", huge.reason());
        assertEquals(1, huge.bci());

        CompileTask pointSum = of(log, "pointSum").stream().filter(t -> t.level() == 4).findFirst().orElseThrow();
        List<String> tree = new ArrayList<>();
        pointSum.inlining().walk((n, d) -> tree.add(d + " " + n.method().simpleHolder() + "::" + n.method().name() + " " + n.inlined() + " " + n.reason()));
        assertEquals("0 Drv::pointSum true ", tree.get(0));
        assertTrue(tree.contains("1 Drv$Point::<init> true inline (hot)"), tree.toString());
        assertTrue(tree.contains("2 Record::<init> true inline (hot)"), tree.toString());
        assertTrue(tree.contains("1 Drv$Point::x true accessor"), tree.toString());

        CompileTask bits = of(log, "bits").stream().filter(t -> t.level() == 4).findFirst().orElseThrow();
        InlineNode bitCount = bits.inlining().children().get(0);
        assertEquals("bitCount", bitCount.method().name());
        assertTrue(bitCount.inlined());
        assertEquals("intrinsic _bitCount_l", bitCount.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void uncommonTrapHitAtRuntime(String jdk) throws Exception {
        JitLog log = log(jdk);
        RuntimeEvent trap = log.events().stream()
                .filter(e -> e.kind().equals("uncommon_trap") && !e.jvms().isEmpty() && e.jvms().get(0).method().name().equals("trap"))
                .findFirst().orElseThrow();
        assertEquals("unstable_if", trap.reason());
        assertEquals("reinterpret", trap.action());
        assertEquals(4, trap.level());
        assertEquals(87, drvLines().line("trap", trap.jvms().get(0).method().signature(), trap.jvms().get(0).bci()).orElseThrow());
        assertTrue(log.events().stream().anyMatch(e -> e.kind().equals("make_not_entrant") && e.compileId() == trap.compileId()));
        // the C2 compilation of trap planted that trap at compile time
        CompileTask c2 = log.tasks().stream().filter(t -> t.compileId() == trap.compileId()).findFirst().orElseThrow();
        assertTrue(c2.traps().stream().anyMatch(t -> t.reason().equals("unstable_if") && t.bci() == 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void eliminatedLocksOfALocalStringBuffer(String jdk) throws Exception {
        CompileTask t = of(log(jdk), "lockedLength").stream().filter(x -> x.level() == 4).findFirst().orElseThrow();
        assertFalse(t.eliminatedLocks().isEmpty());
        assertTrue(t.eliminatedLocks().stream().allMatch(l -> l.type().equals("NonEscObj")));
        assertTrue(t.eliminatedAllocations().stream().anyMatch(a -> a.type().equals("java.lang.StringBuffer")),
                t.eliminatedAllocations().toString());
    }

    @Test
    void truncatedFileKeepsCompleteTasks() throws Exception {
        String xml = "<hotspot_log><compilation_log thread='1'>"
                + "<task compile_id='7' method='A f ()V' bytes='1' level='3' stamp='0.100'>"
                + "<task_done success='1' nmsize='64' stamp='0.102'/></task>"
                + "<task compile_id='8' method='A g ()V' stamp='0.2'><parse method='1'";
        JitLog log = LogCompilationParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, log.tasks().size());
        assertEquals(2.0, log.tasks().get(0).millis(), 1e-6);
    }

    @Test
    void lineNumbersOfOverloadsAndUnknowns() throws Exception {
        LineNumbers lines = drvLines();
        assertEquals(5, lines.line("add", "(II)I", 0).orElseThrow());
        assertEquals(22, lines.line("pointSum", "", 10).orElseThrow());
        assertTrue(lines.line("nope", "", 0).isEmpty());
        assertTrue(LineNumbers.read(new byte[]{1, 2, 3}).line("add", "", 0).isEmpty());
    }
}

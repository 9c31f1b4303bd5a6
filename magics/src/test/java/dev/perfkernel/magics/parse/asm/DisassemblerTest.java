package dev.perfkernel.magics.parse.asm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recorded PrintAssembly hex output of {@code asm/Drv.java.txt} from JDK 17 and 25, decoded by objdump. */
class DisassemblerTest {

    static String fixture(String jdk) throws IOException {
        try (InputStream in = DisassemblerTest.class.getResourceAsStream("/asm/" + jdk + "/print-hex.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Compilation> decode(String jdk, Syntax syntax) throws Exception {
        ObjdumpDecoder objdump = new ObjdumpDecoder();
        Assumptions.assumeTrue(objdump.available(), "objdump (binutils) not installed");
        return new Disassembler(objdump).disassemble(fixture(jdk), syntax);
    }

    static Compilation c2(List<Compilation> all, String method, boolean osr) {
        return all.stream().filter(c -> c.method().equals(method) && c.level() == 4 && c.osr() == osr)
                .findFirst().orElseThrow(() -> new AssertionError("no C2 compilation of " + method));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void headersAreRead(String jdk) throws Exception {
        List<RawCompilation> raw = PrintAssemblyParser.parse(fixture(jdk));
        assertEquals(10, raw.size());
        RawCompilation osr = raw.stream().filter(r -> r.osr() && r.level() == 4).findFirst().orElseThrow();
        assertEquals("Drv::sum", osr.method());
        assertEquals(4, osr.osrBci());
        assertEquals("c2", osr.compiler());
        assertEquals(25, osr.bytecodeSize());
        assertTrue(osr.codeSize() > 100);
        RawCompilation c1add = raw.get(0);
        assertEquals("c1", c1add.compiler());
        assertEquals(3, c1add.level());
        assertEquals("Drv::add", c1add.method());
        assertFalse(c1add.bytes().isEmpty());
        assertTrue(c1add.textInstructions().isEmpty(), "no hsdis on this machine: hex form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void addCompilesToAddOrLea(String jdk) throws Exception {
        Compilation add = c2(decode(jdk, Syntax.ATT), "Drv::add", false);
        assertEquals("objdump", add.decoder());
        assertTrue(add.instructions().stream().anyMatch(i -> i.mnemonic().equals("lea") || i.mnemonic().equals("add")),
                () -> "no add/lea in " + texts(add));
        // C1's version carries debug info: add is on line 5 of Drv.java
        Compilation c1 = decode(jdk, Syntax.ATT).stream().filter(c -> c.method().equals("Drv::add") && c.level() == 3).findFirst().orElseThrow();
        assertTrue(c1.instructions().stream().anyMatch(i -> !i.frames().isEmpty() && i.frames().get(0).line() == 5));
        // C1's counter-overflow slow path jumps back, but that is no loop
        assertTrue(c1.instructions().stream().noneMatch(Instruction::backEdge), () -> texts(c1));
        // the return polls for a safepoint
        assertTrue(add.instructions().stream().anyMatch(i -> i.safepointPoll() && (i.mnemonic().startsWith("cmp") || i.mnemonic().startsWith("test"))),
                () -> texts(add));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void sumLoopHasBackEdgeAndPoll(String jdk) throws Exception {
        Compilation sum = c2(decode(jdk, Syntax.ATT), "Drv::sum", false);
        List<Instruction> back = sum.instructions().stream().filter(Instruction::backEdge).toList();
        assertFalse(back.isEmpty(), () -> texts(sum));
        for (Instruction b : back) {
            assertTrue(b.mnemonic().startsWith("j"));
            assertTrue(b.jumpTarget() < b.address());
            assertTrue(sum.instructions().stream().anyMatch(i -> i.address() == b.jumpTarget() && i.loopHead()));
        }
        // the loop's safepoint poll is a test/cmp against the polling word, attributed to the loop's line (10)
        Instruction poll = sum.instructions().stream().filter(i -> i.safepointPoll() && i.comments().stream().anyMatch(c -> c.contains("{poll}")))
                .findFirst().orElseThrow(() -> new AssertionError(texts(sum)));
        assertTrue(poll.mnemonic().startsWith("test") || poll.mnemonic().startsWith("cmp"), poll.text());
        assertEquals(10, poll.scope().get(0).line());
        // some version has the array load's range check (a call to a stub or trap) on line 11
        assertTrue(decode(jdk, Syntax.ATT).stream().filter(c -> c.method().equals("Drv::sum"))
                .flatMap(c -> c.instructions().stream())
                .anyMatch(i -> i.isCall() && !i.frames().isEmpty() && i.frames().get(0).line() == 11
                        && i.comments().stream().anyMatch(s -> s.startsWith("*iaload"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void bitCountIsPopcnt(String jdk) throws Exception {
        Assumptions.assumeTrue(cpuHas("popcnt"), "CPU without popcnt");
        Compilation bits = c2(decode(jdk, Syntax.INTEL), "Drv::bits", false);
        assertTrue(bits.instructions().stream().anyMatch(i -> i.mnemonic().equals("popcnt")), () -> texts(bits));
        // the C1 version calls the Java method instead of using the intrinsic
        Compilation c1 = decode(jdk, Syntax.INTEL).stream().filter(c -> c.method().equals("Drv::bits") && c.level() < 4)
                .findFirst().orElseThrow();
        Optional<Instruction> call = c1.instructions().stream()
                .filter(i -> i.isCall() && i.callTarget() != null && i.callTarget().contains("bitCount")).findFirst();
        assertTrue(call.isPresent(), () -> texts(c1));
        assertEquals(17, call.get().frames().get(0).line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17", "jdk25"})
    void runtimeCallsAreNamed(String jdk) throws Exception {
        Compilation sum = c2(decode(jdk, Syntax.ATT), "Drv::sum", false);
        assertTrue(sum.instructions().stream().anyMatch(i -> i.isCall() && "UncommonTrapBlob".equals(i.callTarget())),
                () -> texts(sum));
    }

    static boolean cpuHas(String flag) throws IOException {
        Path p = Path.of("/proc/cpuinfo");
        if (!Files.exists(p)) return false;
        return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("flags") && List.of(l.split("\\s+")).contains(flag));
    }

    static String texts(Compilation c) {
        StringBuilder sb = new StringBuilder(c.label()).append('\n');
        for (Instruction i : c.instructions()) {
            sb.append(Long.toHexString(i.address())).append(' ').append(i.text());
            if (!i.comments().isEmpty()) sb.append("   ; ").append(String.join(" | ", i.comments()));
            if (i.backEdge()) sb.append("  <-- back edge");
            sb.append('\n');
        }
        return sb.toString();
    }
}

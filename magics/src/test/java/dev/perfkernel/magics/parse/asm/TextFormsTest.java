package dev.perfkernel.magics.parse.asm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forms this machine cannot record: hsdis output (Debian's libhsdis0-fcml only exports the
 * pre-JDK 13 entry point, so JDK 17 and 25 fall back to hex) is written here by hand in the
 * layout HotSpot prints it; and objdump's wrapped long instructions.
 */
class TextFormsTest {

    static final String HSDIS = """
            Compiled method (c2)     312   18       4       Drv::sum (25 bytes)
             main code      [0x00007f0001000000,0x00007f0001000040] = 64
            [Disassembly]
            --------------------------------------------------------------------------------
            [Verified Entry Point]
              # {method} {0x00007f0000001000} 'sum' '([I)J' in 'Drv'
              0x00007f0001000000:   sub    $0x18,%rsp
              0x00007f0001000007:   mov    %rbp,0x10(%rsp)
              0x00007f000100000c:   lea    (%rsi,%rdx,1),%eax
              0x00007f0001000010:   mov    0x348(%r15),%r10             ; ImmutableOopMap {}
                                                                        ;*goto {reexecute=1 rethrow=0 return_oop=0}
                                                                        ; - Drv::sum@20 (line 10)
              0x00007f0001000017:   test   %eax,(%r10)                  ;   {poll}
              0x00007f000100001a:   jl     0x00007f000100000c
              0x00007f0001000020:   add    $0x10,%rsp
              0x00007f0001000024:   pop    %rbp
              0x00007f0001000025:   cmp    0x340(%r15),%rsp             ;   {poll_return}
              0x00007f000100002c:   ja     0x00007f0001000033
              0x00007f0001000032:   ret
            [/Disassembly]
            """;

    @Test
    void hsdisInstructionsAreUsedAsPrinted() throws Exception {
        List<RawCompilation> raw = PrintAssemblyParser.parse(HSDIS);
        assertEquals(1, raw.size());
        assertTrue(raw.get(0).bytes().isEmpty());
        assertEquals(11, raw.get(0).textInstructions().size());
        Compilation c = new Disassembler(new ObjdumpDecoder("/nonexistent/objdump")).disassemble(raw.get(0), Syntax.ATT);
        assertEquals("hsdis", c.decoder());
        Instruction poll = c.instructions().stream().filter(i -> i.mnemonic().equals("test")).findFirst().orElseThrow();
        assertTrue(poll.safepointPoll());
        Instruction back = c.instructions().stream().filter(Instruction::backEdge).findFirst().orElseThrow();
        assertEquals(0x00007f000100000cL, back.jumpTarget());
        assertTrue(c.instructions().stream().anyMatch(i -> i.loopHead() && i.mnemonic().equals("lea")));
        Instruction mov = c.instructions().stream().filter(i -> i.text().startsWith("mov 0x348")).findFirst().orElseThrow();
        assertEquals(10, mov.frames().get(0).line());
        assertTrue(c.instructions().stream().anyMatch(i -> i.safepointPoll() && i.mnemonic().equals("cmp")));
    }

    @Test
    void javaCallsAreNamedByTheirInvokeBytecode() throws Exception {
        String text = """
                Compiled method (c2)     400   30       4       Drv::callsHuge (7 bytes)
                [Disassembly]
                [Verified Entry Point]
                  0x00007f0001000000:   sub    $0x18,%rsp
                  0x00007f0001000004:   call   0x00007f0002000000           ; ImmutableOopMap {}
                                                                            ;*invokestatic huge {reexecute=0 rethrow=0 return_oop=0}
                                                                            ; - Drv::callsHuge@1 (line 80)
                                                                            ;   {static_call}
                  0x00007f0001000009:   call   *%r10                        ;   {runtime_call UncommonTrapBlob}
                  0x00007f000100000c:   ret
                [/Disassembly]
                """;
        Compilation c = new Disassembler(new ObjdumpDecoder("/nonexistent/objdump")).disassemble(text, Syntax.ATT).get(0);
        List<Instruction> calls = c.instructions().stream().filter(Instruction::isCall).toList();
        assertEquals(2, calls.size());
        assertEquals("huge (invokestatic)", calls.get(0).callTarget());
        assertEquals(80, calls.get(0).frames().get(0).line());
        assertEquals("UncommonTrapBlob", calls.get(1).callTarget());
        assertEquals(-1, calls.get(1).jumpTarget());
    }

    @Test
    void programOutputBetweenCompilationsIsIgnored() {
        String text = "hello from the program\n" + HSDIS.replace("[Disassembly]", "[Disassembly]\nsome stray line") + "42\n";
        List<RawCompilation> raw = PrintAssemblyParser.parse(text);
        assertEquals(1, raw.size());
        assertEquals(11, raw.get(0).textInstructions().size());
        assertEquals("Drv::sum", raw.get(0).method());
        assertFalse(raw.get(0).osr());
    }

    @Test
    void objdumpWrappedInstructionsAreJoined() {
        String listing = """
                    7f94d54012a0:\t48 b8 60 1a 40 73 94 7f \tmovabs $0x7f9473401a60,%rax
                    7f94d54012a8:\t00 00\s
                    7f94d54012aa:\t55                   \tpush   %rbp
                """;
        List<DecodedInstruction> d = ObjdumpDecoder.parse(listing);
        assertEquals(2, d.size());
        assertEquals(10, d.get(0).length());
        assertEquals("movabs", d.get(0).mnemonic());
        assertEquals(0x7f94d54012aaL, d.get(1).address());
    }

    @Test
    void hexRowsAndCommentsAreSeparated() {
        String text = """
                Compiled method (c1)      23    8       3       Drv::add (4 bytes)
                 main code      [0x00007f94d54012a0,0x00007f94d5401360] = 192
                [MachCode]
                [Verified Entry Point]
                  0x00007f94d54012a0: 8984 2400 | c0fe ff55 | 4883 ec30
                  0x00007f94d54012ac: ;   {poll_return}
                  0x00007f94d54012ac: c3
                [/MachCode]
                """;
        RawCompilation r = PrintAssemblyParser.parse(text).get(0);
        assertEquals(1, r.bytes().size());
        assertEquals(13, r.bytes().get(0).data().length);
        assertEquals((byte) 0xc3, r.bytes().get(0).data()[12]);
        assertEquals(2, r.comments().size());
        assertEquals(List.of("[Verified Entry Point]"), r.comments().get(0).lines());
        assertEquals(0x00007f94d54012acL, r.comments().get(1).address());
        assertEquals(192, r.codeSize());
    }
}

package dev.perfkernel.magics.parse.asm;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.parse.asm.RawCompilation.ByteRun;
import dev.perfkernel.magics.parse.asm.RawCompilation.TextInstruction;

import java.util.ArrayList;
import java.util.List;

/**
 * PrintAssembly output to annotated compilations: the hsdis instructions when the JVM had a
 * working plug-in, otherwise the hex dump decoded by objdump.
 */
public final class Disassembler {

    private final ObjdumpDecoder objdump;

    public Disassembler(ObjdumpDecoder objdump) {
        this.objdump = objdump;
    }

    public List<Compilation> disassemble(String printAssemblyOutput, Syntax syntax) throws MagicException {
        List<Compilation> out = new ArrayList<>();
        for (RawCompilation raw : PrintAssemblyParser.parse(printAssemblyOutput)) {
            out.add(disassemble(raw, syntax));
        }
        return out;
    }

    public Compilation disassemble(RawCompilation raw, Syntax syntax) throws MagicException {
        if (!raw.textInstructions().isEmpty()) {
            return Annotator.annotate(raw, fromText(raw.textInstructions()), "hsdis");
        }
        List<DecodedInstruction> decoded = new ArrayList<>();
        for (ByteRun run : raw.bytes()) decoded.addAll(objdump.decode(run.address(), run.data(), syntax));
        return Annotator.annotate(raw, decoded, "objdump");
    }

    private static List<DecodedInstruction> fromText(List<TextInstruction> text) {
        List<DecodedInstruction> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            TextInstruction t = text.get(i);
            int len = i + 1 < text.size() ? (int) (text.get(i + 1).address() - t.address()) : 0;
            String s = t.text().strip();
            int sp = s.indexOf(' ');
            out.add(new DecodedInstruction(t.address(), Math.max(len, 0), "",
                    sp < 0 ? s : s.substring(0, sp), sp < 0 ? "" : s.substring(sp + 1).strip()));
        }
        return out;
    }
}

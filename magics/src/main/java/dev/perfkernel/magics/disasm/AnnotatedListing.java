package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.CellLines.UserLine;
import dev.perfkernel.magics.parse.asm.Compilation;
import dev.perfkernel.magics.parse.asm.Frame;
import dev.perfkernel.magics.parse.asm.Instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compilation cut into runs of instructions that share a user source line, ready to render.
 * Runs of padding ({@code hlt}, {@code nop}) are folded into one row.
 */
public final class AnnotatedListing {

    /** Consecutive instructions attributed to one cell line (or to none). */
    public record Group(Optional<UserLine> line, String inlinedFrom, List<Row> rows, String otherCode) {}

    /** One row: an instruction, or a folded run of {@code repeat} identical padding instructions. */
    public record Row(Instruction instruction, int repeat, long offset, Optional<UserLine> line, List<String> notes,
                      List<String> comments) {}

    private AnnotatedListing() {
    }

    public static List<Group> of(Compilation c, CellLines lines) {
        return of(c, lines, null);
    }

    /**
     * @param entry the method's first line, for code with no debug info before it (C2 prints
     *              none at all for small leaf methods); null when unknown
     */
    public static List<Group> of(Compilation c, CellLines lines, Frame entry) {
        List<Group> groups = new ArrayList<>();
        List<Instruction> ins = c.instructions();
        long base = ins.isEmpty() ? 0 : ins.get(0).address();
        Optional<UserLine> currentLine = null;
        String currentInline = null;
        List<Row> rows = null;
        for (int i = 0; i < ins.size(); i++) {
            Instruction in = ins.get(i);
            int repeat = 1;
            if (isPadding(in)) {
                while (i + repeat < ins.size() && ins.get(i + repeat).mnemonic().equals(in.mnemonic())
                        && ins.get(i + repeat).comments().isEmpty()) {
                    repeat++;
                }
            }
            List<Frame> scope = in.scope().isEmpty() && entry != null ? List.of(entry) : in.scope();
            Optional<UserLine> line = userLine(scope, lines);
            String inlined = line.isPresent() ? inlinedFrom(scope, lines) : "";
            if (rows == null || !line.equals(currentLine) || !inlined.equals(currentInline)) {
                rows = new ArrayList<>();
                groups.add(new Group(line, inlined, rows, line.isEmpty() && !scope.isEmpty() ? describe(scope.get(0)) : ""));
                currentLine = line;
                currentInline = inlined;
            }
            rows.add(new Row(in, repeat, in.address() - base, line, notes(in, base), comments(in)));
            i += repeat - 1;
        }
        return groups;
    }

    private static boolean isPadding(Instruction in) {
        return in.comments().isEmpty() && (in.mnemonic().equals("hlt") || in.mnemonic().equals("int3"));
    }

    /** The first frame, innermost out, that is the user's own code with a cell line. */
    static Optional<UserLine> userLine(List<Frame> scope, CellLines lines) {
        for (Frame f : scope) {
            Optional<UserLine> l = lines.of(f.holder(), f.line());
            if (l.isPresent()) return l;
        }
        return Optional.empty();
    }

    /** When the innermost frames are library code inlined into the user's line, their names. */
    static String inlinedFrom(List<Frame> scope, CellLines lines) {
        List<String> names = new ArrayList<>();
        for (Frame f : scope) {
            if (lines.isUser(f.holder())) break;
            names.add(simple(f.holder()) + "::" + f.method());
        }
        return String.join(" ← ", names);
    }

    /** A frame outside the notebook, e.g. {@code String::hashCode line 2345}. */
    static String describe(Frame f) {
        return simple(f.holder()) + "::" + f.method() + (f.line() >= 0 ? " line " + f.line() : " bci " + f.bci());
    }

    private static String simple(String holder) {
        return holder.substring(holder.lastIndexOf('.') + 1);
    }

    static List<String> notes(Instruction in, long base) {
        List<String> n = new ArrayList<>();
        if (in.loopHead()) n.add("◆ loop start");
        if (in.backEdge()) n.add("↺ loop back edge to +0x" + Long.toHexString(in.jumpTarget() - base));
        if (in.safepointPoll()) {
            n.add(in.comments().stream().anyMatch(s -> s.contains("poll_return")) ? "● safepoint poll (return)" : "● safepoint poll");
        }
        if (in.isCall()) n.add("→ call " + callee(in));
        return n;
    }

    static String callee(Instruction in) {
        if (in.callTarget() != null) return in.callTarget();
        return in.jumpTarget() >= 0 ? "0x" + Long.toHexString(in.jumpTarget()) : "(indirect)";
    }

    /** The JVM's comments worth showing next to the instruction (frames are shown as source lines instead). */
    static List<String> comments(Instruction in) {
        List<String> out = new ArrayList<>();
        for (String s : in.comments()) {
            if (s.startsWith("- ") || s.startsWith("ImmutableOopMap") || s.startsWith("#           [sp+")
                    || s.startsWith("# {method}")) {
                continue;
            }
            out.add(s.replace(" {reexecute=0 rethrow=0 return_oop=0}", "").replace(" {reexecute=1 rethrow=0 return_oop=0}", " (reexecute)"));
        }
        return out;
    }
}

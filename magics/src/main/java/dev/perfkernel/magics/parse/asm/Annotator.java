package dev.perfkernel.magics.parse.asm;

import dev.perfkernel.magics.parse.asm.RawCompilation.Comment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins decoded instructions with the JVM's comments: which instruction each comment belongs
 * to, the source line in effect, call targets, loop back edges and safepoint polls.
 *
 * <p>In the hex form HotSpot prints each comment at the start of the 4-byte group holding its
 * address, so a comment at {@code A} belongs to an instruction starting in {@code [A, A+4)}, or,
 * for debug info recorded at a call's return address, to the call ending in {@code [A, A+4]}.
 */
public final class Annotator {

    private static final Pattern RUNTIME_CALL = Pattern.compile("\\{runtime_call ([^}]+)}");
    private static final Pattern STATIC_CALL = Pattern.compile("\\{static_call ?([^}]*)}");
    private static final Pattern INVOKE = Pattern.compile("^\\*(invoke\\w+) (\\S+)");
    private static final Pattern HEX_TARGET = Pattern.compile("^(?:0x)?([0-9a-f]+)\\b");
    private static final int GROUP = 4;

    private Annotator() {
    }

    public static Compilation annotate(RawCompilation raw, List<DecodedInstruction> decoded, String decoder) {
        int n = decoded.size();
        List<List<String>> comments = new ArrayList<>();
        for (int i = 0; i < n; i++) comments.add(new ArrayList<>());
        for (Comment c : raw.comments()) {
            int target = target(c, decoded);
            if (target >= 0) comments.get(target).addAll(c.lines());
        }

        long lo = n == 0 ? 0 : decoded.get(0).address();
        long hi = n == 0 ? 0 : decoded.get(n - 1).end();
        Set<Long> loopHeads = new HashSet<>();
        long[] jumpTargets = new long[n];
        boolean[] back = new boolean[n];
        for (int i = 0; i < n; i++) {
            DecodedInstruction d = decoded.get(i);
            jumpTargets[i] = -1;
            String m = d.mnemonic();
            if (m.startsWith("j") || m.startsWith("call")) {
                Matcher t = HEX_TARGET.matcher(d.operands());
                if (t.find()) {
                    long target = Long.parseUnsignedLong(t.group(1), 16);
                    jumpTargets[i] = target;
                    if (m.startsWith("j") && target <= d.address() && target >= lo && target < hi
                            && !returnsBetween(decoded, target, d.address())) {
                        back[i] = true;
                        loopHeads.add(target);
                    }
                }
            }
        }

        List<Instruction> out = new ArrayList<>(n);
        // Code before the first debug info (C2's loop bodies, the prologue) takes the first
        // scope: the JVM records debug info only at calls, polls and traps, after the work.
        List<Frame> scope = List.of();
        for (List<String> cs : comments) {
            List<Frame> f = PrintAssemblyParser.frames(cs);
            if (!f.isEmpty()) {
                scope = f;
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            DecodedInstruction d = decoded.get(i);
            List<String> cs = comments.get(i);
            List<Frame> frames = PrintAssemblyParser.frames(cs);
            if (!frames.isEmpty()) scope = frames;
            boolean poll = cs.stream().anyMatch(s -> s.contains("{poll}") || s.contains("{poll_return}"));
            String callTarget = d.mnemonic().startsWith("call") ? callTarget(cs) : null;
            out.add(new Instruction(d.address(), d.length(), d.hex(), d.mnemonic(), d.text(), cs, frames, scope,
                    callTarget, jumpTargets[i], back[i], loopHeads.contains(d.address()), poll));
        }
        return new Compilation(raw.compiler(), raw.compileId(), raw.level(), raw.osr(), raw.osrBci(), raw.method(),
                raw.bytecodeSize(), raw.codeSize(), decoder, out);
    }

    /**
     * A jump back over a {@code ret} is an out-of-line slow path returning to the main line
     * (C1's counter overflow, for example), not a loop.
     */
    private static boolean returnsBetween(List<DecodedInstruction> code, long from, long to) {
        for (DecodedInstruction d : code) {
            if (d.address() >= from && d.address() < to && d.mnemonic().startsWith("ret")) return true;
        }
        return false;
    }

    /** Index of the instruction a comment belongs to, or -1. */
    static int target(Comment c, List<DecodedInstruction> code) {
        long a = c.address();
        int containing = containing(code, a);
        if (c.exact()) return containing;
        String all = String.join("\n", c.lines());
        boolean poll = all.contains("{poll");
        boolean callReloc = all.contains("_call") && !all.contains("post_call_nop");
        boolean scope = all.contains("ImmutableOopMap") || all.contains(";*") || all.startsWith("*")
                || !PrintAssemblyParser.frames(c.lines()).isEmpty();
        if (poll) {
            int i = firstStarting(code, a, m -> m.startsWith("test") || m.startsWith("cmp"));
            if (i >= 0) return i;
        } else if (callReloc) {
            int i = firstStarting(code, a, m -> m.startsWith("call") || m.startsWith("jmp"));
            if (i >= 0) return i;
        } else if (scope) {
            for (int i = 0; i < code.size(); i++) {
                DecodedInstruction d = code.get(i);
                if (d.mnemonic().startsWith("call") && d.end() >= a && d.end() <= a + GROUP) return i;
            }
        }
        if (all.contains("{metadata") || all.contains("{oop") || all.contains("_word}")) {
            int i = firstStarting(code, a, m -> m.startsWith("movabs") || m.startsWith("mov"));
            if (i >= 0) return i;
        }
        int i = firstStarting(code, a, m -> true);
        return i >= 0 ? i : containing;
    }

    private static int firstStarting(List<DecodedInstruction> code, long a, java.util.function.Predicate<String> mnemonic) {
        for (int i = 0; i < code.size(); i++) {
            DecodedInstruction d = code.get(i);
            if (d.address() >= a && d.address() < a + GROUP && mnemonic.test(d.mnemonic())) return i;
            if (d.address() >= a + GROUP) break;
        }
        return -1;
    }

    private static int containing(List<DecodedInstruction> code, long a) {
        for (int i = 0; i < code.size(); i++) {
            DecodedInstruction d = code.get(i);
            if (d.address() <= a && (a < d.end() || d.length() == 0 && (i + 1 == code.size() || a < code.get(i + 1).address()))) {
                return i;
            }
        }
        return -1;
    }

    private static String callTarget(List<String> comments) {
        for (String s : comments) {
            Matcher m = RUNTIME_CALL.matcher(s);
            if (m.find()) return m.group(1).strip();
        }
        for (String s : comments) {
            Matcher m = INVOKE.matcher(s);
            if (m.find()) return m.group(2) + " (" + m.group(1) + ")";
        }
        for (String s : comments) {
            Matcher m = STATIC_CALL.matcher(s);
            if (m.find()) return m.group(1).isBlank() ? "static call" : m.group(1).strip();
            if (s.toLowerCase(Locale.ROOT).contains("virtual_call")) return "virtual call";
        }
        return null;
    }
}

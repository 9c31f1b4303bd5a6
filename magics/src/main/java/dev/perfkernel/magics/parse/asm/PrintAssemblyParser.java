package dev.perfkernel.magics.parse.asm;

import dev.perfkernel.magics.parse.asm.RawCompilation.ByteRun;
import dev.perfkernel.magics.parse.asm.RawCompilation.Comment;
import dev.perfkernel.magics.parse.asm.RawCompilation.TextInstruction;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code -XX:CompileCommand=print,...} ({@code PrintAssembly}) as JDK 17
 * and 25 print it: with no hsdis plug-in the code is a hex dump inside {@code [MachCode]} with
 * the JVM's comments between the rows; with hsdis each row is an instruction. Lines that belong
 * to neither (program output interleaved on stdout) are skipped.
 */
public final class PrintAssemblyParser {

    // Compiled method (c2)      67   28 %     4       Drv::sum @ 4 (25 bytes)
    private static final Pattern HEADER = Pattern.compile(
            "^Compiled method \\((\\w+)\\)\\s+\\d+\\s+(\\d+)\\s+([%sbn! ]*?)\\s*(\\d)\\s+(\\S+?)(?:\\s+@\\s+(\\d+))?\\s+\\((\\d+) bytes\\)");
    private static final Pattern MAIN_CODE = Pattern.compile("^\\s*main code\\s+\\[0x([0-9a-f]+),0x([0-9a-f]+)\\]\\s*=\\s*(\\d+)");
    private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s*0x([0-9a-f]+):\\s?(.*)$");
    private static final Pattern HEX_ROW = Pattern.compile("^[0-9a-f]{2,8}(?:\\s+\\|?\\s*[0-9a-f]{2,8})*\\s*$");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[(Verified Entry Point|Entry Point|Exception Handler|Deopt Handler Code|Stub Code|Constant Pool.*)\\]\\s*$");
    private static final Pattern FRAME = Pattern.compile("- (?:\\(reexecute\\) )?([\\w$.]+)::([\\w$<>]+)@(-?\\d+)(?: \\(line (-?\\d+)\\))?");

    private PrintAssemblyParser() {
    }

    public static List<RawCompilation> parse(String text) {
        List<RawCompilation> out = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\r?\n")) {
            Matcher h = HEADER.matcher(line);
            if (h.find()) {
                if (current != null) out.add(current.build());
                current = new Builder(h);
                continue;
            }
            if (current == null) continue;
            current.accept(line);
        }
        if (current != null) out.add(current.build());
        return out;
    }

    /** The frames named in a comment block, innermost first as the JVM prints them. */
    public static List<Frame> frames(List<String> commentLines) {
        List<Frame> frames = new ArrayList<>();
        for (String l : commentLines) {
            Matcher m = FRAME.matcher(l);
            if (m.find()) {
                frames.add(new Frame(m.group(1).replace('/', '.'), m.group(2), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? -1 : Integer.parseInt(m.group(4))));
            }
        }
        return frames;
    }

    private static final class Builder {
        final String compiler;
        final int compileId;
        final boolean osr;
        final int osrBci;
        final int level;
        final String method;
        final int bytecodeSize;
        long codeBegin;
        int codeSize;
        boolean inCode;
        boolean done;
        final List<ByteRun> runs = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        final List<TextInstruction> text = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        long runStart = -1;
        final ByteArrayOutputStream run = new ByteArrayOutputStream();
        Comment open; // the comment block that continuation lines extend

        Builder(Matcher h) {
            compiler = h.group(1);
            compileId = Integer.parseInt(h.group(2));
            osr = h.group(3).contains("%");
            osrBci = h.group(6) == null ? -1 : Integer.parseInt(h.group(6));
            level = Integer.parseInt(h.group(4));
            method = h.group(5);
            bytecodeSize = Integer.parseInt(h.group(7));
        }

        void accept(String line) {
            if (done) return;
            if (!inCode) {
                Matcher m = MAIN_CODE.matcher(line);
                if (m.find()) {
                    codeBegin = Long.parseUnsignedLong(m.group(1), 16);
                    codeSize = Integer.parseInt(m.group(3));
                } else if (line.startsWith("[MachCode]")) {
                    inCode = true;
                } else if (line.startsWith("[Disassembly]")) {
                    inCode = true; // hsdis form on newer JDKs
                }
                return;
            }
            if (line.startsWith("[/MachCode]") || line.startsWith("[/Disassembly]")) {
                done = true;
                flushRun();
                return;
            }
            Matcher sec = SECTION.matcher(line);
            if (sec.matches()) {
                open = null;
                pending.add("[" + sec.group(1) + "]");
                return;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                open = null;
                pending.add(trimmed);
                return;
            }
            if (trimmed.startsWith(";")) {
                if (open != null) {
                    List<String> lines = new ArrayList<>(open.lines());
                    lines.add(trimmed.substring(1).strip());
                    Comment extended = new Comment(open.address(), lines, open.exact());
                    comments.set(comments.size() - 1, extended);
                    open = extended;
                }
                return;
            }
            Matcher a = ADDRESS_LINE.matcher(line);
            if (!a.matches()) {
                open = null;
                return;
            }
            long address = Long.parseUnsignedLong(a.group(1), 16);
            String rest = a.group(2).strip();
            if (rest.startsWith(";")) {
                List<String> lines = new ArrayList<>(pending);
                pending.clear();
                lines.add(rest.substring(1).strip());
                open = new Comment(address, lines, false);
                comments.add(open);
                return;
            }
            open = null;
            attachPending(address, false);
            if (rest.isEmpty()) return;
            if (HEX_ROW.matcher(rest).matches()) {
                appendHex(address, rest);
            } else {
                int semi = rest.indexOf(';');
                String insn = semi >= 0 ? rest.substring(0, semi).strip() : rest;
                text.add(new TextInstruction(address, insn));
                if (semi >= 0) {
                    open = new Comment(address, List.of(rest.substring(semi + 1).strip()), true);
                    comments.add(open);
                }
            }
        }

        private void attachPending(long address, boolean exact) {
            if (pending.isEmpty()) return;
            comments.add(new Comment(address, pending, exact));
            pending.clear();
        }

        private void appendHex(long address, String row) {
            if (runStart >= 0 && runStart + run.size() != address) flushRun();
            if (runStart < 0) runStart = address;
            String digits = row.replaceAll("[^0-9a-f]", "");
            for (int i = 0; i + 1 < digits.length(); i += 2) {
                run.write(Integer.parseInt(digits, i, i + 2, 16));
            }
        }

        private void flushRun() {
            if (runStart >= 0 && run.size() > 0) runs.add(new ByteRun(runStart, run.toByteArray()));
            runStart = -1;
            run.reset();
        }

        RawCompilation build() {
            flushRun();
            long begin = codeBegin != 0 ? codeBegin : runs.isEmpty() ? 0 : runs.get(0).address();
            return new RawCompilation(compiler, compileId, osr, osrBci, level, method, bytecodeSize,
                    begin, codeSize, runs, comments, text);
        }
    }
}

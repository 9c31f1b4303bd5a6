package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns compiler diagnostics and engine exceptions into Jupyter errors that point at cell lines. */
final class ErrorFormatter {
    /** A compiler message with positions relative to the snippet's source (-1 when unknown). */
    record Diag(long start, long position, long end, String message, boolean error) {}

    private static final int MAX_FRAMES = 40;

    private ErrorFormatter() {
    }

    /**
     * @param cell           the code that ran (lines numbered as in the notebook cell)
     * @param firstLine      cell line of {@code cell}'s first line (1, or later after magic lines)
     * @param snippetOffset  offset of the snippet in {@code cell}
     */
    static ExecuteOutcome.Error compileError(String cell, int firstLine, int snippetOffset, List<Diag> diags) {
        CellText text = new CellText(cell);
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            if (!d.error()) continue;
            String msg = d.message().strip();
            long pos = d.position() >= 0 ? d.position() : d.start();
            if (pos < 0) {
                if (first != null) lines.add("error: " + msg);
                if (first == null) first = msg;
                continue;
            }
            int off = (int) Math.min(cell.length(), snippetOffset + pos);
            // javac points just past the end for "';' expected": show that on the line that ended.
            if (off == cell.length() && off > 0 && cell.charAt(off - 1) == '\n') off--;
            int line = text.lineOf(off);
            int col = text.columnOf(off);
            String head = "line " + (line + firstLine - 1) + ", column " + col + ": ";
            String[] msgLines = msg.split("\n");
            // The first error's message heads the traceback; later ones get their own heading.
            if (first != null) lines.add(head + msgLines[0]);
            for (int k = 1; k < msgLines.length; k++) {
                // JShell wraps snippets in a class with no name to show.
                if (!msgLines[k].strip().equals("location: class")) lines.add("    " + msgLines[k].strip());
            }
            String src = text.line(line);
            lines.add("    " + src.replace('\t', ' '));
            lines.add("    " + " ".repeat(Math.max(0, col - 1)) + "^");
            if (first == null) first = head + msgLines[0];
        }
        if (first == null) {
            first = "the code was rejected by the compiler";
            lines.add(first);
        }
        List<String> tb = new ArrayList<>();
        tb.add("CompilationError: " + first);
        tb.addAll(lines);
        return new ExecuteOutcome.Error("CompilationError", first, tb);
    }

    /**
     * @param origins snippet id to the cell line of its first line
     * @param currentCount execution count of the running cell (its lines are shown without "In [n]")
     */
    static ExecuteOutcome.Error runtimeError(Thrown t, Function<String, Optional<CellLine>> origins, int currentCount) {
        List<String> tb = new ArrayList<>();
        Thrown cur = t;
        boolean firstException = true;
        while (cur != null) {
            String head = cur.className() + (cur.message() == null || cur.message().isEmpty() ? "" : ": " + cur.message());
            tb.add(firstException ? head : "Caused by: " + head);
            appendFrames(tb, cur.frames(), origins, currentCount);
            cur = cur.cause();
            firstException = false;
        }
        String evalue = t.message() == null ? "" : t.message();
        return new ExecuteOutcome.Error(t.className(), evalue, tb);
    }

    private static void appendFrames(List<String> tb, StackTraceElement[] frames,
                                     Function<String, Optional<CellLine>> origins, int currentCount) {
        String previous = null;
        int repeats = 0;
        int shown = 0;
        for (StackTraceElement f : frames) {
            // %time's wrapper around the cell is the kernel's, not the user's.
            if (f.getClassName() != null && f.getClassName().startsWith("dev.perfkernel.engine.")) continue;
            String line = "    at " + frame(f, origins, currentCount);
            if (line.equals(previous)) {
                // %time's lambda and JShell's wrapper are both "the cell": show it once.
                if (line.startsWith("    at cell (")) continue;
                repeats++;
                continue;
            }
            if (repeats > 0) tb.add("    ... " + repeats + " more of the same frame");
            repeats = 0;
            previous = line;
            if (shown++ >= MAX_FRAMES) {
                tb.add("    ... (" + (frames.length - MAX_FRAMES) + " frames not shown)");
                return;
            }
            tb.add(line);
        }
        if (repeats > 0) tb.add("    ... " + repeats + " more of the same frame");
    }

    static String frame(StackTraceElement f, Function<String, Optional<CellLine>> origins, int currentCount) {
        String file = f.getFileName();
        if (file == null || !file.startsWith("#")) return f.toString();
        String cls = f.getClassName() == null ? "" : f.getClassName();
        String method = f.getMethodName() == null ? "" : f.getMethodName();
        if (cls.isEmpty() && method.startsWith("lambda$do_it$")) method = "";
        String name = cls.isEmpty() ? method : method.isEmpty() ? cls : cls + "." + method;
        Optional<CellLine> origin = origins.apply(file.substring(1));
        String where;
        if (origin.isPresent() && f.getLineNumber() > 0) {
            CellLine o = origin.get();
            int line = o.line() + f.getLineNumber() - 1;
            where = (o.executionCount() == currentCount || o.executionCount() <= 0 ? "" : "In [" + o.executionCount() + "] ")
                    + "line " + line;
        } else {
            where = "snippet " + file + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "");
        }
        return name.isEmpty() ? "cell (" + where + ")" : name + " (" + where + ")";
    }
}

package dev.perfkernel.kernel.shell;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.util.ArrayList;
import java.util.List;

/** Splits cell code into the snippets JShell evaluates one by one, keeping each one's offset in the cell. */
final class CellSplitter {
    /**
     * @param source what JShell evaluates (the cell's text, with a ';' added where JShell adds one)
     * @param offset where it starts in the code
     */
    record Piece(String source, int offset) {}

    private CellSplitter() {
    }

    /**
     * Drops the snippet's leading blank lines. JShell numbers stack-trace lines of a method
     * with leading blank lines wrongly (too small by the number of blank lines), so every
     * snippet starts on its first non-blank line and line 1 of a trace means that line.
     */
    static Piece trimmed(String source, int offset) {
        int firstText = 0;
        while (firstText < source.length() && Character.isWhitespace(source.charAt(firstText))) firstText++;
        int cut = source.lastIndexOf('\n', firstText - 1) + 1;
        if (firstText >= source.length()) cut = 0;
        return new Piece(source.substring(cut), offset + cut);
    }

    static List<Piece> split(SourceCodeAnalysis analysis, String code) {
        List<Piece> pieces = new ArrayList<>();
        String rest = code;
        int offset = 0;
        while (!rest.isBlank()) {
            CompletionInfo ci = analysis.analyzeCompletion(rest);
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!ci.completeness().isComplete() || ci.source() == null) {
                // Unfinished code: let JShell's compiler say what is missing.
                pieces.add(trimmed(rest, offset));
                break;
            }
            int consumed = rest.length() - ci.remaining().length();
            if (consumed <= 0) {
                pieces.add(trimmed(rest, offset));
                break;
            }
            pieces.add(trimmed(ci.source(), offset));
            offset += consumed;
            rest = ci.remaining();
        }
        return pieces;
    }
}

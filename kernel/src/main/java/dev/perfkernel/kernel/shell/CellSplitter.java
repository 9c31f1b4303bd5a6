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

    static List<Piece> split(SourceCodeAnalysis analysis, String code) {
        List<Piece> pieces = new ArrayList<>();
        String rest = code;
        int offset = 0;
        while (!rest.isBlank()) {
            CompletionInfo ci = analysis.analyzeCompletion(rest);
            if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!ci.completeness().isComplete() || ci.source() == null) {
                // Unfinished code: let JShell's compiler say what is missing.
                pieces.add(new Piece(rest, offset));
                break;
            }
            int consumed = rest.length() - ci.remaining().length();
            if (consumed <= 0) {
                pieces.add(new Piece(rest, offset));
                break;
            }
            pieces.add(new Piece(ci.source(), offset));
            offset += consumed;
            rest = ci.remaining();
        }
        return pieces;
    }
}

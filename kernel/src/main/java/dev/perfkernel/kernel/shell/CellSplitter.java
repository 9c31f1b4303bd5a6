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
        return split(analysis, code, SYNTAX);
    }

    private static final JavacSyntax SYNTAX = new JavacSyntax();

    static List<Piece> split(SourceCodeAnalysis analysis, String code, JavacSyntax syntax) {
        List<Piece> pieces = new ArrayList<>();
        String rest = code;
        int offset = 0;
        while (!rest.isBlank()) {
            CompletionInfo ci = analysis.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness status = ci.completeness();
            if (status == SourceCodeAnalysis.Completeness.EMPTY) break;
            int consumed;
            String source;
            if (status == SourceCodeAnalysis.Completeness.COMPLETE
                    || status == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
                source = ci.source();
                consumed = rest.length() - ci.remaining().length();
            } else {
                // JShell's scanner gave up (UNKNOWN: its whole input comes back as one snippet,
                // of which JShell.eval would compile only the first declaration) or thinks the
                // code unfinished. Find the first unit with javac; failing that, let JShell's
                // compiler say what is wrong with the rest.
                consumed = SnippetBoundary.firstUnitEnd(rest, syntax);
                source = consumed > 0 ? rest.substring(0, consumed) : null;
            }
            if (source == null || consumed <= 0) {
                pieces.add(trimmed(rest, offset));
                break;
            }
            pieces.add(trimmed(source, offset));
            offset += consumed;
            rest = rest.substring(consumed);
        }
        return pieces;
    }
}

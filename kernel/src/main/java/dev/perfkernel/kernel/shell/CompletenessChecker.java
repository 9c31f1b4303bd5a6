package dev.perfkernel.kernel.shell;

import com.sun.source.util.JavacTask;
import dev.perfkernel.kernel.magic.CellParser;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.StringWriter;
import java.util.List;

/**
 * Answers is_complete. JShell's analysis tells unfinished code from finished code, but calls
 * some broken code complete ({@code int x = 1 2;}), so finished snippets are also parsed by
 * javac (syntax only, no types) in the places a snippet can stand: as a class member, as
 * statements, and as an expression. Code that parses in none of them is invalid.
 */
final class CompletenessChecker {
    record Answer(String status, String indent) {}

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final JavacSyntax syntax = new JavacSyntax();

    Answer check(SourceCodeAnalysis analysis, String cell) {
        ParsedLines lines = ParsedLines.of(cell);
        String code = lines.code;
        if (lines.cellMagic) return new Answer("complete", "");
        if (code.isBlank()) return new Answer("complete", "");
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            Completeness c = ci.completeness();
            if (c == Completeness.EMPTY) break;
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE)
                return new Answer("incomplete", indentFor(rest));
            if (c == Completeness.UNKNOWN) {
                // JShell's scanner also gives up on some valid code (see SnippetBoundary).
                int end = SnippetBoundary.firstUnitEnd(rest, syntax);
                if (end > 0) {
                    rest = rest.substring(end);
                    continue;
                }
                return new Answer(syntax.available() && syntax.parses(rest) ? "complete" : "invalid", "");
            }
            if (!parses(ci.source())) return new Answer("invalid", "");
            if (ci.remaining().length() >= rest.length()) break;
            rest = ci.remaining();
        }
        return new Answer("complete", "");
    }

    /** Indent of the last non-blank line, one level deeper after an opening brace. */
    static String indentFor(String code) {
        String[] ls = code.split("\n");
        for (int k = ls.length - 1; k >= 0; k--) {
            if (ls[k].isBlank()) continue;
            String lead = ls[k].substring(0, ls[k].length() - ls[k].stripLeading().length());
            String t = ls[k].strip();
            return t.endsWith("{") || t.endsWith("(") ? lead + "    " : lead.isEmpty() ? "    " : lead;
        }
        return "    ";
    }

    boolean parses(String snippet) {
        return syntax.parses(snippet);
    }

    /**
     * Loads and JIT-warms javac's parser and type checker (the same classes JShell's compiler
     * uses) so the first cell compiles faster; run while the engine JVM starts.
     */
    void warmUp() {
        if (javac == null) return;
        try {
            JavacTask task = (JavacTask) javac.getTask(new StringWriter(), null, new DiagnosticCollector<>(),
                    List.of("-proc:none"), null, List.of(JavacSyntax.source(
                            "import java.util.*;\nclass W_ { int f() { return List.of(1, 2).stream().mapToInt(i -> i).sum(); } }")));
            task.analyze();
        } catch (Exception | LinkageError ignored) {
            // only a warm-up
        }
    }

    /** The code part of a cell for completeness: magic lines are always complete. */
    private record ParsedLines(String code, boolean cellMagic) {
        static ParsedLines of(String cell) {
            String[] ls = cell.split("\n", -1);
            if (ls[0].stripLeading().startsWith("%%")) return new ParsedLines("", true);
            int k = 0;
            int off = 0;
            while (k < ls.length && (CellParser.isMagicLine(ls[k]) || (ls[k].isBlank() && k > 0 && off > 0))) {
                off += ls[k].length() + 1;
                k++;
            }
            return new ParsedLines(off >= cell.length() ? "" : cell.substring(off), false);
        }
    }
}

package dev.perfkernel.magics.compile;

import dev.perfkernel.magics.api.MagicException;

import java.util.List;

/**
 * The cell (or the session code it depends on) does not compile. The details show each error as
 * {@code line L, col C: message}, the offending line and a caret, against the user's cell lines.
 */
public final class CompilationError extends MagicException {
    private final List<Diagnostic> diagnostics;

    /**
     * One error as the user should read it.
     *
     * @param where      e.g. {@code line 3} (the current cell), {@code In [2] line 4}, or
     *                   {@code generated code line 17}
     * @param line       the line number in the user's terms, or 0 when unknown
     * @param column     1-based column, or 0 when unknown
     * @param message    the compiler's message
     * @param sourceLine the offending line's text, or empty
     */
    public record Diagnostic(String where, int line, int column, String message, String sourceLine) {
        List<String> render() {
            String head = where + (column > 0 ? ", col " + column : "") + ": " + message;
            if (sourceLine.isEmpty()) return head.lines().toList();
            java.util.ArrayList<String> out = new java.util.ArrayList<>(head.lines().toList());
            out.add("    " + sourceLine);
            if (column > 0) {
                StringBuilder caret = new StringBuilder("    ");
                for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
                    caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
                }
                out.add(caret.append('^').toString());
            }
            return out;
        }
    }

    public CompilationError(List<Diagnostic> diagnostics) {
        super("CompilationError", diagnostics.size() == 1 ? "the cell does not compile: " + diagnostics.get(0).message()
                .lines().findFirst().orElse("") : "the cell does not compile (" + diagnostics.size() + " errors)",
                diagnostics.stream().flatMap(d -> d.render().stream()).toList());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}

package dev.perfkernel.kernel.shell;

import java.util.Set;

/**
 * Finds where the first snippet of some code ends when JShell's own analysis cannot tell.
 *
 * <p>JShell's completeness scanner is a token heuristic; where it gives up on valid code (JDK 17
 * gives up on a {@code -> throw} switch arm) it returns the whole rest of the cell as one
 * "snippet", and {@code JShell.eval} then compiles only that text's first declaration and
 * silently drops the others. This class finds the first unit instead: the shortest prefix that
 * ends at a top-level {@code ;} or {@code }} and that javac parses as class members or
 * statements, skipping ends where the code plainly continues ({@code else}, {@code catch}, ...).
 */
final class SnippetBoundary {
    /** javac parses tried per call: a cell with a syntax error must not cost a parse per line. */
    static final int MAX_PARSES = 12;

    private static final Set<String> CONTINUING_WORDS = Set.of("else", "catch", "finally", "instanceof");
    private static final String CONTINUING_CHARS = ";.,)]?:=&|";

    private SnippetBoundary() {
    }

    /**
     * @return the length of the first unit of {@code code} when text other than blanks and
     * comments follows it, else -1 (the code is one unit, or no unit end could be found)
     */
    static int firstUnitEnd(String code, JavacSyntax syntax) {
        if (!syntax.available()) return -1;
        int parses = 0;
        int depth = 0;
        int k = 0;
        int n = code.length();
        while (k < n && parses < MAX_PARSES) {
            char c = code.charAt(k);
            if (c == '/' && k + 1 < n && code.charAt(k + 1) == '/') {
                k = lineEnd(code, k);
            } else if (c == '/' && k + 1 < n && code.charAt(k + 1) == '*') {
                k = commentEnd(code, k);
            } else if (c == '"' && code.startsWith("\"\"\"", k)) {
                k = textBlockEnd(code, k);
            } else if (c == '"' || c == '\'') {
                k = quotedEnd(code, k, c);
            } else {
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth = Math.max(0, depth - 1);
                k++;
                if (depth == 0 && (c == ';' || c == '}')) {
                    int next = skipBlank(code, k);
                    if (next >= n) return -1; // the unit runs to the end: nothing to split
                    if (continues(code, next)) continue;
                    String prefix = code.substring(0, k);
                    parses++;
                    if (syntax.parsesAsMembers(prefix)) return k;
                    parses++;
                    if (syntax.parsesAsStatements(prefix)) return k;
                }
            }
        }
        return -1;
    }

    /** Whether the text at {@code at} continues the unit before it rather than starting one. */
    private static boolean continues(String code, int at) {
        if (CONTINUING_CHARS.indexOf(code.charAt(at)) >= 0) return true;
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        return CONTINUING_WORDS.contains(code.substring(at, end));
    }

    /** The first position at or after {@code k} that is not blank or in a comment. */
    static int skipBlank(String code, int k) {
        int n = code.length();
        while (k < n) {
            char c = code.charAt(k);
            if (Character.isWhitespace(c)) k++;
            else if (c == '/' && k + 1 < n && code.charAt(k + 1) == '/') k = lineEnd(code, k);
            else if (c == '/' && k + 1 < n && code.charAt(k + 1) == '*') k = commentEnd(code, k);
            else break;
        }
        return k;
    }

    private static int lineEnd(String code, int k) {
        int nl = code.indexOf('\n', k);
        return nl < 0 ? code.length() : nl + 1;
    }

    private static int commentEnd(String code, int k) {
        int end = code.indexOf("*/", k + 2);
        return end < 0 ? code.length() : end + 2;
    }

    /** After a string or char literal (or at the line's end, where an unclosed one stops). */
    private static int quotedEnd(String code, int k, char quote) {
        int n = code.length();
        for (int j = k + 1; j < n; j++) {
            char c = code.charAt(j);
            if (c == '\\') j++;
            else if (c == quote) return j + 1;
            else if (c == '\n') return j;
        }
        return n;
    }

    private static int textBlockEnd(String code, int k) {
        int n = code.length();
        for (int j = k + 3; j < n; j++) {
            char c = code.charAt(j);
            if (c == '\\') j++;
            else if (c == '"' && code.startsWith("\"\"\"", j)) return j + 3;
        }
        return n;
    }
}

package dev.perfkernel.magics.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small lexical view of cell code: which characters are code (not comments, strings, char
 * literals or text blocks), and where top-level statements end. Enough to find the last
 * statement of a cell and to tell a JMH class body from plain statements, without a parser.
 */
public final class JavaScan {
    private final String text;
    /** True for each character that is code. */
    private final boolean[] code;
    /** True for each character inside a string, char literal or text block. */
    private final boolean[] literal;

    public JavaScan(String text) {
        this.text = text;
        this.code = new boolean[text.length()];
        this.literal = new boolean[text.length()];
        mark();
    }

    private void mark() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                while (end > 0 && text.charAt(end - 1) == '\\') end = text.indexOf("\"\"\"", end + 1);
                int stop = end < 0 ? n : end + 3;
                for (int k = i; k < stop; k++) literal[k] = true;
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    if (text.charAt(j) == '\\') j++;
                    j++;
                }
                int stop = Math.min(n, j + 1);
                for (int k = i; k < stop; k++) literal[k] = true;
                i = stop;
            } else {
                code[i] = true;
                i++;
            }
        }
    }

    /** The text with comments and literals blanked out (same length, newlines kept). */
    public String codeOnly() {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(code[i] || c == '\n' ? c : ' ');
        }
        return sb.toString();
    }

    /** True when {@code regex} matches somewhere in the code (comments and strings excluded). */
    public boolean codeMatches(Pattern regex) {
        return regex.matcher(codeOnly()).find();
    }

    /** True when a {@code return} statement appears outside any nested block or lambda body. */
    public boolean hasTopLevelReturn() {
        String c = codeOnly();
        int depth = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '{') depth++;
            else if (ch == '}') depth--;
            else if (depth == 0 && c.startsWith("return", i) && (i == 0 || !Character.isJavaIdentifierPart(c.charAt(i - 1)))
                    && (i + 6 >= c.length() || !Character.isJavaIdentifierPart(c.charAt(i + 6)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The spans of top-level statements: each ends after a {@code ;} at depth 0 or a {@code }}
     * that closes a top-level block; a trailing piece without either is the last span.
     * Spans are trimmed of surrounding whitespace and exclude comment-only pieces.
     */
    public List<int[]> topLevelStatements() {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!code[i]) continue;
            char ch = text.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') depth++;
            else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
                if (ch == '}' && depth == 0 && !continuesAfterBrace(i + 1)) {
                    add(spans, start, i + 1);
                    start = i + 1;
                }
            } else if (ch == ';' && depth == 0) {
                add(spans, start, i + 1);
                start = i + 1;
            }
        }
        add(spans, start, text.length());
        return spans;
    }

    /** {@code } else}, {@code } catch}, {@code } finally}, {@code } while (...)} and {@code });} continue a statement. */
    private boolean continuesAfterBrace(int from) {
        int i = from;
        while (i < text.length() && skippable(i)) i++;
        if (i >= text.length()) return false;
        String rest = text.substring(i);
        return rest.startsWith("else") || rest.startsWith("catch") || rest.startsWith("finally")
                || rest.startsWith("while") || rest.startsWith(")") || rest.startsWith(";") || rest.startsWith(",")
                || rest.startsWith(".");
    }

    private void add(List<int[]> spans, int from, int to) {
        int s = from;
        int e = to;
        while (s < e && skippable(s)) s++;
        while (e > s && skippable(e - 1)) e--;
        if (s < e) spans.add(new int[]{s, e});
    }

    /** Whitespace or comment: nothing a statement is made of. */
    private boolean skippable(int i) {
        return Character.isWhitespace(text.charAt(i)) || (!code[i] && !literal[i]);
    }
}

package dev.perfkernel.magics.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument text into words the way a POSIX shell would quote them
 * ({@code "..."}, {@code '...'}, backslash), without expanding anything. The words are only
 * ever used as argument lists, never handed to a shell.
 */
public final class ArgTokenizer {
    private ArgTokenizer() {
    }

    public static List<String> split(String text) throws UsageException {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()
                        && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    cur.append(text.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new UsageException("unterminated " + quote + " quote in: " + text, null);
        if (inWord) words.add(cur.toString());
        return words;
    }
}

package dev.perfkernel.kernel.wire;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {

    @Test
    void wildcardsAndClasses() {
        assertTrue(new Glob("int *").matches("int a = 1;"));
        assertTrue(new Glob("1?1").matches("1+1"));
        assertFalse(new Glob("1").matches("1+1"), "the whole input must match");
        assertTrue(new Glob("*").matches(""));
        assertTrue(new Glob("a*b*c").matches("aXbYc"));
        assertFalse(new Glob("a*b*c").matches("aXcYb"));
        assertTrue(new Glob("[a-c]x").matches("bx"));
        assertFalse(new Glob("[!a-c]x").matches("bx"));
        assertTrue(new Glob("[^a-c]x").matches("dx"));
        assertTrue(new Glob("[]]").matches("]"));
        assertTrue(new Glob("int [").matches("int ["), "an unclosed class is literal");
        assertTrue(new Glob("*\n*").matches("a\nb"), "stars cross lines");
        assertFalse(new Glob("ab*ba").matches("aba"), "prefix and suffix may not overlap");
    }

    @Test
    void catastrophicPatternIsFast() {
        String text = "a".repeat(3000);
        assertTimeoutPreemptively(java.time.Duration.ofMillis(500), () -> {
            assertFalse(new Glob("*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(text));
            assertTrue(new Glob("*a*a*a*a*a*a*a*a*a*a*a*a*").matches(text));
            assertFalse(new Glob("*" + "?".repeat(3001) + "*").matches(text));
        });
    }

    @Test
    void agreesWithAReferenceMatcherOnRandomInputs() {
        Random r = new Random(3);
        String alphabet = "ab*?[]!-";
        for (int n = 0; n < 20_000; n++) {
            String pattern = random(r, alphabet, r.nextInt(7));
            String text = random(r, "ab]-!", r.nextInt(8));
            assertEquals(reference(pattern, 0, text, 0), new Glob(pattern).matches(text), pattern + " vs " + text);
        }
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }

    /** Exponential but obviously right: the definition of a glob match. */
    private static boolean reference(String p, int i, String t, int j) {
        if (i == p.length()) return j == t.length();
        char c = p.charAt(i);
        if (c == '*') {
            for (int k = j; k <= t.length(); k++) if (reference(p, i + 1, t, k)) return true;
            return false;
        }
        if (j == t.length()) return false;
        if (c == '?') return reference(p, i + 1, t, j + 1);
        if (c == '[') {
            int end = i + 1;
            boolean neg = end < p.length() && (p.charAt(end) == '!' || p.charAt(end) == '^');
            if (neg) end++;
            int bodyStart = end;
            if (end < p.length() && p.charAt(end) == ']') end++;
            while (end < p.length() && p.charAt(end) != ']') end++;
            if (end < p.length()) {
                String body = p.substring(bodyStart, end);
                boolean in = false;
                for (int k = 0; k < body.length(); k++) {
                    if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                        in |= t.charAt(j) >= body.charAt(k) && t.charAt(j) <= body.charAt(k + 2);
                        k += 2;
                    } else {
                        in |= t.charAt(j) == body.charAt(k);
                    }
                }
                return in != neg && reference(p, end + 1, t, j + 1);
            }
        }
        return t.charAt(j) == c && reference(p, i + 1, t, j + 1);
    }
}

package dev.perfkernel.kernel.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell glob ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [!x]} or {@code [^x]})
 * matched against a whole string without a regular expression. The pattern is split at its
 * stars into segments that each match a fixed number of characters; the first segment must match
 * at the start, the last at the end, and the ones between are found leftmost, in order, which is
 * correct for globs and never backtracks: O(text length × pattern length) for any pattern (a
 * backtracking regex took exponential time on {@code *a*a*a…b}). An unclosed {@code [} is a
 * literal character.
 */
final class Glob {

    /** One pattern position that matches exactly one character. */
    private record Atom(char literal, boolean any, List<char[]> ranges, boolean negated) {
        boolean matches(char c) {
            if (any) return true;
            if (ranges == null) return c == literal;
            boolean in = false;
            for (char[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }
    }

    private final List<List<Atom>> segments = new ArrayList<>();
    private final boolean starred;

    Glob(String pattern) {
        List<Atom> current = new ArrayList<>();
        boolean star = false;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*') {
                segments.add(current);
                current = new ArrayList<>();
                star = true;
                i++;
            } else if (c == '?') {
                current.add(new Atom('\0', true, null, false));
                i++;
            } else if (c == '[') {
                int end = classEnd(pattern, i);
                if (end < 0) {
                    current.add(new Atom('[', false, null, false));
                    i++;
                } else {
                    current.add(charClass(pattern.substring(i + 1, end)));
                    i = end + 1;
                }
            } else {
                current.add(new Atom(c, false, null, false));
                i++;
            }
        }
        segments.add(current);
        this.starred = star;
    }

    boolean matches(String text) {
        int n = text.length();
        List<Atom> first = segments.get(0);
        if (!starred) return n == first.size() && matchesAt(first, text, 0);
        List<Atom> last = segments.get(segments.size() - 1);
        if (first.size() + last.size() > n) return false;
        if (!matchesAt(first, text, 0) || !matchesAt(last, text, n - last.size())) return false;
        int from = first.size();
        int limit = n - last.size(); // middle segments must end at or before here
        for (int s = 1; s < segments.size() - 1; s++) {
            List<Atom> seg = segments.get(s);
            int at = find(seg, text, from, limit);
            if (at < 0) return false;
            from = at + seg.size();
        }
        return true;
    }

    private static int find(List<Atom> seg, String text, int from, int limit) {
        for (int at = from; at + seg.size() <= limit; at++) {
            if (matchesAt(seg, text, at)) return at;
        }
        return -1;
    }

    private static boolean matchesAt(List<Atom> seg, String text, int at) {
        for (int k = 0; k < seg.size(); k++) {
            if (!seg.get(k).matches(text.charAt(at + k))) return false;
        }
        return true;
    }

    /** Index of the ']' closing the class opened at {@code open}, or -1; a ']' first in the class is literal. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        for (; i < p.length(); i++) {
            if (p.charAt(i) == ']') return i;
        }
        return -1;
    }

    private static Atom charClass(String body) {
        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
        String b = negated ? body.substring(1) : body;
        List<char[]> ranges = new ArrayList<>();
        for (int i = 0; i < b.length(); i++) {
            char lo = b.charAt(i);
            if (i + 2 < b.length() && b.charAt(i + 1) == '-') {
                ranges.add(new char[]{lo, b.charAt(i + 2)});
                i += 2;
            } else {
                ranges.add(new char[]{lo, lo});
            }
        }
        return new Atom('\0', false, ranges, negated);
    }
}

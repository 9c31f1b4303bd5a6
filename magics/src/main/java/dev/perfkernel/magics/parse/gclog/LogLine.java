package dev.perfkernel.magics.parse.gclog;

/**
 * One unified-logging line split into its decorations and message. Decorations are read in any
 * order and any subset ({@code uptime}, {@code uptimemillis}, {@code uptimenanos}, {@code level},
 * {@code tags}; others such as {@code time} or {@code pid} are skipped), so logs written with
 * other {@code -Xlog} decorations still parse.
 *
 * @param uptimeS seconds since JVM start, NaN when the line has no uptime decoration
 * @param level   {@code info}, {@code debug}, ... or empty
 * @param tags    the tag set as written, trimmed, e.g. {@code gc,start}; empty when absent
 * @param gcId    the {@code GC(n)} id, or -1
 * @param message the text after the decorations and the GC id
 */
public record LogLine(double uptimeS, String level, String tags, long gcId, String message) {

    /** Decodes one line; never fails (an undecorated line becomes a bare message). */
    public static LogLine decode(String line) {
        double uptime = Double.NaN;
        String level = "";
        String tags = "";
        int i = 0;
        int n = line.length();
        while (i < n && line.charAt(i) == '[') {
            int close = line.indexOf(']', i + 1);
            if (close < 0) break;
            String d = line.substring(i + 1, close).trim();
            double t = uptimeOf(d);
            if (!Double.isNaN(t)) {
                uptime = t;
            } else if (isLevel(d)) {
                level = d;
            } else if (isTagSet(d)) {
                tags = d;
            }
            i = close + 1;
        }
        if (i < n && line.charAt(i) == ' ') i++;
        long gcId = -1;
        if (line.startsWith("GC(", i)) {
            int close = line.indexOf(')', i + 3);
            if (close > i + 3) {
                gcId = parseId(line, i + 3, close);
                if (gcId >= 0) {
                    i = close + 1;
                    if (i < n && line.charAt(i) == ' ') i++;
                }
            }
        }
        return new LogLine(uptime, level, tags, gcId, i == 0 ? line : line.substring(i));
    }

    private static long parseId(String s, int from, int to) {
        long v = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9' || to - from > 18) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@code 1.234s}, {@code 1234ms} or {@code 1234ns} as seconds; NaN for anything else. */
    private static double uptimeOf(String d) {
        int len = d.length();
        if (len < 2 || !Character.isDigit(d.charAt(0))) return Double.NaN;
        double scale;
        int end;
        if (d.endsWith("ms")) { scale = 1e-3; end = len - 2; }
        else if (d.endsWith("ns")) { scale = 1e-9; end = len - 2; }
        else if (d.endsWith("s")) { scale = 1; end = len - 1; }
        else return Double.NaN;
        for (int k = 0; k < end; k++) {
            char c = d.charAt(k);
            if ((c < '0' || c > '9') && c != '.') return Double.NaN;
        }
        try {
            return Double.parseDouble(d.substring(0, end)) * scale;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isLevel(String d) {
        return switch (d) {
            case "trace", "debug", "info", "warning", "error" -> true;
            default -> false;
        };
    }

    private static boolean isTagSet(String d) {
        if (d.isEmpty() || !Character.isLetter(d.charAt(0))) return false;
        for (int k = 0; k < d.length(); k++) {
            char c = d.charAt(k);
            if (!(Character.isLetterOrDigit(c) || c == ',' || c == '_')) return false;
        }
        return true;
    }

    /**
     * Where the last leading {@code [...]} decoration of a line ends (the index of its {@code ]}),
     * or -1 when the line has none. With unified logging's fixed decorator order, that group is the
     * tag set whenever tags are decorated.
     */
    static int lastDecorationEnd(String line) {
        int i = 0;
        int end = -1;
        int n = line.length();
        while (i < n && line.charAt(i) == '[') {
            int close = line.indexOf(']', i + 1);
            if (close < 0) break;
            end = close;
            i = close + 1;
        }
        return end;
    }

    /** {@link #tagIndex} for a line whose last decoration is no tag set (or that has none). */
    static final int NO_TAGS = -1;
    /** {@link #tagIndex} for a tag set that is none of those asked about. */
    static final int OTHER_TAGS = -2;

    /**
     * Which of {@code tags} the decoration ending at {@code close} is (padding ignored), without
     * allocating: its index, {@link #OTHER_TAGS}, or {@link #NO_TAGS} when it is an uptime, a level
     * or no decoration at all.
     */
    static int tagIndex(String line, int close, String[] tags) {
        if (close < 0) return NO_TAGS;
        int open = line.lastIndexOf('[', close);
        int to = close;
        while (to > open + 1 && line.charAt(to - 1) == ' ') to--;
        int len = to - open - 1;
        if (len <= 0 || !Character.isLetter(line.charAt(open + 1))) return NO_TAGS;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i].length() == len && line.regionMatches(open + 1, tags[i], 0, len)) return i;
        }
        return isLevel(line.substring(open + 1, to)) ? NO_TAGS : OTHER_TAGS;
    }

    /**
     * Decodes a line whose tag set is already known to be {@code tags} (see {@link #tagIndex}):
     * the same result as {@link #decode} but with fewer allocations, for the parser's hot path.
     */
    static LogLine decodeTagged(String line, int close, String tags) {
        double uptime = Double.NaN;
        int i = 0;
        while (i < close && line.charAt(i) == '[') {
            int end = line.indexOf(']', i + 1);
            if (end < 0 || end > close) break;
            if (Double.isNaN(uptime)) uptime = fastUptime(line, i + 1, end);
            i = end + 1;
        }
        i = close + 1;
        int n = line.length();
        if (i < n && line.charAt(i) == ' ') i++;
        long gcId = -1;
        if (line.startsWith("GC(", i)) {
            int p = line.indexOf(')', i + 3);
            if (p > i + 3) {
                gcId = parseId(line, i + 3, p);
                if (gcId >= 0) {
                    i = p + 1;
                    if (i < n && line.charAt(i) == ' ') i++;
                }
            }
        }
        return new LogLine(uptime, "", tags, gcId, line.substring(i));
    }

    /** {@code 12.345s} (digits, one point, an s) in [from, to) as seconds without allocating; else NaN. */
    private static double fastUptime(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) == ' ') to--;
        if (to - from < 2 || s.charAt(to - 1) != 's') return Double.NaN;
        char before = s.charAt(to - 2);
        if (before < '0' || before > '9') return uptimeOf(s.substring(from, to).trim()); // ms, ns
        return Decimals.parse(s, from, to - 1);
    }

    /** True when the tag set is exactly {@code tag} (the padding is already trimmed). */
    public boolean tagged(String tag) {
        return tags.equals(tag);
    }
}

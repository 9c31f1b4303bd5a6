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

    /** True when the tag set is exactly {@code tag} (the padding is already trimmed). */
    public boolean tagged(String tag) {
        return tags.equals(tag);
    }
}

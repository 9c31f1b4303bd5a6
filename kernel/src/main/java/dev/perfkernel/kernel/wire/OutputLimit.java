package dev.perfkernel.kernel.wire;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The per-cell cap on stream output (stdout and stderr together, in UTF-8 bytes), so a runaway
 * print cannot fill the notebook file or the front end. Output passes at once until the cap less
 * a tail window ({@link #tailBytes}: a tenth of the cap, at most 1 MiB); then a note says so,
 * only the newest tail-window's worth is kept, and when the cell ends that tail follows a note
 * of how much was dropped. Set with {@code PERFKERNEL_OUTPUT_LIMIT} (bytes, with an optional
 * k/M/G suffix, binary; {@code 0} or {@code none} for no cap); default {@value #DEFAULT_TEXT}.
 */
final class OutputLimit {
    static final String ENV = "PERFKERNEL_OUTPUT_LIMIT";
    static final String DEFAULT_TEXT = "64M";
    static final long DEFAULT = 64L << 20;

    private final long limit;

    OutputLimit(long limit) {
        this.limit = limit;
    }

    static OutputLimit fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) return new OutputLimit(DEFAULT);
        try {
            return new OutputLimit(parse(v));
        } catch (IllegalArgumentException e) {
            System.err.println("perfkernel: ignoring " + ENV + "=" + v + " (" + e.getMessage() + "); using " + DEFAULT_TEXT);
            return new OutputLimit(DEFAULT);
        }
    }

    static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) return 0;
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> { }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a byte count such as 64M, 500k or none");
        }
        if (n < 0) throw new IllegalArgumentException("the limit cannot be negative");
        return Math.multiplyExact(n, unit);
    }

    long bytes() {
        return limit;
    }

    long tailBytes() {
        return Math.min(limit / 10, 1L << 20);
    }

    /** A new cell's view of the cap, sending to {@code target} (stream name, text). */
    Cell forCell(BiConsumer<String, String> target) {
        return new Cell(target);
    }

    /** The cap as one cell's output meets it. Thread-safe (output arrives on engine threads). */
    final class Cell {
        private final BiConsumer<String, String> target;
        private final Deque<String[]> tail = new ArrayDeque<>();
        private long passed;
        private long held;
        private long dropped;
        private boolean finished;

        private Cell(BiConsumer<String, String> target) {
            this.target = target;
        }

        synchronized void stream(String name, String text) {
            long n = utf8Length(text);
            if (limit <= 0 || (tail.isEmpty() && dropped == 0 && passed + n <= limit - (finished ? 0 : tailBytes()))) {
                passed += n;
                target.accept(name, text);
                return;
            }
            if (finished) { // late output of a background thread after the cell ended
                dropped += n;
                return;
            }
            if (tail.isEmpty() && dropped == 0) {
                target.accept("stderr", "\n[perfkernel: this cell's output passed " + human(limit - tailBytes())
                        + "; only its last " + human(tailBytes()) + " will be shown, when it ends ("
                        + ENV + "=" + human(limit) + ")]\n");
            }
            tail.addLast(new String[]{name, text});
            held += n;
            while (held > tailBytes()) {
                String[] first = tail.peekFirst();
                long size = utf8Length(first[1]);
                if (held - size >= tailBytes()) {
                    tail.removeFirst();
                    held -= size;
                    dropped += size;
                    continue;
                }
                // Part of the oldest piece is enough: cut it at a line start.
                int cut = cutFront(first[1], held - tailBytes());
                long removed = utf8Length(first[1].substring(0, cut));
                first[1] = first[1].substring(cut);
                held -= removed;
                dropped += removed;
                if (first[1].isEmpty()) tail.removeFirst();
                break;
            }
        }

        /** Chars to cut from the front of {@code text} to remove at least {@code excess} bytes, then on to a line start. */
        private static int cutFront(String text, long excess) {
            long bytes = 0;
            int i = 0;
            while (i < text.length() && bytes < excess) {
                char c = text.charAt(i);
                if (c < 0x80) bytes += 1;
                else if (c < 0x800) bytes += 2;
                else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else bytes += 3;
                i++;
            }
            if (i > 0 && text.charAt(i - 1) == '\n') return i;
            int line = text.indexOf('\n', i);
            return line >= 0 ? line + 1 : i;
        }

        /** The end of the cell: sends the kept tail after a note of what was dropped. */
        synchronized void finish() {
            if (finished) return;
            finished = true;
            if (dropped > 0) {
                target.accept("stderr", "[perfkernel: " + human(dropped) + " (" + dropped + " bytes) of output dropped here]\n");
            }
            for (String[] t : tail) target.accept(t[0], t[1]);
            passed += held;
            tail.clear();
            held = 0;
        }
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    static String human(long bytes) {
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        if (bytes >= 1L << 10) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return bytes + " bytes";
    }
}

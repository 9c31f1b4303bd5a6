package dev.perfkernel.magics.fork;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the last {@code capacity} characters of a stream of text and counts what it dropped,
 * so a fork that floods its output cannot exhaust the kernel's memory.
 */
public final class OutputTail {
    private final int capacity;
    private final StringBuilder buf = new StringBuilder();
    private long dropped;

    public OutputTail(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
    }

    public synchronized void append(CharSequence s) {
        buf.append(s);
        int excess = buf.length() - capacity;
        if (excess > 0) {
            buf.delete(0, excess);
            dropped += excess;
        }
    }

    public synchronized String text() {
        return buf.toString();
    }

    /** Characters dropped from the front because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The last {@code n} lines of what is kept. */
    public synchronized List<String> lastLines(int n) {
        return lastLines(buf.toString(), n);
    }

    static List<String> lastLines(String text, int n) {
        List<String> all = text.lines().toList();
        return new ArrayList<>(all.subList(Math.max(0, all.size() - n), all.size()));
    }
}

package dev.perfkernel.kernel.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs (and text outputs) executed in this kernel's lifetime, for {@code history_request}.
 * Kept in memory only: a restarted kernel starts a new, empty session.
 */
public final class ExecutionHistory {

    /** Session number reported in replies; 0 and negative numbers in requests mean "this session". */
    public static final int SESSION = 1;
    private static final int DEFAULT_TAIL = 10;
    /** Oldest entries are forgotten beyond this, so a long session's history stays bounded. */
    static final int MAX_ENTRIES = 10_000;
    /** A cell's output is kept only as a prefix: a flood of output must not live on in history. */
    static final int MAX_OUTPUT_CHARS = 2_000;

    private record Entry(int line, String input, String output) {}

    private final java.util.ArrayDeque<Entry> entries = new java.util.ArrayDeque<>();

    public synchronized void add(int line, String input, String output) {
        if (output != null && output.length() > MAX_OUTPUT_CHARS) {
            output = output.substring(0, MAX_OUTPUT_CHARS) + "… (" + (output.length() - MAX_OUTPUT_CHARS)
                    + " more characters not kept)";
        }
        entries.addLast(new Entry(line, input, output));
        if (entries.size() > MAX_ENTRIES) entries.removeFirst();
    }

    /** The last {@code n} entries (10 when n is negative, i.e. not given). */
    public synchronized JsonArray tail(int n, boolean output) {
        int count = n < 0 ? DEFAULT_TAIL : n;
        List<Entry> all = new ArrayList<>(entries);
        return rows(all.subList(Math.max(0, all.size() - count), all.size()), output);
    }

    /** Entries with start &lt;= line &lt; stop of a session; stop &lt;= 0 means to the end. */
    public synchronized JsonArray range(int session, int start, int stop, boolean output) {
        if (session > 0 && session != SESSION) {
            return new JsonArray();
        }
        List<Entry> hits = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line >= start && (stop <= 0 || e.line < stop)) {
                hits.add(e);
            }
        }
        return rows(hits, output);
    }

    /**
     * Inputs matching a glob ({@code *}, {@code ?}, {@code [..]}) over the whole input, newest
     * {@code n} kept (all when n &lt;= 0); with {@code unique} only the latest of equal inputs.
     */
    public synchronized JsonArray search(String glob, int n, boolean unique, boolean output) {
        Glob p = new Glob(glob == null || glob.isEmpty() ? "*" : glob);
        List<Entry> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (java.util.Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && (n <= 0 || hits.size() < n); ) {
            Entry e = it.next();
            if (p.matches(e.input) && (!unique || seen.add(e.input))) {
                hits.add(0, e);
            }
        }
        return rows(hits, output);
    }

    private static JsonArray rows(List<Entry> list, boolean output) {
        JsonArray rows = new JsonArray();
        for (Entry e : list) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(e.line);
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input);
                io.add(e.output == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(e.output));
                row.add(io);
            } else {
                row.add(e.input);
            }
            rows.add(row);
        }
        return rows;
    }
}

package dev.perfkernel.magics.parse.gclog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming parser for unified GC logs ({@code -Xlog:gc*}) of Serial, Parallel, G1, ZGC (both
 * modes), Shenandoah and Epsilon, JDK 17 to 25. Feed it lines with {@link #accept(String)} and
 * call {@link #result()}; memory stays bounded whatever the log's length (exact aggregates, a
 * capped number of kept events and names). Lines it does not recognise are counted, never fatal.
 *
 * <p>Events: each stop-the-world pause that reports heap figures is one event (young, mixed, full,
 * G1 remark/cleanup, Shenandoah degenerated); a G1 concurrent mark cycle is one event without a
 * pause of its own; a ZGC or Shenandoah collection is one event whose pause is the sum of its
 * short pauses. Pause statistics count every individual stop-the-world pause.
 */
public final class GcLogParser {

    public static final int DEFAULT_KEPT_EVENTS = 2_000;
    /** Bound on distinct causes and concurrent-phase names kept. */
    public static final int MAX_NAMES = 64;
    private static final int MAX_PENDING = 64;
    private static final int MAX_UNKNOWN_SAMPLES = 5;

    private static final String SIZE = "(\\d+)([BKMG])";
    private static final Pattern PAUSE_WITH_HEAP =
            Pattern.compile("^Pause (.+) " + SIZE + "->" + SIZE + "\\(" + SIZE + "\\) ([\\d.]+)ms$");
    private static final Pattern CONCURRENT_WITH_HEAP =
            Pattern.compile("^(Concurrent .+?) " + SIZE + "->" + SIZE + "\\(" + SIZE + "\\) ([\\d.]+)ms$");
    private static final Pattern G1_CYCLE = Pattern.compile("^Concurrent (Mark|Undo) Cycle(?: \\((.+)\\))?(?: ([\\d.]+)ms)?$");
    private static final Pattern Z_COLLECTION = Pattern.compile(
            "^(Garbage|Major|Minor) Collection \\((.+?)\\)(?: (\\d+)M\\((\\d+)%\\)->(\\d+)M\\((\\d+)%\\)(?: ([\\d.]+)s)?)?$");
    private static final Pattern EPSILON_HEAP =
            Pattern.compile("^Heap: (\\d+)([BKMG]) reserved, (\\d+)([BKMG]) \\(.*\\) committed, (\\d+)([BKMG]) \\(.*\\) used$");
    private static final Pattern GENERATION_PREFIX = Pattern.compile("^([YyOo]): ");
    private static final Pattern INIT_SIZE = Pattern.compile("^(?:Heap )?Max Capacity: " + SIZE + "$");

    /** Tag sets the parser reads; lines with any other tag set are only counted. */
    private static final String[] INTERESTING_TAGS = {"gc", "gc,phases", "gc,marking", "gc,start", "gc,init"};
    private static final int TAG_GC = 0;
    private static final int TAG_PHASES = 1;
    private static final int TAG_MARKING = 2;
    private static final int TAG_START = 3;
    private static final int TAG_INIT = 4;

    /** The last line skipped undecoded, so its uptime can still end the log's span. */
    private String lastSkipped;
    private final GcTotals totals;
    private final PauseDistribution pauses = new PauseDistribution();
    private final LinkedHashMap<Long, Pending> pending = new LinkedHashMap<>();
    private final List<String> unknownSamples = new ArrayList<>();

    private String collector = "unknown";
    private String jvmVersion = "";
    private double heapMaxMb = Double.NaN;
    private String shenandoahTrigger = "";
    private long lines;
    private long unknown;
    private double lastUptime = Double.NaN;
    private long stalls;
    private double stallMs;

    public GcLogParser() {
        this(DEFAULT_KEPT_EVENTS);
    }

    /** @param keptEvents how many events to keep for tables (and, separately, for charts) */
    public GcLogParser(int keptEvents) {
        this.totals = new GcTotals(keptEvents);
    }

    public static GcLog parse(Reader reader) throws IOException {
        GcLogParser p = new GcLogParser();
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        for (String line; (line = r.readLine()) != null; ) p.accept(line);
        return p.result();
    }

    public static GcLog parse(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        }
    }

    public void accept(String raw) {
        lines++;
        // Fast path: most lines carry detail tags nobody reads; skip them without decoding.
        int close = LogLine.lastDecorationEnd(raw);
        int tag = LogLine.tagIndex(raw, close, INTERESTING_TAGS);
        if (tag == LogLine.OTHER_TAGS) {
            lastSkipped = raw;
            return;
        }
        if (raw.isBlank()) return;
        LogLine l = tag >= 0 ? LogLine.decodeTagged(raw, close, INTERESTING_TAGS[tag]) : LogLine.decode(raw);
        lastSkipped = null;
        if (!Double.isNaN(l.uptimeS())) lastUptime = l.uptimeS();
        switch (tag) {
            case TAG_GC -> gc(l, raw);
            case TAG_PHASES -> phases(l);
            case TAG_MARKING -> concurrentPhase(l.message(), "");
            case TAG_START -> start(l);
            case TAG_INIT -> init(l.message());
            default -> gc(l, raw); // no tag decoration: read it as a gc line, or count it unknown
        }
    }

    public GcLog result() {
        if (lastSkipped != null) {
            double t = LogLine.decode(lastSkipped).uptimeS();
            if (!Double.isNaN(t)) lastUptime = t;
            lastSkipped = null;
        }
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            it.remove();
            if (p.complete()) emit(p.toEvent());
        }
        return totals.log(collector, jvmVersion, heapMaxMb, GcLog.PauseStats.of(pauses), stalls, stallMs,
                Double.isNaN(lastUptime) ? 0 : lastUptime, lines, unknown, unknownSamples);
    }

    private void gc(LogLine l, String raw) {
        String m = l.message();
        if (l.gcId() < 0) {
            if (m.startsWith("Using ")) collector = collectorName(m.substring(6).trim());
            else if (m.startsWith("Trigger: ")) {
                flushShenandoah(Long.MAX_VALUE);
                shenandoahTrigger = triggerCause(m.substring(9));
            } else if (m.startsWith("Heap: ")) epsilonHeap(l, raw);
            else if (m.startsWith("Allocation Stall (") || m.startsWith("Relocation Stall (")) stall(m, raw);
            else if (!isKnownNotice(m)) unknown(raw);
            return;
        }
        if (collector.equals("Shenandoah")) flushShenandoah(l.gcId());
        // Cheap checks first: regular expressions only run on the few lines that can match them.
        boolean heap = m.indexOf("->") > 0;
        Matcher x;
        if (m.startsWith("Pause ")) {
            if (heap && (x = PAUSE_WITH_HEAP.matcher(m)).matches()) {
                PauseTitle t = PauseTitle.of(x.group(1));
                if (t.cause().isEmpty() && !shenandoahTrigger.isEmpty()) {
                    // Shenandoah's degenerated and full pauses: the cause is the trigger just logged
                    t = new PauseTitle(t.kind(), t.name(), shenandoahTrigger);
                }
                double ms = Double.parseDouble(x.group(8));
                pauses.add(ms);
                double start = l.uptimeS() - ms / 1000;
                emit(new GcEvent(l.gcId(), round3(start), t.kind(), t.name(), t.cause(), ms, 1, ms,
                        mb(x, 2), mb(x, 4), mb(x, 6)));
                return;
            }
            double ms = trailingMs(m);
            if (!heap && !Double.isNaN(ms)) {
                pauses.add(ms);
                pendingFor(l).addPause(ms);
                return;
            }
        } else if (m.startsWith("Concurrent ")) {
            if (heap) {
                if ((x = CONCURRENT_WITH_HEAP.matcher(m)).matches()) {
                    Pending p = pendingFor(l);
                    if (Double.isNaN(p.before)) p.before = mb(x, 2);
                    p.after = mb(x, 4);
                    p.committed = mb(x, 6);
                    addPhase(x.group(1), Double.parseDouble(x.group(8)));
                    return;
                }
            } else if (m.contains(" Cycle")) {
                if ((x = G1_CYCLE.matcher(m)).matches()) {
                    if (x.group(3) != null) {
                        double ms = Double.parseDouble(x.group(3));
                        String name = "Concurrent " + x.group(1) + " Cycle" + (x.group(2) == null ? "" : " (" + x.group(2) + ")");
                        emit(new GcEvent(l.gcId(), round3(l.uptimeS() - ms / 1000), GcKind.CONCURRENT_MARK, name, "",
                                Double.NaN, 0, ms, Double.NaN, Double.NaN, Double.NaN));
                    }
                    return;
                }
            } else {
                double ms = trailingMs(m);
                if (!Double.isNaN(ms)) {
                    if (collector.equals("Shenandoah")) pendingFor(l);
                    addPhase(m.substring(0, m.lastIndexOf(' ')), ms);
                    return;
                }
            }
        } else if (m.contains("Collection (") && (x = Z_COLLECTION.matcher(m)).matches()) {
            zCollection(l, x);
            return;
        }
        unknown(raw);
    }

    /** ZGC's collection lines: the start (cause only) and the end (heap figures, JDK 21+ also duration). */
    private void zCollection(LogLine l, Matcher x) {
        Pending p = pendingFor(l);
        String type = x.group(1);
        p.kind = type.equals("Major") ? GcKind.MAJOR : type.equals("Minor") ? GcKind.MINOR : GcKind.CONCURRENT_CYCLE;
        p.name = type + " Collection";
        p.cause = x.group(2);
        if (x.group(3) == null) return;
        p.before = Double.parseDouble(x.group(3));
        p.after = Double.parseDouble(x.group(5));
        double pct = Double.parseDouble(x.group(6));
        p.committed = Double.NaN;
        if (Double.isNaN(heapMaxMb) && pct > 0) heapMaxMb = Math.round(p.after * 100 / pct);
        p.durationMs = x.group(7) != null ? Double.parseDouble(x.group(7)) * 1000
                : (l.uptimeS() - p.uptimeS) * 1000;
        pending.remove(p.gcId);
        emit(p.toEvent());
    }

    private void start(LogLine l) {
        // Non-generational ZGC announces a collection (and its cause) only on gc,start.
        if (l.gcId() >= 0 && l.message().startsWith("Garbage Collection (")) {
            Matcher x = Z_COLLECTION.matcher(l.message());
            if (x.matches()) {
                Pending p = pendingFor(l);
                p.kind = GcKind.CONCURRENT_CYCLE;
                p.name = "Garbage Collection";
                p.cause = x.group(2);
            }
        }
    }

    private void phases(LogLine l) {
        String m = l.message();
        String prefix = "";
        Matcher g = GENERATION_PREFIX.matcher(m);
        if (g.find()) {
            prefix = g.group(1);
            m = m.substring(g.end());
        }
        if (m.startsWith("Pause ")) {
            double ms = trailingMs(m);
            if (!Double.isNaN(ms) && l.gcId() >= 0) {
                pauses.add(ms);
                pendingFor(l).addPause(ms);
            }
        } else {
            concurrentPhase(m, prefix);
        }
    }

    private void concurrentPhase(String m, String prefix) {
        if (!m.startsWith("Concurrent ")) return;
        double ms = trailingMs(m);
        if (Double.isNaN(ms)) return;
        String name = m.substring(0, m.lastIndexOf(' '));
        addPhase(prefix.isEmpty() ? name : prefix.toUpperCase() + ": " + name, ms);
    }

    /** The duration in {@code "... 1.234ms"} at the end of a message, parsed without allocating; else NaN. */
    static double trailingMs(String m) {
        int n = m.length();
        if (n < 4 || m.charAt(n - 1) != 's' || m.charAt(n - 2) != 'm') return Double.NaN;
        int space = m.lastIndexOf(' ', n - 3);
        if (space < 0 || space == n - 3) return Double.NaN;
        return Decimals.parse(m, space + 1, n - 2);
    }

    private void init(String m) {
        if (m.startsWith("Version: ")) {
            jvmVersion = m.substring(9).replace(" (release)", "").trim();
        } else if (m.startsWith("Heap Max Capacity: ") || m.startsWith("Max Capacity: ")) {
            Matcher x = INIT_SIZE.matcher(m);
            if (x.matches()) heapMaxMb = mb(x, 1);
        }
    }

    /** ZGC: a thread waited for memory ({@code Allocation Stall (main) 5.564ms}); not a GC pause, but felt as one. */
    private void stall(String m, String raw) {
        double ms = trailingMs(m);
        if (Double.isNaN(ms)) {
            unknown(raw);
            return;
        }
        stalls++;
        stallMs += ms;
    }

    private void epsilonHeap(LogLine l, String raw) {
        Matcher x = EPSILON_HEAP.matcher(l.message());
        if (!x.matches()) {
            unknown(raw);
            return;
        }
        double used = mb(x, 5);
        if (Double.isNaN(heapMaxMb)) heapMaxMb = mb(x, 1);
        totals.epsilonHeap(l.uptimeS(), used);
    }

    private void emit(GcEvent e) {
        totals.add(e);
    }

    private void addPhase(String name, double ms) {
        totals.addPhase(name, ms);
    }

    private Pending pendingFor(LogLine l) {
        Pending p = pending.get(l.gcId());
        if (p == null) {
            if (pending.size() >= MAX_PENDING) {
                Iterator<Pending> it = pending.values().iterator();
                Pending eldest = it.next();
                it.remove();
                if (eldest.complete()) emit(eldest.toEvent());
            }
            p = new Pending(l.gcId(), l.uptimeS());
            if (collector.equals("Shenandoah")) {
                p.cause = shenandoahTrigger;
                shenandoahTrigger = "";
            }
            pending.put(l.gcId(), p);
        }
        if (!Double.isNaN(l.uptimeS())) p.lastUptimeS = l.uptimeS();
        return p;
    }

    /** Shenandoah writes no end line: a cycle is over once a later cycle (or a trigger) appears. */
    private void flushShenandoah(long beforeId) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.gcId < beforeId) {
                it.remove();
                if (p.complete()) emit(p.toEvent());
            }
        }
    }

    private void unknown(String raw) {
        unknown++;
        if (unknownSamples.size() < MAX_UNKNOWN_SAMPLES) {
            unknownSamples.add(raw.length() > 200 ? raw.substring(0, 200) + "…" : raw);
        }
    }

    private static boolean isKnownNotice(String m) {
        return m.startsWith("Min heap equals") || m.startsWith("Heuristics ergonomically")
                || m.startsWith("Consider enabling") || m.startsWith("Periodic GC")
                || m.startsWith("Soft Max Heap") || m.startsWith("Initialize Shenandoah")
                || m.startsWith("Cancelling GC") || m.startsWith("Failed to");
    }

    private static String collectorName(String using) {
        return switch (using) {
            case "The Z Garbage Collector" -> "ZGC";
            default -> using;
        };
    }

    /** Shenandoah's trigger text without its changing numbers, so equal reasons count together. */
    static String triggerCause(String t) {
        if (t.contains("(System.gc())")) return "System.gc()";
        if (t.startsWith("Learning")) return "Learning";
        String s = t.replaceAll(" \\([^()]*\\)", "").replaceAll("[.]$", "").trim();
        int dot = s.indexOf(". ");
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static double mb(Matcher x, int group) {
        double v = Double.parseDouble(x.group(group));
        return switch (x.group(group + 1)) {
            case "B" -> v / (1024.0 * 1024);
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private static double round3(double s) {
        return GcTotals.round3(s);
    }
}

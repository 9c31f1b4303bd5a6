package dev.perfkernel.magics.parse.jfr;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Streams the stack-carrying events of one {@link ProfileEvent} out of a {@code .jfr} file,
 * one event at a time, so recordings larger than memory can be aggregated.
 */
public final class JfrReader {
    /** One CPU or native sample stands for one sampling period of the shipped settings (1 ms). */
    static final long SAMPLE_PERIOD_MICROS = 1000;

    private JfrReader() {
    }

    /** What a read saw, for warnings (e.g. nothing sampled, or samples without stacks). */
    public record Counts(long events, long withoutStack, long filteredOut) {}

    /**
     * Reads every event of {@code kind} whose thread passes {@code threads} and hands it to
     * {@code sink}. Events without a stack trace (e.g. allocations by JIT compiler threads) are
     * counted but not passed on.
     */
    public static Counts read(Path file, ProfileEvent kind, Predicate<String> threads, Consumer<JfrSample> sink)
            throws IOException {
        long events = 0, withoutStack = 0, filtered = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String name = e.getEventType().getName();
                if (!kind.eventNames().contains(name)) continue;
                events++;
                String thread = threadName(e);
                if (!threads.test(thread)) {
                    filtered++;
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    withoutStack++;
                    continue;
                }
                sink.accept(new JfrSample(frames(st), objectType(e), weight(kind, e), thread));
            }
        }
        return new Counts(events, withoutStack, filtered);
    }

    /** All samples of a (small) recording in memory; convenient for tests. */
    public static List<JfrSample> readAll(Path file, ProfileEvent kind) throws IOException {
        List<JfrSample> out = new ArrayList<>();
        read(file, kind, t -> true, out::add);
        return out;
    }

    private static List<JfrFrame> frames(RecordedStackTrace st) {
        List<RecordedFrame> rf = st.getFrames();
        List<JfrFrame> out = new ArrayList<>(rf.size());
        for (RecordedFrame f : rf) {
            if (!f.isJavaFrame() || f.getMethod() == null) continue;
            out.add(new JfrFrame(f.getMethod().getType().getName(), f.getMethod().getName(), f.getLineNumber()));
        }
        return out;
    }

    private static String objectType(RecordedEvent e) {
        if (!e.hasField("objectClass")) return null;
        var c = e.getClass("objectClass");
        return c == null ? null : prettyType(c.getName());
    }

    /** JFR names arrays in JVM form ({@code [B}, {@code [Ljava.lang.String;}); show them as Java does. */
    static String prettyType(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') dims++;
        if (dims == 0) return name;
        String elem = name.substring(dims);
        String base = switch (elem) {
            case "B" -> "byte"; case "C" -> "char"; case "S" -> "short"; case "I" -> "int";
            case "J" -> "long"; case "F" -> "float"; case "D" -> "double"; case "Z" -> "boolean";
            default -> elem.startsWith("L") && elem.endsWith(";") ? elem.substring(1, elem.length() - 1) : elem;
        };
        return base + "[]".repeat(dims);
    }

    private static long weight(ProfileEvent kind, RecordedEvent e) {
        String name = e.getEventType().getName();
        return switch (kind) {
            case ALLOC -> e.getLong("weight");
            case CPU -> 1;
            case WALL -> name.equals("jdk.ExecutionSample") || name.equals("jdk.NativeMethodSample")
                    ? SAMPLE_PERIOD_MICROS : Math.max(1, e.getDuration().toNanos() / 1000);
            case LOCK -> Math.max(1, e.getDuration().toNanos() / 1000);
        };
    }

    private static String threadName(RecordedEvent e) {
        RecordedThread t = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
        if (t == null) return "";
        String n = t.getJavaName();
        return n == null ? (t.getOSName() == null ? "" : t.getOSName()) : n;
    }
}

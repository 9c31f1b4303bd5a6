package dev.perfkernel.magics.export;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.export.PprofProfile.Frame;
import dev.perfkernel.magics.export.PprofProfile.ValueType;
import dev.perfkernel.magics.parse.jfr.JfrFrame;
import dev.perfkernel.magics.parse.jfr.JfrReader;
import dev.perfkernel.magics.parse.jfr.JfrSample;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Converts the stacks of a {@code .jfr} recording into a gzipped pprof profile, the format of
 * {@code go tool pprof} and the pprof web UI, so a Go programmer's tools open a JVM profile.
 * Every event of the profile's kind is kept, whatever its thread; each sample carries a
 * {@code thread} label (and {@code object} for allocations) so pprof's {@code -tagfocus} can narrow
 * it. Sample types follow Go's profiles: CPU as {@code samples/count} and {@code cpu/nanoseconds},
 * allocations as {@code samples/count} and {@code alloc_space/bytes}, lock contention as
 * {@code contentions/count} and {@code delay/nanoseconds}, wall time as {@code samples/count} and
 * {@code wall/nanoseconds}.
 *
 * <p>Why not async-profiler's converter ({@code tools.profiler:jfr-converter}, on Maven Central):
 * it writes one value per sample (counts, or with {@code --total} the weights), so a file cannot
 * carry both as Go's profiles do; it has no thread or object labels; its entry point is a
 * command-line application rather than a library API; and it parses the recording a second time,
 * while {@link JfrReader} already streams it. The tests check this export against it: the same
 * samples per leaf method on the same recordings.
 */
public final class PprofExport {
    /** The file name's ending: pprof reads gzipped or plain protobuf, the gzipped form is usual. */
    public static final String EXTENSION = "pb.gz";
    private static final long CPU_PERIOD_NANOS = 1_000_000;   // cpu.jfc samples every 1 ms

    private PprofExport() {
    }

    /**
     * Writes {@code NAME.pb.gz} beside {@code NAME.jfr} with the recording's samples of
     * {@code event}; returns its path.
     */
    public static Path besideJfr(Path jfr, ProfileEvent event) throws MagicException {
        String name = jfr.getFileName().toString();
        String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        Path target = jfr.resolveSibling(base + "." + EXTENSION);
        try {
            write(convert(jfr, event), target);
            return target;
        } catch (IOException | RuntimeException e) {
            throw new MagicException("SaveFailed", "cannot write the pprof profile " + target + ": " + e.getMessage(),
                    List.of());
        }
    }

    /** The recording's samples of {@code event} as a pprof profile. */
    static PprofProfile convert(Path jfr, ProfileEvent event) throws IOException {
        PprofProfile profile = new PprofProfile(sampleTypes(event))
                .timeNanos(Files.getLastModifiedTime(jfr).toMillis() * 1_000_000)
                .comment("converted by perfkernel from " + jfr.getFileName() + " (" + event.optionName() + ")");
        if (event == ProfileEvent.CPU) profile.period(new ValueType("cpu", "nanoseconds"), CPU_PERIOD_NANOS);
        JfrReader.read(jfr, event, thread -> true, s -> profile.add(frames(s), values(event, s), labels(s)));
        return profile;
    }

    static List<ValueType> sampleTypes(ProfileEvent event) {
        return switch (event) {
            case CPU -> List.of(new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds"));
            case WALL -> List.of(new ValueType("samples", "count"), new ValueType("wall", "nanoseconds"));
            case ALLOC -> List.of(new ValueType("samples", "count"), new ValueType("alloc_space", "bytes"));
            case LOCK -> List.of(new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds"));
        };
    }

    /** JfrSample weights are samples (CPU), µs (wall, lock) or bytes (alloc). */
    private static long[] values(ProfileEvent event, JfrSample s) {
        return switch (event) {
            case CPU -> new long[] {1, s.weight() * CPU_PERIOD_NANOS};
            case WALL, LOCK -> new long[] {1, s.weight() * 1000};
            case ALLOC -> new long[] {1, s.weight()};
        };
    }

    private static List<Frame> frames(JfrSample s) {
        List<Frame> out = new ArrayList<>(s.stack().size());
        for (JfrFrame f : s.stack()) out.add(new Frame(f.method(), Math.max(0, f.line())));
        return out;
    }

    private static Map<String, String> labels(JfrSample s) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!s.thread().isEmpty()) labels.put("thread", s.thread());
        if (s.objectType() != null) labels.put("object", s.objectType());
        return labels;
    }

    private static void write(PprofProfile profile, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".pprof-", ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                out.write(profile.encode());
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

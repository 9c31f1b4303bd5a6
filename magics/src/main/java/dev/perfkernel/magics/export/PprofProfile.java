package dev.perfkernel.magics.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile in pprof's format ({@code profile.proto} of github.com/google/pprof): sample types,
 * samples with their stacks and labels, and the locations, functions and string table they refer
 * to. Samples with the same stack and labels are merged (their values added), as pprof itself
 * does, so the file stays small for long recordings.
 */
final class PprofProfile {
    /** A sample type or the period type: e.g. {@code ("cpu", "nanoseconds")}. */
    record ValueType(String type, String unit) {}

    /** One frame: function name and source line (0 when unknown). */
    record Frame(String function, long line) {}

    private final List<ValueType> sampleTypes;
    private final Map<String, Long> strings = new HashMap<>();
    private final List<String> stringTable = new ArrayList<>();
    private final Map<String, Long> functions = new LinkedHashMap<>();
    private final Map<Frame, Long> locations = new LinkedHashMap<>();
    private final Map<SampleKey, long[]> samples = new LinkedHashMap<>();
    private ValueType periodType;
    private long period;
    private long timeNanos;
    private final List<String> comments = new ArrayList<>();

    private record SampleKey(List<Long> locationIds, Map<String, String> labels) {}

    PprofProfile(List<ValueType> sampleTypes) {
        if (sampleTypes.isEmpty()) throw new IllegalArgumentException("a profile needs a sample type");
        this.sampleTypes = List.copyOf(sampleTypes);
        intern("");   // string_table[0] must be ""
    }

    PprofProfile period(ValueType type, long period) {
        this.periodType = type;
        this.period = period;
        return this;
    }

    PprofProfile timeNanos(long timeNanos) {
        this.timeNanos = timeNanos;
        return this;
    }

    PprofProfile comment(String comment) {
        comments.add(comment);
        return this;
    }

    /**
     * Adds a sample.
     *
     * @param stack  frames, innermost first (pprof's order for {@code location_id})
     * @param values one per sample type
     * @param labels string labels, e.g. {@code thread}
     */
    void add(List<Frame> stack, long[] values, Map<String, String> labels) {
        if (values.length != sampleTypes.size()) {
            throw new IllegalArgumentException(values.length + " values for " + sampleTypes.size() + " sample types");
        }
        List<Long> ids = new ArrayList<>(stack.size());
        for (Frame f : stack) ids.add(location(f));
        long[] sum = samples.computeIfAbsent(new SampleKey(List.copyOf(ids), Map.copyOf(labels)), k -> new long[values.length]);
        for (int i = 0; i < values.length; i++) sum[i] += values[i];
    }

    int sampleCount() {
        return samples.size();
    }

    /** The encoded (not yet gzipped) profile. */
    byte[] encode() {
        // Intern every string first: the string table is written after the messages that use it.
        List<ProtoWriter> sampleMessages = new ArrayList<>();
        for (Map.Entry<SampleKey, long[]> s : samples.entrySet()) {
            ProtoWriter m = new ProtoWriter()
                    .packed(1, s.getKey().locationIds().stream().mapToLong(Long::longValue).toArray())
                    .packed(2, s.getValue());
            new java.util.TreeMap<>(s.getKey().labels()).forEach((k, v) ->
                    m.message(3, new ProtoWriter().varint(1, intern(k)).varint(2, intern(v))));
            sampleMessages.add(m);
        }
        List<ProtoWriter> types = sampleTypes.stream().map(this::valueType).toList();
        ProtoWriter periodMessage = periodType == null ? null : valueType(periodType);
        long[] commentIds = comments.stream().mapToLong(this::intern).toArray();

        ProtoWriter p = new ProtoWriter();
        types.forEach(t -> p.message(1, t));
        sampleMessages.forEach(s -> p.message(2, s));
        locations.forEach((frame, id) -> p.message(4, new ProtoWriter().varint(1, id)
                .message(4, new ProtoWriter().varint(1, functions.get(frame.function())).varint(2, frame.line()))));
        functions.forEach((name, id) -> p.message(5, new ProtoWriter().varint(1, id)
                .varint(2, intern(name)).varint(3, intern(name))));
        stringTable.forEach(s -> p.string(6, s));
        p.varint(9, timeNanos);
        if (periodMessage != null) p.message(11, periodMessage).varint(12, period);
        p.packed(13, commentIds);
        return p.toByteArray();
    }

    private ProtoWriter valueType(ValueType t) {
        return new ProtoWriter().varint(1, intern(t.type())).varint(2, intern(t.unit()));
    }

    private long location(Frame f) {
        Long id = locations.get(f);
        if (id != null) return id;
        functions.computeIfAbsent(f.function(), n -> (long) functions.size() + 1);
        intern(f.function());
        long fresh = locations.size() + 1L;   // ids start at 1: 0 means "none" in pprof
        locations.put(f, fresh);
        return fresh;
    }

    private long intern(String s) {
        Long id = strings.get(s);
        if (id != null) return id;
        long fresh = stringTable.size();
        stringTable.add(s);
        strings.put(s, fresh);
        return fresh;
    }

    @Override
    public String toString() {
        return "PprofProfile" + Arrays.toString(sampleTypes.toArray()) + " " + samples.size() + " samples";
    }
}

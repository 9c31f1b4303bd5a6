package dev.perfkernel.magics.parse.jfr;

import java.util.Locale;
import java.util.Set;

/**
 * What a profile samples: the JFR events recorded (a {@code .jfc} shipped beside this class)
 * and what one event weighs.
 */
public enum ProfileEvent {
    /** On-CPU Java code: {@code jdk.ExecutionSample}, one per sampling period (1 ms). */
    CPU("cpu.jfc", "samples", Set.of("jdk.ExecutionSample")),
    /**
     * An approximation of wall-clock time. JFR (JDK 17 to 25) has no wall-clock sampler, so
     * running and native threads are sampled every millisecond (one sample = 1000 µs) and time
     * spent parked, sleeping, waiting or blocked comes from the blocking events' durations.
     */
    WALL("wall.jfc", "µs", Set.of("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.ThreadPark",
            "jdk.ThreadSleep", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter")),
    /** Sampled allocations: {@code jdk.ObjectAllocationSample}, weighted by bytes. */
    ALLOC("alloc.jfc", "bytes", Set.of("jdk.ObjectAllocationSample")),
    /** Time blocked entering monitors and parked on java.util.concurrent locks, in microseconds. */
    LOCK("lock.jfc", "µs", Set.of("jdk.JavaMonitorEnter", "jdk.ThreadPark"));

    private final String settingsResource;
    private final String unit;
    private final Set<String> eventNames;

    ProfileEvent(String settingsResource, String unit, Set<String> eventNames) {
        this.settingsResource = settingsResource;
        this.unit = unit;
        this.eventNames = eventNames;
    }

    /** Name of the {@code .jfc} resource next to this class. */
    public String settingsResource() {
        return settingsResource;
    }

    /** Unit of {@link JfrSample#weight()}. */
    public String unit() {
        return unit;
    }

    public Set<String> eventNames() {
        return eventNames;
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code cpu|wall|alloc|lock}; null when unknown. */
    public static ProfileEvent parse(String s) {
        for (ProfileEvent e : values()) if (e.optionName().equals(s.toLowerCase(Locale.ROOT))) return e;
        return null;
    }
}

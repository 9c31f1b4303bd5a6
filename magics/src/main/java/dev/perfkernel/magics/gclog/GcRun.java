package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.report.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One configuration's run of the cell under GC logging, and what its log said.
 *
 * @param config      the configuration as run
 * @param jdk         the JDK it ran on
 * @param flags       the JVM flags passed (logging included)
 * @param log         the parsed GC log
 * @param environment the forked JVM's environment, or null when the probe could not write it
 * @param calls       how many times the cell body ran (-1 when unknown, e.g. after an OOM without output)
 * @param measured    the driver's timed loop: its wall time and the bytes the cell's thread allocated, or null
 * @param wall        wall time of the fork
 * @param outOfMemory true when the run ended with an OutOfMemoryError
 * @param savedLog    where the raw log was saved, as the notebook shows it (relative to its folder)
 * @param warnings    what the reader should know about this run
 */
public record GcRun(RunConfig config, Jdk jdk, List<String> flags, GcLog log, Environment environment, long calls,
                    Measured measured, Duration wall, boolean outOfMemory, Path savedLog, List<String> warnings) {

    public GcRun {
        flags = List.copyOf(flags);
        warnings = List.copyOf(warnings);
    }

    /** What the driver measured around its loop: elapsed time and bytes allocated by the cell's thread. */
    public record Measured(double seconds, long allocatedBytes) {
        public double allocRateMbPerS() {
            return seconds > 0 ? allocatedBytes / 1048576.0 / seconds : Double.NaN;
        }
    }

    /** Allocation rate: the exact per-thread counter when the run ended normally, else the GC log's estimate. */
    public double allocRateMbPerS() {
        return measured != null ? measured.allocRateMbPerS() : log.allocRateMbPerS();
    }

    /** The run's name in tables: the configuration as typed, or a description of it. */
    public String label() {
        return config.label() != null ? config.label() : config.describe();
    }

    /** The collector the log names (so a default GC shows which one it was). */
    public String collector() {
        return log.collector().equals("unknown") && config.gc() != null ? config.gc().displayName() : log.collector();
    }
}

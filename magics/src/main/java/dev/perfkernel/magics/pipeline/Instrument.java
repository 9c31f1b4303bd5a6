package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicException;

import java.nio.file.Path;
import java.util.List;

/**
 * What a magic plugs into a fork, in the manner of JMH's external profilers: the JVM flags (and
 * the files they make the JVM write) before the fork starts, a look at each output line while it
 * runs. What the fork left behind is read by the magic afterwards from the instrument itself
 * (a JFR recording, a GC log, the PrintAssembly text).
 */
public interface Instrument {

    /** Flags for a fork that runs in {@code runDir}; files the JVM writes belong under it. */
    List<String> jvmFlags(Path runDir) throws MagicException;

    /** Sees each output line (on the fork's output thread); true asks a driver to stop early. */
    default boolean onLine(String line) {
        return false;
    }

    /** Just flags, nothing read back. */
    static Instrument flags(List<String> flags) {
        List<String> copy = List.copyOf(flags);
        return runDir -> copy;
    }
}

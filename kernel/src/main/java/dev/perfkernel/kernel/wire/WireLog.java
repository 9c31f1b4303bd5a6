package dev.perfkernel.kernel.wire;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The kernel's own diagnostics: stderr, which Jupyter shows in its server log. */
public final class WireLog {
    private WireLog() {}

    public static void warn(String message) {
        System.err.println("[perfkernel " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
    }

    public static void warn(String message, Throwable t) {
        warn(message + ": " + t);
    }
}

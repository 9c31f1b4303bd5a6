package dev.perfkernel.kernel.wire;

/**
 * With {@code PERFKERNEL_TRACE_STARTUP=1}, logs when each start-up step finished, in ms after
 * {@code main()} began, to see where the time to the first kernel_info_reply goes.
 * (The OS process start time is only known to the second on Linux, so main() is the origin.)
 */
public final class StartupTrace {
    private static final boolean ON = "1".equals(System.getenv("PERFKERNEL_TRACE_STARTUP"));
    private static final long ORIGIN = System.nanoTime();

    private StartupTrace() {}

    /** Call first thing in main(): fixes the origin. */
    public static void begin() {
        mark("main() entered");
    }

    public static void mark(String step) {
        if (ON) {
            WireLog.warn("startup: " + step + " at +" + (System.nanoTime() - ORIGIN) / 1_000_000 + " ms");
        }
    }
}

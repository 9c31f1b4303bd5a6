package dev.perfkernel.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Measures one run of a cell for {@code %time}: wall time, CPU time and bytes allocated by the
 * thread that runs the cell's code in the engine JVM. Threads the cell starts are not counted
 * (the printed line says so).
 */
public final class CellTimer {
    /** A body that may throw anything, so cells need not catch checked exceptions. */
    public interface Body {
        void run() throws Throwable;
    }

    /** An expression body whose value becomes the cell's value. */
    public interface ValueBody<T> {
        T get() throws Throwable;
    }

    private static long wall0, cpu0, alloc0;
    private static Thread thread0;

    private CellTimer() {
    }

    public static void run(Body body) throws Throwable {
        start();
        body.run();
        stop(false);
    }

    public static <T> T value(ValueBody<T> body) throws Throwable {
        start();
        T value = body.get();
        stop(false);
        return value;
    }

    /** For cells that declare things: the kernel evaluates start, the snippets, then stop. */
    public static void start() {
        thread0 = Thread.currentThread();
        com.sun.management.ThreadMXBean mx = mx();
        alloc0 = mx.getCurrentThreadAllocatedBytes();
        cpu0 = mx.getCurrentThreadCpuTime();
        wall0 = System.nanoTime();
    }

    public static void stop(boolean includesCompile) {
        long wall = System.nanoTime() - wall0;
        com.sun.management.ThreadMXBean mx = mx();
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long alloc = mx.getCurrentThreadAllocatedBytes() - alloc0;
        String line;
        if (Thread.currentThread() != thread0) {
            line = "wall time: " + millis(wall) + " (CPU and allocation unavailable: the cell ran on several engine threads)";
        } else {
            line = "CPU time: " + millis(cpu) + ", wall time: " + millis(wall) + ", allocated: " + bytes(alloc);
        }
        if (includesCompile) line += "\n(wall time includes JShell compiling the cell's declarations)";
        System.out.println(line);
        System.out.flush();
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        if (ms >= 1000) return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        if (ms >= 1) return String.format(Locale.ROOT, "%.1f ms", ms);
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        if (b < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }

    private static com.sun.management.ThreadMXBean mx() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }
}

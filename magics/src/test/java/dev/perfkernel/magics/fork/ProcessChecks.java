package dev.perfkernel.magics.fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Test helpers that look at processes the way {@code ps} does. */
public final class ProcessChecks {
    private ProcessChecks() {
    }

    /**
     * True when the process has exited by the deadline. A zombie (exited, not yet reaped by
     * the container's init) counts as gone: it runs no code and holds no memory.
     */
    public static boolean goneWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, limit.toNanos());
        do {
            if (gone(pid)) return true;
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return gone(pid);
    }

    public static boolean gone(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            String state = s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
            return state.equals("Z") || state.equals("X");
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
    }

    /** Java processes that are descendants of this JVM and still running (not zombies). */
    public static java.util.List<ProcessHandle> liveJavaDescendants() {
        return ProcessHandle.current().descendants().filter(h -> !gone(h.pid()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
    }
}

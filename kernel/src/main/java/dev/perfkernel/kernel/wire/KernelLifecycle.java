package dev.perfkernel.kernel.wire;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Ends the kernel cleanly and completely: the backend gets a short, bounded chance to stop its
 * engine, then every descendant process still alive is killed, then the JVM exits. Also watches
 * the Jupyter process that started the kernel and exits when it is gone.
 */
public final class KernelLifecycle {

    /** Time the backend gets to shut down by itself before its processes are killed. */
    static final long BACKEND_GRACE_MS = 1000;
    /** Time between SIGTERM and SIGKILL for leftover descendants. */
    static final long TERM_GRACE_MS = 300;
    static final long PARENT_POLL_MS = 2000;

    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final IntConsumer halt;
    private volatile LanguageBackend backend;

    public KernelLifecycle() {
        this(System::exit);
    }

    /** @param halt ends the process with a status (tests pass a recorder instead of System.exit) */
    KernelLifecycle(IntConsumer halt) {
        this.halt = halt;
    }

    public void setBackend(LanguageBackend backend) {
        this.backend = backend;
    }

    /** Cleans up on SIGTERM/SIGINT-less exits too (e.g. jupyter_client's terminate fallback). */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(false), "perfkernel-shutdown-hook"));
    }

    /** Shuts everything down and exits the JVM. */
    public void exit(boolean restart, int status) {
        cleanUp(restart);
        halt.accept(status);
    }

    /** Backend shutdown (bounded), then kill descendants; idempotent. */
    void cleanUp(boolean restart) {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        LanguageBackend b = backend;
        if (b != null) {
            Thread t = new Thread(() -> {
                try {
                    b.shutdown(restart);
                } catch (RuntimeException e) {
                    WireLog.warn("backend shutdown failed", e);
                }
            }, "perfkernel-backend-shutdown");
            t.setDaemon(true);
            t.start();
            try {
                t.join(BACKEND_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killDescendants();
    }

    /** Terminates, then force-kills, every process below this JVM. */
    static void killDescendants() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().collect(Collectors.toList());
        if (left.isEmpty()) {
            return;
        }
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERM_GRACE_MS);
        for (ProcessHandle p : left) {
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                try {
                    p.onExit().get(wait, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still alive or not our child: killed below
                }
            }
        }
        // Processes started meanwhile (e.g. by a dying engine) are caught by the second listing.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        left.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Exits when the process that launched the kernel is gone. Uses {@code JPY_PARENT_PID}
     * (set by jupyter_client) when present, else the OS parent.
     */
    public void watchParent() {
        ProcessHandle parent = parentProcess();
        if (parent == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (parent.isAlive()) {
                    Thread.sleep(PARENT_POLL_MS);
                }
                WireLog.warn("parent process " + parent.pid() + " is gone; exiting");
                exit(false, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "perfkernel-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    private static ProcessHandle parentProcess() {
        String env = System.getenv("JPY_PARENT_PID");
        if (env != null && !env.isBlank()) {
            try {
                return ProcessHandle.of(Long.parseLong(env.trim())).orElse(null);
            } catch (NumberFormatException e) {
                WireLog.warn("ignoring JPY_PARENT_PID=" + env);
            }
        }
        return ProcessHandle.current().parent().orElse(null);
    }
}

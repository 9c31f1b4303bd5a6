package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.StartupTrace;
import dev.perfkernel.magics.api.MagicException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one engine JVM running: starts it in the background (so kernel_info is answered at
 * once and the first cell waits for it), replaces it when it dies or must be killed, re-adds
 * the session's added class path to every new engine, and reaps it when the kernel exits.
 */
final class EngineSupervisor {
    private static final long ENGINE_START_TIMEOUT_SECONDS = 90;
    static final String LOST = "session state was lost — a new engine has been started";

    private final EngineSettings settings;
    private final OutputRouter output;
    /** Called on the start thread with each new engine, before any cell uses it. */
    private final Runnable onNewEngine;
    private final List<Path> classpath = new CopyOnWriteArrayList<>();

    private volatile CompletableFuture<Engine> engine;
    private volatile boolean shutDown;

    EngineSupervisor(EngineSettings settings, OutputRouter output, Runnable onNewEngine) {
        this.settings = settings;
        this.output = output;
        this.onNewEngine = onNewEngine;
        engine = startEngine();
        // The engine is our child; do not leave it behind if the kernel exits without shutdown().
        Runtime.getRuntime().addShutdownHook(new Thread(this::reap, "perfkernel-engine-reaper"));
    }

    private CompletableFuture<Engine> startEngine() {
        CompletableFuture<Engine> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                StartupTrace.mark("engine start begun");
                Engine e = Engine.start(settings, List.copyOf(classpath), output::stdout, output::stderr,
                        output::frame, output::readLine, output.timer());
                onNewEngine.run();
                System.err.printf("perfkernel: Java engine ready in %d ms (pid %s, options %s)%n",
                        (System.nanoTime() - t0) / 1_000_000,
                        e.process().map(p -> String.valueOf(p.pid())).orElse("?"), settings.engineOptions());
                if (shutDown) e.kill();
                f.complete(e);
            } catch (Engine.EngineStartException ex) {
                f.completeExceptionally(ex);
            } catch (Exception | LinkageError ex) {
                f.completeExceptionally(new Engine.EngineStartException("the Java engine failed to start: " + ex, ex));
            }
        }, "perfkernel-engine-start");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The running engine, waiting for it to start; throws with a readable message if it cannot. */
    Engine await() throws MagicException {
        try {
            Engine e = engine.get(ENGINE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!e.isDead()) return e;
            engine = startEngine();
            output.stream("stderr", "The Java engine had exited since the last cell; " + LOST + ".\n");
            return engine.get(ENGINE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            engine = startEngine(); // the next cell tries again
            String msg = ex.getCause() == null ? ex.toString() : ex.getCause().getMessage();
            throw new MagicException("EngineError", msg, List.of("Check PERFKERNEL_ENGINE_OPTS and the kernel's log."));
        } catch (TimeoutException ex) {
            throw new MagicException("EngineError", "the Java engine did not start within "
                    + ENGINE_START_TIMEOUT_SECONDS + " s", List.of());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MagicException("KeyboardInterrupt", "interrupted while waiting for the Java engine", List.of());
        }
    }

    /** The engine if it is up (waiting a little at kernel start), else null: front ends retry. */
    Engine ready() {
        try {
            Engine e = engine.get(3, TimeUnit.SECONDS);
            return e.isDead() ? null : e;
        } catch (Exception ex) {
            return null;
        }
    }

    /** Kills {@code e} and, if it is still the current engine, starts its replacement. */
    synchronized void replaceIfCurrent(Engine e) {
        CompletableFuture<Engine> cur = engine;
        e.kill();
        if (cur.isDone() && !cur.isCompletedExceptionally() && cur.getNow(null) == e) engine = startEngine();
    }

    /** Adds entries to the engine's class path, remembered for measuring forks and new engines. */
    void addToClasspath(List<Path> entries) throws MagicException {
        Engine e = await();
        for (Path p : entries) {
            if (classpath.contains(p)) continue;
            e.shell().addToClasspath(p.toString());
            classpath.add(p);
        }
    }

    List<Path> classpath() {
        return List.copyOf(classpath);
    }

    /** A fresh engine with nothing added (kernel restart). */
    void restart() {
        engine.thenAccept(Engine::kill);
        classpath.clear();
        engine = startEngine();
    }

    void shutdown() {
        shutDown = true;
        engine.thenAccept(Engine::kill);
    }

    private void reap() {
        Engine e;
        try {
            e = engine.getNow(null);
        } catch (RuntimeException failed) {
            return;
        }
        if (e != null) e.process().ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }
}

package dev.perfkernel.kernel.shell;

import dev.perfkernel.engine.EngineAgent;
import dev.perfkernel.engine.Frames;
import dev.perfkernel.kernel.wire.StartupTrace;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One JShell whose user code runs in its own JVM (JShell's JDI execution engine), with that
 * JVM's process handle so it can be killed with its children when it no longer answers.
 */
final class Engine {
    /** Imports every cell sees: JShell's usual defaults plus the display API. */
    static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import static dev.perfkernel.engine.Display.*;",
            "import dev.perfkernel.engine.RichOutput;", "import dev.perfkernel.engine.Result;");
    /** With JShell's own agent, display records need this snippet; our agent does it as it starts. */
    private static final String FRAMES_INIT = "dev.perfkernel.engine.Frames.init();";

    private static final int AGENT_CONNECT_TIMEOUT_MILLIS = 15_000;

    private final JShell shell;
    private final ProcessHandle process;
    private final ExecutorService evalThread;
    private final EngineOutputStream out;
    private final EngineOutputStream err;
    private final Set<String> startupSnippetIds = new HashSet<>();
    private final CountDownLatch died = new CountDownLatch(1);
    private final JShellCompactor compactor;
    private volatile boolean killed;

    private Engine(JShell shell, ProcessHandle process, EngineOutputStream out, EngineOutputStream err) {
        this.shell = shell;
        this.process = process;
        this.out = out;
        this.err = err;
        this.evalThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perfkernel-eval");
            t.setDaemon(true);
            return t;
        });
        shell.onShutdown(s -> died.countDown());
        this.compactor = JShellCompactor.of(shell);
    }

    /**
     * Starts an engine JVM and prepares it: display API on its class path, the start-up imports,
     * then {@code classpath} (jars added by earlier %classpath/%maven).
     */
    static Engine start(EngineSettings settings, List<Path> classpath, Consumer<String> stdout,
                        Consumer<String> stderr, Consumer<String> frames, java.util.function.Supplier<String> stdin,
                        ScheduledExecutorService timer)
            throws EngineStartException {
        String marker = UUID.randomUUID().toString();
        byte[] tokenBytes = new byte[12];
        new SecureRandom().nextBytes(tokenBytes);
        String token = HexFormat.of().formatHex(tokenBytes);
        EngineOutputStream err = new EngineOutputStream(null, stderr, frames, timer);
        // Line requests of the engine's System.in arrive as records among its stdout; stderr
        // written before the request is sent before the front end is asked.
        CellInputStream stdinStream = new CellInputStream(() -> {
            err.flush();
            return stdin.get();
        });
        EngineOutputStream out = new EngineOutputStream(token, stdout, record -> {
            if (!stdinStream.offer(record)) frames.accept(record);
        }, timer);
        List<String> vmOptions = new java.util.ArrayList<>(settings.engineOptions());
        vmOptions.add("-Dperfkernel.engine=" + marker);
        vmOptions.add("-D" + Frames.TOKEN_PROPERTY + "=" + token);
        JShell shell;
        boolean ownAgent = true;
        Path engineClasses = engineClasses();
        List<String> agentOptions = new java.util.ArrayList<>(vmOptions);
        agentOptions.add("-cp");
        agentOptions.add(engineClasses.toString());
        try {
            try {
                shell = builder(settings, out, err, stdinStream)
                        // JShell's 5 s default for the agent to connect is too short on a loaded machine.
                        .executionEngine("jdi:remoteAgent(" + EngineAgent.class.getName() + "),launch(true),timeout("
                                + AGENT_CONNECT_TIMEOUT_MILLIS + ")")
                        .remoteVMOptions(agentOptions.toArray(String[]::new))
                        .build();
            } catch (RuntimeException agentFailed) {
                // JShell's own agent works everywhere, only with slower round trips.
                System.err.println("perfkernel: the fast engine agent failed (" + launchProblem(agentFailed.getMessage())
                        + "); using JShell's default agent");
                shell = builder(settings, out, err, stdinStream).remoteVMOptions(vmOptions.toArray(String[]::new)).build();
                ownAgent = false;
            }
        } catch (RuntimeException e) {
            System.err.println("perfkernel: engine start failed: " + e.getMessage());
            throw new EngineStartException("could not start the Java engine JVM with options "
                    + settings.engineOptions() + " (PERFKERNEL_ENGINE_OPTS): " + launchProblem(e.getMessage()), e);
        }
        StartupTrace.mark("engine JVM launched and connected");
        Engine engine = new Engine(shell, findProcess(marker).orElse(null), out, err);
        try {
            shell.addToClasspath(engineClasses.toString());
            for (Path p : classpath) shell.addToClasspath(p.toString());
            List<String> startup = new java.util.ArrayList<>(STARTUP);
            if (!ownAgent) startup.add(FRAMES_INIT);
            for (String s : startup) {
                for (SnippetEvent ev : shell.eval(s)) {
                    if (ev.causeSnippet() != null) continue;
                    engine.startupSnippetIds.add(ev.snippet().id());
                    if (ev.status() == Snippet.Status.REJECTED || ev.exception() != null)
                        throw new EngineStartException("the engine's start-up snippet failed: " + s
                                + (ev.exception() != null ? " (" + ev.exception().getMessage() + ")" : ""), null);
                }
            }
            StartupTrace.mark("engine start-up snippets evaluated");
        } catch (EngineStartException | RuntimeException e) {
            engine.kill();
            if (e instanceof EngineStartException ese) throw ese;
            throw new EngineStartException("the Java engine failed while starting: " + e, e);
        }
        return engine;
    }

    private static JShell.Builder builder(EngineSettings settings, EngineOutputStream out, EngineOutputStream err,
                                          CellInputStream stdin) {
        return JShell.builder()
                .compilerOptions(settings.compilerOptions().toArray(String[]::new))
                // No autoflush: JShell writes each packet (<= 127 bytes) separately, and a flush
                // per packet would send a message per packet; EngineOutputStream batches.
                .out(new PrintStream(out, false, StandardCharsets.UTF_8))
                .err(new PrintStream(err, false, StandardCharsets.UTF_8))
                .in(stdin);
    }

    /** The JVM's own complaint out of JShell's long launch report (which lists every connector tried). */
    static String launchProblem(String report) {
        if (report == null) return "unknown reason";
        for (String line : report.split("\n")) {
            String t = line.strip();
            int k = t.indexOf("Exception: ");
            if (t.startsWith("Exception: ") && k >= 0) {
                String m = t.substring(k + "Exception: ".length());
                return m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
            }
        }
        String first = report.strip().split("\n")[0];
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    /** Where the engine-side classes are: perfkernel-engine.jar beside the kernel jar, else the kernel's own classes. */
    static Path engineClasses() throws EngineStartException {
        try {
            Path here = Path.of(Frames.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(here)) {
                Path small = here.resolveSibling("perfkernel-engine.jar");
                return Files.isRegularFile(small) ? small : here;
            }
            return here;
        } catch (URISyntaxException | RuntimeException e) {
            throw new EngineStartException("cannot locate the engine classes: " + e, e);
        }
    }

    private static Optional<ProcessHandle> findProcess(String marker) {
        String flag = "-Dperfkernel.engine=" + marker;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = ProcessHandle.current().descendants()
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
                    .findFirst();
            if (p.isPresent()) return p;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    JShell shell() {
        return shell;
    }

    boolean isStartupSnippet(Snippet s) {
        return startupSnippetIds.contains(s.id());
    }

    /** Evaluates on the engine's eval thread, so the caller can wait with a bound and be interrupted. */
    Future<List<SnippetEvent>> submit(String source) {
        return evalThread.submit(() -> shell.eval(source));
    }

    /**
     * Frees what JShell keeps of a finished cell's spent snippets (see {@link JShellCompactor});
     * runs on the eval thread like every JShell call.
     */
    Future<?> compact(List<Snippet> cellSnippets) {
        List<Snippet> copy = List.copyOf(cellSnippets);
        return evalThread.submit(() -> compactor.compact(shell, copy));
    }

    /** Runs any JShell call on the eval thread (JShell is not thread-safe). */
    <T> Future<T> call(java.util.concurrent.Callable<T> task) {
        return evalThread.submit(task);
    }

    /** Asks JShell to stop the running snippet (a Thread.stop in the engine via JDI). */
    void stop() {
        try {
            shell.stop();
        } catch (RuntimeException ignored) {
            // The engine is gone or not running anything; the caller's timeout handles the rest.
        }
    }

    boolean isDead() {
        return killed || died.getCount() == 0 || (process != null && !process.isAlive());
    }

    /** Waits up to {@code millis} for the engine to be found dead. */
    boolean awaitDeath(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (isDead()) return true;
            try {
                died.await(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return isDead();
            }
        }
        return isDead();
    }

    Optional<ProcessHandle> process() {
        return Optional.ofNullable(process);
    }

    void flushOutput() {
        out.flush();
        err.flush();
    }

    /** Kills the engine JVM and everything it started, then closes JShell without waiting on it. */
    void kill() {
        killed = true;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Bounded wait; the OS reaps it.
            }
        }
        Thread closer = new Thread(() -> {
            try {
                shell.close();
            } catch (RuntimeException ignored) {
                // Already closed.
            }
        }, "perfkernel-engine-close");
        closer.setDaemon(true);
        closer.start();
        evalThread.shutdownNow();
    }

    /** The engine could not be started; the message says why. */
    static final class EngineStartException extends Exception {
        EngineStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}

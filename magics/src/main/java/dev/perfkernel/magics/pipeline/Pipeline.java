package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.fork.Workspace;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.CompilationError;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.EnvironmentProbe;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One measuring cell's way through the stages every measuring magic shares:
 * <pre>
 *   plan (the magic)  →  harness  →  compile (fallback tried once)  →  fork per JDK (+ instruments)  →  collect
 * </pre>
 * It owns the cell's private workspace (deleted on close), computes the session source once, compiles
 * harness sources into classes (once per {@code --release}), and starts forks with only the flags the
 * magic and its instruments ask for. Reports and rendering stay with the magic.
 */
public final class Pipeline implements AutoCloseable {
    /** A fork's environment file, written by {@link EnvironmentProbe} (or the JMH host) in its run directory. */
    public static final String ENVIRONMENT_FILE = "environment.properties";
    /** Dropped in a driver's run directory to end it early; drivers get it as a relative path. */
    public static final String STOP_FILE = "stop";

    private final MagicContext ctx;
    private final SessionSource session;
    private final Workspace ws;
    private final int executionCount;
    private final Map<String, Compiled> compiled = new HashMap<>();
    private final List<Starting> started = new ArrayList<>();
    private final PhaseLog phases;
    private int runs;
    private boolean closed;

    private Pipeline(String purpose, MagicContext ctx, SessionSource session, Workspace ws, int executionCount) {
        this.ctx = ctx;
        this.session = session;
        this.ws = ws;
        this.executionCount = executionCount;
        this.phases = PhaseLog.of(ctx, purpose, executionCount);
    }

    /** Opens a pipeline for one cell ({@code purpose} names its temp directory, e.g. {@code bench}). */
    public static Pipeline open(String purpose, MagicContext ctx, int executionCount) throws MagicException {
        return open(purpose, ctx, ctx.session(), executionCount);
    }

    /** The same, with the session source the magic already computed while reading its options. */
    public static Pipeline open(String purpose, MagicContext ctx, SessionSource session, int executionCount)
            throws MagicException {
        try {
            return new Pipeline(purpose, ctx, session, Workspace.create(purpose), executionCount);
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot create a private directory for the run: "
                    + e.getMessage(), List.of());
        }
    }

    public MagicContext context() {
        return ctx;
    }

    /** The session source, computed once for the whole cell. */
    public SessionSource session() {
        return session;
    }

    public int executionCount() {
        return executionCount;
    }

    public CancelToken cancel() {
        return ctx.cancel();
    }

    /** The cell's phase timings (a debug log, off unless {@value PhaseLog#SETTING} is set). */
    public PhaseLog phases() {
        return phases;
    }

    /** A fresh directory in the workspace. */
    public synchronized Path dir(String name) throws MagicException {
        try {
            return ws.subdir(name);
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(), List.of());
        }
    }

    /**
     * What to compile.
     *
     * @param sources   the harness sources (the session unit is always added)
     * @param jmh       run JMH's annotation processor
     * @param retryWhen when the first compile fails with an error this accepts, {@code retry} is compiled
     *                  instead, once (e.g. a consumed last expression that turned out to be void)
     * @param retry     the alternative sources; like the whole result, a function of {@code sources} (compiled
     *                  classes are cached by the sources' content)
     */
    public record Harness(List<HarnessSource> sources, boolean jmh, Predicate<CompilationError> retryWhen,
                          Supplier<List<HarnessSource>> retry) {
        public static Harness of(HarnessSource... sources) {
            return new Harness(List.of(sources), false, e -> false, List::of);
        }
    }

    /** Classes ready to fork, and the sources they came from (after any retry). */
    public record Compiled(Path classes, List<HarnessSource> sources, boolean retried) {
        public CellLines cellLines(SessionSource session) {
            return new CellLines(session, sources);
        }
    }

    /**
     * Compiles for the oldest JDK in {@code feature} (a class compiled for 17 runs on 25). Cached per release
     * within the cell, and across cells by the hash of every input (an unchanged cell run again skips javac).
     */
    public Compiled compile(Harness h, int feature) throws MagicException {
        return compile(h, feature, dir -> { });
    }

    /** Told where the classes will be before javac runs, so a JVM can start with them on its class path. */
    @FunctionalInterface
    public interface ClassesDirectory {
        void known(Path dir) throws MagicException;
    }

    /**
     * The same; {@code beforeJavac} learns the classes directory first (it exists, and is filled by the time this
     * returns): a magic starts a JVM that waits to be told to go while javac runs. It is called on a cache hit too.
     */
    public Compiled compile(Harness h, int feature, ClassesDirectory beforeJavac) throws MagicException {
        try (PhaseLog.Phase ignored = phases.phase("compile")) {
            return compileTimed(h, feature, beforeJavac);
        }
    }

    private Compiled compileTimed(Harness h, int feature, ClassesDirectory beforeJavac) throws MagicException {
        List<Path> cp = h.jmh() ? Classpaths.join(ctx.classpath(), Classpaths.jmhRuntime()) : ctx.classpath();
        int release = new HarnessCompiler().target(feature).release();
        String key = ClassesCache.key(session.text(), h.sources(), release, h.jmh(), cp);
        Compiled done = compiled.get(key);
        if (done != null) {
            beforeJavac.known(done.classes());
            return done;
        }
        Optional<ClassesCache.Entry> cached = ClassesCache.get(key);
        Compiled result;
        if (cached.isPresent()) {
            beforeJavac.known(cached.get().classes());
            result = new Compiled(cached.get().classes(), cached.get().retried() ? h.retry().get() : h.sources(),
                    cached.get().retried());
        } else {
            Path out = newClassesDirectory(key);
            try {
                beforeJavac.known(out);
                try {
                    result = new Compiled(compileInto(out, h.sources(), h.jmh(), cp, feature), h.sources(), false);
                } catch (CompilationError e) {
                    if (!h.retryWhen().test(e)) throw e;
                    List<HarnessSource> retry = h.retry().get();
                    Workspace.deleteTree(out); // same directory: a JVM may already have it on its class path
                    Files.createDirectories(out);
                    result = new Compiled(compileInto(out, retry, h.jmh(), cp, feature), retry, true);
                }
            } catch (MagicException | RuntimeException e) {
                Workspace.deleteTree(out.getParent()); // only successful compiles are kept
                throw e;
            } catch (IOException e) {
                Workspace.deleteTree(out.getParent());
                throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(),
                        List.of());
            }
            ClassesCache.put(key, new ClassesCache.Entry(result.classes(), result.retried()));
        }
        ctx.cancel().check();
        compiled.put(key, result);
        return result;
    }

    /** A fresh directory of the classes cache for {@code key}. */
    private static Path newClassesDirectory(String key) throws MagicException {
        try {
            return ClassesCache.newDirectory(key);
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(), List.of());
        }
    }

    /** Compiles into {@code out} and returns it. */
    private Path compileInto(Path out, List<HarnessSource> sources, boolean jmh, List<Path> cp, int feature)
            throws MagicException {
        HarnessCompiler c = new HarnessCompiler().session(session).classpath(cp).jmh(jmh).target(feature).output(out)
                .executionCount(executionCount);
        sources.forEach(c::source);
        c.compile();
        return out;
    }

    /**
     * One forked JVM.
     *
     * @param mainClass  the class to run; with {@code probe} it runs behind {@link EnvironmentProbe}
     * @param args       its arguments (paths relative to the run directory work: it is the working directory)
     * @param flags      the magic's and the user's JVM flags; they follow the instruments' (so they win)
     * @param classpath  entries after the compiled classes and the user's class path (e.g. JMH's runtime)
     * @param probe      record the fork's environment before the main class runs
     * @param timeLimit  the fork is killed after this
     * @param tailChars  how much output to keep for error messages
     */
    public record ForkPlan(String mainClass, List<String> args, List<String> flags, List<Path> classpath,
                           boolean probe, Duration timeLimit, int tailChars) {
        public ForkPlan {
            args = List.copyOf(args);
            flags = List.copyOf(flags);
            classpath = List.copyOf(classpath);
        }

        /**
         * A driver main (see {@code DriverSource}): called with its time budget and the stop file, no extra class
         * path; {@code probe} records the environment first.
         */
        public static ForkPlan driver(String mainClass, Duration budget, List<String> flags, Duration timeLimit,
                                      boolean probe) {
            return new ForkPlan(mainClass, List.of(Long.toString(budget.toMillis()), STOP_FILE), flags, List.of(), probe,
                    timeLimit, 16 * 1024);
        }
    }

    /** How a fork ended, where it ran, what it said about its environment, and the flags it ran with. */
    public record Forked(ForkResult result, Path runDir, Environment environment, List<String> flags) {}

    /** Starts one JVM on {@code jdk} with the compiled classes and waits for it (bounded, cancellable). */
    public Forked fork(Jdk jdk, Compiled classes, ForkPlan plan, Consumer<String> onLine, Instrument... instruments)
            throws MagicException {
        try (Starting s = start(jdk, classes.classes(), plan, onLine, instruments)) {
            return s.await();
        }
    }

    /**
     * Starts one JVM with {@code classesDir} first on its class path and returns at once (see
     * {@link ForkedJvm#start}). The JVM is killed when the handle or this pipeline closes before it ended.
     */
    public Starting start(Jdk jdk, Path classesDir, ForkPlan plan, Consumer<String> onLine, Instrument... instruments)
            throws MagicException {
        ctx.cancel().check();
        Path runDir = dir("run-" + nextRun());
        // instruments first: where both set a flag (-Xmx, say), the user's, in the plan, comes last and wins
        List<String> flags = new ArrayList<>();
        for (Instrument i : instruments) flags.addAll(i.jvmFlags(runDir));
        flags.addAll(plan.flags());
        List<Path> cp = new ArrayList<>();
        cp.add(classesDir);
        cp.addAll(ctx.classpath());
        cp.addAll(plan.classpath());
        if (plan.probe()) cp.add(Classpaths.forkSide());
        Path stop = runDir.resolve(STOP_FILE);
        boolean[] stopped = {false};
        ForkedJvm jvm = ForkedJvm.builder(jdk)
                .jvmFlags(flags)
                .classpath(Classpaths.join(cp))
                .mainClass(plan.probe() ? EnvironmentProbe.class.getName() : plan.mainClass())
                .args(plan.probe() ? EnvironmentProbe.wrap(Path.of(ENVIRONMENT_FILE), plan.mainClass(), plan.args())
                        : plan.args())
                .workingDirectory(runDir)
                .timeLimit(plan.timeLimit())
                .tailChars(plan.tailChars())
                .cancel(ctx.cancel())
                .onLine(line -> {
                    if (onLine != null) onLine.accept(line);
                    boolean stopNow = false;
                    for (Instrument i : instruments) stopNow |= i.onLine(line);
                    if (stopNow && !stopped[0]) {
                        stopped[0] = true;
                        try {
                            Files.writeString(stop, "stop");
                        } catch (IOException ignored) {
                            // the driver's budget ends the run anyway
                        }
                    }
                })
                .build();
        synchronized (this) {
            if (closed) throw new CancelToken.CancelledException(); // the cell ended while another thread was starting
            Starting s = new Starting(jvm.start(), runDir, flags);
            started.add(s);
            return s;
        }
    }

    private synchronized int nextRun() {
        return ++runs;
    }

    /** A started fork: write to its stdin, then wait for it; closing it before its end kills it. */
    public final class Starting implements AutoCloseable {
        private final ForkedJvm.Running running;
        private final Path runDir;
        private final List<String> flags;

        private Starting(ForkedJvm.Running running, Path runDir, List<String> flags) {
            this.running = running;
            this.runDir = runDir;
            this.flags = List.copyOf(flags);
        }

        public Path runDir() {
            return runDir;
        }

        public void send(String line) {
            running.send(line);
        }

        /** Waits for its end (bounded by the plan's time limit, cancellable). */
        public Forked await() throws MagicException {
            ForkResult r = running.await();
            if (r.cancelled()) throw new CancelToken.CancelledException();
            return new Forked(r, runDir, environment(runDir), flags);
        }

        @Override
        public void close() {
            running.close();
            synchronized (Pipeline.this) {
                started.remove(this);
            }
        }
    }

    /** The environment a fork recorded, or null (a courtesy: the measurement stands without it). */
    private static Environment environment(Path runDir) {
        Path env = runDir.resolve(ENVIRONMENT_FILE);
        try {
            return Files.isRegularFile(env) ? Environment.read(env) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The files this cell keeps for the user (under {@code perfkernel-out/}, shown relative to the notebook). */
    public OutputFiles outputFiles(String prefix) {
        return OutputFiles.of(ctx, prefix);
    }

    /** Kills any fork still running (a failed or interrupted cell leaves none), then deletes the workspace. */
    @Override
    public void close() {
        List<Starting> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(started);
        }
        left.forEach(Starting::close);
        ws.close();
        phases.finish();
    }
}

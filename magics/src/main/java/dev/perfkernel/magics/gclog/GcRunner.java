package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.fork.Workspace;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.parse.gclog.GcLogParser;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.EnvironmentProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the cell under one configuration: compiles the driver (once per JDK release), forks the
 * JVM with unified GC logging into the workspace, parses the log, and copies it to where the user
 * can open it with GCViewer, GCToolKit or gceasy.
 */
final class GcRunner {
    /** The decorations the parser reads; uptime places events in time, tags tell lines apart. */
    static final String DECORATIONS = "uptime,level,tags";
    /** Extra time a fork gets beyond its budget: JVM start, compilation, a slow full GC. */
    static final Duration GRACE = Duration.ofSeconds(60);
    /** Without a budget (--iterations), a run may not exceed this. */
    static final Duration ITERATIONS_LIMIT = Duration.ofMinutes(10);
    private static final Pattern UNSUPPORTED = Pattern.compile(
            "Unrecognized VM option '(\\w+)'|Option -XX:[+-]?(\\w+) not supported|VM option '(\\w+)' is experimental"
                    + "|(\\w+) is not supported|Could not create the Java Virtual Machine");

    private final MagicContext ctx;
    private final Workspace ws;
    private final HarnessSource driver;
    private final int executionCount;
    private final Map<Integer, Path> classesByRelease = new HashMap<>();
    private int runNumber;

    GcRunner(MagicContext ctx, Workspace ws, HarnessSource driver, int executionCount) {
        this.ctx = ctx;
        this.ws = ws;
        this.driver = driver;
        this.executionCount = executionCount;
    }

    GcRun run(RunConfig config, Jdk jdk, GcLogOptions options, Path savedLog) throws MagicException {
        CancelToken cancel = ctx.cancel();
        Path classes = compileFor(jdk);
        cancel.check();
        int n = ++runNumber;
        Path runDir;
        try {
            runDir = ws.subdir("run-" + n);
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(), List.of());
        }
        Path logFile = runDir.resolve("gc.log");
        Path envFile = runDir.resolve("environment.properties");
        List<String> flags = new ArrayList<>(config.flags());
        // relative file name: -Xlog's own syntax splits on ':' so an absolute path could break it;
        // filecount=0 turns rotation off so a long run's log is never cut into pieces.
        flags.add("-Xlog:gc*:file=gc.log:" + DECORATIONS + ":filecount=0");

        String mode = options.duration() != null ? "duration" : "iterations";
        String limit = options.duration() != null ? Long.toString(options.duration().toMillis())
                : Long.toString(options.iterations());
        Duration timeLimit = options.duration() != null ? options.duration().plus(GRACE) : ITERATIONS_LIMIT;
        List<Path> cp = new ArrayList<>();
        cp.add(classes);
        cp.addAll(ctx.classpath());
        cp.add(Classpaths.magics());
        ForkResult r = ForkedJvm.builder(jdk)
                .jvmFlags(flags)
                .classpath(Classpaths.join(cp))
                .mainClass(EnvironmentProbe.class.getName())
                .args(EnvironmentProbe.wrap(envFile, driver.className(), List.of(mode, limit)))
                .workingDirectory(runDir)
                .timeLimit(timeLimit)
                .cancel(cancel)
                .tailChars(32 * 1024)
                .run();
        if (r.cancelled()) throw new CancelToken.CancelledException();

        String out = r.output();
        boolean oom = r.exitCode() == GcDriverSource.OOM_EXIT && out.contains(GcDriverSource.OOM.strip())
                || out.contains("java.lang.OutOfMemoryError");
        if (!oom && !r.ok()) {
            unsupportedCollector(config, jdk, out);
            r.orThrow("the cell under " + (config.label() != null ? config.label() : config.describe()));
        }
        if (!Files.isRegularFile(logFile)) {
            throw new MagicException("NoGcLog", "the forked JVM wrote no GC log", r.lastLines(20));
        }
        GcLog log;
        try {
            log = GcLogParser.parse(logFile);
            Files.createDirectories(savedLog.toAbsolutePath().getParent());
            Files.copy(logFile, savedLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MagicException("GcLogFailed", "could not read or save the GC log: " + e.getMessage(), List.of());
        }
        Environment env = null;
        try {
            if (Files.isRegularFile(envFile)) env = Environment.read(envFile);
        } catch (IOException | RuntimeException e) {
            // the environment is a courtesy; a missing one is noted as a warning below
        }
        List<String> warnings = new ArrayList<>();
        if (env == null) warnings.add("the forked JVM's environment could not be recorded");
        if (log.unknownLines() > 0) {
            warnings.add(log.unknownLines() + " GC log line(s) were not recognised (first: "
                    + log.unknownSamples().get(0) + "); the figures leave them out");
        }
        long calls = calls(out);
        if (oom) {
            warnings.add("the run ended with OutOfMemoryError after about " + Math.round(log.allocatedMb())
                    + " MB allocated" + (Double.isNaN(log.heapMaxMb()) ? "" : " (heap max " + Math.round(log.heapMaxMb()) + " MB)")
                    + (config.gc() == Collector.EPSILON ? ": Epsilon never reclaims memory, so a run lasts only until "
                    + "the heap is full" : ""));
        } else if (log.eventCount() == 0 && config.gc() != Collector.EPSILON) {
            warnings.add("no collection happened: the cell allocates too little for this heap in this time "
                    + "(try a smaller -Xmx or a longer --duration)");
        }
        if (log.allocationStalls() > 0) {
            warnings.add("threads stalled " + log.allocationStalls() + (log.allocationStalls() == 1 ? " time" : " times")
                    + " waiting for memory (total "
                    + GcRenderer.ms(log.allocationStallMs()) + "): the collector could not keep up with the "
                    + "allocation rate; these waits are not in the pause figures but the application feels them");
        }
        if (options.quick()) warnings.add("quick mode: the cell ran for " + options.repetition() + " only; "
                + "figures are indicative");
        return new GcRun(config, jdk, flags, log, env, calls, measured(out), r.duration(), oom, savedLog, warnings);
    }

    private Path compileFor(Jdk jdk) throws MagicException {
        HarnessCompiler compiler = new HarnessCompiler().session(ctx.session()).source(driver)
                .classpath(ctx.classpath()).target(jdk.feature()).executionCount(executionCount);
        int release = compiler.release();
        Path classes = classesByRelease.get(release);
        if (classes != null) return classes;
        try {
            classes = ws.subdir("classes-" + release);
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(), List.of());
        }
        compiler.output(classes).compile();
        classesByRelease.put(release, classes);
        return classes;
    }

    /** Turns "the JVM would not start with this collector" into a plain message. */
    private static void unsupportedCollector(RunConfig config, Jdk jdk, String out) throws MagicException {
        if (config.gc() == null) return;
        Matcher m = UNSUPPORTED.matcher(out);
        boolean mentionsGc = out.contains(config.gc().flagName());
        if (m.find() && mentionsGc) {
            throw new MagicException("CollectorUnavailable", jdk.label() + " does not offer the "
                    + config.gc().displayName() + " collector (--gc " + config.gc().option() + ")",
                    out.lines().filter(l -> !l.isBlank()).limit(5).toList());
        }
    }

    private static long calls(String out) {
        for (String line : out.lines().toList()) {
            if (line.startsWith(GcDriverSource.DONE)) return number(line.substring(GcDriverSource.DONE.length()), 0);
            if (line.startsWith(GcDriverSource.OOM)) return number(line.substring(GcDriverSource.OOM.length()), 0);
        }
        return -1;
    }

    /** The driver's own measurement (loop time, the cell thread's allocated bytes), or null. */
    private static GcRun.Measured measured(String out) {
        for (String line : out.lines().toList()) {
            if (!line.startsWith(GcDriverSource.DONE)) continue;
            String rest = line.substring(GcDriverSource.DONE.length());
            long micros = number(rest, 1);
            long bytes = number(rest, 2);
            if (micros > 0 && bytes >= 0) return new GcRun.Measured(micros / 1e6, bytes);
        }
        return null;
    }

    private static long number(String words, int index) {
        String[] parts = words.trim().split(" ");
        try {
            return index < parts.length ? Long.parseLong(parts[index]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

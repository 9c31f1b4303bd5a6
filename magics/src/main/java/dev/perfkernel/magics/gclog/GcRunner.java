package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.pipeline.Instrument;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.parse.gclog.GcLog;
import dev.perfkernel.magics.parse.gclog.GcLogParser;
import dev.perfkernel.magics.report.Environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final Pipeline pipeline;
    private final Pipeline.Harness harness;
    private final OutputFiles files;

    GcRunner(Pipeline pipeline, HarnessSource driver) {
        this.pipeline = pipeline;
        this.harness = Pipeline.Harness.of(driver);
        this.files = pipeline.outputFiles("gclog");
    }

    /** Unified GC logging into the fork's run directory, with the decorations the parser reads. */
    private static final class GcLogging implements Instrument {
        static final String FILE = "gc.log";

        @Override
        public List<String> jvmFlags(Path runDir) {
            // relative file name (the fork runs in runDir): -Xlog's own syntax splits on ':' so an absolute
            // path could break it; filecount=0 turns rotation off so a long run's log is never cut into pieces.
            return List.of("-Xlog:gc*:file=" + FILE + ":" + DECORATIONS + ":filecount=0");
        }
    }

    GcRun run(RunConfig config, Jdk jdk, GcLogOptions options, Path savedLog) throws MagicException {
        Pipeline.Compiled classes = pipeline.compile(harness, jdk.feature());
        String mode = options.duration() != null ? "duration" : "iterations";
        String limit = options.duration() != null ? Long.toString(options.duration().toMillis())
                : Long.toString(options.iterations());
        Duration timeLimit = options.duration() != null ? options.duration().plus(GRACE) : ITERATIONS_LIMIT;
        Pipeline.ForkPlan plan = new Pipeline.ForkPlan(classes.sources().get(0).className(), List.of(mode, limit),
                config.flags(), List.of(), true, timeLimit, 32 * 1024);
        Pipeline.Forked f = pipeline.fork(jdk, classes, plan, null, new GcLogging());
        ForkResult r = f.result();
        String out = r.output();
        boolean oom = r.exitCode() == GcDriverSource.OOM_EXIT && out.contains(GcDriverSource.OOM.strip())
                || out.contains("java.lang.OutOfMemoryError");
        if (!oom && !r.ok()) {
            unsupportedCollector(config, jdk, out);
            r.orThrow("the cell under " + (config.label() != null ? config.label() : config.describe()));
        }
        Path logFile = f.runDir().resolve(GcLogging.FILE);
        if (!Files.isRegularFile(logFile)) {
            throw new MagicException("NoGcLog", "the forked JVM wrote no GC log", r.lastLines(20));
        }
        GcLog log;
        try {
            log = GcLogParser.parse(logFile);
        } catch (IOException e) {
            throw new MagicException("GcLogFailed", "could not read the GC log: " + e.getMessage(), List.of());
        }
        Path shown = Path.of(files.display(files.saveAs(logFile, savedLog.toString())));
        List<String> warnings = warnings(config, options, f.environment(), log, oom);
        return new GcRun(config, jdk, f.flags(), log, f.environment(), calls(out), measured(out), r.duration(), oom,
                shown, warnings);
    }

    private static List<String> warnings(RunConfig config, GcLogOptions options, Environment env, GcLog log, boolean oom) {
        List<String> warnings = new ArrayList<>();
        if (env == null) warnings.add("the forked JVM's environment could not be recorded");
        if (log.unknownLines() > 0) {
            warnings.add(log.unknownLines() + " GC log line(s) were not recognised (first: "
                    + log.unknownSamples().get(0) + "); the figures leave them out");
        }
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
        return warnings;
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

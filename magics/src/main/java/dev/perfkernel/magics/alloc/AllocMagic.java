package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.export.PprofExport;
import dev.perfkernel.magics.parse.jfr.AllocationAggregator;
import dev.perfkernel.magics.parse.jfr.AllocationProfile;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.parse.jfr.JfrReader;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.pipeline.JfrInstrument;
import dev.perfkernel.magics.pipeline.JmhCell;
import dev.perfkernel.magics.pipeline.JmhFork;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.PhaseLog;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code %alloc} / {@code %%alloc}: what the cell allocates. The cell runs under JMH (same cell
 * forms and options as %bench) with the gc profiler (bytes per operation after the JIT) while
 * JFR samples allocation stacks; a second, instrumented run counts every allocation the code
 * asks for (before escape analysis); {@code --no-escape} adds a run without escape analysis.
 */
public final class AllocMagic extends AbstractMagic {
    static final String NAME = "alloc";
    static final List<String> USER_PACKAGES = List.of(SessionSource.PACKAGE, JmhBenchmarkSource.PACKAGE);

    static final MagicHelp HELP = AllocHelp.help();



    public AllocMagic() {
        super(NAME, HELP);
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        boolean forced = QuickMode.forced(ctx);
        AllocOptions o;
        String code;
        int firstLine;
        if (inv.cellMagic()) {
            o = AllocOptions.parseCell(inv.args(), forced, HELP);
            code = inv.body();
            firstLine = inv.bodyFirstLine();
        } else {
            AllocOptions.Line l = AllocOptions.parseLine(inv.rawArgs(), forced, HELP);
            o = l.options();
            code = l.expression();
            firstLine = 1;
        }
        if (o.help()) {
            ctx.output().display(MimeBundle.text(HELP.render(NAME)));
            return;
        }
        if (code.isBlank()) {
            throw new OptionParser(NAME, HELP).usage("nothing to measure: give an expression (%alloc EXPR) or code in the cell (%%alloc)");
        }
        List<Jdk> jdks = Jdks.resolveDistinct(o.bench().jvms(), NAME);
        Optional<Jdk> exactJdk = ExactAllocationRun.jdkFor(jdks.get(0));
        List<String> warnings = Collections.synchronizedList(new ArrayList<>()); // the instrumented run adds from its thread
        Output.DisplayHandle progress = ctx.output().displayUpdatable(MimeBundle.text("%alloc: compiling…"));
        long started = System.nanoTime();
        try (Pipeline p = Pipeline.open("alloc", ctx, inv.executionCount())) {
            JmhCell cell = JmhCell.of(code, !inv.cellMagic(), p.session(), firstLine, inv.executionCount(), false);
            int release = jdks.stream().mapToInt(Jdk::feature).min().orElse(Runtime.version().feature());
            if (exactJdk.isPresent()) release = Math.min(release, exactJdk.get().feature());
            // the first JDK's JMH host starts while javac runs (both forms of the cell have the same benchmarks)
            JfrInstrument firstJfr = new JfrInstrument(ProfileEvent.ALLOC);
            JmhFork.Host[] host = {null};
            Pipeline.Compiled classes = p.compile(cell.harness(), release, dir -> host[0] = JmhFork.start(p, jdks.get(0),
                    dir, settings(o.bench(), o.bench().jvmArgs(), cell.generated()), firstJfr));
            AllocResults results = new Measurement(p, o, classes, cell.compiled(classes), warnings, progress)
                    .all(jdks, exactJdk, host[0], firstJfr);
            progress.update(MimeBundle.text(String.format("%%alloc: done in %.1f s", (System.nanoTime() - started) / 1e9)));
            if (o.bench().quick()) {
                warnings.add("Quick settings: B/op is exact after a short warm-up, but sampled sites rest on few samples.");
            }
            for (SessionSource.Unreplayable u : p.session().unreplayable()) {
                warnings.add("Not replayed in the forked JVM: " + u.reason());
            }
            try (PhaseLog.Phase ignored = p.phases().phase("report")) {
                AllocReport.show(ctx, o, results, code, firstLine, inv.executionCount(), exactJdk.orElse(null),
                        new ArrayList<>(warnings));
            }
        }
    }

    /** What all runs produced. */
    record AllocResults(List<BenchmarkAllocations> rows, List<Environment> environments, Map<String, String> collapsed,
                        List<String> savedFiles) {}

    /** One JDK's timed runs: JMH with the gc profiler and JFR, and the optional run without escape analysis. */
    private record JdkRun(Jdk jdk, JmhFork.Run run, List<JmhResult> noEscape, List<Path> recordings) {}

    /**
     * The fork stage of one %alloc cell: per JDK a JMH run with the gc profiler and JFR; then, when no
     * timed run is left, the exact count once, in the background while the JFR recordings are read.
     */
    private static final class Measurement {
        private final Pipeline p;
        private final AllocOptions o;
        private final Pipeline.Compiled classes;
        private final JmhBenchmarkSource.Generated gen;
        private final CellLines mapper;
        private final List<String> warnings;
        private final Output.DisplayHandle progress;
        private final OutputFiles files;

        Measurement(Pipeline p, AllocOptions o, Pipeline.Compiled classes, JmhBenchmarkSource.Generated gen,
                    List<String> warnings, Output.DisplayHandle progress) {
            this.p = p;
            this.o = o;
            this.classes = classes;
            this.gen = gen;
            this.mapper = classes.cellLines(p.session());
            this.warnings = warnings;
            this.progress = progress;
            this.files = p.outputFiles("alloc");
        }

        /** @param first the first JDK's host, started during the compile with {@code firstJfr} on its forks */
        AllocResults all(List<Jdk> jdks, Optional<Jdk> exactJdk, JmhFork.Host first, JfrInstrument firstJfr)
                throws MagicException {
            List<JdkRun> runs = new ArrayList<>();
            for (Jdk jdk : jdks) {
                progress.update(MimeBundle.text("%alloc on " + jdk.label() + ": JMH with the gc profiler and JFR allocation sampling…"));
                boolean prestarted = runs.isEmpty() && first != null;
                JfrInstrument jfr = prestarted ? firstJfr : new JfrInstrument(ProfileEvent.ALLOC);
                JmhFork.Run run;
                try (JmhFork.Host host = prestarted ? first
                        : JmhFork.start(p, jdk, classes.classes(), settings(o.bench(), o.bench().jvmArgs(), gen), jfr)) {
                    run = host.run(gen, line -> { });
                }
                List<JmhResult> noEscape = List.of();
                if (o.noEscape()) {
                    progress.update(MimeBundle.text("%alloc on " + jdk.label() + ": again with -XX:-DoEscapeAnalysis…"));
                    List<String> ne = new ArrayList<>(o.bench().jvmArgs());
                    ne.add("-XX:-DoEscapeAnalysis");
                    noEscape = JmhFork.run(p, jdk, classes, gen, settings(o.bench(), ne, gen), line -> { }).results();
                }
                runs.add(new JdkRun(jdk, run, noEscape, jfr.recordings()));
            }
            // no timed run is left: the instrumented run (it measures no time) overlaps the reading of the recordings
            ExactCount exact = exactJdk.map(j -> new ExactCount(j, runs.get(0))).orElse(null);
            if (exact != null) {
                progress.update(MimeBundle.text("%alloc: counting every allocation in an instrumented run on "
                        + exactJdk.get().label() + "…"));
                exact.start();
            }
            List<BenchmarkAllocations> rows = new ArrayList<>();
            List<Environment> envs = new ArrayList<>();
            Map<String, String> collapsed = new LinkedHashMap<>();
            List<String> saved = new ArrayList<>();
            List<Map<String, AllocationProfile>> sampledPerJdk = new ArrayList<>();
            try (PhaseLog.Phase ignored = p.phases().phase("jfr")) {
                for (JdkRun r : runs) {
                    if (r.run().environment() != null) envs.add(r.run().environment());
                    Map<String, AllocationProfile> sampled = sampled(r.recordings());
                    sampledPerJdk.add(sampled);
                    List<Path> recordings = r.recordings().stream()
                            .sorted(Comparator.comparingLong(AllocMagic::size).reversed()).toList();
                    if (!recordings.isEmpty()) {
                        Path kept = files.keep(recordings.get(0), jdks.size() > 1 ? "-jdk" + r.jdk().feature() : "", "jfr");
                        saved.add(files.display(kept));
                        saved.add(files.display(PprofExport.besideJfr(kept, ProfileEvent.ALLOC)));
                    }
                    String label = "JDK " + r.jdk().feature();
                    sampled.forEach((k, v) -> collapsed.put(label + " " + k, v.collapsedText()));
                }
            }
            List<ExactAllocationRun.Result> counted = exact == null ? List.of() : exact.await();
            for (int i = 0; i < runs.size(); i++) {
                JdkRun r = runs.get(i);
                String label = "JDK " + r.jdk().feature();
                for (JmhResult res : r.run().results()) {
                    JmhResult ne = r.noEscape().stream()
                            .filter(x -> x.method().equals(res.method()) && x.params().equals(res.params()))
                            .findFirst().orElse(null);
                    ExactAllocationRun.Result ex = counted.stream()
                            .filter(x -> gen.userName(x.method()).equals(res.method()) && x.params().equals(res.params()))
                            .findFirst().orElse(null);
                    rows.add(new BenchmarkAllocations(label, res, ne, ex, sampledPerJdk.get(i).get(res.method())));
                }
            }
            if (!collapsed.isEmpty()) saved.add(files.display(files.keepText(String.join("", collapsed.values()), "", "collapsed")));
            return new AllocResults(rows, envs, collapsed, saved);
        }

        /** The instrumented run on its own thread; the pipeline kills its JVM if the cell ends first. */
        private final class ExactCount {
            private final FutureTask<List<ExactAllocationRun.Result>> task;
            private final Duration limit;

            ExactCount(Jdk exactJdk, JdkRun measured) {
                List<String> methods = methods(measured.run().results());
                List<Map<String, String>> combos = combos(measured.run().results());
                limit = ExactAllocationRun.timeLimit(methods.size(), combos.size(), budget());
                task = new FutureTask<>(() -> {
                    try (PhaseLog.Phase ignored = p.phases().phase("exact")) {
                        return exactRun(exactJdk, measured.jdk(), methods, combos);
                    }
                });
            }

            void start() {
                Thread t = new Thread(task, "perfkernel-exact-allocations");
                t.setDaemon(true);
                t.start();
            }

            /** Its counts; bounded by the run's own time limit (plus the kill's grace). */
            List<ExactAllocationRun.Result> await() {
                try {
                    return task.get(limit.toMillis() + 10_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelToken.CancelledException();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re; // an interrupt, say
                    warnings.add("The instrumented run failed, so allocations/op and requested bytes are missing: "
                            + e.getCause());
                    return List.of();
                } catch (TimeoutException e) {
                    warnings.add("The instrumented run did not end in time, so allocations/op and requested bytes "
                            + "are missing.");
                    return List.of();
                }
            }
        }

        private List<String> methods(List<JmhResult> results) {
            return results.stream().map(r -> gen.generatedName(r.method())).distinct().toList();
        }

        private static List<Map<String, String>> combos(List<JmhResult> results) {
            List<Map<String, String>> combos = results.stream().map(JmhResult::params).distinct().toList();
            return combos.size() == 1 && combos.get(0).isEmpty() ? List.of() : combos;
        }

        private ExactAllocationRun.Budget budget() {
            return o.bench().quick() ? ExactAllocationRun.Budget.QUICK : ExactAllocationRun.Budget.NORMAL;
        }

        private List<ExactAllocationRun.Result> exactRun(Jdk exactJdk, Jdk measured, List<String> methods,
                                                         List<Map<String, String>> combos) {
            try {
                List<ExactAllocationRun.Result> exact = ExactAllocationRun.run(p, exactJdk, classes,
                        gen.source().className(), methods, combos, o.bench().jvmArgs(), USER_PACKAGES, budget(), mapper);
                if (exactJdk.feature() != measured.feature()) {
                    warnings.add("Exact allocation counts were taken on " + exactJdk.label() + ": the allocation instrumenter "
                            + "cannot read JDK " + measured.feature() + "'s class files. The JDK library's own allocations "
                            + "may differ between versions.");
                }
                return exact;
            } catch (MagicException e) {
                warnings.add("The instrumented run failed, so allocations/op and requested bytes are missing: " + e.getMessage());
                return List.of();
            }
        }

        /** JFR samples grouped per benchmark method: JMH names its worker threads after the benchmark. */
        private Map<String, AllocationProfile> sampled(List<Path> recordings) {
            Map<String, AllocationAggregator> per = new HashMap<>();
            for (String m : gen.benchmarkMethods()) per.put(m, new AllocationAggregator(mapper, true));
            for (Path file : recordings) {
                try {
                    JfrReader.read(file, ProfileEvent.ALLOC, t -> t.contains("-jmh-worker-"), s -> {
                        AllocationAggregator a = per.get(gen.userName(benchmarkOf(s.thread())));
                        if (a != null) a.add(s);
                    });
                } catch (IOException e) {
                    warnings.add("Could not read the JFR recording " + file.getFileName() + ": " + e.getMessage());
                }
            }
            Map<String, AllocationProfile> out = new LinkedHashMap<>();
            per.forEach((k, v) -> out.put(k, v.result()));
            return out;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code perfkernel.bench.CellBenchmark.bench-jmh-worker-1} → {@code bench}. */
    static String benchmarkOf(String thread) {
        int w = thread.indexOf("-jmh-worker-");
        String full = w < 0 ? thread : thread.substring(0, w);
        return full.substring(full.lastIndexOf('.') + 1);
    }

    /** %bench's settings with the gc profiler, the given JVM flags and no empty-benchmark reference run. */
    static BenchOptions variant(BenchOptions o, List<String> jvmArgs) {
        List<String> prof = new ArrayList<>(o.profilers());
        if (!o.gcProfiler()) prof.add("gc");
        return new BenchOptions(o.forks(), o.warmupIterations(), o.iterations(), o.warmupTime(), o.measurementTime(),
                o.mode(), o.timeUnit(), o.params(), o.threads(), prof, jvmArgs, o.jvms(), o.quick(), o.baseline(),
                null, null, List.of(), o.timeoutSeconds(), false, o.variable());
    }

    /** JMH's settings for %alloc's runs with these JVM flags (no empty reference). */
    static JmhFork.Settings settings(BenchOptions o, List<String> jvmArgs, JmhBenchmarkSource.Generated gen) {
        BenchOptions v = variant(o, jvmArgs);
        return new JmhFork.Settings(v.jmhArguments(), v.jvmArgs(), false, timeLimit(v, gen));
    }

    /** Generous: three times the configured run per benchmark and parameter combination, plus start-ups. */
    static Duration timeLimit(BenchOptions o, JmhBenchmarkSource.Generated gen) {
        if (o.timeoutSeconds() > 0) return Duration.ofSeconds(o.timeoutSeconds());
        long combos = Math.max(1, gen.benchmarkMethods().size());
        for (List<String> v : o.params().values()) combos *= v.size();
        long perCombo = o.configuredMillisPerCombination() + (long) Math.max(1, o.forks()) * 3000;
        return Duration.ofMillis(3 * combos * perCombo + 60_000);
    }
}

package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.bench.BenchOptions;
import dev.perfkernel.magics.bench.JmhRunner;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.CompilationError;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.fork.Workspace;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.export.PprofExport;
import dev.perfkernel.magics.parse.jfr.AllocationAggregator;
import dev.perfkernel.magics.parse.jfr.AllocationProfile;
import dev.perfkernel.magics.parse.jfr.CellLineMapper;
import dev.perfkernel.magics.parse.jfr.JfrReader;
import dev.perfkernel.magics.parse.jfr.JfrRecording;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.profile.SavedFiles;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code %alloc} / {@code %%alloc}: what the cell allocates. The cell runs under JMH (same cell
 * forms and options as %bench) with the gc profiler (bytes per operation after the JIT) while
 * JFR samples allocation stacks; a second, instrumented run counts every allocation the code
 * asks for (before escape analysis); {@code --no-escape} adds a run without escape analysis.
 */
public final class AllocMagic implements Magic {
    static final String NAME = "alloc";
    static final List<String> USER_PACKAGES = List.of(SessionSource.PACKAGE, JmhBenchmarkSource.PACKAGE);

    static final MagicHelp HELP = AllocHelp.help();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MagicHelp help() {
        return HELP;
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
        BenchOptions bench = o.bench();
        SessionSource session = ctx.session();
        int count = inv.executionCount();
        JmhBenchmarkSource.Form form = JmhBenchmarkSource.detect(code, !inv.cellMagic());
        JmhBenchmarkSource.Generated gen = JmhBenchmarkSource.generate(code, form, session, firstLine, count, true);
        List<String> warnings = new ArrayList<>();
        Output.DisplayHandle progress = ctx.output().displayUpdatable(MimeBundle.text("%alloc: compiling…"));
        long started = System.nanoTime();
        AllocResults results;
        try (Workspace ws = Workspace.create("alloc")) {
            int release = jdks.stream().mapToInt(Jdk::feature).min().orElse(Runtime.version().feature());
            if (exactJdk.isPresent()) release = Math.min(release, exactJdk.get().feature());
            List<Path> cp = Classpaths.join(ctx.classpath(), Classpaths.jmhRuntime());
            Path classes = ws.subdir("classes");
            try {
                compile(session, gen, cp, release, classes, count);
            } catch (CompilationError e) {
                // the last line may be a void call: measure it as a plain statement instead
                int consumed = gen.consumedLine();
                if (consumed == 0 || e.diagnostics().stream().noneMatch(d -> d.line() >= consumed)) throw e;
                gen = JmhBenchmarkSource.generate(code, form, session, firstLine, count, false);
                classes = ws.subdir("classes-plain");
                compile(session, gen, cp, release, classes, count);
            }
            ctx.cancel().check();
            CellLineMapper mapper = new CellLineMapper(session, JmhBenchmarkSource.PACKAGE,
                    Map.of(gen.source().className(), gen.source().lineMap().asMap()));
            results = measure(ctx, ws, o, jdks, exactJdk, gen, classes, mapper, warnings, progress, count);
        } catch (IOException e) {
            throw new MagicException("AllocFailed", "cannot create a private directory for the run: " + e.getMessage(),
                    List.of());
        }
        progress.update(MimeBundle.text(String.format("%%alloc: done in %.1f s", (System.nanoTime() - started) / 1e9)));
        if (bench.quick()) {
            warnings.add("Quick settings: B/op is exact after a short warm-up, but sampled sites rest on few samples.");
        }
        for (SessionSource.Unreplayable u : session.unreplayable()) {
            warnings.add("Not replayed in the forked JVM: " + u.reason());
        }
        AllocReport.show(ctx, o, results, code, firstLine, count, exactJdk.orElse(null), warnings);
    }

    /** What all runs produced. */
    record AllocResults(List<BenchmarkAllocations> rows, List<Environment> environments, Map<String, String> collapsed,
                        List<String> savedFiles) {}

    private static AllocResults measure(MagicContext ctx, Workspace ws, AllocOptions o, List<Jdk> jdks,
                                        Optional<Jdk> exactJdk, JmhBenchmarkSource.Generated gen, Path classes,
                                        CellLineMapper mapper, List<String> warnings, Output.DisplayHandle progress,
                                        int count) throws MagicException, IOException {
        BenchOptions bench = o.bench();
        List<BenchmarkAllocations> rows = new ArrayList<>();
        List<Environment> envs = new ArrayList<>();
        Map<String, String> collapsed = new LinkedHashMap<>();
        List<String> saved = new ArrayList<>();
        Duration limit = timeLimit(bench, gen);
        SavedFiles files = SavedFiles.create(ctx, "alloc");

        List<ExactAllocationRun.Result> exact = List.of();
        int runIndex = 0;
        for (Jdk jdk : jdks) {
            String label = "JDK " + jdk.feature();
            Path dir = ws.subdir("run-" + runIndex);
            JfrRecording rec = JfrRecording.prepare(ProfileEvent.ALLOC, ws.subdir("jfr-" + runIndex));
            runIndex++;
            progress.update(MimeBundle.text("%alloc on " + jdk.label() + ": JMH with the gc profiler and JFR allocation sampling…"));
            List<String> flags = new ArrayList<>(bench.jvmArgs());
            flags.addAll(rec.jvmFlags());
            JmhRunner.Run run = JmhRunner.run(jdk, classes, ctx.classpath(), variant(bench, flags), dir, limit,
                    ctx.cancel(), line -> { }, gen.source().lineMap(), ctx.session(), count);
            if (run.environment() != null) envs.add(run.environment());
            ctx.cancel().check();

            List<JmhResult> noEscape = List.of();
            if (o.noEscape()) {
                progress.update(MimeBundle.text("%alloc on " + jdk.label() + ": again with -XX:-DoEscapeAnalysis…"));
                List<String> ne = new ArrayList<>(bench.jvmArgs());
                ne.add("-XX:-DoEscapeAnalysis");
                noEscape = JmhRunner.run(jdk, classes, ctx.classpath(), variant(bench, ne), ws.subdir("run-ne-" + runIndex),
                        limit, ctx.cancel(), line -> { }, gen.source().lineMap(), ctx.session(), count).results();
                ctx.cancel().check();
            }

            if (exact.isEmpty() && exactJdk.isPresent()) {
                progress.update(MimeBundle.text("%alloc: counting every allocation in an instrumented run on "
                        + exactJdk.get().label() + "…"));
                exact = exactRun(ctx, ws, o, exactJdk.get(), jdk, gen, classes, mapper, run.results(), warnings);
            }

            Map<String, AllocationProfile> sampled = sampled(rec, mapper, gen.benchmarkMethods(), warnings);
            List<Path> recordings = rec.recordings().stream()
                    .sorted(Comparator.comparingLong(AllocMagic::size).reversed()).toList();
            if (!recordings.isEmpty()) {
                Path jfr = files.copy(recordings.get(0), jdks.size() > 1 ? "-jdk" + jdk.feature() : "", "jfr");
                saved.add(SavedFiles.display(ctx, jfr));
                saved.add(SavedFiles.display(ctx, PprofExport.besideJfr(jfr, ProfileEvent.ALLOC)));
            }
            for (Map.Entry<String, AllocationProfile> e : sampled.entrySet()) {
                collapsed.put(label + " " + e.getKey(), e.getValue().collapsedText());
            }
            for (JmhResult r : run.results()) {
                JmhResult ne = noEscape.stream().filter(x -> x.method().equals(r.method()) && x.params().equals(r.params()))
                        .findFirst().orElse(null);
                ExactAllocationRun.Result ex = exact.stream()
                        .filter(x -> x.method().equals(r.method()) && x.params().equals(r.params())).findFirst().orElse(null);
                rows.add(new BenchmarkAllocations(label, r, ne, ex, sampled.get(r.method())));
            }
        }
        if (!collapsed.isEmpty()) {
            StringBuilder all = new StringBuilder();
            collapsed.forEach((k, v) -> all.append(v));
            saved.add(SavedFiles.display(ctx, files.write(all.toString(), "", "collapsed")));
        }
        return new AllocResults(rows, envs, collapsed, saved);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<ExactAllocationRun.Result> exactRun(MagicContext ctx, Workspace ws, AllocOptions o, Jdk exactJdk,
                                                            Jdk measured, JmhBenchmarkSource.Generated gen, Path classes,
                                                            CellLineMapper mapper, List<JmhResult> results,
                                                            List<String> warnings) throws IOException {
        List<String> methods = results.stream().map(JmhResult::method).distinct().toList();
        List<Map<String, String>> combos = results.stream().map(JmhResult::params).distinct().toList();
        if (combos.size() == 1 && combos.get(0).isEmpty()) combos = List.of();
        try {
            List<ExactAllocationRun.Result> exact = ExactAllocationRun.run(exactJdk, classes, ctx.classpath(),
                    gen.source().className(), methods, combos, o.bench().jvmArgs(), USER_PACKAGES,
                    o.bench().quick() ? ExactAllocationRun.Budget.QUICK : ExactAllocationRun.Budget.NORMAL, mapper,
                    ws.subdir("exact"), ctx.cancel());
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
    private static Map<String, AllocationProfile> sampled(JfrRecording rec, CellLineMapper mapper, List<String> methods,
                                                          List<String> warnings) throws MagicException {
        Map<String, AllocationAggregator> per = new HashMap<>();
        for (String m : methods) per.put(m, new AllocationAggregator(mapper, true));
        for (Path file : rec.recordings()) {
            try {
                JfrReader.read(file, ProfileEvent.ALLOC, t -> t.contains("-jmh-worker-"), s -> {
                    String method = benchmarkOf(s.thread());
                    AllocationAggregator a = per.get(method);
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

    private static void compile(SessionSource session, JmhBenchmarkSource.Generated gen, List<Path> cp, int release,
                                Path classes, int count) throws MagicException {
        new HarnessCompiler().session(session).source(gen.source()).classpath(cp).jmh(true).target(release)
                .output(classes).executionCount(count).compile();
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

package dev.perfkernel.magics.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.CompilationError;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.fork.Workspace;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.parse.jmh.JmhProgress;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.LoadSampler;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code %bench} / {@code %%bench}: the cell under JMH. See {@link BenchHelp} for the user's view. */
public final class BenchMagic implements Magic {
    /** The session variable holding the last report (JSON, see docs/bench-report.md). */
    public static final String VARIABLE = "_bench";
    private static final long PROGRESS_INTERVAL_NANOS = 150_000_000L;

    private final MagicHelp help = BenchHelp.help();

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public MagicHelp help() {
        return help;
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        Output out = ctx.output();
        BenchOptionParser parser = new BenchOptionParser(help);
        boolean forced = QuickMode.forced(ctx);
        BenchOptions opts;
        String code;
        int firstLine;
        if (inv.cellMagic()) {
            if (BenchOptionParser.wantsHelp(inv.args())) {
                out.display(MimeBundle.text(help.render(name())));
                return;
            }
            opts = parser.parse(inv.args(), forced);
            code = inv.body();
            firstLine = inv.bodyFirstLine();
        } else {
            BenchOptionParser.LineForm lf = BenchOptionParser.splitLine(inv.rawArgs());
            if (BenchOptionParser.wantsHelp(lf.optionWords())) {
                out.display(MimeBundle.text(help.render(name())));
                return;
            }
            opts = parser.parseWords(lf.optionWords(), forced);
            code = lf.expression();
            firstLine = 1;
        }
        if (code.isBlank()) {
            throw parser.parseUsage("nothing to measure: give an expression (%bench EXPR) or code in the cell (%%bench)");
        }
        opts = withProfilersBudgetsNeed(opts);
        List<Jdk> jdks = Jdks.resolveDistinct(opts.jvms(), name());
        List<BenchRow> saved = opts.compare() == null ? List.of()
                : BenchJson.load(ctx.workingDirectory().resolve(opts.compare()));

        SessionSource session = ctx.session();
        JmhBenchmarkSource.Form form = JmhBenchmarkSource.detect(code, !inv.cellMagic());
        int count = inv.executionCount();
        JmhBenchmarkSource.Generated gen = JmhBenchmarkSource.generate(code, form, session, firstLine, count, true);
        if (opts.baseline() != null && !gen.benchmarkMethods().isEmpty()
                && !gen.benchmarkMethods().contains(opts.baseline())) {
            throw parser.parseUsage("--baseline " + opts.baseline() + " is not a benchmark of this cell (benchmarks: "
                    + String.join(", ", gen.benchmarkMethods()) + ")");
        }
        Output.DisplayHandle progress = out.displayUpdatable(MimeBundle.text("%bench: compiling…"));
        List<BenchRow> rows = new ArrayList<>();
        List<Environment> envs = new ArrayList<>();
        Map<String, Double> empty = new LinkedHashMap<>();
        JsonArray jmh = new JsonArray();
        long started = System.nanoTime();
        LoadSampler load = LoadSampler.start(); // load during the run, not only at its start
        try (load; Workspace ws = Workspace.create("bench")) {
            int release = jdks.stream().mapToInt(Jdk::feature).min().orElse(Runtime.version().feature());
            List<Path> cp = Classpaths.join(ctx.classpath(), Classpaths.jmhRuntime());
            Path classes = ws.subdir("classes");
            try {
                compile(session, gen, cp, release, classes, count);
            } catch (CompilationError e) {
                // the last line may be a void call (println): measure it as a plain statement instead
                int consumed = gen.consumedLine();
                if (consumed == 0 || e.diagnostics().stream().noneMatch(d -> d.line() >= consumed)) {
                    throw e;
                }
                gen = JmhBenchmarkSource.generate(code, form, session, firstLine, count, false);
                classes = ws.subdir("classes-plain");
                compile(session, gen, cp, release, classes, count);
            }
            ctx.cancel().check();
            Duration limit = timeLimit(opts, gen, code, jdks.size());
            int runIndex = 0;
            for (Jdk jdk : jdks) {
                String label = "JDK " + jdk.feature();
                JmhProgress tracker = new JmhProgress();
                long[] lastUpdate = {0};
                String prefix = "%bench on " + jdk.label() + ": ";
                progress.update(MimeBundle.text(prefix + "starting JMH…"));
                Path dir = ws.subdir("run-" + (runIndex++));
                JmhRunner.Run run = JmhRunner.run(jdk, classes, ctx.classpath(), opts, dir, limit, ctx.cancel(),
                        line -> {
                            if (tracker.accept(line)) {
                                long now = System.nanoTime();
                                if (now - lastUpdate[0] > PROGRESS_INTERVAL_NANOS) {
                                    lastUpdate[0] = now;
                                    progress.update(MimeBundle.text(prefix + tracker.snapshot().describe()));
                                }
                            }
                        }, gen.source().lineMap(), session, count);
                for (JmhResult r : run.results()) rows.add(new BenchRow(label, jdk.feature(), r));
                if (run.environment() != null) envs.add(run.environment());
                if (!run.empty().isEmpty()) empty.put(label, run.empty().get(0).primary().score());
                JsonParser.parseString(run.json()).getAsJsonArray().forEach(jmh::add);
            }
        } catch (IOException e) {
            throw new MagicException("BenchFailed", "cannot create a private directory for the run: " + e.getMessage(),
                    List.of());
        }
        progress.update(MimeBundle.text(String.format("%%bench: done in %.1f s", (System.nanoTime() - started) / 1e9)));
        // JMH sorts by name; show (and pick the default baseline) in the order the cell declares them
        List<String> declared = gen.benchmarkMethods();
        rows.sort(java.util.Comparator.comparingInt(r -> {
            int i = declared.indexOf(r.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));

        List<Warning> extra = new ArrayList<>(load.stop().warnings());
        for (SessionSource.Unreplayable u : session.unreplayable()) {
            extra.add(new Warning(Warning.UNREPLAYABLE, "Not replayed in the forked JVM: " + u.reason() + " — "
                    + u.source().lines().findFirst().orElse("")));
        }
        BenchReport report = BenchAnalysis.analyse(opts, rows, saved, envs, empty, extra, jmh.toString());
        show(report, out);
        JsonObject json = BenchJson.report(report);
        if (opts.save() != null) {
            Path file = ctx.workingDirectory().resolve(opts.save());
            BenchJson.save(report, file);
            out.stdout("Saved to " + file + "\n");
        }
        ctx.publish(opts.variable(), json.toString());
        if (report.budgetsMissed()) {
            List<String> missed = report.budgets().stream().filter(o -> !o.passed()).map(Budget.Outcome::describe).toList();
            throw new MagicException("BudgetExceeded", missed.size() == 1 ? "budget missed: " + missed.get(0)
                    : missed.size() + " budgets missed", missed);
        }
    }

    private static void show(BenchReport report, Output out) {
        out.stdout(BenchRenderer.summary(report));
        out.display(Bundles.table(BenchRenderer.table(report)));
        out.display(Bundles.chart(BenchRenderer.chart(report)));
        if (!report.budgets().isEmpty()) out.display(BenchRenderer.budgets(report));
        MimeBundle warnings = BenchRenderer.warnings(report.warnings());
        if (warnings != null) out.display(warnings);
        if (!report.environments().isEmpty()) out.display(BenchRenderer.environment(report.environments()));
        out.display(MimeBundle.builder().text("%bench report as application/json (also in the variable "
                + report.options().variable() + ")").json(BenchJson.report(report)).build());
    }

    private static void compile(SessionSource session, JmhBenchmarkSource.Generated gen, List<Path> cp, int release,
                                Path classes, int count) throws MagicException {
        new HarnessCompiler().session(session).source(gen.source()).source(JmhBenchmarkSource.emptyBaseline())
                .classpath(cp).jmh(true).target(release).output(classes).executionCount(count).compile();
    }

    /** A budget on gc.* needs JMH's gc profiler: add it rather than fail after the run. */
    private static BenchOptions withProfilersBudgetsNeed(BenchOptions o) throws UsageException {
        boolean needsGc = false;
        for (String b : o.budgets()) needsGc |= Budget.parse(b).metric().startsWith("gc.");
        if (!needsGc || o.gcProfiler()) return o;
        List<String> prof = new ArrayList<>(o.profilers());
        prof.add("gc");
        return new BenchOptions(o.forks(), o.warmupIterations(), o.iterations(), o.warmupTime(), o.measurementTime(),
                o.mode(), o.timeUnit(), o.params(), o.threads(), prof, o.jvmArgs(), o.jvms(), o.quick(), o.baseline(),
                o.save(), o.compare(), o.budgets(), o.timeoutSeconds(), o.emptyReference(), o.variable());
    }

    private static final Pattern PARAM_LIST = Pattern.compile("@Param\\s*\\(\\s*(?:value\\s*=\\s*)?\\{([^}]*)}");

    /**
     * Generous: three times the configured warm-up and measurement time of every benchmark and
     * parameter combination, plus JVM start-ups, plus a minute.
     */
    static Duration timeLimit(BenchOptions o, JmhBenchmarkSource.Generated gen, String code, int jdks) {
        if (o.timeoutSeconds() > 0) return Duration.ofSeconds(o.timeoutSeconds());
        long combos = Math.max(1, gen.benchmarkMethods().size());
        if (!o.params().isEmpty()) {
            for (List<String> v : o.params().values()) combos *= v.size();
        } else {
            Matcher m = PARAM_LIST.matcher(code);
            while (m.find()) combos *= Math.max(1, m.group(1).split(",").length);
        }
        long perCombo = o.configuredMillisPerCombination() + (long) Math.max(1, o.forks()) * 3000;
        long ms = 3 * combos * perCombo + 60_000 + (o.emptyReference() ? 10_000 : 0);
        return Duration.ofMillis(ms * jdks);
    }
}

package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.BenchOptionParser;
import dev.perfkernel.magics.pipeline.Budget;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.pipeline.JmhCell;
import dev.perfkernel.magics.pipeline.JmhFork;
import dev.perfkernel.magics.pipeline.PhaseLog;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.report.LoadSampler;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code %bench} / {@code %%bench}: the cell under JMH. See {@link BenchHelp} for the user's view. */
public final class BenchMagic extends AbstractMagic {
    /** The session variable holding the last report (JSON, see docs/bench-report.md). */
    public static final String VARIABLE = BenchOptionParser.DEFAULT_VARIABLE;

    private final MagicHelp help;

    /** The kernel makes its magics at start: warm the compiler then, so the first %bench does not wait for it. */
    public BenchMagic() {
        this(BenchHelp.help());
    }

    private BenchMagic(MagicHelp help) {
        super("bench", help);
        this.help = help;
        HarnessCompiler.warmUpInBackground(WARM_UP_DELAY);
    }

    /** Long enough for the kernel to finish starting and answer its first cells undisturbed. */
    static final java.time.Duration WARM_UP_DELAY = java.time.Duration.ofSeconds(3);

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        BenchOptionParser parser = new BenchOptionParser(help);
        Cell cell = cell(inv, ctx, parser);
        if (cell == null) return;
        BenchOptions opts = cell.options();
        List<Jdk> jdks = Jdks.resolveDistinct(opts.jvms(), name());
        List<BenchRow> saved = opts.compare() == null ? List.of()
                : BenchJson.load(ctx.workingDirectory().resolve(opts.compare()));
        long started = System.nanoTime();
        LoadSampler sampler = LoadSampler.start(); // load during the run, not only at its start
        try (sampler; Pipeline p = Pipeline.open("bench", ctx, inv.executionCount())) {
            JmhCell jmhCell = JmhCell.of(cell.code(), !inv.cellMagic(), p.session(), cell.firstLine(),
                    inv.executionCount(), opts.emptyReference());
            checkBaseline(opts, jmhCell.generated(), parser);
            Output.DisplayHandle progress = ctx.output().displayUpdatable(MimeBundle.text("%bench: compiling…"));
            int release = jdks.stream().mapToInt(Jdk::feature).min().orElse(Runtime.version().feature());
            // both forms of the cell have the same benchmarks, so the limit is known before javac
            Duration limit = timeLimit(opts, jmhCell.generated(), cell.code(), jdks.size());
            JmhFork.Host[] host = {null}; // the first JDK's host starts while javac runs; closed with the pipeline
            Pipeline.Compiled classes = p.compile(jmhCell.harness(), release,
                    dir -> host[0] = JmhRunner.start(p, jdks.get(0), dir, opts, limit));
            JmhBenchmarkSource.Generated gen = jmhCell.compiled(classes);
            JmhRunner.Results results = JmhRunner.run(p, jdks, classes, gen, opts, limit, progress, host[0]);
            LoadSampler.Load load = sampler.stop();
            progress.update(MimeBundle.text(String.format("%%bench: done in %.1f s", (System.nanoTime() - started) / 1e9)));
            try (PhaseLog.Phase ignored = p.phases().phase("report")) {
                report(ctx, opts, gen, results, saved, p.session().unreplayable(), load);
            }
        }
    }

    /** The options and the code to measure, or null when only the help was asked for. */
    private Cell cell(Invocation inv, MagicContext ctx, BenchOptionParser parser) throws UsageException {
        boolean forced = QuickMode.forced(ctx);
        Cell cell;
        if (inv.cellMagic()) {
            if (BenchOptionParser.wantsHelp(inv.args())) cell = null;
            else cell = new Cell(parser.parse(inv.args(), forced), inv.body(), inv.bodyFirstLine());
        } else {
            BenchOptionParser.LineForm lf = BenchOptionParser.splitLine(inv.rawArgs());
            if (BenchOptionParser.wantsHelp(lf.optionWords())) cell = null;
            else cell = new Cell(parser.parseWords(lf.optionWords(), forced), lf.expression(), 1);
        }
        if (cell == null) {
            ctx.output().display(MimeBundle.text(help.render(name())));
            return null;
        }
        if (cell.code().isBlank()) {
            throw parser.parseUsage("nothing to measure: give an expression (%bench EXPR) or code in the cell (%%bench)");
        }
        return cell;
    }

    private record Cell(BenchOptions options, String code, int firstLine) {}

    private static void checkBaseline(BenchOptions opts, JmhBenchmarkSource.Generated gen, BenchOptionParser parser)
            throws UsageException {
        if (opts.baseline() != null && !gen.benchmarkMethods().isEmpty()
                && !gen.benchmarkMethods().contains(opts.baseline())) {
            throw parser.parseUsage("--baseline " + opts.baseline() + " is not a benchmark of this cell (benchmarks: "
                    + String.join(", ", gen.benchmarkMethods()) + ")");
        }
    }

    /** Analyses, shows, saves and publishes the report; a missed budget fails the cell after it is shown. */
    private static void report(MagicContext ctx, BenchOptions opts, JmhBenchmarkSource.Generated gen,
                               JmhRunner.Results results, List<BenchRow> saved,
                               List<SessionSource.Unreplayable> unreplayable, LoadSampler.Load load)
            throws MagicException {
        // JMH sorts by name; show (and pick the default baseline) in the order the cell declares them
        List<String> declared = gen.benchmarkMethods();
        List<BenchRow> rows = new ArrayList<>(results.rows());
        rows.sort(java.util.Comparator.comparingInt(r -> {
            int i = declared.indexOf(r.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        List<Warning> extra = new ArrayList<>(load.warnings());
        for (SessionSource.Unreplayable u : unreplayable) {
            extra.add(new Warning(Warning.UNREPLAYABLE, "Not replayed in the forked JVM: " + u.reason() + " — "
                    + u.source().lines().findFirst().orElse("")));
        }
        BenchReport report = BenchAnalysis.analyse(opts, rows, saved, results.environments(), results.empty(), extra,
                results.jmh().toString());
        Output out = ctx.output();
        show(report, out);
        JsonObject json = BenchJson.report(report);
        if (opts.save() != null) {
            Path file = ctx.workingDirectory().resolve(opts.save());
            BenchJson.save(report, file);
            out.stdout("Saved to " + OutputFiles.display(ctx, file) + "\n");
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

package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.Pipeline;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.render.Bundles;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %%gclog}: runs the cell in a forked JVM under unified GC logging and shows what the
 * collector did (the JVM's answer to {@code GODEBUG=gctrace=1}); with {@code --compare}, the same
 * cell under several collectors or heap sizes side by side.
 */
public final class GcLogMagic extends AbstractMagic {

    static final String OUT_DIR = OutputFiles.FOLDER;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private static final MagicHelp HELP = new MagicHelp(
            List.of("%%gclog [--gc NAME] [-Xmx SIZE] [-Xms SIZE] [-jvmArgs \"FLAGS\"] [--jvm SPEC] [--duration T | --iterations N] [--save FILE] [-o NAME]",
                    "%%gclog --compare \"CONFIG\" \"CONFIG\" ... [--duration T | --iterations N] [-o NAME]"),
            "Runs the cell repeatedly in a forked JVM under -Xlog:gc* and shows collections, pauses and heap over time.",
            GcLogOptions.OPTIONS.help(),
            """
            The cell's statements become the body of a method that a forked JVM calls until the duration is
            spent (or N times), with -Xlog:gc*:file=gc.log:uptime,level,tags. The cell can use what earlier
            cells defined: the session is recompiled into the fork (state is rebuilt from code, not copied).

            Shows per run: collections by kind (young, mixed, full, remark, cleanup, concurrent cycles, ZGC
            minor/major), causes, pause count/total/p50/p90/p99/max (every stop-the-world pause, including
            the short ones of ZGC and Shenandoah), GC throughput (share of the log's span not paused),
            allocation rate and peak heap, heap after GC (an estimate of the live set), then the events
            and a chart of heap before/after each GC and of pauses over time. The raw log is saved for
            GCViewer, GCToolKit or gceasy; application/json holds runs[] with the figures and events, and
            later cells read the same document from the session variable _gclog (or the name given with
            -o NAME): _gclog.number("runs", 0, "pause", "p99_ms"), _gclog.json().

            Go's GODEBUG=gctrace=1 is -Xlog:gc; GOGC and GOMEMLIMIT experiments become --compare runs over
            collectors and -Xmx sizes, e.g.  %%gclog --compare "--gc g1" "--gc parallel" "--gc z" --duration 3s
            """);



    public GcLogMagic() {
        super("gclog", HELP);
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        if (!inv.cellMagic()) {
            throw new UsageException("%gclog is a cell magic: write %%gclog on the first line and the code below it",
                    HELP.usage("gclog"));
        }
        if (inv.body().isBlank()) {
            throw new UsageException("%%gclog: the cell has no code to run under GC logging", HELP.usage("gclog"));
        }
        GcLogOptions options = GcLogOptions.parse(inv.args(), HELP, QuickMode.forced(ctx));
        List<Jdk> jdks = new ArrayList<>();
        for (RunConfig c : options.runs()) jdks.add(Jdks.resolve(c.jvm()));

        List<Path> saved = savePaths(ctx.workingDirectory(), options);
        List<GcRun> runs = new ArrayList<>();
        SessionSource session;
        try (Pipeline p = Pipeline.open("gclog", ctx, inv.executionCount())) {
            session = p.session();
            HarnessSource driver = GcDriverSource.generate(session, inv.body(), inv.bodyFirstLine(), inv.executionCount());
            GcRunner runner = new GcRunner(p, driver);
            for (int i = 0; i < options.runs().size(); i++) {
                RunConfig c = options.runs().get(i);
                ctx.cancel().check();
                if (options.runs().size() > 1) {
                    ctx.output().stdout("Run " + (i + 1) + "/" + options.runs().size() + ": "
                            + (c.label() != null ? c.label() : c.describe()) + " for " + options.repetition() + "\n");
                }
                runs.add(runner.run(c, jdks.get(i), options, saved.get(i)));
            }
        }
        for (GcRun r : runs) ctx.output().stdout("GC log saved to " + r.savedLog() + "\n");
        show(ctx, runs, options, session);
    }

    private static void show(MagicContext ctx, List<GcRun> runs, GcLogOptions options, SessionSource session) {
        JsonObject json = GcReportJson.of(runs, options);
        if (options.compare()) {
            ctx.output().display(Bundles.table(GcRenderer.comparison(runs)));
            ctx.output().display(Bundles.chart(GcRenderer.comparisonChart(runs)));
            for (GcRun r : runs) ctx.output().display(Bundles.chart(GcRenderer.chart(r)));
        } else {
            GcRun r = runs.get(0);
            ctx.output().display(Bundles.table(GcRenderer.summary(r, options)));
            for (MimeBundle b : GcRenderer.eventBundles(r)) ctx.output().display(b);
            ctx.output().display(Bundles.chart(GcRenderer.chart(r)));
        }
        List<String> warnings = mergedWarnings(runs);
        for (SessionSource.Unreplayable u : session.unreplayable()) {
            warnings.add("a session snippet is not in the fork: " + u.reason());
        }
        MimeBundle w = Bundles.warnings(warnings);
        if (w != null) ctx.output().display(w);
        if (runs.get(0).environment() != null) {
            ctx.output().display(Bundles.environment(runs.get(0).environment().toDisplayMap()));
        }
        // Its own display: JupyterLab prefers application/json over HTML within one bundle.
        ctx.output().display(MimeBundle.builder()
                .text("%%gclog data: " + runs.size() + " run(s) as application/json (runs[], environment, warnings[]; "
                        + "also in the variable " + options.variable() + ")")
                .json(json).build());
        ctx.publish(options.variable(), json.toString());
    }

    /** Each run's warnings, prefixed with its label; a warning every run shares is shown once, unprefixed. */
    static List<String> mergedWarnings(List<GcRun> runs) {
        java.util.Map<String, List<String>> byText = new java.util.LinkedHashMap<>();
        for (GcRun r : runs) for (String w : r.warnings()) byText.computeIfAbsent(w, k -> new ArrayList<>()).add(r.label());
        List<String> out = new ArrayList<>();
        byText.forEach((w, labels) -> {
            if (runs.size() == 1 || labels.size() == runs.size()) out.add(w);
            else for (String l : labels) out.add(l + ": " + w);
        });
        return out;
    }

    /** Where each run's raw log goes: --save FILE, else perfkernel-out/gclog-TIMESTAMP.log, numbered for --compare. */
    static List<Path> savePaths(Path workingDirectory, GcLogOptions options) {
        Path base = options.save() != null ? workingDirectory.resolve(options.save()).normalize()
                : workingDirectory.resolve(OUT_DIR).resolve("gclog-" + LocalDateTime.now().format(STAMP) + ".log");
        int n = options.runs().size();
        List<Path> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(n == 1 ? base : numbered(base, i));
        return out;
    }

    private static Path numbered(Path p, int i) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
        return p.resolveSibling(numbered);
    }
}

package dev.perfkernel.magics.jit;

import dev.perfkernel.magics.pipeline.Instrument;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.pipeline.DriverOptions;
import dev.perfkernel.magics.source.MethodTarget;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.harness.DriverSource;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.parse.compilation.JitLog;
import dev.perfkernel.magics.parse.compilation.LogCompilationParser;
import dev.perfkernel.magics.parse.compilation.MethodRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.function.Predicate;

/**
 * {@code %%jit}: runs the cell under {@code -XX:+LogCompilation} and shows what the JIT decided
 * about the user's code — inlining with reasons, allocations and locks removed by escape
 * analysis, deoptimizations. The JVM's answer to Go's {@code -gcflags=-m}.
 */
public final class JitMagic extends AbstractMagic {

    static final String DRIVER = "PkJitDriver";

    /** Every option, declared once (parser and help). */
    private static final OptionSpec OPTIONS = DriverOptions.declare(new OptionSpec()
                    .value("--method", "NAME", "only this method (fib, Point::norm); default: every method of the session and the cell"),
            "extra flags for the forked JVM, e.g. \"-XX:-DoEscapeAnalysis\" for an A/B",
            "how long the cell's code runs, called again and again (default 2, quick mode 1)",
            "also keep the raw LogCompilation XML (for JITWatch), relative to the notebook's folder");

    private static final MagicHelp HELP = new MagicHelp(
            List.of("%%jit [options]\nCODE", "%jit METHOD_CALL [options]"),
            "Runs the cell in a forked JVM under -XX:+LogCompilation and shows the JIT's decisions about your methods.",
            OPTIONS.help(),
            """
            The cell body runs again and again for --time seconds in a forked JVM, so the JIT compiles it \
            as it would a hot path. Shown for your code (the session's methods and the cell): allocations \
            eliminated by escape analysis (type, method, cell line) — the objects that never reach the \
            heap; eliminated locks; uncommon traps and deoptimizations with reasons; every compilation \
            with tier, size and time; and the inlining tree of each method's last C2 compilation with the \
            JVM's reason for each decision (inline (hot), too big, callee is too large, ...). Compare \
            runs with -jvmArgs "-XX:-DoEscapeAnalysis". application/json holds inlining[], \
            eliminated_allocations[] (type, method, line), eliminated_locks[], deopts[] and compilations[].""");



    /** The parsed request: the code to run and what to focus on. */
    private record Request(String body, int bodyFirstLine, MethodTarget focus, DriverOptions fork, boolean quick) {}

    private Request request(Invocation inv, MagicContext ctx, SessionSource session) throws UsageException {
        OptionParser parser = OPTIONS.parser(name(), HELP);
        OptionParser.Parsed p = parser.parse(inv.args());
        String body;
        int bodyFirstLine;
        if (inv.cellMagic()) {
            if (!p.positional().isEmpty()) throw parser.usage("unexpected argument " + p.positional().get(0) + " (the code goes in the cell body)");
            body = inv.body();
            bodyFirstLine = inv.bodyFirstLine();
        } else {
            body = String.join(" ", p.positional());
            bodyFirstLine = 1;
        }
        if (body.isBlank()) throw parser.usage("no code to run: put it in the cell body after %%jit");
        MethodTarget focus = null;
        if (p.get("--method").isPresent()) {
            focus = MethodTarget.parse(p.get("--method").get(), session);
            if (focus == null) throw parser.usage("--method: '" + p.get("--method").get() + "' is not a method name");
        }
        boolean quick = QuickMode.forced(ctx);
        return new Request(body, bodyFirstLine, focus, DriverOptions.read(p, quick ? 1 : 2), quick);
    }

    public JitMagic() {
        super("jit", HELP);
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        long t0 = System.nanoTime();
        SessionSource session = ctx.session();
        Request q = request(inv, ctx, session);
        String body = q.body();
        int bodyFirstLine = q.bodyFirstLine();
        MethodTarget focus = q.focus();
        DriverOptions fork = q.fork();
        boolean quick = q.quick();
        int seconds = fork.seconds();
        Jdk jdk = fork.jdk();
        List<String> userFlags = fork.userFlags();
        JitLog log;
        UserCode code;
        Path saved = null;
        try (Pipeline pl = Pipeline.open("jit", ctx, session, inv.executionCount())) {
            HarnessSource driver = DriverSource.generate(DRIVER, pl.session(), body, bodyFirstLine, inv.executionCount());
            Pipeline.Compiled classes = pl.compile(Pipeline.Harness.of(driver), jdk.feature());
            CompilationLog compilationLog = new CompilationLog();
            Pipeline.Forked f = pl.fork(jdk, classes, Pipeline.ForkPlan.driver(driver.className(), Duration.ofSeconds(seconds),
                    userFlags, Duration.ofSeconds(seconds + 60L), false), null, compilationLog);
            f.result().orThrow("the driver of the cell");
            log = compilationLog.parse(f);
            if (fork.save().isPresent()) saved = pl.outputFiles("jit").saveAs(compilationLog.file(f), fork.save().get());
            code = new UserCode(classes.cellLines(pl.session()), classes.classes());
        }
        ctx.cancel().check();

        MethodTarget f = focus;
        Predicate<MethodRef> filter = f == null ? null : m -> m.holder().equals(f.className()) && m.name().equals(f.method());
        JitReport report = JitReport.of(log, code, filter);

        List<String> warnings = warnings(report, focus, seconds, userFlags, quick);
        String title = "%jit" + (focus == null ? "" : " --method " + focus.display()) + " — " + jdk.label() + " — "
                + report.compilations().size() + " compilations, " + report.allocations().size() + " eliminated allocation sites, "
                + report.locks().size() + " eliminated locks, " + report.deopts().stream().mapToInt(JitReport.Deopt::count).sum()
                + " deoptimization events";
        List<String> notes = List.of("From -XX:+LogCompilation of a forked JVM that ran the cell for " + seconds + " s"
                + (userFlags.isEmpty() ? "" : " with " + String.join(" ", userFlags)) + "; total "
                + Math.round((System.nanoTime() - t0) / 1e6) + " ms."
                + (report.routineEvents() > 0 ? " Not listed: " + report.routineEvents() + " routine events "
                + "(C1 code replaced by C2 code, the driver loop ending)." : "")
                + (saved == null ? "" : " LogCompilation saved to " + OutputFiles.display(ctx, saved) + "."));
        ctx.output().display(JitRenderer.render(report, code, title, notes, warnings));
    }


    private static List<String> warnings(JitReport report, MethodTarget focus, int seconds, List<String> userFlags,
                                         boolean quick) {
        List<String> warnings = new ArrayList<>();
        if (report.compilations().isEmpty()) {
            warnings.add(focus == null ? "none of your methods was compiled in " + seconds + " s: is the code hot enough? (--time)"
                    : focus.display() + " was not compiled on its own in " + seconds + " s (it may only have been inlined "
                    + "into its callers; drop --method to see them)");
        } else if (report.compilations().stream().noneMatch(t -> t.level() == 4)) {
            warnings.add("no C2 (tier 4) compilation of your code within " + seconds + " s: escape analysis and most "
                    + "inlining happen there; allow more time with --time");
        }
        if (userFlags.stream().anyMatch(s -> s.equals("-XX:-DoEscapeAnalysis"))) {
            warnings.add("escape analysis is off (-XX:-DoEscapeAnalysis): no allocation can be eliminated");
        }
        if (quick) warnings.add("quick mode: the code ran " + seconds + " s");
        return warnings;
    }

    /** {@code -XX:+LogCompilation} into the fork's run directory, parsed after the run. */
    private static final class CompilationLog implements Instrument {
        static final String FILE = "compilation.log";

        @Override
        public List<String> jvmFlags(Path runDir) {
            return List.of("-Xmx256m", "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation",
                    "-XX:LogFile=" + runDir.resolve(FILE));
        }

        Path file(Pipeline.Forked f) {
            return f.runDir().resolve(FILE);
        }

        JitLog parse(Pipeline.Forked f) throws MagicException {
            Path file = file(f);
            if (!Files.isRegularFile(file)) {
                throw new MagicException("NoCompilationLog", "the forked JVM wrote no LogCompilation file", List.of(
                        "Does this JDK support -XX:+LogCompilation (HotSpot)? Flags: " + String.join(" ", f.flags())));
            }
            try {
                return LogCompilationParser.parse(file);
            } catch (IOException e) {
                throw new MagicException("NoCompilationLog", "cannot read the LogCompilation file: " + e.getMessage(), List.of());
            }
        }
    }
}

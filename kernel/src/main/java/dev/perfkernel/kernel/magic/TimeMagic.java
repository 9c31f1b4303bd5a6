package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicContext.CodeSnippet;
import dev.perfkernel.magics.api.MagicContext.SessionRun;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.UsageException;

import java.util.List;

/**
 * {@code %time CODE} and {@code %%time}: one run's wall time, CPU time and allocation in the
 * engine, measured by the engine's {@code CellTimer}.
 */
public final class TimeMagic implements Magic, CodeArguments {
    private static final String TIMER = "dev.perfkernel.engine.CellTimer";

    @Override
    public String name() {
        return "time";
    }

    @Override
    public MagicHelp help() {
        return new MagicHelp(List.of("%time CODE", "%%time"),
                "Runs the code once and prints its wall time, CPU time and bytes allocated, measured in the engine JVM.",
                List.of(), """
                        One run, no warm-up: the first run of new code includes class loading and interpretation,
                        so this answers "how long did that take", not "how fast is it" (use %bench for that).
                        CPU time and allocation are those of the engine thread running the cell; threads the
                        cell starts are not counted. Cells of statements and expressions are compiled before
                        the clock starts; cells that declare methods, classes or variables are timed around
                        JShell's evaluation, so their wall time includes compiling them (the output says so).""");
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        String code = inv.cellMagic() ? inv.body() : inv.rawArgs();
        if (code.isBlank()) throw new UsageException("%time: nothing to time", help().usage(name()));
        // A line form's code sits on the magic's own line; a cell form's body starts below it.
        int firstLine = inv.bodyFirstLine();
        List<CodeSnippet> snippets = ctx.snippets(code);
        if (snippets.isEmpty()) return;
        if (snippets.stream().noneMatch(CodeSnippet::declaration)) {
            // Compiled before the clock starts; if Java rejects the lambda form, time around JShell instead.
            String wrapped = wrapped(code, snippets.get(snippets.size() - 1));
            if (!ctx.snippets(wrapped).isEmpty()) {
                SessionRun r = ctx.run(wrapped, firstLine, null);
                if (r.ok() || !r.failure().name().equals("CompilationError")) {
                    ctx.reportOutcome(r);
                    return;
                }
            }
        }
        // Declarations must stay at the session's top level: time JShell's evaluation of them.
        SessionRun start = ctx.run(TIMER + ".start();", firstLine, null);
        if (!start.ok()) {
            ctx.reportOutcome(start);
            return;
        }
        SessionRun r = ctx.run(code, firstLine, null);
        if (!r.ok()) {
            ctx.reportOutcome(r);
            return;
        }
        SessionRun stop = ctx.run(TIMER + ".stop(true);", firstLine, null);
        ctx.reportOutcome(stop.ok() ? r : stop);
    }

    /** Statements, with an expression last, as one lambda the timer runs (and returns the value of). */
    static String wrapped(String code, CodeSnippet last) {
        if (!last.expression()) return TIMER + ".run(() -> { " + code + "\n});";
        String expr = last.source().stripTrailing();
        if (expr.endsWith(";")) expr = expr.substring(0, expr.length() - 1);
        return TIMER + ".value(() -> { " + code.substring(0, last.offset()) + " return " + expr + "\n;})";
    }
}

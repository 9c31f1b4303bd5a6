package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.UsageException;

import java.util.List;

/** {@code %time CODE} and {@code %%time}: one run's wall time, CPU time and allocation in the engine. */
public final class TimeMagic implements KernelMagic {
    private final KernelServices kernel;

    public TimeMagic(KernelServices kernel) {
        this.kernel = kernel;
    }

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
    public boolean takesCode() {
        return true;
    }

    @Override
    public ExecuteOutcome runInKernel(Invocation inv, MagicContext context, ExecutionSink sink) throws Exception {
        String code = inv.cellMagic() ? inv.body() : inv.rawArgs();
        if (code.isBlank()) throw new UsageException("%time: nothing to time", help().usage(name()));
        // A line form's code sits on the magic's own line; a cell form's body starts below it.
        return kernel.timeCode(code, inv.bodyFirstLine(), inv.executionCount(), sink);
    }
}

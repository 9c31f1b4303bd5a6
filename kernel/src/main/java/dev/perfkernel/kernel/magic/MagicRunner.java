package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.Magic;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.UsageException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one magic and turns whatever happens into a cell outcome: help on {@code --help},
 * usage errors without stack traces, {@link MagicException} as its own error name, an
 * interrupt as "interrupted", and anything else as a reported perfkernel bug (the stack
 * trace goes only to the kernel's log).
 */
public final class MagicRunner {
    private final MagicRegistry registry;

    public MagicRunner(MagicRegistry registry) {
        this.registry = registry;
    }

    public ExecuteOutcome run(Invocation inv, KernelMagicContext context, ExecutionSink sink) {
        String prefix = inv.cellMagic() ? "%%" : "%";
        Magic magic = registry.find(inv.name()).orElse(null);
        if (magic == null) {
            List<String> close = registry.closeNames(inv.name());
            String msg = "unknown magic " + prefix + inv.name()
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close.stream().map(n -> prefix + n).toList()) + "?");
            return ExecuteOutcome.failed("UsageError", msg, List.of("UsageError: " + msg, "%help lists every magic."));
        }
        boolean code = magic instanceof CodeArguments;
        if (!code) {
            try {
                ArgTokenizer.split(inv.rawArgs());
            } catch (UsageException e) {
                return error(e.errorName(), e.getMessage(), magic.help().usage(magic.name()).lines().toList());
            }
        }
        if (inv.args().contains("--help") || inv.args().contains("-h")) {
            sink.stream("stdout", magic.help().render(magic.name()));
            return ExecuteOutcome.ok(null);
        }
        try {
            magic.run(inv, context);
            return context.outcome();
        } catch (UsageException e) {
            return error(e.errorName(), e.getMessage(), e.details());
        } catch (MagicException e) {
            return error(e.errorName(), e.getMessage(), e.details());
        } catch (CancelToken.CancelledException e) {
            return error("KeyboardInterrupt", prefix + inv.name() + " was interrupted", List.of());
        } catch (InterruptedException e) {
            return error("KeyboardInterrupt", prefix + inv.name() + " was interrupted", List.of());
        } catch (Exception | LinkageError | AssertionError e) {
            if (context.cancel().isCancelled())
                return error("KeyboardInterrupt", prefix + inv.name() + " was interrupted", List.of());
            System.err.println("perfkernel: magic " + prefix + inv.name() + " failed:");
            e.printStackTrace();
            String msg = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return error(e.getClass().getName(), msg, List.of(
                    "This is a bug in perfkernel's " + prefix + inv.name() + " magic, not in your code;",
                    "the kernel's log has the stack trace. Please report it."));
        }
    }

    private static ExecuteOutcome error(String ename, String message, List<String> details) {
        List<String> tb = new ArrayList<>();
        tb.add(ename + ": " + message);
        tb.addAll(details);
        return ExecuteOutcome.failed(ename, message, tb);
    }
}

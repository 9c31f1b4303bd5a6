package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MagicContext;

/**
 * A magic built into the kernel that can run code in the session and so yields a cell outcome
 * (a value or an error) rather than only output.
 */
public interface KernelMagic extends dev.perfkernel.magics.api.Magic {

    /** True when the arguments are Java code (as for %time): quotes in them are not shell quotes. */
    default boolean takesCode() {
        return false;
    }

    ExecuteOutcome runInKernel(Invocation invocation, MagicContext context, ExecutionSink sink) throws Exception;

    @Override
    default void run(Invocation invocation, MagicContext context) throws Exception {
        throw new UnsupportedOperationException("%" + name() + " runs only inside the kernel");
    }
}

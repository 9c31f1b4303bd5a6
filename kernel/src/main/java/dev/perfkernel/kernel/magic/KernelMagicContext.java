package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The {@link MagicContext} of one magic run in the kernel. */
public final class KernelMagicContext implements MagicContext {
    private final Supplier<SessionSource> session;
    private final List<Path> classpath;
    private final Output output;
    private final CancelToken cancel;
    private final Path workingDirectory;
    private final BiConsumer<String, String> publisher;

    public KernelMagicContext(Supplier<SessionSource> session, List<Path> classpath, Output output,
                              CancelToken cancel, Path workingDirectory, BiConsumer<String, String> publisher) {
        this.session = session;
        this.classpath = List.copyOf(classpath);
        this.output = output;
        this.cancel = cancel;
        this.workingDirectory = workingDirectory;
        this.publisher = publisher;
    }

    @Override
    public SessionSource session() {
        return session.get();
    }

    @Override
    public List<Path> classpath() {
        return classpath;
    }

    @Override
    public Output output() {
        return output;
    }

    @Override
    public CancelToken cancel() {
        return cancel;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public void publish(String variable, String json) {
        publisher.accept(variable, json);
    }
}

package dev.perfkernel.magics.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Keeps a fork's whole output (bounded) for a parser that reads what the JVM printed (PrintAssembly),
 * with the JVM flags that make it print, and ends a driver early once {@code stopWhen} has seen what it
 * waits for.
 */
public final class OutputCapture implements Instrument {
    /** Output kept from the fork; PrintAssembly of one method is far smaller. */
    public static final int MAX_CHARS = 32 * 1024 * 1024;

    private final List<String> flags;
    private final BiPredicate<String, CharSequence> stopWhen;
    private final StringBuilder out = new StringBuilder();
    private boolean truncated;
    private boolean stopped;

    /** @param stopWhen sees each line and the output so far; true ends the driver (may be null) */
    public OutputCapture(List<String> flags, BiPredicate<String, CharSequence> stopWhen) {
        this.flags = List.copyOf(flags);
        this.stopWhen = stopWhen;
    }

    @Override
    public List<String> jvmFlags(Path runDir) {
        return flags;
    }

    @Override
    public synchronized boolean onLine(String line) {
        if (out.length() + line.length() < MAX_CHARS) out.append(line).append('\n');
        else truncated = true;
        if (stopped || stopWhen == null || !stopWhen.test(line, out)) return false;
        stopped = true;
        return true;
    }

    public synchronized String text() {
        return out.toString();
    }

    /** True when output beyond {@link #MAX_CHARS} was dropped. */
    public synchronized boolean truncated() {
        return truncated;
    }
}

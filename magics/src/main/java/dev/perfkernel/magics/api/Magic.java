package dev.perfkernel.magics.api;

/**
 * A command a notebook cell can start with: {@code %name args} (line magic, the rest of the
 * cell runs as ordinary code afterwards) or {@code %%name args} (cell magic, the body is the
 * magic's input). Implementations are found with {@link java.util.ServiceLoader}; register
 * them in {@code META-INF/services/dev.perfkernel.magics.api.Magic}.
 */
public interface Magic {

    /** The name after the percent signs, e.g. {@code bench}. */
    String name();

    /** Other names that invoke this magic, e.g. {@code jars} for {@code classpath}. */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    /** Usage, options and explanation; shown by {@code %help NAME} and on bad options. */
    MagicHelp help();

    /**
     * Runs the magic. Results go to {@link MagicContext#output()}. A bad option throws
     * {@link UsageException}; any other failure the user should read throws
     * {@link MagicException}. Must return promptly once {@link MagicContext#cancel()} fires.
     */
    void run(Invocation invocation, MagicContext context) throws Exception;
}

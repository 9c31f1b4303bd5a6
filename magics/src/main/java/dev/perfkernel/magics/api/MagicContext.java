package dev.perfkernel.magics.api;

import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the kernel lends a magic while it runs. The methods with defaults are what only a
 * kernel can do (run code in the session, change its class path); outside a kernel they
 * fail with a clear {@link MagicException}, so a magic never needs a special path.
 */
public interface MagicContext {

    /**
     * The session's active snippets as one compilation unit. Computed on first use and reused
     * until the session changes, so calling it several times in one cell costs one build.
     */
    SessionSource session();

    /**
     * The class path measuring forks need beyond the JDK: the kernel's display classes that
     * session snippets may use, then the jars added with %classpath / %maven, in that order.
     */
    List<Path> classpath();

    /** Where results, progress and text go. */
    Output output();

    /** Fires when the user interrupts the cell. */
    CancelToken cancel();

    /** The notebook's working directory: where saved files (--save, logs, .jfr) go. */
    Path workingDirectory();

    /**
     * Declares a result variable: makes a result available to later cells as a variable of the
     * session, holding the given JSON document (see the README for the type). Does nothing when
     * unsupported; problems are reported on stderr, never thrown.
     */
    default void publish(String variable, String json) {
    }

    /** The kernel's settings that magics honour (for example the quick-mode variable). */
    default String setting(String name, Supplier<String> fallback) {
        String v = System.getenv(name);
        return v == null ? fallback.get() : v;
    }

    /**
     * Runs Java code in the session exactly as a cell would: its declarations stay, its output
     * is streamed, its errors point at cell lines. Does not throw for errors in the code; they
     * are in the returned run.
     *
     * @param firstLine the cell line of the code's first line (for error positions)
     * @param origin    a label for errors when the code is not from the cell (a file name), or null
     * @throws MagicException when there is no session to run code in
     */
    default SessionRun run(String code, int firstLine, String origin) throws MagicException {
        throw new MagicException("Unsupported", "running code in the session needs the kernel", List.of());
    }

    /**
     * Makes a run the cell's own outcome: its value becomes the cell's result, its error the
     * cell's error (instead of the magic's output alone).
     */
    default void reportOutcome(SessionRun run) {
    }

    /**
     * How the session would split {@code code} into snippets, without running it; empty for
     * code with nothing to run.
     *
     * @throws MagicException when there is no session to ask
     */
    default List<CodeSnippet> snippets(String code) throws MagicException {
        throw new MagicException("Unsupported", "analysing code needs the kernel's session", List.of());
    }

    /**
     * Adds jars or class folders to the session now and to every later measuring fork (and
     * re-adds them when the engine restarts). Entries already added are skipped.
     */
    default void addToClasspath(List<Path> entries) throws MagicException {
        throw new MagicException("Unsupported", "changing the class path needs the kernel", List.of());
    }

    /** Only what the user added with %classpath / %maven, in order. */
    default List<Path> addedClasspath() {
        return classpath();
    }

    /**
     * What running code in the session ended with.
     *
     * @param value   the last expression's value as the cell would show it, or null
     * @param failure why the code stopped, or null when it ran to the end
     */
    record SessionRun(MimeBundle value, Failure failure) {
        public boolean ok() {
            return failure == null;
        }

        public static SessionRun failed(String name, String message, List<String> traceback) {
            return new SessionRun(null, new Failure(name, message, traceback));
        }
    }

    /** A run's error as the cell shows it: {@code ename}, {@code evalue} and traceback lines. */
    record Failure(String name, String message, List<String> traceback) {
        public Failure {
            traceback = List.copyOf(traceback);
        }
    }

    /**
     * One snippet of code as the session would evaluate it.
     *
     * @param source      the snippet's text
     * @param offset      where it starts in the analysed code
     * @param declaration true if it declares something (a variable, method, type or import) and
     *                    so must stay at the session's top level
     * @param expression  true if it is an expression, whose value a cell would show
     */
    record CodeSnippet(String source, int offset, boolean declaration, boolean expression) {}
}

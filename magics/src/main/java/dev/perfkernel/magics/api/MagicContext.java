package dev.perfkernel.magics.api;

import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** What the kernel lends a magic while it runs. */
public interface MagicContext {

    /** The session's active snippets as one compilation unit (computed on demand). */
    SessionSource session();

    /** Jars added with %classpath / %maven, in the order they were added. */
    List<Path> classpath();

    /** Where results, progress and text go. */
    Output output();

    /** Fires when the user interrupts the cell. */
    CancelToken cancel();

    /** The notebook's working directory: where saved files (--save, logs, .jfr) go. */
    Path workingDirectory();

    /**
     * Makes a result available to later cells as a variable of the session, holding the
     * given JSON document (see the README for the type). Does nothing when unsupported.
     */
    default void publish(String variable, String json) {
    }

    /** The kernel's settings that magics honour (for example the quick-mode variable). */
    default String setting(String name, Supplier<String> fallback) {
        String v = System.getenv(name);
        return v == null ? fallback.get() : v;
    }
}

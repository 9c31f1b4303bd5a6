package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.api.MagicContext.CodeSnippet;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.List;

/** What the kernel's {@link KernelMagicContext} asks of the JShell session behind it. */
public interface KernelServices {

    /** The session's snippets as one compilation unit (memoised by the session). */
    SessionSource sessionSource();

    /** The class path measuring forks need: the engine's display classes, then the added entries. */
    List<Path> forkClasspath();

    /** Entries added with %classpath / %maven. */
    List<Path> addedClasspath();

    /** Adds entries to the engine's class path and records them for measuring forks. */
    void addToClasspath(List<Path> entries) throws MagicException;

    /**
     * Runs Java code as a cell would.
     *
     * @param firstLine the cell line of the code's first line (for error positions)
     * @param origin    a label for errors when the code is not from the cell (a file name), or null
     */
    ExecuteOutcome runCode(String code, int firstLine, int executionCount, String origin);

    /** How the session would split code into snippets. */
    List<CodeSnippet> snippets(String code) throws MagicException;

    /** Declares a session variable holding a JSON result. */
    void publish(String variable, String json);
}

package dev.perfkernel.kernel.magic;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import dev.perfkernel.magics.api.MagicException;

import java.nio.file.Path;
import java.util.List;

/** What the kernel's own magics need from the backend. */
public interface KernelServices {

    MagicRegistry registry();

    /** Adds entries to the engine's class path and records them for measuring forks. */
    void addToClasspath(List<Path> entries) throws MagicException;

    List<Path> classpath();

    /**
     * Runs Java code as a cell would.
     *
     * @param firstLine  the cell line of the code's first line (for error positions)
     * @param origin     a label for errors when the code is not from the cell (a file name), or null
     */
    ExecuteOutcome runCode(String code, int firstLine, int executionCount, String origin, ExecutionSink sink);

    /** Runs Java code once and prints its wall time, CPU time and allocation measured in the engine. */
    ExecuteOutcome timeCode(String code, int firstLine, int executionCount, ExecutionSink sink);

    /** The notebook's directory (the kernel's working directory). */
    Path workingDirectory();
}

package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.HarnessCompiler;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Compiles the session and a {@link DriverSource} into a workspace and runs it in a forked JVM
 * with the given flags, keeping its whole output (bounded) and letting a watcher end the run
 * early by dropping the stop file once it has seen what it waits for.
 */
public final class DriverRun {
    /** Output kept from the fork; PrintAssembly of one method is far smaller. */
    static final int MAX_OUTPUT_CHARS = 32 * 1024 * 1024;

    private DriverRun() {
    }

    /** What the fork printed and how it ended. */
    public record Result(String output, ForkResult fork, boolean truncated) {}

    /** Where a compiled driver's classes are, and the directory it runs in. */
    public record Compiled(Path classes, Path runDir) {}

    /**
     * Compiles a driver against the session into the workspace's {@code classes/} and makes its
     * run directory {@code run/}; shared by every magic that runs a driver main ({@code %disasm},
     * {@code %jit}, {@code %profile}).
     */
    public static Compiled compile(MagicContext ctx, Workspace ws, Jdk jdk, HarnessSource driver, int executionCount)
            throws MagicException {
        Path classes;
        Path runDir;
        try {
            classes = ws.subdir("classes");
            runDir = ws.subdir("run");
        } catch (IOException e) {
            throw new MagicException("WorkspaceFailed", "cannot prepare a temp directory: " + e.getMessage(), List.of());
        }
        new HarnessCompiler().session(ctx.session()).source(driver).classpath(ctx.classpath())
                .target(jdk.feature()).output(classes).executionCount(executionCount).compile();
        ctx.cancel().check();
        return new Compiled(classes, runDir);
    }

    /**
     * @param ws       the workspace (the caller closes it); classes go to {@code ws/classes}
     * @param budget   how long the driver calls the body at most
     * @param watcher  sees each output line and the output so far; returns true to stop the driver
     */
    public static Result run(MagicContext ctx, Workspace ws, Jdk jdk, HarnessSource driver, int executionCount,
                             List<String> jvmFlags, Duration budget, BiPredicate<String, CharSequence> watcher)
            throws MagicException {
        Compiled compiled = compile(ctx, ws, jdk, driver, executionCount);
        Path classes = compiled.classes();
        Path runDir = compiled.runDir();
        Path stop = runDir.resolve("stop");
        StringBuilder out = new StringBuilder();
        boolean[] truncated = {false};
        boolean[] stopped = {false};
        List<Path> cp = new ArrayList<>();
        cp.add(classes);
        cp.addAll(ctx.classpath());
        ForkResult r = ForkedJvm.builder(jdk)
                .jvmFlags(jvmFlags)
                .classpath(Classpaths.join(cp))
                .mainClass(driver.className())
                .arg(Long.toString(budget.toMillis()))
                .arg(stop.toString())
                .workingDirectory(runDir)
                .timeLimit(budget.plus(Duration.ofSeconds(60)))
                .cancel(ctx.cancel())
                .tailChars(16 * 1024)
                .onLine(line -> {
                    synchronized (out) {
                        if (out.length() + line.length() < MAX_OUTPUT_CHARS) out.append(line).append('\n');
                        else truncated[0] = true;
                        if (!stopped[0] && watcher != null && watcher.test(line, out)) {
                            stopped[0] = true;
                            try {
                                Files.writeString(stop, "stop");
                            } catch (IOException ignored) {
                                // the budget ends the run anyway
                            }
                        }
                    }
                })
                .run();
        r.orThrow("the driver of the cell");
        synchronized (out) {
            return new Result(out.toString(), r, truncated[0]);
        }
    }
}

package dev.perfkernel.kernel.shell;

import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.UsageException;

import java.util.List;
import java.util.Map;

/**
 * How the engine JVM is started, from the environment:
 * {@code PERFKERNEL_ENGINE_OPTS} (JVM options of the engine, split like a shell splits words but
 * never given to a shell; default {@value #DEFAULT_ENGINE_OPTS}) and {@code PERFKERNEL_COMPILER_OPTS}
 * (javac options for JShell, e.g. {@code --enable-preview --release 25}). The engine runs on the
 * JDK that runs the kernel (the launcher honours {@code PERFKERNEL_JAVA_HOME}).
 */
record EngineSettings(List<String> engineOptions, List<String> compilerOptions) {

    /**
     * Serial GC keeps the idle engine small (it only runs notebook code; measuring magics fork
     * their own JVMs with their own flags); a 1 GB cap makes a runaway cell fail with an
     * OutOfMemoryError quickly instead of swapping the machine.
     */
    static final String DEFAULT_ENGINE_OPTS = "-Xmx1g -XX:+UseSerialGC";

    static EngineSettings fromEnvironment(Map<String, String> env) {
        return new EngineSettings(split(env.getOrDefault("PERFKERNEL_ENGINE_OPTS", DEFAULT_ENGINE_OPTS)),
                split(env.getOrDefault("PERFKERNEL_COMPILER_OPTS", "")));
    }

    private static List<String> split(String s) {
        try {
            return ArgTokenizer.split(s);
        } catch (UsageException e) {
            System.err.println("perfkernel: ignoring badly quoted options '" + s + "': " + e.getMessage());
            return List.of();
        }
    }
}

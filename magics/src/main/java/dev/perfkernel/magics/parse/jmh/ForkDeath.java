package dev.perfkernel.magics.parse.jmh;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why one of JMH's measured JVMs ended before its work was done, read from JMH's console output.
 * JMH itself only says "Benchmark caught the exception" at the end; the real cause is a marker it
 * prints beside the iteration that was running.
 */
public final class ForkDeath {
    private static final Pattern EXIT_CODE = Pattern.compile("<forked VM failed with exit code (-?\\d+)>");
    /** JMH prints warm-up iterations as {@code # Warmup Iteration   1:} and measured ones as {@code Iteration   1:}. */
    private static final Pattern ITERATION = Pattern.compile("^(# Warmup )?Iteration\\s+(\\d+):");
    private static final String PREMATURE = "VM prematurely exited before JMH had finished with it";

    private ForkDeath() {
    }

    /** A headline for the user, or empty when no forked JVM died in this output. */
    public static Optional<String> find(List<String> output) {
        for (String line : output) {
            Matcher m = EXIT_CODE.matcher(line);
            if (m.find()) {
                return Optional.of("the benchmark's forked JVM exited with code " + m.group(1)
                        + " (Runtime.halt, a native crash or the OS killed it)" + during(line));
            }
            if (line.contains(PREMATURE)) {
                return Optional.of("the benchmark's forked JVM exited before JMH had finished with it: "
                        + "System.exit was called" + during(line));
            }
        }
        return Optional.empty();
    }

    /** {@code # Warmup Iteration   1: <...>} → {@code  during warm-up iteration 1}. */
    private static String during(String line) {
        Matcher m = ITERATION.matcher(line.strip());
        if (!m.find()) return "";
        return " during " + (m.group(1) != null ? "warm-up " : "measurement ") + "iteration " + m.group(2);
    }
}

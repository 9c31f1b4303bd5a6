package dev.perfkernel.magics.pipeline;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JMH's own command-line parser ({@link CommandLineOptions}) as the judge of JMH options: which
 * words are JMH options, whether they take a value, and whether a set of them is valid. Asking the
 * parser itself keeps %bench in step with the JMH version on the classpath, instead of a
 * hand-written list that falls behind ({@code -foe}, {@code -opi}, {@code -bs}, {@code -si}...).
 */
public final class JmhCommandLine {
    /** What a word is to JMH's parser. */
    public enum Kind { FLAG, VALUE, UNKNOWN }

    /** JMH options that would break the run %bench sets up, with what to do instead. */
    public static final Map<String, String> REFUSED = Map.of(
            "-rf", "%bench writes JMH's JSON result itself; use --save FILE",
            "-rff", "%bench writes JMH's JSON result itself; use --save FILE",
            "-jvm", "use --jvm SPEC (a feature version such as 17, or a JDK home)",
            "-l", "listing benchmarks runs nothing; the cell's benchmarks are its @Benchmark methods",
            "-lp", "listing benchmarks runs nothing; the cell's benchmarks are its @Benchmark methods",
            "-lrf", "%bench always uses JMH's JSON result format",
            "-lprof", "see JMH's profilers with `java -jar jmh.jar -lprof`; %bench takes -prof NAME",
            "-h", "use --help");

    private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();

    private JmhCommandLine() {
    }

    /**
     * Asks JMH's parser: a value option alone fails with "Option NAME requires an argument"; a flag
     * parses alone and sets what it asks for (help, a listing). The exact name is checked because
     * the parser also reads {@code -fx} as {@code -f x} and {@code -efoo} as {@code -e foo}.
     */
    public static Kind kind(String word) {
        if (!word.matches("-[A-Za-z]+")) return Kind.UNKNOWN;
        return KINDS.computeIfAbsent(word, w -> {
            try {
                CommandLineOptions c = new CommandLineOptions(w);
                boolean flag = c.shouldHelp() || c.shouldList() || c.shouldListWithParams() || c.shouldListProfilers()
                        || c.shouldListResultFormats();
                return flag ? Kind.FLAG : Kind.UNKNOWN;
            } catch (CommandLineOptionException e) {
                String m = String.valueOf(e.getMessage());
                return m.contains("Option " + w.substring(1) + " requires an argument") ? Kind.VALUE : Kind.UNKNOWN;
            }
        });
    }

    /** JMH's complaint about these arguments, or empty when its parser accepts them. */
    static Optional<String> problem(List<String> args) {
        try {
            CommandLineOptions cli = new CommandLineOptions(args.toArray(String[]::new));
            if (!cli.getIncludes().isEmpty()) {
                return Optional.of("unexpected '" + cli.getIncludes().get(0) + "': the benchmarks are the cell's");
            }
            return Optional.empty();
        } catch (CommandLineOptionException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}

package dev.perfkernel.magics.harness;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs F forks of every benchmark as F rounds of one fork each, alternating the order of the
 * benchmarks from round to round (a b, b a, a b...), instead of JMH's all forks of a, then all of
 * b. A change of machine load during the run then falls on every benchmark alike rather than on
 * whichever ran while it lasted, and the alternation cancels a steady drift.
 *
 * <p>Each (round, benchmark) is one JMH run of one fork, written to its own part file
 * ({@link #partFile}); the kernel merges the parts into one JMH result. The merge happens there, not
 * here, because this JVM's class path is the measured forks' class path too (JMH forks inherit it),
 * and it should hold nothing but JMH and the cell's classes. JMH always runs the benchmarks it finds
 * in name order, and its includes add to the parent options' includes, so one benchmark is picked by
 * excluding the others.
 */
public final class InterleavedForks {
    /** The line printed before each part; {@code JmhProgress} reads it to count forks across rounds. */
    public static final String ROUND_LINE = "# perfkernel: round %d of %d, part %d of %d: %s";

    private InterleavedForks() {
    }

    /** {@code result.json} → {@code result.part3.json}. */
    public static String partFile(String result, int part) {
        int dot = result.lastIndexOf('.');
        String stem = dot > 0 ? result.substring(0, dot) : result;
        return stem + ".part" + part + ".json";
    }

    /**
     * Runs {@code forks} rounds over the benchmarks {@code base} selects. Warm-up forks ({@code -wf})
     * run in the first round only: they exist to warm the machine, not each round. A benchmark that
     * produced no result (it threw, with {@code -foe false}) is left out of later rounds.
     */
    static void run(Options base, int forks, String result) throws RunnerException {
        List<String> names = benchmarks(base);
        if (names.isEmpty()) {
            new Runner(base).run(); // nothing matched: JMH says so in its own words
            return;
        }
        List<String> remaining = new ArrayList<>(names);
        int part = 0;
        for (int round = 1; round <= forks; round++) {
            List<String> order = new ArrayList<>(remaining);
            if (round % 2 == 0) Collections.reverse(order);
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                part++;
                // the parts still to come shrink when a benchmark drops out
                int parts = part + (order.size() - i - 1) + (forks - round) * remaining.size();
                System.out.println(String.format(ROUND_LINE, round, forks, part, parts, name));
                OptionsBuilder b = new OptionsBuilder();
                b.parent(base).forks(1).result(partFile(result, part));
                if (round > 1) b.warmupForks(0);
                for (String other : names) if (!other.equals(name)) b.exclude("^" + Pattern.quote(other) + "$");
                Collection<RunResult> got = new Runner(b.build()).run();
                if (got.isEmpty()) remaining.remove(name);
            }
        }
    }

    /** The benchmarks' full names, in JMH's order. */
    private static List<String> benchmarks(Options base) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                base.getIncludes(), base.getExcludes())) {
            names.add(e.getUsername());
        }
        return List.copyOf(names);
    }
}

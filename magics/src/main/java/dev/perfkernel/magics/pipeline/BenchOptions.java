package dev.perfkernel.magics.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The settings of one %bench run, after presets and checks.
 *
 * @param forks             JMH {@code -f}
 * @param warmupIterations  JMH {@code -wi}
 * @param iterations        JMH {@code -i}
 * @param warmupTime        JMH {@code -w}, e.g. {@code 1s}
 * @param measurementTime   JMH {@code -r}
 * @param mode              {@code avgt}, {@code thrpt}, {@code sample} or {@code ss}
 * @param timeUnit          {@code ns}, {@code us}, {@code ms} or {@code s}
 * @param params            {@code -p name=v1,v2}: values per {@code @Param} field, in the order given
 * @param threads           JMH {@code -t}
 * @param profilers         JMH {@code -prof} specs, e.g. {@code gc}
 * @param jvmArgs           flags for the measured JVMs (nothing else is passed)
 * @param jvms              {@code --jvm} specs (empty: the kernel's own JDK)
 * @param quick             the quick preset was used (by {@code --quick} or PERFKERNEL_QUICK)
 * @param baseline          {@code --baseline} benchmark name, or null
 * @param save              {@code --save} file, or null
 * @param compare           {@code --compare} file, or null
 * @param budgets           {@code --budget} expressions
 * @param timeoutSeconds    {@code --timeout}, or 0 for a limit computed from the settings
 * @param emptyReference    whether to measure an empty benchmark for the near-empty warning
 * @param variable          the session variable that receives the report ({@code -o NAME}; default {@code _bench})
 * @param jmhExtra          the other JMH options as typed ({@code -foe false}, {@code -opi 10}, {@code -bs 100}...),
 *                          validated by JMH's own parser and passed to JMH unchanged
 */
public record BenchOptions(int forks, int warmupIterations, int iterations, String warmupTime, String measurementTime,
                           String mode, String timeUnit, Map<String, List<String>> params, int threads,
                           List<String> profilers, List<String> jvmArgs, List<String> jvms, boolean quick,
                           String baseline, String save, String compare, List<String> budgets, int timeoutSeconds,
                           boolean emptyReference, String variable, List<String> jmhExtra) {

    public BenchOptions {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        profilers = List.copyOf(profilers);
        jvmArgs = List.copyOf(jvmArgs);
        jvms = List.copyOf(jvms);
        budgets = List.copyOf(budgets);
        jmhExtra = List.copyOf(jmhExtra);
    }

    /** Without other JMH options. */
    public BenchOptions(int forks, int warmupIterations, int iterations, String warmupTime, String measurementTime,
                        String mode, String timeUnit, Map<String, List<String>> params, int threads,
                        List<String> profilers, List<String> jvmArgs, List<String> jvms, boolean quick,
                        String baseline, String save, String compare, List<String> budgets, int timeoutSeconds,
                        boolean emptyReference, String variable) {
        this(forks, warmupIterations, iterations, warmupTime, measurementTime, mode, timeUnit, params, threads,
                profilers, jvmArgs, jvms, quick, baseline, save, compare, budgets, timeoutSeconds, emptyReference,
                variable, List.of());
    }

    /** JMH's command-line options for these settings (the include pattern and result file are added by the caller). */
    public List<String> jmhArguments() {
        List<String> a = new java.util.ArrayList<>(List.of("-f", Integer.toString(forks), "-wi",
                Integer.toString(warmupIterations), "-i", Integer.toString(iterations), "-w", warmupTime, "-r",
                measurementTime, "-bm", mode, "-tu", timeUnit, "-t", threads < 0 ? "max" : Integer.toString(threads)));
        // fail on error unless the user said otherwise: a failing benchmark must fail the cell
        if (!jmhExtra.contains("-foe")) a.addAll(List.of("-foe", "true"));
        params.forEach((k, v) -> {
            a.add("-p");
            a.add(k + "=" + String.join(",", v));
        });
        for (String p : profilers) {
            a.add("-prof");
            a.add(p);
        }
        a.addAll(jmhExtra);
        return a;
    }

    /** Whether JMH's gc profiler runs (so B/op is known). */
    public boolean gcProfiler() {
        return profilers.stream().anyMatch(p -> p.equals("gc") || p.startsWith("gc:"));
    }

    /** Wall time of warm-up plus measurement per benchmark and parameter combination, in ms. */
    public long configuredMillisPerCombination() {
        return (long) forks * (warmupIterations * BenchOptionParser.millis(warmupTime)
                + iterations * BenchOptionParser.millis(measurementTime));
    }

    /** {@code 3 forks × 5 iterations}. */
    public String samplingText() {
        return forks + (forks == 1 ? " fork" : " forks") + " × " + iterations
                + (iterations == 1 ? " iteration" : " iterations");
    }
}

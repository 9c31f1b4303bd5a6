package dev.perfkernel.magics.bench;

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
 */
public record BenchOptions(int forks, int warmupIterations, int iterations, String warmupTime, String measurementTime,
                           String mode, String timeUnit, Map<String, List<String>> params, int threads,
                           List<String> profilers, List<String> jvmArgs, List<String> jvms, boolean quick,
                           String baseline, String save, String compare, List<String> budgets, int timeoutSeconds,
                           boolean emptyReference, String variable) {

    public BenchOptions {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        profilers = List.copyOf(profilers);
        jvmArgs = List.copyOf(jvmArgs);
        jvms = List.copyOf(jvms);
        budgets = List.copyOf(budgets);
    }

    /** JMH's command-line options for these settings (the include pattern and result file are added by the caller). */
    public List<String> jmhArguments() {
        List<String> a = new java.util.ArrayList<>(List.of("-f", Integer.toString(forks), "-wi",
                Integer.toString(warmupIterations), "-i", Integer.toString(iterations), "-w", warmupTime, "-r",
                measurementTime, "-bm", mode, "-tu", timeUnit, "-t", Integer.toString(threads), "-foe", "true"));
        params.forEach((k, v) -> {
            a.add("-p");
            a.add(k + "=" + String.join(",", v));
        });
        for (String p : profilers) {
            a.add("-prof");
            a.add(p);
        }
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

package dev.perfkernel.magics.parse.jmh;

import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result file: one benchmark method with one parameter combination.
 *
 * @param benchmark  the fully qualified name, e.g. {@code perfkernel.bench.CellBenchmark.bench}
 * @param mode       {@code avgt}, {@code thrpt}, {@code sample} or {@code ss}
 * @param params     {@code @Param} values in declaration order (empty when none)
 * @param primary    the score
 * @param secondary  secondary metrics by name (e.g. {@code gc.alloc.rate.norm}), in JMH's order
 */
public record JmhResult(String jmhVersion, String benchmark, String mode, int threads, int forks, String jvm,
                        List<String> jvmArgs, String jdkVersion, String vmName, String vmVersion,
                        int warmupIterations, String warmupTime, int measurementIterations, String measurementTime,
                        Map<String, String> params, JmhMetric primary, Map<String, JmhMetric> secondary) {

    public JmhResult {
        jvmArgs = List.copyOf(jvmArgs);
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        secondary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondary));
    }

    /** The method name alone, e.g. {@code bench}. */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(dot + 1);
    }

    /** The class's simple name, e.g. {@code CellBenchmark}. */
    public String simpleClassName() {
        String cls = benchmark.lastIndexOf('.') < 0 ? "" : benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** {@code n=10, size=big}, or empty. */
    public String paramsText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Bytes allocated per operation from JMH's gc profiler, or NaN without {@code -prof gc}. */
    public double allocatedBytesPerOp() {
        JmhMetric m = secondary.get("gc.alloc.rate.norm");
        return m == null ? Double.NaN : m.score();
    }
}

package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.parse.jmh.JmhMetric;
import dev.perfkernel.magics.parse.jmh.JmhResult;

import java.util.Map;

/**
 * One measured row: a benchmark method with one parameter combination on one JDK.
 *
 * @param jdk     a short JDK label, e.g. {@code JDK 17}
 * @param feature the JDK's feature version
 * @param result  JMH's result for it
 */
public record BenchRow(String jdk, int feature, JmhResult result) {

    public String name() {
        return result.method();
    }

    public Map<String, String> params() {
        return result.params();
    }

    public JmhMetric primary() {
        return result.primary();
    }

    /** Same benchmark and parameters (the JDK may differ). */
    public boolean sameCase(BenchRow o) {
        return name().equals(o.name()) && params().equals(o.params());
    }

    /** {@code bench}, {@code sum (n=10)}, plus {@code @JDK 25} when several JDKs ran. */
    public String label(boolean withJdk) {
        String p = result.paramsText();
        return name() + (p.isEmpty() ? "" : " (" + p + ")") + (withJdk ? " @" + jdk : "");
    }
}

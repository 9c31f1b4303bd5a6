package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.parse.jfr.AllocationProfile;
import dev.perfkernel.magics.parse.jmh.JmhResult;

import java.util.Map;

/**
 * Everything %alloc learned about one benchmark (and parameter combination) on one JDK.
 *
 * @param jdkLabel      e.g. {@code JDK 17}
 * @param jmh           the JMH result with the gc profiler's metrics
 * @param noEscape      the same benchmark with {@code -XX:-DoEscapeAnalysis}, or null
 * @param exact         the instrumented run's counts, or null when it could not run
 * @param sampled       JFR's allocation samples of this benchmark's forks (all parameter values), or null
 */
record BenchmarkAllocations(String jdkLabel, JmhResult jmh, JmhResult noEscape, ExactAllocationRun.Result exact,
                            AllocationProfile sampled) {

    String method() {
        return jmh.method();
    }

    Map<String, String> params() {
        return jmh.params();
    }

    /** B/op after the JIT (JMH's gc.alloc.rate.norm); NaN when unknown. */
    double bytesPerOp() {
        return jmh.allocatedBytesPerOp();
    }

    double noEscapeBytesPerOp() {
        return noEscape == null ? Double.NaN : noEscape.allocatedBytesPerOp();
    }

    double allocsPerOp() {
        return exact == null ? Double.NaN : exact.allocsPerOp();
    }

    double requestedBytesPerOp() {
        return exact == null ? Double.NaN : exact.bytesPerOp();
    }

    /** A row label: {@code bench} or {@code bench (n=10)}. */
    String label() {
        String p = jmh.paramsText();
        return p.isEmpty() ? method() : method() + " (" + p + ")";
    }
}

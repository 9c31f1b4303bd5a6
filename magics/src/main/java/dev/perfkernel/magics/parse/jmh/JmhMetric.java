package dev.perfkernel.magics.parse.jmh;

import java.util.List;

/**
 * One metric of a JMH result (the primary score or a secondary such as {@code gc.alloc.rate.norm}).
 *
 * @param score      JMH's score (the mean over all measurement iterations of all forks)
 * @param error      half-width of JMH's 99.9% confidence interval; NaN when JMH could not compute one
 * @param unit       e.g. {@code ns/op}, {@code ops/s}, {@code B/op}
 * @param perFork    per-iteration values, one list per fork (JMH's {@code rawData}; for
 *                   {@code sample} mode each iteration's mean from {@code rawDataHistogram})
 */
public record JmhMetric(double score, double error, String unit, List<List<Double>> perFork) {

    public JmhMetric {
        perFork = perFork.stream().map(List::copyOf).toList();
    }

    /** All per-iteration values, forks concatenated: the samples for significance tests. */
    public double[] samples() {
        return perFork.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    public int forks() {
        return perFork.size();
    }

    /** Iterations per fork (of the first fork). */
    public int iterationsPerFork() {
        return perFork.isEmpty() ? 0 : perFork.get(0).size();
    }

    /** Error as a fraction of the score, NaN when unknown. */
    public double relativeError() {
        return score == 0 ? Double.NaN : error / Math.abs(score);
    }
}

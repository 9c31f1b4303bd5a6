package dev.perfkernel.magics.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded percentile bootstrap of the ratio of two medians, resampling whole units (forks) on
 * each side independently. The seed makes the interval reproducible: the same data give the same
 * interval on every re-render.
 *
 * <p>Used where each side has many forks (10 or more, as in {@code bench/bench_vs_jmh}); with
 * fewer, its interval is too narrow and {@link ForkComparison}'s Student's t is the sound choice.
 */
public final class Bootstrap {
    public static final long DEFAULT_SEED = 0x5EEDL;
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** The point estimate and the interval. */
    public record Interval(double estimate, double low, double high, double confidence) {
        public boolean within(double lo, double hi) {
            return low >= lo && high <= hi;
        }
    }

    private Bootstrap() {
    }

    /** median(candidate) ÷ median(baseline) with a {@code confidence} percentile interval. */
    public static Interval ratioOfMedians(double[] baseline, double[] candidate, double confidence, int resamples,
                                          long seed) {
        if (baseline.length == 0 || candidate.length == 0) throw new IllegalArgumentException("empty sample");
        if (resamples < 100) throw new IllegalArgumentException("at least 100 resamples: " + resamples);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] b = new double[baseline.length];
        double[] c = new double[candidate.length];
        for (int k = 0; k < resamples; k++) {
            for (int i = 0; i < b.length; i++) b[i] = baseline[rnd.nextInt(baseline.length)];
            for (int i = 0; i < c.length; i++) c[i] = candidate[rnd.nextInt(candidate.length)];
            ratios[k] = Summary.quantile(c, 0.5) / Summary.quantile(b, 0.5);
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        double est = Summary.quantile(candidate, 0.5) / Summary.quantile(baseline, 0.5);
        return new Interval(est, Summary.quantileSorted(ratios, tail), Summary.quantileSorted(ratios, 1 - tail),
                confidence);
    }

    public static Interval ratioOfMedians(double[] baseline, double[] candidate) {
        return ratioOfMedians(baseline, candidate, ForkComparison.DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }
}

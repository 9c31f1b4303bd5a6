package dev.perfkernel.magics.parse.gclog;

import java.util.Arrays;

/**
 * Pause durations in bounded memory. Up to {@link #EXACT_LIMIT} values are kept as they are and
 * percentiles are exact (type-7 interpolation, as {@code stats.Summary}); past that the values
 * move into a log-scale histogram with 1% wide buckets, so percentiles stay within 1% of the
 * truth however long the log is. Count, total, min and max are always exact.
 */
public final class PauseDistribution {

    public static final int EXACT_LIMIT = 100_000;
    private static final double MIN_MS = 1e-4;
    private static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int BUCKETS = (int) Math.ceil(Math.log(1e8 / MIN_MS) / LOG_GROWTH) + 1;

    private double[] exact = new double[256];
    private long[] histogram;
    private long count;
    private double total;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double ms) {
        if (!(ms >= 0) || Double.isInfinite(ms)) return;
        count++;
        total += ms;
        min = Math.min(min, ms);
        max = Math.max(max, ms);
        if (histogram != null) {
            histogram[bucket(ms)]++;
            return;
        }
        if (count > EXACT_LIMIT) {
            histogram = new long[BUCKETS];
            for (int i = 0; i < count - 1; i++) histogram[bucket(exact[i])]++;
            exact = null;
            histogram[bucket(ms)]++;
            return;
        }
        if (count > exact.length) exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, exact.length * 2));
        exact[(int) count - 1] = ms;
    }

    public long count() { return count; }

    public double totalMs() { return total; }

    public double maxMs() { return count == 0 ? Double.NaN : max; }

    public double minMs() { return count == 0 ? Double.NaN : min; }

    /** True while percentiles are exact. */
    public boolean exact() { return histogram == null; }

    /** The p-quantile (p in [0,1]); NaN when empty. */
    public double percentile(double p) {
        if (count == 0) return Double.NaN;
        if (p <= 0) return min;
        if (p >= 1) return max;
        double h = (count - 1) * p;
        if (histogram == null) {
            double[] x = Arrays.copyOf(exact, (int) count);
            Arrays.sort(x);
            int lo = (int) Math.floor(h);
            int hi = (int) Math.ceil(h);
            return x[lo] + (h - lo) * (x[hi] - x[lo]);
        }
        long rank = (long) Math.floor(h);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen > rank) return Math.max(min, Math.min(max, MIN_MS * Math.pow(GROWTH, b + 0.5)));
        }
        return max;
    }

    private static int bucket(double ms) {
        if (ms <= MIN_MS) return 0;
        int b = (int) (Math.log(ms / MIN_MS) / LOG_GROWTH);
        return Math.min(BUCKETS - 1, b);
    }
}

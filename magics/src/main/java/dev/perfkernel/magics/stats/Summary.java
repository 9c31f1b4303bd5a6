package dev.perfkernel.magics.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;
import java.util.Collection;

/**
 * Descriptive statistics of one sample (for example a benchmark's per-iteration scores).
 *
 * <p>Percentiles use JMH's definition, so they equal the {@code scorePercentiles} JMH prints:
 * Hyndman &amp; Fan type 6 (Apache Commons Math's default {@code Percentile}, R's
 * {@code quantile(type = 6)}, Excel's PERCENTILE.EXC inside its range). For sorted x₁..xₙ the
 * p-quantile sits at rank h = p·(n+1), interpolated linearly between x⌊h⌋ and x⌊h⌋₊₁, and
 * clamped to the minimum below rank 1 and to the maximum above rank n. So p50 equals the median,
 * p0 the minimum, p100 the maximum; with few samples p99 is the maximum.
 *
 * <p>{@link #error()} is JMH's {@code scoreError}: the half-width of the 99.9% confidence interval
 * of the mean with Student's t, t(1 − 0.001/2, n−1) · s / √n. It is NaN for n &lt; 2, as in JMH.
 *
 * @param stddev sample standard deviation (n − 1 in the denominator); 0 for n = 1, NaN for n = 0
 */
public record Summary(int n, double mean, double median, double min, double max, double stddev,
                      double p50, double p90, double p99, double error) {

    /** JMH's default confidence level for {@code scoreError}. */
    public static final double JMH_CONFIDENCE = 0.999;

    public static Summary of(double... values) {
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("sample contains a non-finite value: " + v);
        }
        double mean = mean(x);
        double sd = stddev(x, mean);
        double median = quantileSorted(x, 0.5);
        return new Summary(n, mean, median, x[0], x[n - 1], sd, median,
                quantileSorted(x, 0.90), quantileSorted(x, 0.99), halfWidth(sd, n, JMH_CONFIDENCE));
    }

    /**
     * The summary of a multiset given as distinct values with counts, as JMH's {@code sample} mode
     * reports it ({@code rawDataHistogram}): identical to {@link #of(double...)} on the expanded
     * data, without expanding millions of samples.
     */
    public static Summary ofWeighted(double[] values, long[] counts) {
        if (values.length != counts.length) throw new IllegalArgumentException("values and counts differ in length");
        int k = 0;
        double[][] pairs = new double[values.length][];
        long n = 0;
        for (int i = 0; i < values.length; i++) {
            if (counts[i] < 0) throw new IllegalArgumentException("negative count: " + counts[i]);
            if (counts[i] == 0) continue;
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException("sample contains a non-finite value: " + values[i]);
            pairs[k++] = new double[] {values[i], counts[i]};
            n += counts[i];
        }
        if (n == 0) return of(new double[0]);
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many samples: " + n);
        double[][] p = Arrays.copyOf(pairs, k);
        Arrays.sort(p, (a, b) -> Double.compare(a[0], b[0]));
        double sum = 0;
        for (double[] e : p) sum += e[0] * e[1];
        double mean = sum / n;
        double ss = 0;
        for (double[] e : p) ss += e[1] * (e[0] - mean) * (e[0] - mean);
        double sd = n < 2 ? 0 : Math.sqrt(ss / (n - 1));
        long[] cum = new long[p.length];
        long c = 0;
        for (int i = 0; i < p.length; i++) {
            c += (long) p[i][1];
            cum[i] = c;
        }
        double median = weightedQuantile(p, cum, n, 0.5);
        return new Summary((int) n, mean, median, p[0][0], p[p.length - 1][0], sd, median,
                weightedQuantile(p, cum, n, 0.90), weightedQuantile(p, cum, n, 0.99), halfWidth(sd, (int) n, JMH_CONFIDENCE));
    }

    /** Type-6 quantile over sorted (value, count) pairs with cumulative counts. */
    private static double weightedQuantile(double[][] p, long[] cum, long n, double q) {
        double h = q * (n + 1);
        if (h <= 1) return p[0][0];
        if (h >= n) return p[p.length - 1][0];
        long lo = (long) Math.floor(h);            // 1-based rank of the lower neighbour
        return valueAtRank(p, cum, lo) + (h - lo) * (valueAtRank(p, cum, lo + 1) - valueAtRank(p, cum, lo));
    }

    private static double valueAtRank(double[][] p, long[] cum, long rank) {
        int i = Arrays.binarySearch(cum, rank);
        if (i < 0) i = -i - 1;
        return p[i][0];
    }

    public static Summary of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Half-width of the two-sided {@code confidence} interval of the mean (Student's t); NaN for n &lt; 2. */
    public static double halfWidth(double stddev, int n, double confidence) {
        if (n < 2 || !(confidence > 0 && confidence < 1)) return Double.NaN;
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return t * stddev / Math.sqrt(n);
    }

    /** The two-sided {@code confidence} interval of the mean, {@code [lo, hi]}. */
    public double[] confidenceInterval(double confidence) {
        double h = halfWidth(stddev, n, confidence);
        return new double[] {mean - h, mean + h};
    }

    /** The type-6 quantile (see class comment) of an unsorted sample; {@code p} in [0, 1]. */
    public static double quantile(double[] values, double p) {
        double[] x = values.clone();
        Arrays.sort(x);
        return quantileSorted(x, p);
    }

    static double quantileSorted(double[] x, double p) {
        if (x.length == 0) return Double.NaN;
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("quantile must be in [0, 1]: " + p);
        int n = x.length;
        double h = p * (n + 1);                 // 1-based rank
        if (h <= 1) return x[0];
        if (h >= n) return x[n - 1];
        int lo = (int) Math.floor(h);
        return x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1]);
    }

    /** Relative error, {@code error / mean} (JMH's ± as a fraction); NaN when undefined. */
    public double relativeError() {
        return mean == 0 ? Double.NaN : error / Math.abs(mean);
    }

    /** Coefficient of variation, {@code stddev / mean}. */
    public double cv() {
        return mean == 0 ? Double.NaN : stddev / Math.abs(mean);
    }

    private static double mean(double[] x) {
        // Two-pass mean keeps precision for values with a large common offset.
        double s = 0;
        for (double v : x) s += v;
        double m = s / x.length;
        double c = 0;
        for (double v : x) c += v - m;
        return m + c / x.length;
    }

    private static double stddev(double[] x, double mean) {
        if (x.length < 2) return 0;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / (x.length - 1));
    }
}

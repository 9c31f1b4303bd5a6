package dev.perfkernel.magics.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison of two benchmarks whose unit of independence is the <b>fork</b>, not the iteration.
 *
 * <p>Why: iterations inside one forked JVM share its JIT decisions, code layout and memory
 * placement, so they are not independent samples. Fork-to-fork differences are often larger than
 * iteration noise; a test over iterations (Mann-Whitney on every iteration, as benchstat does for
 * Go's independent runs) then calls identical code "significantly different" far more often than
 * 5% of the time. Here each fork contributes exactly one number.
 *
 * <p>Method:
 * <ol>
 *   <li>Each fork is summarised by the <b>median</b> of its measurement iterations (one slow
 *       iteration, a GC or a recompile, does not move it).</li>
 *   <li>The fork medians are compared on a log scale: the ratio is
 *       exp(mean log candidate − mean log baseline), the ratio of the geometric means of the fork
 *       medians.</li>
 *   <li>The 95% interval of that ratio is Welch's t interval on the log fork medians (unequal
 *       variances, Welch–Satterthwaite degrees of freedom), mapped back with exp. The p-value is
 *       the matching two-sided Welch test; the interval excludes 1 exactly when p &lt; 0.05.</li>
 *   <li>With fewer than {@link #MIN_FORKS} forks on a side there is no estimate of the
 *       fork-to-fork spread, and no conclusion: {@link Status#TOO_FEW_FORKS}.</li>
 * </ol>
 *
 * <p>Why Student's t and not a bootstrap over forks: with the 5–10 forks a notebook can afford, a
 * percentile bootstrap of the median ratio is coarse (the median of 6 resampled values takes few
 * distinct values) and conservative: on simulated forks it holds the A/A rate but finds a real 10%
 * difference less often than the t interval does at the same rate ({@code ForkComparisonTest}).
 * The t interval is deterministic as well, so a re-render shows the same numbers.
 *
 * @param baselineForks   forks on the baseline side
 * @param candidateForks  forks on the candidate side
 * @param ratio           candidate ÷ baseline (geometric means of fork medians); NaN when not comparable
 * @param low             lower end of the interval of the ratio; NaN without one
 * @param high            upper end; NaN without one
 * @param pValue          two-sided Welch t-test on log fork medians; NaN without one
 * @param df              Welch–Satterthwaite degrees of freedom; NaN without one
 * @param confidence      the interval's level (0.95)
 * @param status          what may be concluded
 * @param baselineSpread  coefficient of variation of the baseline's fork medians (NaN for one fork)
 * @param candidateSpread the same for the candidate
 * @param warnings        why no conclusion is possible, in words
 */
public record ForkComparison(int baselineForks, int candidateForks, double ratio, double low, double high,
                             double pValue, double df, double confidence, Status status, double baselineSpread,
                             double candidateSpread, List<String> warnings) {

    /** Forks per side below which no interval is given. */
    public static final int MIN_FORKS = 3;
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** What the comparison supports. */
    public enum Status {
        /** The interval excludes 1. */
        DIFFERENT,
        /** The interval includes 1: no difference shown (printed as {@code ~}). */
        SAME,
        /** Fewer than {@link #MIN_FORKS} forks on a side: no interval, no conclusion. */
        TOO_FEW_FORKS,
        /** A fork median is 0 or negative: a ratio is meaningless. */
        NOT_COMPARABLE
    }

    public ForkComparison {
        warnings = List.copyOf(warnings);
    }

    /** Compares per-fork iteration values (outer list: forks; inner: that fork's iterations). */
    public static ForkComparison of(List<List<Double>> baseline, List<List<Double>> candidate) {
        return of(forkMedians(baseline), forkMedians(candidate), DEFAULT_CONFIDENCE);
    }

    /** Compares fork summaries directly (one value per fork). */
    public static ForkComparison of(double[] baselineForks, double[] candidateForks, double confidence) {
        int nb = baselineForks.length;
        int nc = candidateForks.length;
        if (nb == 0 || nc == 0) {
            throw new IllegalArgumentException("a comparison needs forks on both sides (got " + nb + "+" + nc + ")");
        }
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence in (0, 1): " + confidence);
        List<String> warnings = new ArrayList<>();
        double sb = cv(baselineForks);
        double sc = cv(candidateForks);
        for (double v : concat(baselineForks, candidateForks)) {
            if (!(v > 0) || !Double.isFinite(v)) {
                warnings.add("a fork's score is " + v + ": a ratio needs positive scores");
                return new ForkComparison(nb, nc, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        confidence, Status.NOT_COMPARABLE, sb, sc, warnings);
            }
        }
        double[] lb = logs(baselineForks);
        double[] lc = logs(candidateForks);
        double diff = mean(lc) - mean(lb);
        double ratio = Math.exp(diff);
        if (nb < MIN_FORKS || nc < MIN_FORKS) {
            warnings.add(String.format(Locale.ROOT, "%d+%d forks cannot support a conclusion: forks differ from "
                    + "each other (JIT decisions, code layout), and at least %d per side are needed to see by how "
                    + "much; use more forks (-f; %%bench's default is 10)", nb, nc, MIN_FORKS));
            return new ForkComparison(nb, nc, ratio, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence,
                    Status.TOO_FEW_FORKS, sb, sc, warnings);
        }
        double vb = variance(lb) / nb;
        double vc = variance(lc) / nc;
        double se = Math.sqrt(vb + vc);
        if (se == 0) {
            // no spread at all (synthetic or quantised data): the estimate is exact
            boolean same = diff == 0;
            return new ForkComparison(nb, nc, ratio, ratio, ratio, same ? 1 : 0, Double.POSITIVE_INFINITY, confidence,
                    same ? Status.SAME : Status.DIFFERENT, sb, sc, warnings);
        }
        double df = (vb + vc) * (vb + vc) / (vb * vb / (nb - 1) + vc * vc / (nc - 1));
        TDistribution t = TDistribution.of(df);
        double q = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double p = 2 * t.survivalProbability(Math.abs(diff) / se);
        double lo = Math.exp(diff - q * se);
        double hi = Math.exp(diff + q * se);
        Status s = lo > 1 || hi < 1 ? Status.DIFFERENT : Status.SAME;
        return new ForkComparison(nb, nc, ratio, lo, hi, Math.min(1, p), df, confidence, s, sb, sc, warnings);
    }

    /** The median of each fork's iterations. */
    public static double[] forkMedians(List<List<Double>> perFork) {
        return perFork.stream().filter(f -> !f.isEmpty())
                .mapToDouble(f -> Summary.quantile(f.stream().mapToDouble(Double::doubleValue).toArray(), 0.5))
                .toArray();
    }

    public boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    public boolean significant() {
        return status == Status.DIFFERENT;
    }

    public double deltaPct() {
        return (ratio - 1) * 100;
    }

    /** Better, worse or the same for a given direction; the same unless the interval excludes 1. */
    public Comparison.Verdict verdict(Comparison.Direction direction) {
        if (!significant()) return Comparison.Verdict.SAME;
        return ratio > 1 == (direction == Comparison.Direction.HIGHER_IS_BETTER)
                ? Comparison.Verdict.BETTER : Comparison.Verdict.WORSE;
    }

    /** {@code -12.3%} when the interval excludes 1, {@code ~} when it includes it, {@code ?} without one. */
    public String deltaText() {
        return switch (status) {
            case DIFFERENT -> Units.deltaPercent(deltaPct());
            case SAME -> "~";
            default -> "?";
        };
    }

    /** {@code [0.95, 1.02]}, or why there is no interval. */
    public String intervalText() {
        return switch (status) {
            case TOO_FEW_FORKS -> "too few forks (" + baselineForks + "+" + candidateForks + ")";
            case NOT_COMPARABLE -> "no ratio";
            default -> "[" + Units.ratio(low) + ", " + Units.ratio(high) + "]";
        };
    }

    /** {@code (95% CI, Welch t on log fork medians, p=0.012, 6+6 forks)}. */
    public String detailText() {
        String base = Math.round(confidence * 100) + "% CI of the ratio of fork medians, " + baselineForks + "+"
                + candidateForks + " forks";
        return hasInterval() ? "(" + base + ", " + Units.pValue(pValue) + ")" : "(" + base + ": no interval)";
    }

    static double cv(double[] x) {
        if (x.length < 2) return Double.NaN;
        double m = mean(x);
        return m == 0 ? Double.NaN : Math.sqrt(variance(x)) / Math.abs(m);
    }

    private static double[] logs(double[] x) {
        double[] l = new double[x.length];
        for (int i = 0; i < x.length; i++) l[i] = Math.log(x[i]);
        return l;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x) {
        if (x.length < 2) return 0;
        double m = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return ss / (x.length - 1);
    }
}

package dev.perfkernel.magics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A benchstat-style comparison of a candidate sample against a baseline sample.
 *
 * <p>Decision: the ratio and Δ% compare <b>medians</b>, as Go's current benchstat
 * (golang.org/x/perf/cmd/benchstat) does: the median goes with the rank-based Mann-Whitney test
 * and is not dragged by one slow iteration (a GC, a JIT recompile). {@link #meanRatio()} is kept
 * for readers comparing with JMH's mean scores. A change is significant when the two-sided
 * Mann-Whitney p-value is below {@link #alpha()} (0.05 by default); otherwise benchstat prints
 * {@code ~} instead of the delta, and so does {@link #deltaText()}.
 *
 * @param ratio    candidate median ÷ baseline median: +∞ when only the baseline's median is 0
 *                 (0 → 24 B/op), NaN when both are 0. Check before writing it to JSON: Gson
 *                 refuses non-finite numbers.
 * @param deltaPct (ratio − 1) · 100
 */
public record Comparison(Summary baseline, Summary candidate, double ratio, double deltaPct, double meanRatio,
                         MannWhitney.Result test, double alpha, List<String> warnings) {

    public static final double DEFAULT_ALPHA = 0.05;

    /** Which way is good: time per op ({@code avgt}, {@code ss}, {@code sample}) vs ops per time ({@code thrpt}). */
    public enum Direction {
        LOWER_IS_BETTER, HIGHER_IS_BETTER;

        /** {@code thrpt} and units ending in {@code /s}, {@code /ms}... are higher-is-better. */
        public static Direction forUnit(String unit) {
            if (unit == null) return LOWER_IS_BETTER;
            return unit.startsWith("ops/") || unit.endsWith("/s") || unit.endsWith("/sec") || unit.endsWith("/ms")
                    || unit.endsWith("/us") || unit.endsWith("/ns") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
        }
    }

    /** The outcome in a word, also usable as a CSS status class. */
    public enum Verdict {
        BETTER("better"), WORSE("worse"), SAME("same");
        public final String cssClass;
        Verdict(String cssClass) { this.cssClass = cssClass; }
    }

    public Comparison {
        warnings = List.copyOf(warnings);
    }

    public static Comparison of(double[] baseline, double[] candidate) {
        return of(baseline, candidate, DEFAULT_ALPHA);
    }

    public static Comparison of(double[] baseline, double[] candidate, double alpha) {
        if (baseline.length == 0 || candidate.length == 0) {
            throw new IllegalArgumentException("a comparison needs samples on both sides (got n="
                    + baseline.length + "+" + candidate.length + ")");
        }
        Summary b = Summary.of(baseline);
        Summary c = Summary.of(candidate);
        double ratio = c.median() / b.median();
        double meanRatio = c.mean() / b.mean();
        MannWhitney.Result t = MannWhitney.test(candidate, baseline);
        List<String> warnings = new ArrayList<>();
        double minP = MannWhitney.minimumPValue(b.n(), c.n());
        if (minP >= alpha) {
            warnings.add(String.format(Locale.ROOT,
                    "n=%d+%d is too few samples: the smallest possible p-value is %.3f, so no difference "
                            + "can be significant at %.2f; use more iterations or forks (5+5 or more)",
                    b.n(), c.n(), minP, alpha));
        }
        return new Comparison(b, c, ratio, (ratio - 1) * 100, meanRatio, t, alpha, warnings);
    }

    public double pValue() {
        return test.pValue();
    }

    public boolean significant() {
        return test.pValue() < alpha;
    }

    public Verdict verdict(Direction direction) {
        if (!significant() || ratio == 1 || Double.isNaN(ratio)) return Verdict.SAME;
        boolean higher = ratio > 1;
        return higher == (direction == Direction.HIGHER_IS_BETTER) ? Verdict.BETTER : Verdict.WORSE;
    }

    /** benchstat's delta column: {@code -37.56%} when significant, else {@code ~}. */
    public String deltaText() {
        return significant() ? Units.deltaPercent(deltaPct) : "~";
    }

    /** benchstat's detail column: {@code (p=0.000 n=20+20)}. */
    public String detailText() {
        return "(" + Units.pValue(pValue()) + " n=" + baseline.n() + "+" + candidate.n() + ")";
    }
}

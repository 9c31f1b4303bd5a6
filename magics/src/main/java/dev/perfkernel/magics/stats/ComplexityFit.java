package dev.perfkernel.magics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Fits how a cost (time or bytes per op) grows with a size parameter N, as a {@code @Param} sweep
 * measures it, and names the growth class only when the data single one out.
 *
 * <p>Model selection:
 * <ol>
 *   <li>Each candidate f ∈ {1, log N, N, N log N, N², N³} is fitted as cost = a + b·f(N) with
 *       a ≥ 0 (a fixed cost per call) and b ≥ 0, by least squares on <em>relative</em> residuals
 *       (weights 1/cost²), so small N are not drowned by large N. The constant a absorbs fixed
 *       overhead, which would bias a log-log slope.</li>
 *   <li>Each fit is scored by AICc on its relative residuals: m·ln(RSS/m) + 2k + 2k(k+1)/(m−k−1)
 *       with m points and k parameters (1 for O(1), 2 otherwise), RSS floored at a 3% RMS error,
 *       since scores from separate forks are never more precise than that (and noise-free data
 *       must not make ln(0) decide).</li>
 *   <li>The lowest AICc wins when it is at least {@link #CLEAR_AICC_MARGIN} below every other
 *       class (Burnham and Anderson's rule: a difference under 2 means both are supported), and
 *       when it fits at all: an RMS relative error at most {@link #MAX_RMS_REL_ERROR}. Otherwise
 *       the class is {@linkplain Status undetermined}, and says why.</li>
 * </ol>
 * {@link #slope()} (log-log slope, cost ∝ N^slope) and the plain linear fit {@link #a()} +
 * {@link #b()}·N are kept as descriptions, not as the decision.
 *
 * @param status           whether a class was singled out
 * @param complexity       the best-scoring class (also when undetermined: the curve drawn)
 * @param modelA           the best class's fixed cost a
 * @param modelB           the best class's factor b
 * @param modelRmsRelError the best class's RMS relative error (the fit's quality)
 */
public record ComplexityFit(double slope, double slopeR2, double a, double b, double linearR2,
                            Complexity complexity, double modelA, double modelB, double modelRmsRelError,
                            List<ModelScore> scores, Status status) {

    /** AICc difference below which two classes are both supported by the data. */
    public static final double CLEAR_AICC_MARGIN = 2;
    /** The best class must explain the points within this RMS relative error to count as a fit. */
    public static final double MAX_RMS_REL_ERROR = 0.15;
    /**
     * Scores are never more precise than this (relative): the floor of the RMS used in AICc. Each
     * size runs in its own forks, and fork medians spread by a few percent, so two classes whose
     * fits differ only below this level are not told apart.
     */
    static final double NOISE_FLOOR = 0.03;

    /** Growth classes, simplest first. */
    public enum Complexity {
        O_1("O(1)", n -> 1),
        O_LOG_N("O(log n)", Math::log),
        O_N("O(n)", n -> n),
        O_N_LOG_N("O(n log n)", n -> n * Math.log(n)),
        O_N2("O(n²)", n -> n * n),
        O_N3("O(n³)", n -> n * n * n);

        public final String label;
        final DoubleUnaryOperator f;

        Complexity(String label, DoubleUnaryOperator f) {
            this.label = label;
            this.f = f;
        }

        public double f(double n) {
            return f.applyAsDouble(n);
        }

        int parameters() {
            return this == O_1 ? 1 : 2;
        }
    }

    /** The outcome of the selection. */
    public enum Status {
        /** One class is clearly best and fits. */
        DETERMINED,
        /** Another class scores within {@link #CLEAR_AICC_MARGIN}: the data cannot tell them apart. */
        UNDETERMINED_CLOSE,
        /** Even the best class misses the points by more than {@link #MAX_RMS_REL_ERROR}. */
        UNDETERMINED_NO_FIT,
        /** The log-log slope is well above 3: growth faster than any candidate (exponential?). */
        SUPER_POLYNOMIAL
    }

    /** How well one class fits: cost ≈ a + b·f(N), its RMS of (fit − cost)/cost and its AICc. */
    public record ModelScore(Complexity complexity, double a, double b, double rmsRelError, double aicc) {}

    public ComplexityFit {
        scores = List.copyOf(scores);
    }

    /** @throws IllegalArgumentException with fewer than 3 distinct N, or a non-positive N or cost */
    public static ComplexityFit fit(double[] n, double[] cost) {
        if (n.length != cost.length) throw new IllegalArgumentException("N and cost differ in length");
        if (n.length < 3 || java.util.Arrays.stream(n).distinct().count() < 3) {
            throw new IllegalArgumentException("a complexity fit needs at least 3 distinct sizes");
        }
        for (int i = 0; i < n.length; i++) {
            if (!(n[i] > 0) || !(cost[i] > 0) || !Double.isFinite(n[i]) || !Double.isFinite(cost[i])) {
                throw new IllegalArgumentException("sizes and costs must be positive and finite (N=" + n[i]
                        + ", cost=" + cost[i] + ")");
            }
        }
        double[] ln = new double[n.length], lc = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            ln[i] = Math.log(n[i]);
            lc[i] = Math.log(cost[i]);
        }
        double[] loglog = ols(ln, lc, null);
        double[] lin = ols(n, cost, null);

        List<ModelScore> scores = new ArrayList<>();
        ModelScore best = null;
        for (Complexity c : Complexity.values()) {
            ModelScore s = score(c, n, cost);
            scores.add(s);
            if (best == null || s.aicc() < best.aicc()) best = s; // ties keep the simpler (earlier) class
        }
        Status status;
        if (loglog[1] > 3.5) {
            status = Status.SUPER_POLYNOMIAL;
        } else if (best.rmsRelError() > MAX_RMS_REL_ERROR) {
            status = Status.UNDETERMINED_NO_FIT;
        } else {
            ModelScore chosen = best;
            boolean close = scores.stream().anyMatch(x -> x != chosen && x.aicc() - chosen.aicc() < CLEAR_AICC_MARGIN);
            status = close ? Status.UNDETERMINED_CLOSE : Status.DETERMINED;
        }
        return new ComplexityFit(loglog[1], loglog[2], lin[0], lin[1], lin[2],
                best.complexity(), best.a(), best.b(), best.rmsRelError(), scores, status);
    }

    private static ModelScore score(Complexity c, double[] n, double[] cost) {
        double[] w = new double[n.length];
        for (int i = 0; i < n.length; i++) w[i] = 1 / (cost[i] * cost[i]);
        double[] f = new double[n.length];
        for (int i = 0; i < n.length; i++) f[i] = c.f(n[i]);
        double a;
        double b;
        if (c == Complexity.O_1) {
            a = weightedMean(cost, w);
            b = 0;
        } else {
            double[] fit = ols(f, cost, w);
            a = fit[0];
            b = fit[1];
            if (a < 0) {          // no negative fixed cost: refit through the origin, cost = b·f(N)
                a = 0;
                b = throughOrigin(f, cost, w);
            }
            if (b < 0) {          // a shrinking cost is no growth class: the constant
                a = weightedMean(cost, w);
                b = 0;
            }
        }
        double ss = 0;
        for (int i = 0; i < n.length; i++) {
            double r = (a + b * f[i] - cost[i]) / cost[i];
            ss += r * r;
        }
        int m = n.length;
        int k = c.parameters();
        double rms = Math.sqrt(ss / m);
        double floored = Math.max(rms, NOISE_FLOOR);
        double aic = m * Math.log(floored * floored) + 2 * k;
        double aicc = m - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (m - k - 1) : aic;
        return new ModelScore(c, a, b, rms, aicc);
    }

    /** Weighted least squares y = b·x. */
    private static double throughOrigin(double[] x, double[] y, double[] w) {
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += w[i] * x[i] * y[i];
            sxx += w[i] * x[i] * x[i];
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    private static double weightedMean(double[] x, double[] w) {
        double s = 0, sw = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i];
            sw += w[i];
        }
        return s / sw;
    }

    /** (Weighted) least squares y = a + b·x; returns {a, b, R²}. R² is unweighted-style on the weights given. */
    static double[] ols(double[] x, double[] y, double[] w) {
        int k = x.length;
        double sw = 0, sx = 0, sy = 0;
        for (int i = 0; i < k; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            sx += wi * x[i];
            sy += wi * y[i];
        }
        double mx = sx / sw, my = sy / sw;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < k; i++) {
            double wi = w == null ? 1 : w[i];
            sxx += wi * (x[i] - mx) * (x[i] - mx);
            sxy += wi * (x[i] - mx) * (y[i] - my);
            syy += wi * (y[i] - my) * (y[i] - my);
        }
        double b = sxx == 0 ? 0 : sxy / sxx;
        double a = my - b * mx;
        double r2 = syy == 0 ? 1 : (sxx == 0 ? 0 : (sxy * sxy) / (sxx * syy));
        return new double[] {a, b, r2};
    }

    /** The chosen model's prediction at size N. */
    public double predict(double n) {
        return modelA + modelB * complexity.f(n);
    }

    /** Whether one class was singled out. */
    public boolean determined() {
        return status == Status.DETERMINED;
    }

    /** The closest other class by AICc when it is within {@link #CLEAR_AICC_MARGIN}: the data cannot tell them apart. */
    public java.util.Optional<Complexity> runnerUp() {
        ModelScore chosen = scores.stream().filter(s -> s.complexity() == complexity).findFirst().orElseThrow();
        return scores.stream().filter(s -> s != chosen && s.aicc() - chosen.aicc() < CLEAR_AICC_MARGIN)
                .min(java.util.Comparator.comparingDouble(ModelScore::aicc)).map(ModelScore::complexity);
    }

    /** Short label for a chart legend: {@code O(n), fit ±1.2%} or {@code undetermined (O(n) or O(n log n))}. */
    public String label() {
        return switch (status) {
            case DETERMINED -> String.format(Locale.ROOT, "%s, fit ±%.1f%%", complexity.label, modelRmsRelError * 100);
            case UNDETERMINED_CLOSE -> "undetermined (" + complexity.label
                    + runnerUp().map(r -> " or " + r.label).orElse("") + ")";
            case UNDETERMINED_NO_FIT -> String.format(Locale.ROOT, "undetermined (no class fits; best %s misses by %.0f%%)",
                    complexity.label, modelRmsRelError * 100);
            case SUPER_POLYNOMIAL -> String.format(Locale.ROOT, "faster growth than O(n³) (exponential?), slope %.2f",
                    slope);
        };
    }

    /** Growth faster than the largest class (recursive Fibonacci has a log-log slope ~6 over n = 5…20). */
    public boolean superPolynomial() {
        return status == Status.SUPER_POLYNOMIAL;
    }

    /** One sentence with the figures behind the label. */
    public String describe() {
        String verdict = switch (status) {
            case DETERMINED -> complexity.label + " (AICc lower than every other class by 2 or more)";
            case UNDETERMINED_CLOSE -> "undetermined: " + complexity.label + runnerUp().map(r -> " and " + r.label)
                    .orElse("") + " fit about as well (AICc within 2)";
            case UNDETERMINED_NO_FIT -> "undetermined: no class fits within "
                    + Math.round(MAX_RMS_REL_ERROR * 100) + "%";
            case SUPER_POLYNOMIAL -> "faster growth than O(n³)";
        };
        return String.format(Locale.ROOT,
                "%s; best fit %s: cost ≈ %s + %s·f(N), RMS relative error %.1f%%; log-log slope %.2f (R² %.3f)",
                verdict, complexity.label, Units.sig3(modelA), Units.sig3(modelB), modelRmsRelError * 100, slope,
                slopeR2);
    }
}

package dev.perfkernel.magics.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Fits how a cost (time or bytes per op) grows with a size parameter N, as a {@code @Param} sweep
 * measures it.
 *
 * <ul>
 *   <li>{@link #slope()}: least-squares slope of ln(cost) on ln(N), with its R²: cost ∝ N^slope.
 *       Easy to read, but a constant overhead flattens it at small N.</li>
 *   <li>{@link #a()} + {@link #b()}·N: ordinary least-squares linear fit, with its R².</li>
 *   <li>{@link #complexity()}: each class f ∈ {1, log N, N, N log N, N², N³} is fitted as
 *       cost = a + b·f(N) (b ≥ 0) by least squares weighted by 1/cost², so each point counts by its
 *       <em>relative</em> error and small N are not drowned by large N; the class with the smallest
 *       RMS relative residual wins, a simpler class winning near-ties (within 10%). The constant a
 *       absorbs fixed overhead that would bias the log-log slope.</li>
 * </ul>
 */
public record ComplexityFit(double slope, double slopeR2, double a, double b, double linearR2,
                            Complexity complexity, double modelA, double modelB, double modelRmsRelError,
                            List<ModelScore> scores) {

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
    }

    /** How well one class fits: cost ≈ a + b·f(N), with the RMS of (fit − cost)/cost. */
    public record ModelScore(Complexity complexity, double a, double b, double rmsRelError) {}

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
            // Enum order is simplest first: a later class must beat the best by more than 10%.
            if (best == null || s.rmsRelError() < best.rmsRelError() * 0.9) best = s;
        }
        return new ComplexityFit(loglog[1], loglog[2], lin[0], lin[1], lin[2],
                best.complexity(), best.a(), best.b(), best.rmsRelError(), scores);
    }

    private static ModelScore score(Complexity c, double[] n, double[] cost) {
        double[] w = new double[n.length];
        for (int i = 0; i < n.length; i++) w[i] = 1 / (cost[i] * cost[i]);
        double a, b;
        if (c == Complexity.O_1) {
            a = weightedMean(cost, w);
            b = 0;
        } else {
            double[] f = new double[n.length];
            for (int i = 0; i < n.length; i++) f[i] = c.f(n[i]);
            double[] fit = ols(f, cost, w);
            a = fit[0];
            b = fit[1];
            if (b < 0) {          // a shrinking cost is no growth class: fall back to the constant
                a = weightedMean(cost, w);
                b = 0;
            }
        }
        double ss = 0;
        for (int i = 0; i < n.length; i++) {
            double r = (a + b * c.f(n[i]) - cost[i]) / cost[i];
            ss += r * r;
        }
        return new ModelScore(c, a, b, Math.sqrt(ss / n.length));
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

    /**
     * A different class that fits nearly as well, when there is one: its RMS relative error is
     * within 1.5× of the chosen class's or within 2 percentage points of it (benchmark noise is
     * rarely below 2%, so smaller differences mean nothing). The data cannot tell them apart, so
     * say so rather than overclaim.
     */
    public java.util.Optional<Complexity> runnerUp() {
        ModelScore best = null;
        for (ModelScore s : scores) {
            if (s.complexity() == complexity) continue;
            if (best == null || s.rmsRelError() < best.rmsRelError()) best = s;
        }
        if (best == null) return java.util.Optional.empty();
        double limit = Math.max(modelRmsRelError * 1.5, modelRmsRelError + 0.02);
        return best.rmsRelError() <= limit ? java.util.Optional.of(best.complexity()) : java.util.Optional.empty();
    }

    /** Short label for a chart or table: {@code slope 1.02 → O(n)}. */
    public String label() {
        if (superPolynomial()) return String.format(Locale.ROOT, "slope %.2f → faster growth than O(n³) (exponential?)", slope);
        return String.format(Locale.ROOT, "slope %.2f → %s", slope, complexity.label);
    }

    /**
     * A log-log slope well above 3 fits no class here: the largest (n³) is then only the least bad
     * of the candidates, and naming it would mislead (recursive Fibonacci has slope ~6 over n = 5…20).
     */
    public boolean superPolynomial() {
        return slope > 3.5;
    }

    /** One sentence with the figures behind the label. */
    public String describe() {
        return String.format(Locale.ROOT,
                "log-log slope %.2f (R² %.3f); best fit %s: cost ≈ %s + %s·f(N), RMS relative error %.1f%%; "
                        + "linear fit %s + %s·N (R² %.3f)",
                slope, slopeR2, complexity.label, Units.sig3(modelA), Units.sig3(modelB), modelRmsRelError * 100,
                Units.sig3(a), Units.sig3(b), linearR2)
                + runnerUp().map(r -> "; " + r.label + " fits almost as well, so the class is uncertain").orElse("");
    }
}

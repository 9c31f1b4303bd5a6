package dev.perfkernel.magics.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, the significance test of Go's benchstat.
 *
 * <p>Exact p-value from the null distribution of U (dynamic programming over arrangement counts)
 * when there are no ties and both samples have at most {@link #EXACT_LIMIT} values, the same rule
 * as R's {@code wilcox.test}; otherwise the normal approximation with tie correction of the
 * variance and a continuity correction of 0.5. Two-sided p = min(1, 2·min(P(U ≤ u), P(U ≥ u))).
 */
public final class MannWhitney {

    /** Largest sample size (each side) for which the exact distribution is used. */
    public static final int EXACT_LIMIT = 50;

    private MannWhitney() {}

    /**
     * @param u     U statistic of the first sample: the number of pairs (x, y) with x &gt; y, ties counting ½
     * @param exact whether {@code pValue} comes from the exact distribution
     */
    public record Result(double u, double pValue, boolean exact, int n1, int n2) {}

    public static Result test(double[] x, double[] y) {
        int n1 = x.length, n2 = y.length;
        if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("Mann-Whitney U needs two non-empty samples");
        RankSum rs = rankSum(x, y);
        double u = rs.r1 - n1 * (n1 + 1) / 2.0;
        if (!rs.ties && n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
            return new Result(u, exactTwoSided((int) Math.round(u), n1, n2), true, n1, n2);
        }
        return new Result(u, normalTwoSided(u, n1, n2, rs.tieTerm), false, n1, n2);
    }

    /**
     * The smallest two-sided p-value the exact test can give for these sample sizes
     * (complete separation): 2 / C(n1 + n2, n1). With 2 + 2 samples it is 1/3, so no
     * difference can ever be significant at 0.05; 4 + 4 gives 0.029.
     */
    public static double minimumPValue(int n1, int n2) {
        // log C(n1+n2, n1) summed term by term to stay finite for large n.
        double logC = 0;
        for (int i = 1; i <= n1; i++) logC += Math.log(n2 + i) - Math.log(i);
        return Math.min(1, 2 * Math.exp(-logC));
    }

    /** Exact two-sided p-value for an integer U under H0 with no ties. */
    static double exactTwoSided(int u, int n1, int n2) {
        double[] counts = uDistribution(n1, n2);
        double total = 0;
        for (double c : counts) total += c;
        double lower = 0, upper = 0;
        for (int k = 0; k < counts.length; k++) {
            if (k <= u) lower += counts[k];
            if (k >= u) upper += counts[k];
        }
        return Math.min(1, 2 * Math.min(lower, upper) / total);
    }

    /**
     * Number of arrangements of n1 x's and n2 y's giving each U = 0..n1·n2. Recurrence on the
     * largest element: it is an x (adding n2 to U) or a y:
     * f(u; m, n) = f(u − n; m − 1, n) + f(u; m, n − 1). Only additions, so doubles stay accurate
     * in the tails that decide small p-values.
     */
    static double[] uDistribution(int n1, int n2) {
        double[][] prev = new double[n1 + 1][];
        for (int m = 0; m <= n1; m++) prev[m] = new double[] {1};       // n = 0: U is 0
        for (int n = 1; n <= n2; n++) {
            double[][] cur = new double[n1 + 1][];
            cur[0] = new double[] {1};
            for (int m = 1; m <= n1; m++) {
                double[] f = new double[m * n + 1];
                double[] withoutY = prev[m];       // largest is a y: f(u; m, n-1)
                double[] withoutX = cur[m - 1];    // largest is an x: f(u-n; m-1, n)
                for (int u = 0; u < f.length; u++) {
                    double a = u < withoutY.length ? withoutY[u] : 0;
                    double b = u >= n && u - n < withoutX.length ? withoutX[u - n] : 0;
                    f[u] = a + b;
                }
                cur[m] = f;
            }
            prev = cur;
        }
        return prev[n1];
    }

    static double normalTwoSided(double u, int n1, int n2, double tieTerm) {
        double n = n1 + n2;
        double mu = n1 * (double) n2 / 2;
        double var = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (var <= 0) return 1;   // every value tied: no evidence of a difference
        double d = u - mu;
        double z = (d - Math.signum(d) * 0.5) / Math.sqrt(var);
        double p = 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(z));
        return Math.min(1, p);
    }

    private record RankSum(double r1, boolean ties, double tieTerm) {}

    /** Sum of mid-ranks of x in the pooled sample, and Σ(t³ − t) over tie groups. */
    private static RankSum rankSum(double[] x, double[] y) {
        int n = x.length + y.length;
        double[][] pooled = new double[n][];
        for (int i = 0; i < x.length; i++) pooled[i] = new double[] {x[i], 0};
        for (int i = 0; i < y.length; i++) pooled[x.length + i] = new double[] {y[i], 1};
        for (double[] p : pooled) {
            if (Double.isNaN(p[0])) throw new IllegalArgumentException("sample contains NaN");
        }
        Arrays.sort(pooled, (a, b) -> Double.compare(a[0], b[0]));
        double r1 = 0, tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && pooled[j + 1][0] == pooled[i][0]) j++;
            double midRank = (i + j) / 2.0 + 1;
            int t = j - i + 1;
            if (t > 1) {
                ties = true;
                tieTerm += (double) t * t * t - t;
            }
            for (int k = i; k <= j; k++) if (pooled[k][1] == 0) r1 += midRank;
            i = j + 1;
        }
        return new RankSum(r1, ties, tieTerm);
    }
}

/**
 * The statistics every measuring magic shares.
 *
 * <ul>
 *   <li>{@link dev.perfkernel.magics.stats.Summary}: n, mean, median, min, max, stddev, p50/p90/p99
 *       (type-6 interpolated percentiles, as JMH) and JMH's 99.9% {@code error} (Student's t half-width).</li>
 *   <li>{@link dev.perfkernel.magics.stats.MannWhitney}: two-sided U test, exact for ≤ 50 + 50
 *       samples without ties, normal approximation with tie and continuity correction otherwise.</li>
 *   <li>{@link dev.perfkernel.magics.stats.ForkComparison}: %bench's comparison, with the fork as
 *       the unit: fork medians, the ratio of their geometric means, a 95% Welch t interval and
 *       p-value on their logarithms, and "too few forks" below 3 per side.</li>
 *   <li>{@link dev.perfkernel.magics.stats.Bootstrap}: a seeded percentile bootstrap of a ratio of
 *       medians (for many forks, e.g. bench/bench_vs_jmh).</li>
 *   <li>{@link dev.perfkernel.magics.stats.Comparison}: benchstat's baseline-vs-candidate over
 *       independent samples: ratio and Δ% of medians, Mann-Whitney p-value, {@code ~} when not
 *       significant at 0.05. Not for JMH iterations, which are not independent.</li>
 *   <li>{@link dev.perfkernel.magics.stats.ComplexityFit}: growth class of a {@code @Param} sweep by
 *       model selection (a + b·f(n), AICc), "undetermined" when classes tie or none fits.</li>
 *   <li>{@link dev.perfkernel.magics.stats.StatsJson}: the same statistics as JSON with stable keys,
 *       non-finite numbers left out.</li>
 *   <li>{@link dev.perfkernel.magics.stats.Units}: 3-significant-digit durations, bytes (decimal
 *       kB/MB; binary KiB/MiB for heap sizes), counts, rates, percentages, p-values, JMH scores.</li>
 * </ul>
 */
package dev.perfkernel.magics.stats;

/**
 * The statistics every measuring magic shares.
 *
 * <ul>
 *   <li>{@link dev.perfkernel.magics.stats.Summary}: n, mean, median, min, max, stddev, p50/p90/p99
 *       (type-7 interpolated percentiles) and JMH's 99.9% {@code error} (Student's t half-width).</li>
 *   <li>{@link dev.perfkernel.magics.stats.MannWhitney}: two-sided U test, exact for ≤ 50 + 50
 *       samples without ties, normal approximation with tie and continuity correction otherwise.</li>
 *   <li>{@link dev.perfkernel.magics.stats.Comparison}: benchstat's baseline-vs-candidate: ratio and
 *       Δ% of medians, p-value, {@code ~} when not significant at 0.05, and a warning when the
 *       sample sizes cannot reach significance at all.</li>
 *   <li>{@link dev.perfkernel.magics.stats.ComplexityFit}: log-log slope, linear a + b·N, and the
 *       best growth class O(1)…O(n³) for a {@code @Param} sweep.</li>
 *   <li>{@link dev.perfkernel.magics.stats.StatsJson}: the same statistics as JSON with stable keys,
 *       non-finite numbers left out.</li>
 *   <li>{@link dev.perfkernel.magics.stats.Units}: 3-significant-digit durations, bytes (decimal
 *       kB/MB; binary KiB/MiB for heap sizes), counts, rates, percentages, p-values, JMH scores.</li>
 * </ul>
 */
package dev.perfkernel.magics.stats;

package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.Budget;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.parse.jmh.JmhMetric;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.stats.ForkComparison;
import dev.perfkernel.magics.stats.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns measured rows into a {@link BenchReport}: picks each row's baseline, runs the
 * benchstat-style comparison, evaluates budgets and collects warnings.
 *
 * <p>Baseline rule: with {@code --compare FILE} each row is compared with the same benchmark and
 * parameters in the saved run; else with several JDKs and no {@code --baseline}, with the first
 * JDK's row; else with the {@code --baseline} benchmark (default: the first benchmark method) of
 * the same parameters and JDK.
 *
 * <p>The loaded-machine warning is not decided here: it comes in {@code extraWarnings} from
 * {@link dev.perfkernel.magics.report.LoadSampler.Load#warnings()}, which watched the run.
 */
final class BenchAnalysis {
    /** A score within this factor of an empty body's is suspicious. */
    // Within 50% of the empty body's best: popcount's real work (~1 ns over the empty ~1.1 ns,
    // measured on the build machine) must not be flagged, an eliminated body (~1.0x) must be.
    static final double NEAR_EMPTY_FACTOR = 1.5;
    /** JMH's 99.9% error above this fraction of the score is called noisy. */
    static final double NOISY_FRACTION = 0.05;

    private BenchAnalysis() {
    }

    static BenchReport analyse(BenchOptions opts, List<BenchRow> rows, List<BenchRow> saved,
                               List<Environment> envs, Map<String, Double> emptyScores, List<Warning> extraWarnings,
                               String jmhJson) throws UsageException {
        List<BenchReport.Compared> comparisons = compare(opts, rows, saved);
        List<Warning> warnings = new ArrayList<>(extraWarnings);
        if (opts.quick()) {
            warnings.add(new Warning(Warning.QUICK, "Quick settings (" + opts.samplingText() + ", " + opts.warmupTime()
                    + " warm-up / " + opts.measurementTime() + " measurement): good for exploring; too few forks "
                    + "and too little warm-up for conclusions (re-run without --quick)."));
        }
        for (BenchRow r : rows) {
            JmhMetric m = r.primary();
            String label = r.label(rows.stream().map(BenchRow::jdk).distinct().count() > 1);
            Double empty = emptyScores.get(r.jdk());
            // the best iteration: late JIT compilation or a busy machine inflate the mean, never the best
            double best = bestSample(r.result().mode(), m);
            // Under -Xint nothing is compiled, so nothing can be eliminated: every score is honest.
            boolean interpreted = opts.jvmArgs().stream().anyMatch(a -> a.equals("-Xint"));
            if (empty != null && empty > 0 && !interpreted && nearEmpty(r.result().mode(), best, empty)) {
                warnings.add(new Warning(Warning.NEAR_EMPTY, label + ": " + Units.score(m.score(), m.unit())
                        + " is close to an empty benchmark's " + Units.score(empty, m.unit()) + ". The JIT may have "
                        + "removed the work (dead code) or folded a constant input: return or consume the result "
                        + "and read inputs from @State fields."));
            }
            if (Double.isFinite(m.relativeError()) && m.relativeError() > NOISY_FRACTION) {
                warnings.add(new Warning(Warning.NOISY, String.format(Locale.ROOT, "%s: the error is %.0f%% of the "
                        + "score; use more forks/iterations, longer iterations (-r) or a quieter machine.", label,
                        100 * m.relativeError())));
            }
            if (!Double.isFinite(m.error())) {
                warnings.add(new Warning(Warning.FEW_SAMPLES, label + ": too few samples for a confidence interval "
                        + "(JMH computes one from 3 or more measurement iterations in all)."));
            }
        }
        for (BenchReport.Compared c : comparisons) {
            for (String w : c.comparison().warnings()) {
                Warning warning = new Warning(Warning.FEW_SAMPLES, c.candidate().label(false) + " vs " + c.against()
                        + ": " + w);
                if (warnings.stream().noneMatch(x -> x.kind().equals(Warning.FEW_SAMPLES)
                        && x.message().endsWith(w))) warnings.add(warning);
            }
        }
        List<Budget.Outcome> outcomes = new ArrayList<>();
        boolean multiJdk = rows.stream().map(BenchRow::jdk).distinct().count() > 1;
        for (String text : opts.budgets()) {
            Budget b = Budget.parse(text);
            boolean matched = false;
            for (BenchRow r : rows) {
                if (!b.appliesTo(r.name())) continue;
                if (b.metric().equals(Budget.RATIO)) {
                    BenchReport.Compared c = comparisons.stream().filter(x -> x.candidate() == r).findFirst().orElse(null);
                    if (c == null) {
                        if (b.benchmark() == null) continue; // the baseline itself: nothing to compare
                        throw new UsageException("%bench: --budget '" + text + "': " + r.name() + " is not compared "
                                + "with a baseline (use --baseline, or a second benchmark or JDK)", null);
                    }
                    matched = true;
                    ForkComparison fc = c.comparison();
                    outcomes.add(b.evaluateRatio(r.label(multiJdk) + " vs " + c.against(), fc.ratio(), fc.low(),
                            fc.high()));
                    continue;
                }
                matched = true;
                JmhMetric m = b.metric().equals("score") ? r.primary() : r.result().secondary().get(b.metric());
                if (m == null) {
                    throw new UsageException("%bench: --budget '" + text + "': no metric " + b.metric() + " in the "
                            + "results (available: score, " + String.join(", ", r.result().secondary().keySet()) + ")",
                            null);
                }
                outcomes.add(b.evaluate(r.label(multiJdk), m.score(), m.error(), m.unit()));
            }
            if (!matched) throw new UsageException("%bench: --budget '" + text + "' names no measured benchmark", null);
        }
        return new BenchReport(opts, rows, comparisons, outcomes, envs, warnings, emptyScores, jmhJson);
    }

    /** The best per-iteration score (lowest time, highest throughput); the score itself without samples. */
    static double bestSample(String mode, JmhMetric m) {
        double[] s = m.samples();
        if (s.length == 0) return m.score();
        java.util.DoubleSummaryStatistics st = java.util.Arrays.stream(s).summaryStatistics();
        return mode.equals("thrpt") ? st.getMax() : st.getMin();
    }

    static boolean nearEmpty(String mode, double score, double empty) {
        return switch (mode) {
            case "thrpt" -> score * NEAR_EMPTY_FACTOR >= empty;
            case "avgt", "sample" -> score <= empty * NEAR_EMPTY_FACTOR;
            default -> false; // single-shot times include timer overhead; the check would mislead
        };
    }

    static List<BenchReport.Compared> compare(BenchOptions opts, List<BenchRow> rows, List<BenchRow> saved)
            throws UsageException {
        List<BenchReport.Compared> out = new ArrayList<>();
        if (!saved.isEmpty()) {
            for (BenchRow r : rows) {
                BenchRow base = saved.stream().filter(s -> s.sameCase(r) && s.feature() == r.feature()).findFirst()
                        .orElse(saved.stream().filter(s -> s.sameCase(r)).findFirst().orElse(null));
                if (base != null) add(out, r, base, "saved run");
            }
            return out;
        }
        List<String> jdks = rows.stream().map(BenchRow::jdk).distinct().toList();
        List<String> names = rows.stream().map(BenchRow::name).distinct().toList();
        if (opts.baseline() != null && !names.contains(opts.baseline())) {
            throw new UsageException("%bench: --baseline " + opts.baseline() + " is not a benchmark of this cell "
                    + "(benchmarks: " + String.join(", ", names) + ")", null);
        }
        if (jdks.size() > 1 && opts.baseline() == null) {
            for (BenchRow r : rows) {
                if (r.jdk().equals(jdks.get(0))) continue;
                rows.stream().filter(b -> b.jdk().equals(jdks.get(0)) && b.sameCase(r)).findFirst()
                        .ifPresent(b -> add(out, r, b, b.jdk()));
            }
            return out;
        }
        if (names.size() < 2) return out;
        String baseName = opts.baseline() != null ? opts.baseline() : names.get(0);
        Map<String, BenchRow> bases = new LinkedHashMap<>();
        for (BenchRow r : rows) if (r.name().equals(baseName)) bases.put(r.jdk() + r.params(), r);
        for (BenchRow r : rows) {
            if (r.name().equals(baseName)) continue;
            BenchRow b = bases.get(r.jdk() + r.params());
            if (b != null) add(out, r, b, baseName);
        }
        return out;
    }

    /** The fork is the unit: each fork's median iteration, compared by {@link ForkComparison}. */
    private static void add(List<BenchReport.Compared> out, BenchRow r, BenchRow base, String against) {
        double[] x = ForkComparison.forkMedians(base.primary().perFork());
        double[] y = ForkComparison.forkMedians(r.primary().perFork());
        if (x.length == 0 || y.length == 0) return;
        out.add(new BenchReport.Compared(r, base, against, ForkComparison.of(x, y, ForkComparison.DEFAULT_CONFIDENCE)));
    }
}

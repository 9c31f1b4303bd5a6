package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.Budget;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.stats.ForkComparison;

import java.util.List;

/**
 * Everything a %bench run found: rows, comparisons against the baseline, budget outcomes, the
 * environment per JDK and warnings. Rendered by {@link BenchRenderer}, serialised by {@link BenchJson}.
 *
 * @param emptyScores the empty benchmark's score per JDK label (for the near-empty check), same unit as rows
 */
public record BenchReport(BenchOptions options, List<BenchRow> rows, List<Compared> comparisons,
                          List<Budget.Outcome> budgets, List<Environment> environments, List<Warning> warnings,
                          java.util.Map<String, Double> emptyScores, String jmhJson) {

    public BenchReport {
        rows = List.copyOf(rows);
        comparisons = List.copyOf(comparisons);
        budgets = List.copyOf(budgets);
        environments = List.copyOf(environments);
        warnings = List.copyOf(warnings);
        emptyScores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(emptyScores));
    }

    /**
     * A row compared with its baseline.
     *
     * @param against    where the baseline came from: {@code NAME}, {@code JDK 17} or {@code saved run}
     * @param comparison fork-aware: each fork's median is one sample (see {@link ForkComparison})
     */
    public record Compared(BenchRow candidate, BenchRow baseline, String against, ForkComparison comparison) {}

    /** Whether more than one JDK ran (rows are then labelled with their JDK). */
    public boolean multiJdk() {
        return rows.stream().map(BenchRow::jdk).distinct().count() > 1;
    }

    public java.util.Optional<Compared> comparisonFor(BenchRow row) {
        return comparisons.stream().filter(c -> c.candidate() == row).findFirst();
    }

    public boolean budgetsMissed() {
        return budgets.stream().anyMatch(o -> !o.passed());
    }
}

package dev.perfkernel.magics.render;

import dev.perfkernel.magics.stats.Comparison;
import dev.perfkernel.magics.stats.Units;

/** Ready-made table cells for the statistics, so every magic shows them the same way. */
public final class Cells {

    private Cells() {}

    /**
     * benchstat's delta: {@code -37.56%} tinted better/worse when significant, else {@code ~};
     * the tooltip gives p, n, the test used and the ratio of medians.
     */
    public static Cell delta(Comparison c, Comparison.Direction direction) {
        Comparison.Verdict v = c.verdict(direction);
        Status s = v == Comparison.Verdict.BETTER ? Status.BETTER
                : v == Comparison.Verdict.WORSE ? Status.WORSE : Status.NONE;
        return new Cell(c.deltaText(), tooltip(c), s);
    }

    /** {@code p=0.000 n=20+20}, muted when not significant, warned when n is too small for any significance. */
    public static Cell pValue(Comparison c) {
        String text = Units.pValue(c.pValue()) + " n=" + c.baseline().n() + "+" + c.candidate().n();
        Status s = !c.warnings().isEmpty() ? Status.WARN : c.significant() ? Status.NONE : Status.MUTED;
        return new Cell(text, tooltip(c), s);
    }

    /** Candidate ÷ baseline (medians): {@code 0.624×}. */
    public static Cell ratio(Comparison c) {
        return new Cell(Units.ratio(c.ratio()), tooltip(c), Status.NONE);
    }

    /** A pass/fail cell for an efficiency budget. */
    public static Cell budget(boolean pass, String text) {
        return new Cell(text, pass ? "within budget" : "budget missed", pass ? Status.PASS : Status.FAIL);
    }

    private static String tooltip(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("ratio of medians ").append(Units.ratio(c.ratio()))
                .append(" (of means ").append(Units.ratio(c.meanRatio())).append("); ")
                .append("two-sided Mann-Whitney U, ").append(c.test().exact() ? "exact" : "normal approximation")
                .append(", ").append(Units.pValue(c.pValue())).append(", n=").append(c.baseline().n()).append('+')
                .append(c.candidate().n()).append("; significant when p < ").append(c.alpha());
        for (String w : c.warnings()) sb.append("\n").append(w);
        return sb.toString();
    }
}

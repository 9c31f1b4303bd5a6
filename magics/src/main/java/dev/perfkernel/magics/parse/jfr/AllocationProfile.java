package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Allocation sites aggregated from JFR samples or from an instrumented run.
 *
 * @param sampled    true when built from JFR samples (counts are samples, bytes are estimates)
 * @param totalBytes sum over all sites
 * @param totalCount sum of counts over all sites
 * @param flat       one row per (type, innermost user frame and line), by bytes descending
 * @param cumulative one row per user (frame, line) anywhere on the stack, by bytes descending
 * @param cellLines  per cell line: flat and cumulative bytes and counts (pprof's list)
 * @param collapsed  allocation stacks, root first with the type as the leaf, weighted by bytes
 */
public record AllocationProfile(boolean sampled, long totalBytes, long totalCount, List<AllocationSite> flat,
                                List<AllocationSite> cumulative, Map<CellLine, LineTotals> cellLines,
                                Map<String, Long> collapsed) {

    /** What one cell line allocated: innermost (flat) and including callees (cum). */
    public record LineTotals(long flatBytes, long flatCount, long cumBytes, long cumCount) {}

    /** Ordering for {@code --by bytes|count}. */
    public enum By {
        BYTES, COUNT;

        public Comparator<AllocationSite> comparator() {
            Comparator<AllocationSite> bytes = Comparator.comparingLong(AllocationSite::bytes).reversed();
            Comparator<AllocationSite> count = Comparator.comparingLong(AllocationSite::count).reversed();
            Comparator<AllocationSite> first = this == BYTES ? bytes.thenComparing(count) : count.thenComparing(bytes);
            return first.thenComparing(AllocationSite::frame).thenComparingInt(AllocationSite::sourceLine)
                    .thenComparing(s -> s.type() == null ? "" : s.type());
        }
    }

    public List<AllocationSite> top(By by, int n, boolean cumulativeRows) {
        return (cumulativeRows ? cumulative : flat).stream().sorted(by.comparator()).limit(n).toList();
    }

    /** Collapsed stacks as text, one {@code a;b;type bytes} per line, heaviest first. */
    public String collapsedText() {
        return CollapsedStacks.toText(collapsed);
    }
}

package dev.perfkernel.magics.parse.jfr;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Aggregated stack samples: pprof's top (by method and by line, flat and cumulative) and the
 * collapsed stacks a flame graph is drawn from.
 *
 * @param event       what was sampled
 * @param samples     number of samples aggregated
 * @param totalWeight sum of their weights, in {@link ProfileEvent#unit()}
 * @param methods     one row per method, by flat weight descending
 * @param lines       one row per (method, line), by flat weight descending
 * @param collapsed   {@code root;...;leaf} to weight, the input of flame-graph tools
 */
public record Profile(ProfileEvent event, long samples, long totalWeight, List<FrameStat> methods,
                      List<FrameStat> lines, Map<String, Long> collapsed) {

    public static final Comparator<FrameStat> BY_FLAT =
            Comparator.comparingLong(FrameStat::flat).reversed().thenComparing(Comparator.comparingLong(FrameStat::cum).reversed())
                    .thenComparing(FrameStat::method).thenComparingInt(FrameStat::line);
    public static final Comparator<FrameStat> BY_CUM =
            Comparator.comparingLong(FrameStat::cum).reversed().thenComparing(Comparator.comparingLong(FrameStat::flat).reversed())
                    .thenComparing(FrameStat::method).thenComparingInt(FrameStat::line);

    /** The first {@code n} method rows ordered by flat or cumulative weight. */
    public List<FrameStat> topMethods(int n, boolean cumulative) {
        return methods.stream().sorted(cumulative ? BY_CUM : BY_FLAT).limit(n).toList();
    }

    /** The first {@code n} line rows ordered by flat or cumulative weight. */
    public List<FrameStat> topLines(int n, boolean cumulative) {
        return lines.stream().sorted(cumulative ? BY_CUM : BY_FLAT).limit(n).toList();
    }

    /** Collapsed stacks as text, one {@code a;b;c N} per line, heaviest first. */
    public String collapsedText() {
        return CollapsedStacks.toText(collapsed);
    }
}

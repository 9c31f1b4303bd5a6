package dev.perfkernel.magics.parse.gclog;

import java.util.List;
import java.util.Map;

/**
 * What a unified GC log says, in bounded size: exact counts and totals, pause percentiles, and
 * the first events plus an evenly thinned series for charts. Sizes in MB (MiB), times in ms
 * unless named otherwise; NaN where the log does not say.
 *
 * @param collector        e.g. {@code G1}, {@code ZGC (generational)}; {@code unknown} when not logged
 * @param jvmVersion       from the {@code gc,init} Version line, or empty
 * @param heapMaxMb        from {@code Heap Max Capacity}
 * @param gcCount          distinct GC ids that produced an event (the JVM's own collection count)
 * @param eventCount       events seen (all, not only those kept)
 * @param byKind           events per kind
 * @param causes           events per cause (at most {@value GcLogParser#MAX_NAMES} distinct)
 * @param pauses           every stop-the-world pause, including the short pauses of concurrent cycles
 * @param concurrentPhases total wall time per concurrent phase name
 * @param firstEvents      the first events in log order, for tables
 * @param sampledEvents    events spread over the whole log, for charts
 * @param sampleStride     1 when {@code sampledEvents} holds every event, else one in this many
 * @param heapPoints       heap occupancy over time (before/after each collection; Epsilon's reports)
 * @param peakHeapMb       largest occupancy seen
 * @param heapAfterAvgMb   mean occupancy after collections: an estimate of the live set plus floating garbage
 * @param heapAfterMaxMb   largest occupancy after a collection
 * @param allocatedMb      estimate: growth of occupancy between collections, summed (a lower bound for
 *                         concurrent collectors, which allocate while they collect)
 * @param allocationStalls threads that waited for memory (ZGC's Allocation/Relocation Stall lines)
 * @param allocationStallMs their total wait: not a GC pause, but the application feels it as one
 * @param lastUptimeS      uptime of the last decorated line: the log's span from JVM start
 * @param lines            lines read
 * @param unknownLines     GC lines no rule recognised (counted, never fatal)
 * @param unknownSamples   the first few of them
 */
public record GcLog(String collector, String jvmVersion, double heapMaxMb, long gcCount, long eventCount,
                    Map<GcKind, Long> byKind, Map<String, Long> causes, PauseStats pauses,
                    Map<String, PhaseTotal> concurrentPhases, List<GcEvent> firstEvents,
                    List<GcEvent> sampledEvents, long sampleStride, List<HeapPoint> heapPoints,
                    double peakHeapMb, double heapAfterAvgMb, double heapAfterMaxMb, double allocatedMb,
                    long allocationStalls, double allocationStallMs, double lastUptimeS, long lines, long unknownLines, List<String> unknownSamples) {

    public GcLog {
        byKind = Map.copyOf(byKind);
        causes = Map.copyOf(causes);
        concurrentPhases = Map.copyOf(concurrentPhases);
        firstEvents = List.copyOf(firstEvents);
        sampledEvents = List.copyOf(sampledEvents);
        heapPoints = List.copyOf(heapPoints);
        unknownSamples = List.copyOf(unknownSamples);
    }

    public long count(GcKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    /** Allocation rate over the log's span, MB/s. */
    public double allocRateMbPerS() {
        return lastUptimeS > 0 ? allocatedMb / lastUptimeS : Double.NaN;
    }

    /** Share of the log's span not spent in stop-the-world pauses (0..1). */
    public double throughput() {
        return lastUptimeS > 0 ? Math.max(0, 1 - pauses.totalMs() / (lastUptimeS * 1000)) : Double.NaN;
    }

    /** Pause figures. Percentiles are exact unless {@code exact} is false (then within 1%). */
    public record PauseStats(long count, double totalMs, double p50Ms, double p90Ms, double p99Ms,
                             double maxMs, boolean exact) {
        static PauseStats of(PauseDistribution d) {
            return new PauseStats(d.count(), d.totalMs(), d.percentile(0.5), d.percentile(0.9),
                    d.percentile(0.99), d.maxMs(), d.exact());
        }
    }

    /** Count and total wall time of one concurrent phase. */
    public record PhaseTotal(long count, double totalMs) {}

    /** Heap occupancy at a time; {@code after} is true for the figure just after a collection. */
    public record HeapPoint(double uptimeS, double usedMb, boolean after) {}
}

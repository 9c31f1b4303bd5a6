package dev.perfkernel.magics.parse.gclog;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregates of a GC log as events arrive: counts by kind and cause, phase totals, heap
 * figures, allocation, and the kept and sampled events and heap points (all bounded).
 */
final class GcTotals {
    private final int keptEvents;
    private final List<GcEvent> first = new ArrayList<>();
    private final EventSampler<GcEvent> sampled;
    private final EventSampler<GcLog.HeapPoint> heapPoints;
    private final Map<GcKind, Long> byKind = new EnumMap<>(GcKind.class);
    private final Map<String, Long> causes = new LinkedHashMap<>();
    private final Map<String, GcLog.PhaseTotal> phases = new LinkedHashMap<>();
    private final BitSet gcIds = new BitSet();
    private long eventCount;
    private double peakHeap = Double.NaN;
    private double lastHeapAfter = Double.NaN;
    private double heapAfterSum;
    private long heapAfterCount;
    private double heapAfterMax = Double.NaN;
    private double allocated;

    GcTotals(int keptEvents) {
        this.keptEvents = keptEvents;
        this.sampled = new EventSampler<>(Math.max(2, keptEvents));
        this.heapPoints = new EventSampler<>(Math.max(2, 2 * keptEvents));
    }

    void add(GcEvent e) {
        eventCount++;
        byKind.merge(e.kind(), 1L, Long::sum);
        if (!e.cause().isEmpty() && (causes.containsKey(e.cause()) || causes.size() < GcLogParser.MAX_NAMES)) {
            causes.merge(e.cause(), 1L, Long::sum);
        }
        if (e.gcId() >= 0 && e.gcId() < Integer.MAX_VALUE) gcIds.set((int) e.gcId());
        if (first.size() < keptEvents) first.add(e);
        sampled.add(e);
        if (!Double.isNaN(e.heapBeforeMb())) {
            allocated += Double.isNaN(lastHeapAfter) ? e.heapBeforeMb() : Math.max(0, e.heapBeforeMb() - lastHeapAfter);
            peakHeap = Double.isNaN(peakHeap) ? e.heapBeforeMb() : Math.max(peakHeap, e.heapBeforeMb());
            heapPoints.add(new GcLog.HeapPoint(e.uptimeS(), e.heapBeforeMb(), false));
        }
        if (!Double.isNaN(e.heapAfterMb())) {
            lastHeapAfter = e.heapAfterMb();
            heapAfterSum += e.heapAfterMb();
            heapAfterCount++;
            heapAfterMax = Double.isNaN(heapAfterMax) ? e.heapAfterMb() : Math.max(heapAfterMax, e.heapAfterMb());
            double end = Double.isNaN(e.durationMs()) ? e.uptimeS() : e.uptimeS() + e.durationMs() / 1000;
            heapPoints.add(new GcLog.HeapPoint(round3(end), e.heapAfterMb(), true));
        }
    }

    void addPhase(String name, double ms) {
        GcLog.PhaseTotal t = phases.get(name);
        if (t == null && phases.size() >= GcLogParser.MAX_NAMES) return;
        phases.put(name, t == null ? new GcLog.PhaseTotal(1, ms) : new GcLog.PhaseTotal(t.count() + 1, t.totalMs() + ms));
    }

    /** Epsilon's heap line: it never frees, so the occupancy is everything allocated so far. */
    void epsilonHeap(double uptimeS, double usedMb) {
        heapPoints.add(new GcLog.HeapPoint(uptimeS, usedMb, false));
        peakHeap = Double.isNaN(peakHeap) ? usedMb : Math.max(peakHeap, usedMb);
        allocated = Math.max(allocated, usedMb);
    }

    GcLog log(String collector, String jvmVersion, double heapMaxMb, GcLog.PauseStats pauses, long stalls,
              double stallMs, double spanS, long lines, long unknown, List<String> unknownSamples) {
        return new GcLog(collector, jvmVersion, heapMaxMb, gcIds.cardinality(), eventCount, byKind, causes,
                pauses, phases, first, sampled.items(), sampled.stride(),
                heapPoints.items(), peakHeap, heapAfterCount == 0 ? Double.NaN : heapAfterSum / heapAfterCount,
                heapAfterMax, allocated, stalls, stallMs, spanS, lines, unknown, unknownSamples);
    }

    static double round3(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}

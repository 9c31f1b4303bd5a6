package dev.perfkernel.magics.parse.gclog.gctoolkit;

import com.microsoft.gctoolkit.aggregator.Aggregation;
import com.microsoft.gctoolkit.aggregator.Collates;

/** GCToolKit's view of a log's stop-the-world pauses: count and total, for cross-checking our parser. */
@Collates(PauseAggregator.class)
public class PauseAggregation extends Aggregation {
    private long count;
    private long unknownDurations;
    private double totalSeconds;

    private final java.util.Map<String, Long> byType = new java.util.TreeMap<>();

    void record(String type, double seconds) {
        byType.merge(type, 1L, Long::sum);
        count++;
        if (seconds < 0) {
            // GCToolKit's "duration unknown" (-1 s): it could not read this line's time.
            unknownDurations++;
            return;
        }
        totalSeconds += seconds;
    }

    public long count() { return count; }

    /** Pauses per GCToolKit event class, for failure messages. */
    public java.util.Map<String, Long> byType() { return byType; }

    public long unknownDurations() { return unknownDurations; }

    public double totalMs() { return totalSeconds * 1000; }

    @Override public boolean hasWarning() { return false; }

    @Override public boolean isEmpty() { return count == 0; }
}

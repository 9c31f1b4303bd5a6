package dev.perfkernel.magics.parse.gclog;

/**
 * One collection, or one pause of a concurrent cycle that reports its own heap figures.
 * Sizes in MB (MiB), times in ms; NaN when the log does not say.
 *
 * @param gcId        the JVM's {@code GC(n)} id, -1 if absent
 * @param uptimeS     when it started (or was logged), seconds since JVM start
 * @param kind        classification
 * @param name        the collector's own wording, e.g. {@code Pause Young (Normal)}
 * @param cause       e.g. {@code Allocation Failure}, {@code System.gc()}, {@code G1 Evacuation Pause}
 * @param pauseMs     stop-the-world time of this event (for concurrent cycles: the sum of their pauses)
 * @param pauses      how many stop-the-world pauses {@code pauseMs} adds up
 * @param durationMs  wall time of a concurrent cycle; for a pause equal to {@code pauseMs}
 */
public record GcEvent(long gcId, double uptimeS, GcKind kind, String name, String cause, double pauseMs,
                      int pauses, double durationMs, double heapBeforeMb, double heapAfterMb,
                      double heapCommittedMb) {
}

package dev.perfkernel.magics.parse.gclog;

/** A concurrent collection whose lines are still coming. */
final class Pending {
    final long gcId;
    final double uptimeS;
    GcKind kind = GcKind.CONCURRENT_CYCLE;
    String name = "Concurrent Cycle";
    String cause = "";
    double pauseMs;
    int pauses;
    double durationMs = Double.NaN;
    double before = Double.NaN;
    double after = Double.NaN;
    double committed = Double.NaN;
    double lastUptimeS = Double.NaN;

    Pending(long gcId, double uptimeS) {
        this.gcId = gcId;
        this.uptimeS = uptimeS;
    }

    void addPause(double ms) {
        pauseMs += ms;
        pauses++;
    }

    boolean complete() {
        return pauses > 0 || !Double.isNaN(after);
    }

    GcEvent toEvent() {
        return new GcEvent(gcId, GcTotals.round3(uptimeS), kind, name, cause, pauses == 0 ? Double.NaN : pauseMs,
                pauses, Double.isNaN(durationMs) ? (lastUptimeS - uptimeS) * 1000 : durationMs,
                before, after, committed);
    }
}

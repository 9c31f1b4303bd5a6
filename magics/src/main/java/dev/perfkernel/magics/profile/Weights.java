package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.parse.jfr.ProfileEvent;
import dev.perfkernel.magics.stats.Units;

/** Formats a profile weight in its event's unit: samples, bytes, or time from microseconds. */
final class Weights {
    private Weights() {
    }

    static String format(ProfileEvent e, long w) {
        return switch (e) {
            case CPU -> Long.toString(w);
            case ALLOC -> Units.bytes(w);
            case WALL, LOCK -> Units.nanos(w * 1000.0);
        };
    }

    static String unitLabel(ProfileEvent e) {
        return switch (e) {
            case CPU -> "samples";
            case ALLOC -> "bytes";
            case WALL, LOCK -> "µs";
        };
    }

    static String percent(long part, long total) {
        return total <= 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / total);
    }
}

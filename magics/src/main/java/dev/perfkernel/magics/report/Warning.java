package dev.perfkernel.magics.report;

/**
 * Something about a result that deserves distrust, shown next to it.
 *
 * @param kind    a stable machine-readable kind, e.g. {@link #NEAR_EMPTY}
 * @param message one or two sentences for the reader, saying what to do about it
 */
public record Warning(String kind, String message) {
    /** The score is close to an empty body's: the JIT probably removed the work. */
    public static final String NEAR_EMPTY = "near-empty-body";
    /** The error interval is a large fraction of the score. */
    public static final String NOISY = "noisy";
    /** Too few samples for a significance test to ever say "different". */
    public static final String FEW_SAMPLES = "few-samples";
    /** Other work competed with the measurement while it ran (see {@link LoadSampler}). */
    public static final String LOADED_MACHINE = "loaded-machine";
    /** A session snippet could not be replayed in the forked JVM. */
    public static final String UNREPLAYABLE = "unreplayable-snippet";
    /** Quick settings were used: fine for exploring, not for conclusions. */
    public static final String QUICK = "quick-settings";
    /** Anything else. */
    public static final String OTHER = "other";

    @Override
    public String toString() {
        return message;
    }
}

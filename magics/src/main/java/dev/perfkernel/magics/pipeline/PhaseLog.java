package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.harness.QuickMode;

import java.util.ArrayList;
import java.util.List;

/**
 * A debug log of where a measuring cell's wall time goes: each phase's start and length (phases
 * may overlap: a JVM starting while javac runs), written to the kernel's stderr as one line when
 * the cell's pipeline closes. Off unless the setting or environment variable {@value #SETTING} is
 * on (1, true) or the kernel runs with {@code -D}{@value #PROPERTY}{@code =true}. Proportions are
 * what it is for; absolute figures only mean something on an idle machine.
 */
public final class PhaseLog {
    public static final String SETTING = "PERFKERNEL_PHASES";
    static final String PROPERTY = "perfkernel.phases";
    private static final Phase NONE = () -> { };

    private final String label;
    private final boolean on;
    private final long t0 = System.nanoTime();
    private final List<String> entries = new ArrayList<>();
    private boolean finished;

    PhaseLog(String label, boolean on) {
        this.label = label;
        this.on = on;
    }

    static PhaseLog of(MagicContext ctx, String purpose, int executionCount) {
        boolean on = QuickMode.isOn(ctx.setting(SETTING, () -> System.getProperty(PROPERTY)));
        return new PhaseLog("%" + purpose + " cell " + executionCount, on);
    }

    /** One timed phase; close it when it ends (try-with-resources). */
    @FunctionalInterface
    public interface Phase extends AutoCloseable {
        @Override
        void close();
    }

    public boolean enabled() {
        return on;
    }

    /** Starts a phase now; its entry is {@code name start+length} in ms from the cell's start. */
    public Phase phase(String name) {
        if (!on) return NONE;
        long start = System.nanoTime();
        return () -> add(name + " " + ms(start - t0) + "+" + ms(System.nanoTime() - start));
    }

    /** Records an instant, e.g. a JVM saying it is ready. */
    public void mark(String name) {
        if (on) add(name + " @" + ms(System.nanoTime() - t0));
    }

    private synchronized void add(String entry) {
        entries.add(entry);
    }

    /** The entries so far, in the order they ended. */
    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Writes the line once (when on). */
    synchronized void finish() {
        if (!on || finished) return;
        finished = true;
        System.err.println("perfkernel phases: " + label + ", " + ms(System.nanoTime() - t0) + " ms: "
                + String.join(", ", entries));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}

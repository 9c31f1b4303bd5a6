package dev.perfkernel.magics.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fires once when the user interrupts; listeners registered later run at once. */
public final class CancelToken {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} when cancelled; call between long steps. */
    public void check() {
        if (cancelled) throw new CancelledException();
    }

    public void cancel() {
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
        }
        for (Runnable r : listeners) {
            try { r.run(); } catch (RuntimeException ignored) { /* a listener must not stop others */ }
        }
    }

    /** Registers an action to run on cancel; returns a handle that unregisters it. */
    public AutoCloseable onCancel(Runnable action) {
        listeners.add(action);
        if (cancelled) action.run();
        return () -> listeners.remove(action);
    }

    /** Thrown by {@link #check()}; the kernel reports it as an interrupted cell. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("interrupted", null, false, false);
        }
    }
}

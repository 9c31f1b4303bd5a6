package dev.perfkernel.kernel.shell;

import dev.perfkernel.magics.api.CancelToken;

import java.util.concurrent.TimeUnit;

/**
 * The interrupt state of the running cell. An interrupt cancels the running magic's token and
 * asks the engine to stop the running snippet; a snippet that has not stopped after a grace
 * period (a loop without safepoint-checked stops, or code swallowing ThreadDeath) gets its
 * engine killed.
 */
final class CellInterrupt {
    /** How long a stopped cell may take to end before its engine is killed. */
    static final long STOP_GRACE_MILLIS = 1500;

    private volatile CancelToken currentCancel;
    private volatile Engine evaluating;
    private volatile boolean interrupted;
    private volatile boolean killedByInterrupt;

    /** A new cell starts: nothing is interrupted yet. */
    void beginCell() {
        interrupted = false;
        killedByInterrupt = false;
    }

    void endCell() {
        currentCancel = null;
    }

    /** The token of a magic about to run; already cancelled if the cell was interrupted. */
    CancelToken newToken() {
        CancelToken token = new CancelToken();
        currentCancel = token;
        if (interrupted) token.cancel();
        return token;
    }

    boolean interrupted() {
        return interrupted;
    }

    boolean killedByInterrupt() {
        return killedByInterrupt;
    }

    /** Marks {@code e} as evaluating a snippet (null when it is done). */
    void evaluating(Engine e) {
        evaluating = e;
    }

    /** Called from the control thread. */
    void interrupt() {
        interrupted = true;
        cancelMagic();
        Engine e = evaluating;
        if (e == null) return;
        Thread stopper = new Thread(() -> {
            e.stop();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
            while (evaluating == e && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ex) {
                    return;
                }
            }
            if (evaluating == e) {
                killedByInterrupt = true;
                e.kill();
            }
        }, "perfkernel-interrupt");
        stopper.setDaemon(true);
        stopper.start();
    }

    void cancelMagic() {
        CancelToken t = currentCancel;
        if (t != null) t.cancel();
    }
}

package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import jdk.jshell.SnippetEvent;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Evaluates one snippet on the engine's eval thread, bounded: an interrupt stops it (see
 * {@link CellInterrupt}); if the engine dies meanwhile the cell ends with a lost-state error
 * and a new engine is started.
 */
final class SnippetEvaluator {
    private final EngineSupervisor engines;
    private final CellInterrupt interrupt;
    private final SessionBook session;

    SnippetEvaluator(EngineSupervisor engines, CellInterrupt interrupt, SessionBook session) {
        this.engines = engines;
        this.interrupt = interrupt;
        this.session = session;
    }

    /** Outcome of evaluating one snippet: its events, or why the cell ends here. */
    record Evaluated(List<SnippetEvent> events, ExecuteOutcome failure) {}

    Evaluated evaluate(Engine e, String source) {
        if (interrupt.interrupted()) return new Evaluated(List.of(), Outcomes.interrupted());
        interrupt.evaluating(e);
        session.changed();
        try {
            Future<List<SnippetEvent>> f = e.submit(source);
            long deadAt = 0;
            while (true) {
                try {
                    List<SnippetEvent> events = f.get(100, TimeUnit.MILLISECONDS);
                    e.flushOutput();
                    if (interrupt.killedByInterrupt()) return new Evaluated(List.of(), lostByInterrupt(e));
                    if (interrupt.interrupted()) return new Evaluated(List.of(), Outcomes.interrupted());
                    return new Evaluated(events, null);
                } catch (TimeoutException t) {
                    if (e.isDead()) {
                        if (deadAt == 0) deadAt = System.nanoTime();
                        // JShell normally notices at once; do not wait on it forever.
                        if (System.nanoTime() - deadAt > TimeUnit.SECONDS.toNanos(2)) {
                            f.cancel(true);
                            return new Evaluated(List.of(), interrupt.killedByInterrupt() ? lostByInterrupt(e)
                                    : lost(e, "the Java engine stopped answering and was found dead"));
                        }
                    }
                } catch (ExecutionException ex) {
                    e.flushOutput();
                    if (interrupt.killedByInterrupt()) return new Evaluated(List.of(), lostByInterrupt(e));
                    if (ex.getCause() instanceof IllegalStateException || e.isDead()) {
                        return new Evaluated(List.of(), lost(e, "the Java engine exited while running the cell"
                                + " (System.exit, a crash, or killed)"));
                    }
                    System.err.println("perfkernel: JShell failed on a snippet:");
                    ex.getCause().printStackTrace();
                    return new Evaluated(List.of(), Outcomes.error("InternalError", "JShell failed: " + ex.getCause(),
                            List.of("This is a bug in perfkernel or JShell; the kernel's log has details.")));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return new Evaluated(List.of(), Outcomes.interrupted());
                }
            }
        } finally {
            interrupt.evaluating(null);
        }
    }

    /** Whether the engine still evaluates a trivial snippet within a few seconds. */
    boolean healthy(Engine e) {
        try {
            List<SnippetEvent> ev = e.submit("0").get(5, TimeUnit.SECONDS);
            ev.forEach(x -> e.shell().drop(x.snippet()));
            return !e.isDead();
        } catch (Exception ex) {
            return false;
        }
    }

    ExecuteOutcome lostByInterrupt(Engine e) {
        engines.replaceIfCurrent(e);
        String msg = "the cell did not stop within " + CellInterrupt.STOP_GRACE_MILLIS
                + " ms of the interrupt, so the Java engine was killed; " + EngineSupervisor.LOST;
        return Outcomes.error("KeyboardInterrupt", msg, List.of());
    }

    ExecuteOutcome lost(Engine e, String why) {
        engines.replaceIfCurrent(e);
        return Outcomes.error("EngineExited", why + "; " + EngineSupervisor.LOST, List.of());
    }
}

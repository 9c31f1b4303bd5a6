package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Java code as a cell: splits it into JShell snippets, evaluates them in order, and turns
 * the first rejection or exception into the cell's error (against the cell's own lines), else
 * the last expression's value into its result.
 */
final class CellExecutor {
    private final EngineSupervisor engines;
    private final SnippetEvaluator evaluator;
    private final SessionBook session;
    private final OutputRouter output;

    CellExecutor(EngineSupervisor engines, SnippetEvaluator evaluator, SessionBook session, OutputRouter output) {
        this.engines = engines;
        this.evaluator = evaluator;
        this.session = session;
        this.output = output;
    }

    /**
     * @param firstLine the cell line of the code's first line (for error positions)
     * @param origin    a label for errors when the code is not from the cell (a file name), or null
     */
    ExecuteOutcome run(String code, int firstLine, int executionCount, String origin) {
        Engine e;
        try {
            e = engines.await();
        } catch (MagicException ex) {
            return Outcomes.error(ex.errorName(), ex.getMessage(), ex.details());
        }
        List<Snippet> made = new ArrayList<>();
        try {
            return run(e, code, firstLine, executionCount, origin, made);
        } finally {
            dropSpent(e, made);
        }
    }

    private ExecuteOutcome run(Engine e, String code, int firstLine, int executionCount, String origin,
                               List<Snippet> made) {
        List<CellSplitter.Piece> pieces = CellSplitter.split(e.shell().sourceCodeAnalysis(), code);
        CellText text = new CellText(code);
        JsonObject result = null;
        List<jdk.jshell.DeclarationSnippet> unresolved = new ArrayList<>();
        for (int k = 0; k < pieces.size(); k++) {
            CellSplitter.Piece piece = pieces.get(k);
            output.clearRichResult();
            SnippetEvaluator.Evaluated ev = evaluator.evaluate(e, piece.source());
            if (ev.failure() != null) return ev.failure();
            for (SnippetEvent event : ev.events()) {
                made.add(event.snippet()); // with those it overwrote, for JShellCompactor
                if (event.causeSnippet() != null) continue;
                Snippet snippet = event.snippet();
                session.recordOrigin(snippet.id(), new CellLine(executionCount, firstLine + text.lineOf(piece.offset()) - 1));
                if (event.status() == Snippet.Status.REJECTED) {
                    List<ErrorFormatter.Diag> diags = e.shell().diagnostics(snippet).map(Outcomes::diag).toList();
                    return Outcomes.labelled(ErrorFormatter.compileError(code, firstLine, piece.offset(), diags), origin);
                }
                if (event.exception() != null) {
                    return Outcomes.labelled(exceptionOutcome(e, event.exception(), executionCount), origin);
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    unresolved.add((jdk.jshell.DeclarationSnippet) snippet);
                }
                if (event.value() == null && Outcomes.isExecutable(snippet) && e.awaitDeath(1000)) {
                    return evaluator.lost(e, "the Java engine exited while running the cell (System.exit, a crash, or killed)");
                }
                if (k == pieces.size() - 1) result = resultOf(e, event, made);
            }
        }
        reportUnresolved(e, unresolved);
        e.flushOutput();
        return ExecuteOutcome.ok(result);
    }

    /**
     * Names what declarations of the cell still wait for, once the whole cell ran: a method that
     * calls one declared further down the same cell is complete by then and gets no message.
     */
    private void reportUnresolved(Engine e, List<jdk.jshell.DeclarationSnippet> unresolved) {
        for (jdk.jshell.DeclarationSnippet snippet : unresolved) {
            Snippet.Status now = e.shell().status(snippet);
            if (now != Snippet.Status.RECOVERABLE_DEFINED && now != Snippet.Status.RECOVERABLE_NOT_DEFINED) continue;
            List<String> deps = e.shell().unresolvedDependencies(snippet).toList();
            output.stream("stderr", Outcomes.describe(snippet) + " was defined, but cannot be used until "
                    + String.join(", ", deps) + " " + (deps.size() == 1 ? "is" : "are") + " declared\n");
        }
    }

    /**
     * Drops the cell's spent snippets once it is done, then lets {@link JShellCompactor} free
     * what JShell keeps of them. Spent: the {@code $N} variables JShell makes for expression
     * values (a notebook shows the value, never the name, so no cell can use them; kept, every
     * later snippet would be compiled with one more import and the engine would hold every value
     * a cell ever showed), and statements and expressions (they ran; kept active, JShell
     * recompiles every one that mentions a name each time that name is redefined). Dropped
     * snippets stay in JShell's history, where the session source finds them.
     */
    private void dropSpent(Engine e, List<Snippet> made) {
        if (made.isEmpty() || e.isDead()) return;
        session.changed();
        try {
            e.call(() -> {
                for (Snippet s : made) {
                    if (isSpent(s) && e.shell().status(s).isActive()) e.shell().drop(s);
                }
                return null;
            }).get(10, TimeUnit.SECONDS);
            e.compact(made).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            // The engine died or is busy: the snippets stay, which only costs memory.
        }
    }

    static boolean isSpent(Snippet s) {
        return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || s.kind() == Snippet.Kind.EXPRESSION || s.kind() == Snippet.Kind.STATEMENT;
    }

    private ExecuteOutcome exceptionOutcome(Engine e, Exception ex, int executionCount) {
        if (ex instanceof UnresolvedReferenceException ure) {
            var deps = e.shell().unresolvedDependencies(ure.getSnippet()).toList();
            String msg = Outcomes.describe(ure.getSnippet()) + " cannot be used until " + String.join(", ", deps)
                    + (deps.size() == 1 ? " is" : " are") + " declared";
            return Outcomes.error("UnresolvedReference", msg, List.of());
        }
        if (ex instanceof EvalException ee) {
            ExecuteOutcome.Error err = ErrorFormatter.runtimeError(Thrown.of(ee), session::origin, executionCount);
            String cls = ee.getExceptionClassName();
            if (cls.equals("java.lang.OutOfMemoryError") || cls.equals("java.lang.StackOverflowError")
                    || cls.equals("java.lang.InternalError")) {
                List<String> tb = new ArrayList<>(err.traceback());
                if (!evaluator.healthy(e)) {
                    engines.replaceIfCurrent(e);
                    tb.add("The Java engine no longer answered after this error; " + EngineSupervisor.LOST + ".");
                } else {
                    tb.add("(The engine survived this error; the session is intact.)");
                }
                return new ExecuteOutcome(null, null, new ExecuteOutcome.Error(err.ename(), err.evalue(), tb));
            }
            return new ExecuteOutcome(null, null, err);
        }
        return Outcomes.error(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()), List.of());
    }

    /** The execute_result of a cell's last snippet: its value as text, or a RichOutput's bundle. */
    private JsonObject resultOf(Engine e, SnippetEvent event, List<Snippet> made) {
        Snippet s = event.snippet();
        boolean expression = s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND
                || s.kind() == Snippet.Kind.EXPRESSION && s.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND;
        // As in IPython, a trailing semicolon on the last expression keeps its value out of the
        // output: `display(...);` shows the display, not the id it returns.
        if (!expression || event.value() == null || s.source().strip().endsWith(";")) return null;
        String type = s instanceof VarSnippet v ? v.typeName() : s instanceof jdk.jshell.ExpressionSnippet x ? x.typeName() : "";
        String name = s instanceof VarSnippet v ? v.name() : s instanceof jdk.jshell.ExpressionSnippet x ? x.name() : null;
        if (name != null && (type.equals("RichOutput") || type.endsWith(".RichOutput"))) {
            output.clearRichResult();
            try {
                List<SnippetEvent> ev = e.submit("dev.perfkernel.engine.Display.result(" + name + ");").get(10, TimeUnit.SECONDS);
                e.flushOutput();
                ev.forEach(x -> {
                    e.shell().drop(x.snippet());
                    made.add(x.snippet());
                });
                JsonObject rich = output.richResult();
                if (rich != null) return rich;
            } catch (Exception ignored) {
                // fall back to the text form
            }
        }
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", event.value());
        return data;
    }
}

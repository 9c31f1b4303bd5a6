package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.api.MagicException;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.List;

/** Runs code once with the engine's CellTimer around it (the body of %time). */
final class CellTiming {
    private final EngineSupervisor engines;
    private final CellExecutor executor;
    private final SnippetEvaluator evaluator;

    CellTiming(EngineSupervisor engines, CellExecutor executor, SnippetEvaluator evaluator) {
        this.engines = engines;
        this.executor = executor;
        this.evaluator = evaluator;
    }

    ExecuteOutcome time(String code, int firstLine, int executionCount) {
        Engine e;
        try {
            e = engines.await();
        } catch (MagicException ex) {
            return Outcomes.error(ex.errorName(), ex.getMessage(), ex.details());
        }
        SourceCodeAnalysis sca = e.shell().sourceCodeAnalysis();
        List<CellSplitter.Piece> pieces = CellSplitter.split(sca, code);
        if (pieces.isEmpty()) return ExecuteOutcome.ok(null);
        List<Snippet> kinds = new ArrayList<>();
        for (CellSplitter.Piece p : pieces) kinds.addAll(sca.sourceToSnippets(p.source()));
        boolean onlyRunnable = !kinds.isEmpty() && kinds.stream().allMatch(Outcomes::isExecutable);
        if (onlyRunnable) {
            Snippet last = kinds.get(kinds.size() - 1);
            boolean value = last.kind() != Snippet.Kind.STATEMENT;
            String wrapped;
            if (value) {
                CellSplitter.Piece lp = pieces.get(pieces.size() - 1);
                String before = code.substring(0, lp.offset());
                String expr = lp.source().stripTrailing();
                if (expr.endsWith(";")) expr = expr.substring(0, expr.length() - 1);
                wrapped = "dev.perfkernel.engine.CellTimer.value(() -> { " + before + " return " + expr + "\n;})";
            } else {
                wrapped = "dev.perfkernel.engine.CellTimer.run(() -> { " + code + "\n});";
            }
            // Compiled before the clock starts; if Java rejects the lambda form, time around JShell instead.
            List<Snippet> check = sca.sourceToSnippets(wrapped);
            if (!check.isEmpty()) {
                ExecuteOutcome o = executor.run(wrapped, firstLine, executionCount, null);
                if (o.error() == null || !o.error().ename().equals("CompilationError")) return o;
            }
        }
        SnippetEvaluator.Evaluated start = evaluator.evaluate(e, "dev.perfkernel.engine.CellTimer.start();");
        if (start.failure() != null) return start.failure();
        ExecuteOutcome o = executor.run(code, firstLine, executionCount, null);
        if (o.error() != null) return o;
        SnippetEvaluator.Evaluated stop = evaluator.evaluate(e, "dev.perfkernel.engine.CellTimer.stop(true);");
        if (stop.failure() != null) return stop.failure();
        e.flushOutput();
        return o;
    }
}

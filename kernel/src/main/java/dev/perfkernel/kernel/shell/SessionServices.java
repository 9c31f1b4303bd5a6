package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.magic.KernelServices;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.api.MagicContext.CodeSnippet;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JShell session as magics see it through their context. */
final class SessionServices implements KernelServices {
    private final EngineSupervisor engines;
    private final CellExecutor executor;
    private final SessionBook session;
    private final ResultPublisher publisher;

    SessionServices(EngineSupervisor engines, CellExecutor executor, SessionBook session, ResultPublisher publisher) {
        this.engines = engines;
        this.executor = executor;
        this.session = session;
        this.publisher = publisher;
    }

    @Override
    public SessionSource sessionSource() {
        try {
            return session.source(engines.await());
        } catch (MagicException ex) {
            return SessionSource.empty();
        }
    }

    /** The engine's display/result classes (session snippets import them), then the added entries. */
    @Override
    public List<Path> forkClasspath() {
        List<Path> cp = new ArrayList<>();
        try {
            cp.add(Engine.engineClasses());
        } catch (Engine.EngineStartException ignored) {
            // the session then cannot use the display API either; the engine reported it
        }
        cp.addAll(engines.classpath());
        return cp;
    }

    @Override
    public List<Path> addedClasspath() {
        return engines.classpath();
    }

    @Override
    public void addToClasspath(List<Path> entries) throws MagicException {
        engines.addToClasspath(entries);
    }

    @Override
    public ExecuteOutcome runCode(String code, int firstLine, int executionCount, String origin) {
        return executor.run(code, firstLine, executionCount, origin);
    }

    @Override
    public List<CodeSnippet> snippets(String code) throws MagicException {
        SourceCodeAnalysis sca = engines.await().shell().sourceCodeAnalysis();
        List<CodeSnippet> out = new ArrayList<>();
        for (CellSplitter.Piece p : CellSplitter.split(sca, code)) {
            List<Snippet> kinds = sca.sourceToSnippets(p.source());
            if (kinds.isEmpty()) continue;
            boolean declaration = !kinds.stream().allMatch(Outcomes::isExecutable);
            boolean expression = kinds.get(kinds.size() - 1).kind() != Snippet.Kind.STATEMENT;
            out.add(new CodeSnippet(p.source(), p.offset(), declaration, expression));
        }
        return out;
    }

    @Override
    public void publish(String variable, String json) {
        publisher.publish(variable, json);
    }
}

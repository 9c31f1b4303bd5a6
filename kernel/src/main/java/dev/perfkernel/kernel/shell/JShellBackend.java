package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.magic.CellParser;
import dev.perfkernel.kernel.magic.ClasspathMagic;
import dev.perfkernel.kernel.magic.HelpMagic;
import dev.perfkernel.kernel.magic.KernelMagicContext;
import dev.perfkernel.kernel.magic.LoadMagic;
import dev.perfkernel.kernel.magic.MagicRegistry;
import dev.perfkernel.kernel.magic.MagicRunner;
import dev.perfkernel.kernel.magic.MavenMagic;
import dev.perfkernel.kernel.magic.ParsedCell;
import dev.perfkernel.kernel.magic.SinkOutput;
import dev.perfkernel.kernel.magic.TimeMagic;
import dev.perfkernel.kernel.wire.LanguageBackend;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;

/**
 * The language side of the kernel: JShell with user code in a separate engine JVM, plus magics.
 * This class only wires the parts together and routes each request to the one that does it:
 * {@link EngineSupervisor} (engine lifecycle), {@link CellExecutor} (running code),
 * {@link Introspector} (completion, inspection), {@link CellInterrupt}, {@link SessionBook}
 * (snippet origins, session source), {@link SessionServices} (what magics may do to the session)
 * and {@link OutputRouter}.
 */
public final class JShellBackend implements LanguageBackend {
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private final MagicRegistry registry = new MagicRegistry();
    private final MagicRunner magicRunner = new MagicRunner(registry);
    private final OutputRouter output = new OutputRouter();
    private final SessionBook session = new SessionBook();
    private final CellInterrupt interrupt = new CellInterrupt();
    private final EngineSupervisor engines;
    private final CellExecutor executor;
    private final Introspector introspector;
    private final SessionServices services;

    public JShellBackend() {
        this(EngineSettings.fromEnvironment(System.getenv()));
    }

    JShellBackend(EngineSettings settings) {
        registry.register(new HelpMagic(registry));
        registry.register(new ClasspathMagic());
        registry.register(new LoadMagic());
        registry.register(new TimeMagic());
        registry.register(new MavenMagic());
        registry.loadServices(JShellBackend.class.getClassLoader());
        engines = new EngineSupervisor(settings, output, session::reset);
        SnippetEvaluator evaluator = new SnippetEvaluator(engines, interrupt, session);
        executor = new CellExecutor(engines, evaluator, session, output);
        introspector = new Introspector(engines, registry);
        services = new SessionServices(engines, executor, session, new ResultPublisher(engines, output, session));
        introspector.warmUpInBackground();
    }

    @Override
    public JsonObject languageInfo() {
        JsonObject info = new JsonObject();
        info.addProperty("name", "java");
        info.addProperty("version", Runtime.version().feature() + "." + Runtime.version().interim() + "." + Runtime.version().update());
        info.addProperty("mimetype", "text/x-java-source");
        info.addProperty("file_extension", ".jshell");
        info.addProperty("codemirror_mode", "text/x-java");
        info.addProperty("pygments_lexer", "java");
        return info;
    }

    @Override
    public String banner() {
        return "perfkernel — Java " + Runtime.version() + " (JShell) with performance magics. %help lists them.";
    }

    @Override
    public ExecuteOutcome execute(String code, int executionCount, ExecutionSink sink) {
        output.attach(sink);
        interrupt.beginCell();
        try {
            ParsedCell cell = CellParser.parse(code, executionCount);
            if (cell.cellMagic() != null) return runMagic(cell.cellMagic(), sink);
            ExecuteOutcome last = ExecuteOutcome.ok(null);
            for (Invocation inv : cell.lineMagics()) {
                last = runMagic(inv, sink);
                if (last.error() != null || interrupt.interrupted()) return last;
            }
            if (cell.code().isBlank()) return last;
            return executor.run(cell.code(), cell.codeFirstLine(), executionCount, null);
        } finally {
            interrupt.endCell();
        }
    }

    private ExecuteOutcome runMagic(Invocation inv, ExecutionSink sink) {
        KernelMagicContext ctx = new KernelMagicContext(services, inv.executionCount(), new SinkOutput(sink),
                interrupt.newToken(), workingDirectory);
        return magicRunner.run(inv, ctx, sink);
    }

    @Override
    public Completion complete(String code, int cursorPos) {
        return introspector.complete(code, cursorPos);
    }

    @Override
    public Inspection inspect(String code, int cursorPos, int detailLevel) {
        return introspector.inspect(code, cursorPos, detailLevel);
    }

    @Override
    public IsComplete isComplete(String code) {
        return introspector.isComplete(code);
    }

    @Override
    public void interrupt() {
        interrupt.interrupt();
    }

    @Override
    public void shutdown(boolean restart) {
        interrupt.cancelMagic();
        if (restart) {
            engines.restart();
            return;
        }
        engines.shutdown();
        output.shutdown();
    }

    /** The session's snippets as one compilation unit, for measuring magics. */
    SessionSource session() {
        return services.sessionSource();
    }

    void publish(String variable, String json) {
        services.publish(variable, json);
    }
}

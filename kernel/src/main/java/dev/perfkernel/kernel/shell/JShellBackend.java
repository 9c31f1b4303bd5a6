package dev.perfkernel.kernel.shell;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.kernel.magic.CellParser;
import dev.perfkernel.kernel.magic.ClasspathMagic;
import dev.perfkernel.kernel.magic.HelpMagic;
import dev.perfkernel.kernel.magic.KernelMagicContext;
import dev.perfkernel.kernel.magic.KernelServices;
import dev.perfkernel.kernel.magic.LoadMagic;
import dev.perfkernel.kernel.magic.MagicRegistry;
import dev.perfkernel.kernel.magic.MavenMagic;
import dev.perfkernel.kernel.magic.MagicRunner;
import dev.perfkernel.kernel.magic.ParsedCell;
import dev.perfkernel.kernel.magic.SinkOutput;
import dev.perfkernel.kernel.magic.TimeMagic;
import dev.perfkernel.kernel.session.SessionSourceBuilder;
import dev.perfkernel.kernel.wire.LanguageBackend;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import javax.lang.model.SourceVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The language side of the kernel: JShell with user code in a separate engine JVM, plus magics.
 * The engine starts in the background at construction, so kernel_info is answered at once;
 * the first cell waits for it. When the engine dies or must be killed, a new one is started
 * with the same added class path, and the cell's error says the session state was lost.
 */
public final class JShellBackend implements LanguageBackend, KernelServices {
    private static final long ENGINE_START_TIMEOUT_SECONDS = 90;
    /** How long a stopped cell may take to end before its engine is killed. */
    private static final long STOP_GRACE_MILLIS = 1500;
    private static final String LOST = "session state was lost — a new engine has been started";

    private final EngineSettings settings;
    private final MagicRegistry registry = new MagicRegistry();
    private final MagicRunner magicRunner = new MagicRunner(registry);
    private final CompletenessChecker completeness = new CompletenessChecker();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfkernel-output-flush");
        t.setDaemon(true);
        return t;
    });
    private final List<Path> classpath = new CopyOnWriteArrayList<>();
    /** Snippet id of the current engine to the cell line of the snippet's first line. */
    private final Map<String, CellLine> origins = new ConcurrentHashMap<>();
    private final Path workingDirectory = Path.of("").toAbsolutePath();

    private volatile CompletableFuture<Engine> engine;
    private volatile ExecutionSink sink = NullSink.INSTANCE;
    private volatile JsonObject richResult;
    private volatile CancelToken currentCancel;
    private volatile Engine evaluating;
    private volatile boolean interrupted;
    private volatile boolean killedByInterrupt;
    private volatile boolean shutDown;

    public JShellBackend() {
        this(EngineSettings.fromEnvironment(System.getenv()));
    }

    JShellBackend(EngineSettings settings) {
        this.settings = settings;
        registry.register(new HelpMagic(registry));
        registry.register(new ClasspathMagic(this));
        registry.register(new LoadMagic(this));
        registry.register(new TimeMagic(this));
        registry.register(new MavenMagic(this));
        registry.loadServices(JShellBackend.class.getClassLoader());
        engine = startEngine();
        // The engine is our child; do not leave it behind if the kernel exits without shutdown().
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Engine e;
            try {
                e = engine.getNow(null);
            } catch (RuntimeException failed) {
                return;
            }
            if (e != null) e.process().ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }, "perfkernel-engine-reaper"));
        // Load javac's classes for is_complete while the engine JVM starts, on the other core.
        Thread warm = new Thread(() -> {
            completeness.warmUp();
            completeness.parses("int warm = 1;");
        }, "perfkernel-javac-warm");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    // ---------------------------------------------------------------- engine lifecycle

    private CompletableFuture<Engine> startEngine() {
        CompletableFuture<Engine> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                Engine e = Engine.start(settings, List.copyOf(classpath), this::stdout, this::stderr, this::frame,
                        () -> sink.readInput("", false), timer);
                origins.clear();
                System.err.printf("perfkernel: Java engine ready in %d ms (pid %s, options %s)%n",
                        (System.nanoTime() - t0) / 1_000_000,
                        e.process().map(p -> String.valueOf(p.pid())).orElse("?"), settings.engineOptions());
                if (shutDown) e.kill();
                f.complete(e);
            } catch (Engine.EngineStartException ex) {
                f.completeExceptionally(ex);
            } catch (Exception | LinkageError ex) {
                f.completeExceptionally(new Engine.EngineStartException("the Java engine failed to start: " + ex, ex));
            }
        }, "perfkernel-engine-start");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The running engine, waiting for it to start; throws with a readable message if it cannot. */
    private Engine awaitEngine() throws MagicException {
        try {
            Engine e = engine.get(ENGINE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!e.isDead()) return e;
            engine = startEngine();
            sink.stream("stderr", "The Java engine had exited since the last cell; " + LOST + ".\n");
            return engine.get(ENGINE_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            engine = startEngine(); // the next cell tries again
            String msg = ex.getCause() == null ? ex.toString() : ex.getCause().getMessage();
            throw new MagicException("EngineError", msg, List.of("Check PERFKERNEL_ENGINE_OPTS and the kernel's log."));
        } catch (TimeoutException ex) {
            throw new MagicException("EngineError", "the Java engine did not start within "
                    + ENGINE_START_TIMEOUT_SECONDS + " s", List.of());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MagicException("KeyboardInterrupt", "interrupted while waiting for the Java engine", List.of());
        }
    }

    private void replaceEngine(Engine dead) {
        dead.kill();
        engine = startEngine();
    }

    // ---------------------------------------------------------------- output routing

    private void stdout(String text) {
        sink.stream("stdout", text);
    }

    private void stderr(String text) {
        sink.stream("stderr", text);
    }

    /** A display record from the engine's stdout. */
    private void frame(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            JsonObject data = mimeData(o.getAsJsonObject("data"));
            String type = o.get("type").getAsString();
            if (type.equals("result")) {
                richResult = data;
            } else if (o.has("update") && o.get("update").getAsBoolean()) {
                sink.updateDisplay(data, new JsonObject(), o.get("id").getAsString());
            } else {
                sink.display(data, new JsonObject(), o.get("id").getAsString());
            }
        } catch (RuntimeException e) {
            System.err.println("perfkernel: bad display record from the engine: " + e);
        }
    }

    /** JSON MIME types arrive as text from the engine; Jupyter wants them as JSON values. */
    private static JsonObject mimeData(JsonObject data) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : data.entrySet()) {
            String mime = e.getKey();
            JsonElement v = e.getValue();
            if ((mime.endsWith("json") || mime.endsWith("+json")) && v.isJsonPrimitive()) {
                try {
                    v = JsonParser.parseString(v.getAsString());
                } catch (RuntimeException bad) {
                    // leave it as text: the front end shows what the user gave
                }
            }
            out.add(mime, v);
        }
        return out;
    }

    // ---------------------------------------------------------------- LanguageBackend

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
        this.sink = sink;
        interrupted = false;
        killedByInterrupt = false;
        try {
            ParsedCell cell = CellParser.parse(code, executionCount);
            if (cell.cellMagic() != null) return runMagic(cell.cellMagic(), sink);
            ExecuteOutcome last = ExecuteOutcome.ok(null);
            for (Invocation inv : cell.lineMagics()) {
                last = runMagic(inv, sink);
                if (last.error() != null || interrupted) return last;
            }
            if (cell.code().isBlank()) return last;
            return runCode(cell.code(), cell.codeFirstLine(), executionCount, null, sink);
        } finally {
            currentCancel = null;
        }
    }

    private ExecuteOutcome runMagic(Invocation inv, ExecutionSink sink) {
        CancelToken token = new CancelToken();
        currentCancel = token;
        if (interrupted) token.cancel();
        KernelMagicContext ctx = new KernelMagicContext(this::session, magicClasspath(), new SinkOutput(sink),
                token, workingDirectory, this::publish);
        return magicRunner.run(inv, ctx, sink);
    }

    @Override
    public ExecuteOutcome runCode(String code, int firstLine, int executionCount, String origin, ExecutionSink sink) {
        Engine e;
        try {
            e = awaitEngine();
        } catch (MagicException ex) {
            return error(ex.errorName(), ex.getMessage(), ex.details());
        }
        List<CellSplitter.Piece> pieces = CellSplitter.split(e.shell().sourceCodeAnalysis(), code);
        JsonObject result = null;
        for (int k = 0; k < pieces.size(); k++) {
            CellSplitter.Piece piece = pieces.get(k);
            richResult = null;
            Evaluated ev = evaluate(e, piece.source());
            if (ev.failure != null) return ev.failure;
            CellText text = new CellText(code);
            for (SnippetEvent event : ev.events) {
                if (event.causeSnippet() != null) continue;
                Snippet snippet = event.snippet();
                origins.put(snippet.id(), new CellLine(executionCount, firstLine + text.lineOf(piece.offset()) - 1));
                if (event.status() == Snippet.Status.REJECTED) {
                    List<ErrorFormatter.Diag> diags = e.shell().diagnostics(snippet).map(JShellBackend::diag).toList();
                    return labelled(ErrorFormatter.compileError(code, firstLine, piece.offset(), diags), origin);
                }
                if (event.exception() != null) {
                    return labelled(exceptionOutcome(e, snippet, event.exception(), executionCount), origin);
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    sink.stream("stderr", describe(snippet) + " was defined, but cannot be used until "
                            + String.join(", ", e.shell().unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList())
                            + " " + (e.shell().unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).count() == 1 ? "is" : "are")
                            + " declared\n");
                }
                if (event.value() == null && isExecutable(snippet) && e.awaitDeath(1000)) {
                    return engineLost(e, "the Java engine exited while running the cell (System.exit, a crash, or killed)");
                }
                if (k == pieces.size() - 1) result = resultOf(e, event);
            }
        }
        e.flushOutput();
        return ExecuteOutcome.ok(result);
    }

    /** Outcome of evaluating one snippet: its events, or why the cell ends here. */
    private record Evaluated(List<SnippetEvent> events, ExecuteOutcome failure) {}

    /**
     * Evaluates one snippet on the engine's eval thread. An interrupt stops it (see
     * {@link #interrupt()}); if the engine dies meanwhile, the cell ends with a lost-state error.
     */
    private Evaluated evaluate(Engine e, String source) {
        if (interrupted) return new Evaluated(List.of(), interruptedOutcome());
        evaluating = e;
        try {
            Future<List<SnippetEvent>> f = e.submit(source);
            long deadAt = 0;
            while (true) {
                try {
                    List<SnippetEvent> events = f.get(100, TimeUnit.MILLISECONDS);
                    e.flushOutput();
                    if (killedByInterrupt) return new Evaluated(List.of(), engineLostByInterrupt(e));
                    if (interrupted) return new Evaluated(List.of(), interruptedOutcome());
                    return new Evaluated(events, null);
                } catch (TimeoutException t) {
                    if (e.isDead()) {
                        if (deadAt == 0) deadAt = System.nanoTime();
                        // JShell normally notices at once; do not wait on it forever.
                        if (System.nanoTime() - deadAt > TimeUnit.SECONDS.toNanos(2)) {
                            f.cancel(true);
                            return new Evaluated(List.of(), killedByInterrupt ? engineLostByInterrupt(e)
                                    : engineLost(e, "the Java engine stopped answering and was found dead"));
                        }
                    }
                } catch (ExecutionException ex) {
                    e.flushOutput();
                    if (killedByInterrupt) return new Evaluated(List.of(), engineLostByInterrupt(e));
                    if (ex.getCause() instanceof IllegalStateException || e.isDead()) {
                        return new Evaluated(List.of(), engineLost(e, "the Java engine exited while running the cell"
                                + " (System.exit, a crash, or killed)"));
                    }
                    System.err.println("perfkernel: JShell failed on a snippet:");
                    ex.getCause().printStackTrace();
                    return new Evaluated(List.of(), error("InternalError", "JShell failed: " + ex.getCause(),
                            List.of("This is a bug in perfkernel or JShell; the kernel's log has details.")));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return new Evaluated(List.of(), interruptedOutcome());
                }
            }
        } finally {
            evaluating = null;
        }
    }

    private ExecuteOutcome interruptedOutcome() {
        return error("KeyboardInterrupt", "interrupted", List.of());
    }

    private ExecuteOutcome engineLostByInterrupt(Engine e) {
        replaceEngineIfCurrent(e);
        String msg = "the cell did not stop within " + STOP_GRACE_MILLIS + " ms of the interrupt, so the Java engine was killed; " + LOST;
        return error("KeyboardInterrupt", msg, List.of());
    }

    private ExecuteOutcome engineLost(Engine e, String why) {
        replaceEngineIfCurrent(e);
        String msg = why + "; " + LOST;
        return error("EngineExited", msg, List.of());
    }

    private synchronized void replaceEngineIfCurrent(Engine e) {
        CompletableFuture<Engine> cur = engine;
        if (cur.isDone() && !cur.isCompletedExceptionally() && cur.getNow(null) == e) replaceEngine(e);
        else e.kill();
    }

    private ExecuteOutcome exceptionOutcome(Engine e, Snippet snippet, Exception ex, int executionCount) {
        if (ex instanceof UnresolvedReferenceException ure) {
            var deps = e.shell().unresolvedDependencies(ure.getSnippet()).toList();
            String msg = describe(ure.getSnippet()) + " cannot be used until " + String.join(", ", deps)
                    + (deps.size() == 1 ? " is" : " are") + " declared";
            return error("UnresolvedReference", msg, List.of());
        }
        if (ex instanceof EvalException ee) {
            ExecuteOutcome.Error err = ErrorFormatter.runtimeError(Thrown.of(ee),
                    id -> Optional.ofNullable(origins.get(id)), executionCount);
            String cls = ee.getExceptionClassName();
            if (cls.equals("java.lang.OutOfMemoryError") || cls.equals("java.lang.StackOverflowError")
                    || cls.equals("java.lang.InternalError")) {
                List<String> tb = new ArrayList<>(err.traceback());
                if (!healthy(e)) {
                    replaceEngineIfCurrent(e);
                    tb.add("The Java engine no longer answered after this error; " + LOST + ".");
                } else {
                    tb.add("(The engine survived this error; the session is intact.)");
                }
                return new ExecuteOutcome(null, null, new ExecuteOutcome.Error(err.ename(), err.evalue(), tb));
            }
            return new ExecuteOutcome(null, null, err);
        }
        return error(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()), List.of());
    }

    /** Whether the engine still evaluates a trivial snippet within a few seconds. */
    private boolean healthy(Engine e) {
        try {
            List<SnippetEvent> ev = e.submit("0").get(5, TimeUnit.SECONDS);
            ev.forEach(x -> e.shell().drop(x.snippet()));
            return !e.isDead();
        } catch (Exception ex) {
            return false;
        }
    }

    /** The execute_result of a cell's last snippet: its value as text, or a RichOutput's bundle. */
    private JsonObject resultOf(Engine e, SnippetEvent event) {
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
            richResult = null;
            try {
                List<SnippetEvent> ev = e.submit("dev.perfkernel.engine.Display.result(" + name + ");").get(10, TimeUnit.SECONDS);
                e.flushOutput();
                ev.forEach(x -> e.shell().drop(x.snippet()));
                if (richResult != null) return richResult;
            } catch (Exception ignored) {
                // fall back to the text form
            }
        }
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", event.value());
        return data;
    }

    private static boolean isExecutable(Snippet s) {
        return s.kind() == Snippet.Kind.STATEMENT || s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static String describe(Snippet s) {
        if (s instanceof jdk.jshell.MethodSnippet m) return "method " + m.name() + "(" + m.parameterTypes() + ")";
        if (s instanceof jdk.jshell.TypeDeclSnippet t) return "type " + t.name();
        if (s instanceof VarSnippet v) return "variable " + v.name();
        return "snippet " + s.id();
    }

    private static ErrorFormatter.Diag diag(Diag d) {
        return new ErrorFormatter.Diag(d.getStartPosition(), d.getPosition(), d.getEndPosition(),
                d.getMessage(Locale.ROOT), d.isError());
    }

    private static ExecuteOutcome labelled(ExecuteOutcome o, String origin) {
        return o.error() == null ? o : labelled(o.error(), origin);
    }

    /** Errors from a %load'ed file name the file. */
    private static ExecuteOutcome labelled(ExecuteOutcome.Error err, String origin) {
        if (origin == null) return new ExecuteOutcome(null, null, err);
        List<String> tb = new ArrayList<>(err.traceback());
        tb.add(0, "In " + origin + ":");
        return new ExecuteOutcome(null, null, new ExecuteOutcome.Error(err.ename(), err.evalue(), tb));
    }

    private static ExecuteOutcome error(String ename, String message, List<String> details) {
        List<String> tb = new ArrayList<>();
        tb.add(ename + ": " + message);
        tb.addAll(details);
        return ExecuteOutcome.failed(ename, message, tb);
    }

    // ---------------------------------------------------------------- %time

    @Override
    public ExecuteOutcome timeCode(String code, int firstLine, int executionCount, ExecutionSink sink) {
        Engine e;
        try {
            e = awaitEngine();
        } catch (MagicException ex) {
            return error(ex.errorName(), ex.getMessage(), ex.details());
        }
        SourceCodeAnalysis sca = e.shell().sourceCodeAnalysis();
        List<CellSplitter.Piece> pieces = CellSplitter.split(sca, code);
        if (pieces.isEmpty()) return ExecuteOutcome.ok(null);
        List<Snippet> kinds = new ArrayList<>();
        for (CellSplitter.Piece p : pieces) kinds.addAll(sca.sourceToSnippets(p.source()));
        boolean onlyRunnable = !kinds.isEmpty() && kinds.stream().allMatch(JShellBackend::isExecutable);
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
                ExecuteOutcome o = runCode(wrapped, firstLine, executionCount, null, sink);
                if (o.error() == null || !o.error().ename().equals("CompilationError")) return o;
            }
        }
        Evaluated start = evaluate(e, "dev.perfkernel.engine.CellTimer.start();");
        if (start.failure != null) return start.failure;
        ExecuteOutcome o = runCode(code, firstLine, executionCount, null, sink);
        if (o.error() != null) return o;
        Evaluated stop = evaluate(e, "dev.perfkernel.engine.CellTimer.stop(true);");
        if (stop.failure != null) return stop.failure;
        e.flushOutput();
        return o;
    }

    // ---------------------------------------------------------------- completion, inspection

    @Override
    public Completion complete(String code, int cursorPos) {
        int cursor = Math.max(0, Math.min(cursorPos, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        Completion magic = MagicCompletion.complete(registry, code, lineStart, line, cursor);
        if (magic != null) return magic;
        Engine e = readyEngine();
        if (e == null) return new Completion(List.of(), cursor, cursor, new JsonObject());
        CodeWindow w = CodeWindow.of(code);
        if (cursor < w.start) return new Completion(List.of(), cursor, cursor, new JsonObject());
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        try {
            for (SourceCodeAnalysis.Suggestion s : e.shell().sourceCodeAnalysis()
                    .completionSuggestions(w.code, cursor - w.start, anchor)) {
                matches.add(s.continuation());
            }
        } catch (RuntimeException ex) {
            return new Completion(List.of(), cursor, cursor, new JsonObject());
        }
        return new Completion(new ArrayList<>(matches), anchor[0] + w.start, cursor, new JsonObject());
    }

    @Override
    public Inspection inspect(String code, int cursorPos, int detailLevel) {
        Engine e = readyEngine();
        if (e == null) return null;
        CodeWindow w = CodeWindow.of(code);
        int cursor = Math.max(w.start, Math.min(cursorPos, code.length()));
        // Move to the end of the identifier under the cursor: JShell documents what precedes it.
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        SourceCodeAnalysis sca = e.shell().sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs;
        try {
            // At the end of a name, then inside a call's parentheses, then where the cursor is.
            docs = sca.documentation(w.code, end - w.start, true);
            if (docs.isEmpty() && end < code.length() && code.charAt(end) == '(')
                docs = sca.documentation(w.code, end + 1 - w.start, true);
            if (docs.isEmpty() && end != cursor) docs = sca.documentation(w.code, cursor - w.start, true);
            if (docs.isEmpty()) {
                // A method name without its parenthesis: document it as if the call were opened.
                String opened = w.code.substring(0, end - w.start) + "(";
                docs = sca.documentation(opened, opened.length(), true);
            }
        } catch (RuntimeException ex) {
            return null;
        }
        if (docs.isEmpty()) return null;
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", JavadocText.render(docs, detailLevel));
        return new Inspection(data);
    }

    @Override
    public IsComplete isComplete(String code) {
        Engine e = readyEngine();
        if (e == null) return new IsComplete("unknown", "");
        try {
            CompletenessChecker.Answer a = completeness.check(e.shell().sourceCodeAnalysis(), code);
            return new IsComplete(a.status(), a.indent());
        } catch (RuntimeException ex) {
            return new IsComplete("unknown", "");
        }
    }

    /** The engine if it is up (waiting a little at kernel start), else null: front ends retry. */
    private Engine readyEngine() {
        try {
            Engine e = engine.get(3, TimeUnit.SECONDS);
            return e.isDead() ? null : e;
        } catch (Exception ex) {
            return null;
        }
    }

    /** The Java part of a cell (after its magic lines) and where it starts. */
    private record CodeWindow(String code, int start) {
        static CodeWindow of(String cell) {
            int off = 0;
            String[] ls = cell.split("\n", -1);
            for (String l : ls) {
                if (!CellParser.isMagicLine(l) || l.stripLeading().startsWith("%%")) break;
                off += l.length() + 1;
            }
            if (ls.length > 0 && ls[0].stripLeading().startsWith("%%")) off = Math.min(cell.length(), ls[0].length() + 1);
            off = Math.min(off, cell.length());
            return new CodeWindow(cell.substring(off), off);
        }
    }

    // ---------------------------------------------------------------- interrupt, shutdown

    @Override
    public void interrupt() {
        interrupted = true;
        CancelToken t = currentCancel;
        if (t != null) t.cancel();
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
                // A loop that never reaches a safepoint-checked stop, or code swallowing ThreadDeath.
                killedByInterrupt = true;
                e.kill();
            }
        }, "perfkernel-interrupt");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void shutdown(boolean restart) {
        CancelToken t = currentCancel;
        if (t != null) t.cancel();
        CompletableFuture<Engine> f = engine;
        if (restart) {
            f.thenAccept(Engine::kill);
            classpath.clear();
            origins.clear();
            engine = startEngine();
            return;
        }
        shutDown = true;
        f.thenAccept(Engine::kill);
        timer.shutdownNow();
    }

    // ---------------------------------------------------------------- KernelServices

    @Override
    public MagicRegistry registry() {
        return registry;
    }

    @Override
    public void addToClasspath(List<Path> entries) throws MagicException {
        Engine e = awaitEngine();
        for (Path p : entries) {
            if (classpath.contains(p)) continue;
            e.shell().addToClasspath(p.toString());
            classpath.add(p);
        }
    }

    @Override
    public List<Path> classpath() {
        return List.copyOf(classpath);
    }

    /**
     * The class path measuring forks need: the engine's display/result classes (session snippets
     * import them) followed by everything added with %classpath and %maven.
     */
    private List<Path> magicClasspath() {
        List<Path> cp = new ArrayList<>();
        try {
            cp.add(Engine.engineClasses());
        } catch (Engine.EngineStartException ignored) {
            // the session then cannot use the display API either; the engine reported it
        }
        cp.addAll(classpath);
        return cp;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The session's snippets as one compilation unit, for measuring magics. */
    SessionSource session() {
        Engine e;
        try {
            e = awaitEngine();
        } catch (MagicException ex) {
            return SessionSource.empty();
        }
        Engine engineNow = e;
        return SessionSourceBuilder.build(e.shell(),
                s -> engineNow.isStartupSnippet(s) ? Optional.empty() : Optional.ofNullable(origins.get(s.id())));
    }

    /**
     * Defines {@code variable} in the session as a {@code dev.perfkernel.engine.Result} holding
     * {@code json}. The document is split into string chunks so large results stay under the
     * class-file limit of 65535 bytes per constant.
     */
    void publish(String variable, String json) {
        if (!SourceVersion.isIdentifier(variable) || SourceVersion.isKeyword(variable)) {
            sink.stream("stderr", "Cannot publish the result as '" + variable + "': not a Java variable name.\n");
            return;
        }
        StringBuilder src = new StringBuilder("dev.perfkernel.engine.Result " + variable + " = dev.perfkernel.engine.Result.of(new String[]{");
        final int chunk = 8000;
        for (int k = 0; k < json.length(); k += chunk) {
            if (k > 0) src.append(",\n");
            src.append(javaLiteral(json.substring(k, Math.min(json.length(), k + chunk))));
        }
        if (json.isEmpty()) src.append("\"\"");
        src.append("});");
        try {
            Engine e = awaitEngine();
            List<SnippetEvent> ev = e.submit(src.toString()).get(60, TimeUnit.SECONDS);
            for (SnippetEvent x : ev) {
                if (x.causeSnippet() == null && (x.status() == Snippet.Status.REJECTED || x.exception() != null)) {
                    sink.stream("stderr", "Could not publish the result as '" + variable + "': "
                            + e.shell().diagnostics(x.snippet()).map(d -> d.getMessage(Locale.ROOT)).findFirst()
                            .orElse(String.valueOf(x.exception())) + "\n");
                }
            }
        } catch (Exception ex) {
            sink.stream("stderr", "Could not publish the result as '" + variable + "': " + ex.getMessage() + "\n");
        }
    }

    static String javaLiteral(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Where output goes when no cell has run yet. */
    private enum NullSink implements ExecutionSink {
        INSTANCE;

        @Override
        public void stream(String name, String text) {
            System.err.print(text);
        }

        @Override
        public void display(JsonObject data, JsonObject metadata, String displayId) {
        }

        @Override
        public void updateDisplay(JsonObject data, JsonObject metadata, String displayId) {
        }
    }

}

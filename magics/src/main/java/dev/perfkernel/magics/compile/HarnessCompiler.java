package dev.perfkernel.magics.compile;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.source.SessionSource;

import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compiles the session unit and harness sources in the kernel's process with
 * {@code javax.tools}, optionally running JMH's annotation processor (which writes
 * {@code META-INF/BenchmarkList} and the generated benchmark classes into the output folder).
 * Every error is reported against the user's cell lines (see {@link CompilationError}).
 */
public final class HarnessCompiler {
    static final String JMH_PROCESSOR = "org.openjdk.jmh.generators.BenchmarkProcessor";

    private SessionSource session = SessionSource.empty();
    private final List<HarnessSource> sources = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private boolean jmh;
    private int targetFeature = Runtime.version().feature();
    private Path output;
    private int currentExecutionCount;

    public HarnessCompiler session(SessionSource s) { session = s == null ? SessionSource.empty() : s; return this; }
    public HarnessCompiler source(HarnessSource s) { sources.add(s); return this; }
    public HarnessCompiler classpath(List<Path> entries) { classpath.addAll(entries); return this; }
    /** Runs JMH's annotation processor over the sources. */
    public HarnessCompiler jmh(boolean on) { jmh = on; return this; }
    /** The lowest JDK feature the classes must run on; compiled with {@code --release min(kernel, target)}. */
    public HarnessCompiler target(int feature) { targetFeature = feature; return this; }
    /** Where classes (and generated resources) go; generated sources go to a sibling {@code gen-src}. */
    public HarnessCompiler output(Path dir) { output = dir; return this; }
    /** The running cell's {@code In [n]}; lines of it are shown as {@code line L}, other cells' with their number. */
    public HarnessCompiler executionCount(int n) { currentExecutionCount = n; return this; }

    /** The {@code --release} used: the target's feature, but never above what this compiler knows. */
    public int release() {
        return Math.min(targetFeature, Runtime.version().feature());
    }

    public void compile() throws MagicException {
        if (output == null) throw new IllegalStateException("no output directory");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new MagicException("NoCompiler", "the kernel runs on a JRE without a Java compiler "
                    + "(javax.tools); run it on a full JDK", List.of());
        }
        Path gen = output.resolveSibling(output.getFileName() + "-gen-src");
        try {
            Files.createDirectories(output);
            Files.createDirectories(gen);
        } catch (IOException e) {
            throw new MagicException("CompileFailed", "cannot create " + output + ": " + e.getMessage(), List.of());
        }
        List<Unit> units = new ArrayList<>();
        units.add(new Unit(SessionSource.PATH, session.text(), null));
        for (HarnessSource s : sources) units.add(new Unit(s.path(), s.text(), s));

        List<String> options = new ArrayList<>(List.of("--release", Integer.toString(release()),
                "-d", output.toString(), "-s", gen.toString(), "-encoding", "UTF-8", "-g", "-nowarn",
                "-Xmaxerrs", "50"));
        if (!classpath.isEmpty()) {
            options.add("-cp");
            options.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        if (!jmh) options.add("-proc:none");

        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StringWriter noise = new StringWriter();
        boolean ok;
        synchronized (HarnessCompiler.class) {
            try {
                JavaCompiler.CompilationTask task = javac.getTask(noise, sharedFileManager(javac, classpath), diags,
                        options, null, units);
                if (jmh) task.setProcessors(List.of(jmhProcessor()));
                ok = task.call();
            } catch (RuntimeException e) {
                fileManager = null; // a crashed compile may leave the manager in a bad state: start afresh next time
                // javac reports its own crashes (and a processor's) as RuntimeException
                throw new MagicException("CompileFailed", "the Java compiler failed: " + e, List.of());
            }
        }
        List<CompilationError.Diagnostic> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            errors.add(map(d, units));
        }
        if (!ok && errors.isEmpty()) {
            errors.add(new CompilationError.Diagnostic("compiler", 0, 0,
                    noise.toString().isBlank() ? "compilation failed without a message" : noise.toString().strip(), ""));
        }
        if (!errors.isEmpty()) throw new CompilationError(errors);
    }

    /**
     * One file manager for every compile of the kernel's life: it keeps the indexes of the jars on the
     * class path (JMH's, the user's) and of the platform's {@code --release} data, which a fresh manager
     * reads again for each cell. Options such as {@code -cp} and {@code -d} are set per task.
     */
    private static StandardJavaFileManager fileManager;
    /** The class path the manager has seen, with each jar's size and time: a jar rebuilt in place means a new manager. */
    private static final java.util.Map<Path, String> seenJars = new java.util.HashMap<>();

    private static StandardJavaFileManager sharedFileManager(JavaCompiler javac, List<Path> classpath) {
        for (Path p : classpath) {
            String stamp = stamp(p);
            String before = seenJars.put(p, stamp);
            if (before != null && !before.equals(stamp)) fileManager = null; // its cached index of that jar is stale
        }
        if (fileManager == null) fileManager = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        return fileManager;
    }

    private static String stamp(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) + "@" + Files.getLastModifiedTime(p) : "dir";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * Compiles a small JMH benchmark once in the background (lowest priority, after a delay), and builds
     * the fork-side jar, so the first measuring cell of a session does not pay for a cold compiler and
     * annotation processor.
     * Set {@code PERFKERNEL_WARMUP=0} to turn it off.
     */
    public static void warmUpInBackground(Duration delay) {
        if ("0".equals(System.getenv("PERFKERNEL_WARMUP")) || !WARMED.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                Classpaths.forkSide(); // built once; the first fork then finds it ready
                Path dir = dev.perfkernel.magics.fork.TempDirs.create("warmup");
                // a daemon thread: a kernel that shuts down mid-compile never reaches the finally below
                Thread cleanup = new Thread(() -> dev.perfkernel.magics.fork.Workspace.deleteTree(dir));
                Runtime.getRuntime().addShutdownHook(cleanup);
                try {
                    String text = "package perfkernel.warmup;\nimport org.openjdk.jmh.annotations.*;\n"
                            + "@State(Scope.Thread) public class Warm { @Benchmark public int b() { return 1; } }\n";
                    new HarnessCompiler().source(new HarnessSource("perfkernel/warmup/Warm.java", text, new LineMap()))
                            .classpath(Classpaths.jmhRuntime()).jmh(true).output(dir.resolve("classes")).compile();
                } finally {
                    dev.perfkernel.magics.fork.Workspace.deleteTree(dir);
                    try {
                        Runtime.getRuntime().removeShutdownHook(cleanup);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook runs anyway
                    }
                }
            } catch (Exception | LinkageError ignored) {
                // a warm-up that fails only leaves the first cell as slow as it was
            }
        }, "perfkernel-javac-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    private static Processor jmhProcessor() throws MagicException {
        try {
            return (Processor) Class.forName(JMH_PROCESSOR).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MagicException("CompileFailed", "JMH's annotation processor is missing from the kernel's "
                    + "classpath (jmh-generator-annprocess): " + e, List.of());
        }
    }

    private CompilationError.Diagnostic map(Diagnostic<? extends JavaFileObject> d, List<Unit> units) {
        String msg = d.getMessage(Locale.ROOT);
        int line = (int) d.getLineNumber();
        int col = (int) d.getColumnNumber();
        Unit unit = d.getSource() instanceof Unit u ? u : null;
        if (unit == null) {
            String name = d.getSource() == null ? "" : d.getSource().getName();
            if (name.isEmpty()) return new CompilationError.Diagnostic("error", 0, 0, msg, "");
            return new CompilationError.Diagnostic("in code JMH generated from the cell ("
                    + Path.of(name).getFileName() + " line " + line + ")", line, 0, msg, "");
        }
        String text = line > 0 ? unit.line(line) : "";
        if (unit.harness == null) {
            Optional<dev.perfkernel.magics.source.SessionSource.CellLine> origin = session.origin(line);
            String where = origin.map(o -> "in the session's code from " + o).orElse(
                    "in the session's code (unit line " + line + ")");
            return new CompilationError.Diagnostic(where, origin.map(o -> o.line()).orElse(line), col, msg, text);
        }
        Optional<dev.perfkernel.magics.source.SessionSource.CellLine> cell = unit.harness.lineMap().cellLine(line);
        if (cell.isPresent()) {
            var c = cell.get();
            String where = c.executionCount() == 0 || c.executionCount() == currentExecutionCount
                    ? "line " + c.line() : "In [" + c.executionCount() + "] line " + c.line();
            return new CompilationError.Diagnostic(where, c.line(), col, msg, text);
        }
        // an error on a line we generated: say so, and show the user line it wraps when there is one
        String near = unit.harness.lineMap().nearest(line).map(c -> " (after cell line " + c.line() + ")").orElse("");
        return new CompilationError.Diagnostic("in the benchmark wrapper around the cell" + near, 0, 0, msg, text.strip());
    }

    /** An in-memory source the compiler reads, remembering which harness (if any) it is. */
    private static final class Unit extends SimpleJavaFileObject {
        final String text;
        final HarnessSource harness;
        private List<String> lines;

        Unit(String path, String text, HarnessSource harness) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.text = text;
            this.harness = harness;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        String line(int n) {
            if (lines == null) lines = text.lines().toList();
            return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
        }
    }
}

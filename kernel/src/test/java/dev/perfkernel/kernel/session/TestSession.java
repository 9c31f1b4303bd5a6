package dev.perfkernel.kernel.session;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real in-process JShell fed cell by cell, recording each snippet's first cell line as the
 * kernel does, plus helpers to compile and load the generated unit.
 */
final class TestSession implements AutoCloseable, SnippetOrigins {
    final JShell jshell = JShell.builder().executionEngine("local").build();
    private final Map<Snippet, CellLine> origins = new IdentityHashMap<>();
    private final List<Path> tempDirs = new ArrayList<>();
    private int executionCount;

    /** Evaluates a cell; returns the events. Snippets are split the way the kernel splits them. */
    List<SnippetEvent> cell(String code) {
        executionCount++;
        List<SnippetEvent> events = new ArrayList<>();
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        String remaining = code;
        int consumed = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.completeness().isComplete() ? info.source() : remaining;
            // The snippet's first line: where its first non-blank character is, less the
            // blank lines JShell kept at the start of its source.
            int lead = 0;
            while (lead < remaining.length() && Character.isWhitespace(remaining.charAt(lead))) {
                lead++;
            }
            String stripped = snippet.stripLeading();
            long keptNewlines = snippet.substring(0, snippet.length() - stripped.length()).chars().filter(c -> c == '\n').count();
            int line = 1 + (int) code.substring(0, consumed + lead).chars().filter(c -> c == '\n').count() - (int) keptNewlines;
            for (SnippetEvent e : jshell.eval(snippet)) {
                events.add(e);
                if (e.causeSnippet() == null) {
                    origins.putIfAbsent(e.snippet(), new CellLine(executionCount, line));
                }
            }
            if (!info.completeness().isComplete()) {
                break;
            }
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return events;
    }

    @Override
    public Optional<CellLine> firstLine(Snippet snippet) {
        return Optional.ofNullable(origins.get(snippet));
    }

    SessionSource source() {
        return SessionSourceBuilder.build(jshell, this);
    }

    /** Compiles the units; throws with the diagnostics and the unit text if anything fails. */
    Path compile(Map<String, String> units) throws IOException {
        Path dir = Files.createTempDirectory("pk-session-test");
        tempDirs.add(dir);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = new ArrayList<>();
        units.forEach((path, text) -> files.add(new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignore) {
                return text;
            }
        }));
        boolean ok = compiler.getTask(null, null, diagnostics, List.of("-d", dir.toString(), "-proc:none"), null, files).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("compilation failed:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                sb.append(d.getSource() == null ? "" : d.getSource().getName()).append(':').append(d.getLineNumber())
                        .append(": ").append(d.getMessage(null)).append('\n');
            }
            units.forEach((path, text) -> sb.append("---- ").append(path).append('\n').append(numbered(text)));
            throw new AssertionError(sb.toString());
        }
        return dir;
    }

    Path compile(SessionSource source) throws IOException {
        return compile(Map.of(SessionSource.PATH, source.text()));
    }

    /** Compiles and loads the session unit and returns the Session class. */
    Class<?> load(SessionSource source) throws Exception {
        Path dir = compile(source);
        URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        return Class.forName(SessionSource.QUALIFIED, true, loader);
    }

    static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d| %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        jshell.close();
        for (Path dir : tempDirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.magic.CellParser;
import dev.perfkernel.kernel.magic.MagicRegistry;
import dev.perfkernel.kernel.wire.LanguageBackend.Completion;
import dev.perfkernel.kernel.wire.LanguageBackend.Inspection;
import dev.perfkernel.kernel.wire.LanguageBackend.IsComplete;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Completion, inspection and is_complete: questions about code that do not run it. */
final class Introspector {
    private final EngineSupervisor engines;
    private final MagicRegistry registry;
    private final CompletenessChecker completeness = new CompletenessChecker();
    /**
     * Javadoc by signature. JShell finds a JDK method's javadoc by parsing its class's whole
     * source from src.zip on every request (two thirds of an inspect); the text of a signature
     * does not change within a kernel's life, so it is read once. Bounded, least recently used out.
     */
    private final Map<String, String> javadocs = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 512;
                }
            });

    private record Doc(String signature, String javadoc) implements SourceCodeAnalysis.Documentation {}

    Introspector(EngineSupervisor engines, MagicRegistry registry) {
        this.engines = engines;
        this.registry = registry;
    }

    /** Loads javac's classes for is_complete while the engine JVM starts, on the other core. */
    void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            completeness.warmUp();
            completeness.parses("int warm = 1;");
        }, "perfkernel-javac-warm");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    Completion complete(String code, int cursorPos) {
        int cursor = Math.max(0, Math.min(cursorPos, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        Completion magic = MagicCompletion.complete(registry, code, lineStart, line, cursor);
        if (magic != null) return magic;
        Engine e = engines.ready();
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

    Inspection inspect(String code, int cursorPos, int detailLevel) {
        Engine e = engines.ready();
        if (e == null) return null;
        CodeWindow w = CodeWindow.of(code);
        int cursor = Math.max(w.start, Math.min(cursorPos, code.length()));
        // Move to the end of the identifier under the cursor: JShell documents what precedes it.
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        SourceCodeAnalysis sca = e.shell().sourceCodeAnalysis();
        List<Doc> docs;
        try {
            // At the end of a name, then inside a call's parentheses, then where the cursor is.
            docs = documentation(sca, w.code, end - w.start);
            if (docs.isEmpty() && end < code.length() && code.charAt(end) == '(')
                docs = documentation(sca, w.code, end + 1 - w.start);
            if (docs.isEmpty() && end != cursor) docs = documentation(sca, w.code, cursor - w.start);
            if (docs.isEmpty()) {
                // A method name without its parenthesis: document it as if the call were opened.
                String opened = w.code.substring(0, end - w.start) + "(";
                docs = documentation(sca, opened, opened.length());
            }
        } catch (RuntimeException ex) {
            return null;
        }
        if (docs.isEmpty()) return null;
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", JavadocText.render(docs, detailLevel));
        return new Inspection(data);
    }

    /** Signatures at a position, with javadoc read from the JDK's sources only for new signatures. */
    private List<Doc> documentation(SourceCodeAnalysis sca, String code, int pos) {
        List<SourceCodeAnalysis.Documentation> signatures = sca.documentation(code, pos, false);
        List<Doc> known = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d : signatures) {
            String javadoc = javadocs.get(d.signature());
            if (javadoc == null) break;
            known.add(new Doc(d.signature(), javadoc));
        }
        if (known.size() == signatures.size()) return known;
        List<Doc> read = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d : sca.documentation(code, pos, true)) {
            String javadoc = d.javadoc() == null ? "" : d.javadoc();
            javadocs.put(d.signature(), javadoc);
            read.add(new Doc(d.signature(), javadoc));
        }
        return read;
    }

    IsComplete isComplete(String code) {
        Engine e = engines.ready();
        if (e == null) return new IsComplete("unknown", "");
        try {
            CompletenessChecker.Answer a = completeness.check(e.shell().sourceCodeAnalysis(), code);
            return new IsComplete(a.status(), a.indent());
        } catch (RuntimeException ex) {
            return new IsComplete("unknown", "");
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
}

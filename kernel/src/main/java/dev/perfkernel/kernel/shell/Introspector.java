package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.magic.CellParser;
import dev.perfkernel.kernel.magic.MagicRegistry;
import dev.perfkernel.kernel.wire.LanguageBackend.Completion;
import dev.perfkernel.kernel.wire.LanguageBackend.Inspection;
import dev.perfkernel.kernel.wire.LanguageBackend.IsComplete;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Completion, inspection and is_complete: questions about code that do not run it. */
final class Introspector {
    private final EngineSupervisor engines;
    private final MagicRegistry registry;
    private final CompletenessChecker completeness = new CompletenessChecker();

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

    Inspection inspect(String code, int cursorPos) {
        Engine e = engines.ready();
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
        StringBuilder sb = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (sb.length() > 0) sb.append("\n\n");
            sb.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) sb.append("\n\n").append(d.javadoc().strip());
        }
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", sb.toString());
        return new Inspection(data);
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

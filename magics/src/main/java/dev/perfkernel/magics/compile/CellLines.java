package dev.perfkernel.magics.compile;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one map from code a forked JVM ran back to the notebook, used by every parser (JFR stacks,
 * PrintAssembly, LogCompilation, stack traces): which classes are the user's (the session unit and
 * its nested types, the harness classes that wrap the cell) and which cell line each of their source
 * lines came from. JMH's generated classes are never the user's.
 */
public final class CellLines {
    private final SessionSource session;
    private final List<String> sessionLines;
    private final Map<String, HarnessSource> harnesses = new LinkedHashMap<>();
    private final Map<String, List<String>> harnessLines = new LinkedHashMap<>();

    /** A cell line with its text (stripped). */
    public record UserLine(CellLine cell, String text) {
        public String label() {
            return cell.toString();
        }
    }

    public CellLines(SessionSource session, List<HarnessSource> harnesses) {
        this.session = session == null ? SessionSource.empty() : session;
        this.sessionLines = this.session.text().lines().toList();
        for (HarnessSource h : harnesses) {
            this.harnesses.put(h.className(), h);
            this.harnessLines.put(h.className(), h.text().lines().toList());
        }
    }

    /** Only the session unit: no harness is the user's. */
    public static CellLines sessionOnly(SessionSource session) {
        return new CellLines(session, List.of());
    }

    /** True for the user's classes ({@code a.b.C}, {@code a/b/C} and nested {@code C$D} alike). */
    public boolean isUser(String className) {
        String c = className.replace('/', '.');
        if (isSession(c)) return true;
        if (isJmhGenerated(c)) return false;
        return harnesses.containsKey(topLevel(c));
    }

    /** The cell line a user class's source line came from. */
    public Optional<CellLine> cellLine(String className, int line) {
        if (line <= 0) return Optional.empty();
        String c = className.replace('/', '.');
        if (isSession(c)) return session.origin(line);
        if (!isUser(c)) return Optional.empty();
        return harnesses.get(topLevel(c)).lineMap().cellLine(line);
    }

    /** The cell line and its text. */
    public Optional<UserLine> of(String className, int line) {
        Optional<CellLine> cell = cellLine(className, line);
        if (cell.isEmpty()) return Optional.empty();
        String c = className.replace('/', '.');
        List<String> lines = isSession(c) ? sessionLines : harnessLines.get(topLevel(c));
        return Optional.of(new UserLine(cell.get(), line <= lines.size() ? lines.get(line - 1).strip() : ""));
    }

    /** {@code "line", "cell", "source"} of a user line into a JSON row, or {@code "line": null} for none. */
    public static void putJson(JsonObject row, Optional<UserLine> line) {
        if (line.isPresent()) {
            row.addProperty("line", line.get().cell().line());
            row.addProperty("cell", line.get().cell().executionCount());
            row.addProperty("source", line.get().text());
        } else {
            row.add("line", JsonNull.INSTANCE);
        }
    }

    /** A class JMH generated (its {@code jmh_generated} package, {@code X_method_jmhTest}): JMH's, never the user's. */
    public static boolean isJmhGenerated(String className) {
        return className.contains("jmh_generated") || className.contains("_jmh");
    }

    private static boolean isSession(String c) {
        return c.equals(SessionSource.QUALIFIED) || c.startsWith(SessionSource.QUALIFIED + "$");
    }

    private static String topLevel(String c) {
        int d = c.indexOf('$');
        return d < 0 ? c : c.substring(0, d);
    }
}

package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.LineMap;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.source.SessionSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JMH's report of a benchmark that threw ({@code <failure>} followed by a stack trace) into
 * an error the user can read: the exception, and the frames of their own code with cell lines;
 * JMH's generated frames and the reflection below them are left out.
 */
final class BenchmarkFailure {
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[\\w.$]+/)?([\\w.$]+)\\.([\\w$<>]+)\\(([^:)]*)(?::(\\d+))?\\)");

    private BenchmarkFailure() {
    }

    /** The failure in JMH's output, or empty when the output holds none. */
    static Optional<MagicException> find(List<String> output, JmhBenchmarkSource.Generated gen, SessionSource session,
                                         int executionCount) {
        int start = -1;
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i).strip().endsWith("<failure>")) {
                start = i;
                break;
            }
        }
        if (start < 0) return Optional.empty();
        int i = start + 1;
        while (i < output.size() && output.get(i).isBlank()) i++;
        if (i >= output.size()) return Optional.empty();
        String exception = output.get(i).strip();
        List<String> details = new ArrayList<>();
        details.add(exception);
        for (int j = i + 1; j < output.size(); j++) {
            String l = output.get(j);
            if (l.strip().startsWith("Caused by:")) {
                details.add(l.strip());
                continue;
            }
            Matcher m = FRAME.matcher(l);
            if (!m.find()) {
                if (l.strip().startsWith("...")) continue;
                break;
            }
            String cls = m.group(1);
            if (CellLines.isJmhGenerated(cls)) {
                // everything below the first generated frame is JMH's machinery
                skipToCause(output, j, details);
                break;
            }
            String method = cls.startsWith(JmhBenchmarkSource.PACKAGE + "." + JmhBenchmarkSource.CLASS)
                    ? gen.userName(m.group(2)) : m.group(2);
            details.add("  at " + cls + "." + method + where(cls, m.group(4), gen.source().lineMap(), session, executionCount,
                    m.group(3)));
        }
        return Optional.of(new MagicException("BenchmarkFailed", "the benchmark threw " + exception, details));
    }

    private static void skipToCause(List<String> output, int from, List<String> details) {
        // causes are printed after the frames; keep their headline so the root cause is visible
        for (int k = from; k < output.size(); k++) {
            String s = output.get(k).strip();
            if (s.startsWith("Caused by:")) details.add(s);
            else if (!s.startsWith("at ") && !s.startsWith("...")) break;
        }
    }

    private static String where(String cls, String line, LineMap cellMap, SessionSource session, int executionCount,
                                String file) {
        if (line == null) return "(" + file + ")";
        int n = Integer.parseInt(line);
        if (cls.startsWith(JmhBenchmarkSource.PACKAGE + "." + JmhBenchmarkSource.CLASS)) {
            return cellMap.cellLine(n).map(c -> " (" + (c.executionCount() == executionCount || c.executionCount() == 0
                    ? "line " + c.line() : c.toString()) + " of the cell)").orElse(" (the benchmark wrapper)");
        }
        if (cls.startsWith(SessionSource.QUALIFIED)) {
            return session.origin(n).map(c -> " (" + c + ")").orElse(" (session code line " + n + ")");
        }
        return "(" + file + ":" + n + ")";
    }
}

package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.compile.LineMap;
import dev.perfkernel.magics.source.SessionSource;

import java.util.List;

/**
 * The source of a driver class a forked JVM runs for a cell magic (%disasm, %jit, %%gclog,
 * %profile): the session's imports, a {@code sink} field, and the cell body in a
 * {@code static void body()} of its own, whose lines map back to the cell. The body keeps its own
 * method so the JIT sees it as an ordinary callee and stack frames name the cell. Each magic
 * supplies the {@code main} that calls {@code body()}: how long it loops, and what it reports.
 */
public final class CellDriverSource {
    public static final String PACKAGE = "perfkernel.harness";

    private CellDriverSource() {
    }

    /**
     * @param simpleName     the class name (in {@value #PACKAGE})
     * @param session        the session whose imports the body sees
     * @param body           statements; a last line without {@code ;} gets one
     * @param bodyFirstLine  cell line of the body's first line
     * @param executionCount the cell's {@code In [n]}
     * @param main           the class's remaining members (its {@code main}), indented, each line ending in a newline
     */
    public static HarnessSource generate(String simpleName, SessionSource session, String body, int bodyFirstLine,
                                         int executionCount, String main) {
        StringBuilder sb = new StringBuilder();
        LineMap map = new LineMap();
        int line = 1;
        sb.append("package ").append(PACKAGE).append(";\n");
        line++;
        for (String imp : session.harnessImports()) {
            sb.append(imp).append('\n');
            line++;
        }
        sb.append("public final class ").append(simpleName).append(" {\n");
        line++;
        sb.append("    public static volatile Object sink;\n");
        line++;
        sb.append("    static void body() throws Throwable {\n");
        line++;
        List<String> lines = body.lines().toList();
        int last = lastCodeLine(lines);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == last && !endsStatement(l)) l = l + ";";
            sb.append(l).append('\n');
            map.put(line, executionCount, bodyFirstLine + i);
            line++;
        }
        sb.append("    }\n");
        sb.append(main);
        sb.append("}\n");
        return new HarnessSource(PACKAGE.replace('.', '/') + "/" + simpleName + ".java", sb.toString(), map);
    }

    private static int lastCodeLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String s = lines.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("//")) return i;
        }
        return -1;
    }

    private static boolean endsStatement(String line) {
        String s = line.strip();
        int comment = s.indexOf("//");
        if (comment >= 0) s = s.substring(0, comment).strip();
        return s.endsWith(";") || s.endsWith("}") || s.endsWith("{");
    }
}

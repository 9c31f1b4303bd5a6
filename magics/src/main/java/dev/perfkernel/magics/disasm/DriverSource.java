package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.compile.LineMap;
import dev.perfkernel.magics.source.SessionSource;

import java.util.List;

/**
 * The {@code main} a forked JVM runs for {@code %disasm} and {@code %jit}: the cell body in a
 * method of its own, called over and over until a time budget is spent or the kernel drops a
 * stop file (it does when the compilation it waits for has been printed). The body keeps its own
 * method so the JIT sees it as an ordinary caller, and its lines map back to the cell.
 */
public final class DriverSource {
    public static final String PACKAGE = "perfkernel.harness";

    private DriverSource() {
    }

    /**
     * @param simpleName     the class name (in {@value #PACKAGE})
     * @param session        the session whose imports the body sees
     * @param body           statements; a last line without {@code ;} gets one
     * @param bodyFirstLine  cell line of the body's first line
     * @param executionCount the cell's {@code In [n]}
     */
    public static HarnessSource generate(String simpleName, SessionSource session, String body, int bodyFirstLine,
                                         int executionCount) {
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
        // args: budget in ms, stop file; the stop file is looked at every 20 ms, not every call
        sb.append("""
                    public static void main(String[] args) throws Throwable {
                        long budget = Long.parseLong(args[0]) * 1_000_000L;
                        java.nio.file.Path stop = java.nio.file.Path.of(args[1]);
                        long start = System.nanoTime();
                        long checked = start;
                        long calls = 0;
                        while (true) {
                            body();
                            calls++;
                            long now = System.nanoTime();
                            if (now - start > budget) break;
                            if (now - checked > 20_000_000L) {
                                checked = now;
                                if (java.nio.file.Files.exists(stop)) break;
                            }
                        }
                        System.out.println("perfkernel-driver-calls " + calls);
                    }
                }
                """);
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

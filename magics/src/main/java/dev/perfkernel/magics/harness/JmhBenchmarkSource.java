package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.compile.LineMap;
import dev.perfkernel.magics.source.SessionSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a cell as a JMH benchmark class. Three forms:
 * <ul>
 *   <li>{@link Form#CLASS_BODY}: the cell holds {@code @Benchmark} methods (and {@code @Param},
 *   {@code @Setup}, fields...). It becomes the body of {@code @State(Scope.Thread) public class
 *   CellBenchmark}; benchmarks are named after their methods.</li>
 *   <li>{@link Form#STATEMENTS} and {@link Form#EXPRESSION}: the code becomes the body of one
 *   benchmark method {@code bench}. The last statement, when it is an expression, is passed to
 *   {@code Blackhole.consume} so the JIT cannot drop the work; with a top-level {@code return}
 *   each {@code return EXPR;} becomes {@code bh.consume(EXPR); return;} ({@link ReturnRewriter}: no boxing).</li>
 * </ul>
 * Cell lines are copied verbatim, one per line, so compiler errors map back to cell lines.
 */
public final class JmhBenchmarkSource {
    public static final String PACKAGE = "perfkernel.bench";
    public static final String CLASS = "CellBenchmark";
    public static final String EMPTY_CLASS = "EmptyBaseline";
    public static final String STATEMENT_METHOD = "bench";
    public static final String EMPTY_METHOD = "empty";
    /** The Blackhole parameter of the statement form: a name no user code would choose. */
    static final String BLACKHOLE = "pk$bh";

    private static final Pattern BENCHMARK_ANNOTATION = Pattern.compile("@(org\\.openjdk\\.jmh\\.annotations\\.)?Benchmark\\b");
    /** A {@code @Benchmark} annotation and the name of the method it annotates (group 1). */
    private static final Pattern BENCHMARK_DECLARATION = Pattern.compile(
            "@(?:org\\.openjdk\\.jmh\\.annotations\\.)?Benchmark\\b[^{;]*?\\b([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern STATEMENT_KEYWORD = Pattern.compile(
            "^(if|else|for|while|do|switch|case|default|try|throw|return|break|continue|synchronized|assert|yield|class|record|enum|"
                    + "interface|final|var|abstract|static)\\b|^[{}@]");
    /** {@code Type name =}, {@code Type<A, B>[] name;}: a local variable declaration. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^[A-Za-z_$][\\w$.]*\\s*(<[^;=()]*>)?\\s*(\\[\\s*])*\\s+[A-Za-z_$][\\w$]*\\s*(=|;|$|,)");

    private JmhBenchmarkSource() {
    }

    /** How the cell's code is wrapped. */
    public enum Form { EXPRESSION, STATEMENTS, CLASS_BODY }

    /** Prefix of a benchmark method renamed because a session method has its name. */
    static final String RENAME_PREFIX = "pk_";

    /**
     * The generated source and what was done to the cell.
     *
     * @param consumedLine the cell line where the consumed last expression starts, or 0 when none was consumed
     * @param benchmarkMethods the benchmark method names the user will see (for the statement forms: {@code bench})
     * @param renamed      user name to generated name, for benchmark methods named like a session method: in
     *                     the class a method {@code sum()} would hide the session's {@code sum(int[])} from
     *                     its own body, so the generated class calls it {@code pk_sum} and results are renamed back
     */
    public record Generated(HarnessSource source, Form form, int consumedLine, List<String> benchmarkMethods,
                            Map<String, String> renamed) {
        public Generated {
            benchmarkMethods = List.copyOf(benchmarkMethods);
            renamed = Map.copyOf(renamed);
        }

        /** The method's name in the generated class (what JMH and the forked JVM see). */
        public String generatedName(String userName) {
            return renamed.getOrDefault(userName, userName);
        }

        /** The user's name for a method of the generated class. */
        public String userName(String generated) {
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                if (e.getValue().equals(generated)) return e.getKey();
            }
            return generated;
        }

        /** JMH's JSON result with every renamed benchmark given back its user name. */
        public String restoreNames(String jmhJson) {
            String out = jmhJson;
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                out = out.replace(CLASS + "." + e.getValue() + "\"", CLASS + "." + e.getKey() + "\"");
            }
            return out;
        }
    }

    /** {@link Form#CLASS_BODY} when the code declares a {@code @Benchmark}; else statements (or an expression for a line magic). */
    public static Form detect(String code, boolean lineMagic) {
        JavaScan scan = new JavaScan(code);
        if (scan.codeMatches(BENCHMARK_ANNOTATION)) return Form.CLASS_BODY;
        return lineMagic ? Form.EXPRESSION : Form.STATEMENTS;
    }

    /**
     * Generates the benchmark class.
     *
     * @param code           the cell's code (body of a cell magic, or the expression of a line magic)
     * @param firstCellLine  the cell line {@code code} starts on
     * @param executionCount the cell's {@code In [n]}
     * @param consumeLast    whether to try consuming the last expression (false for the retry when it is void)
     */
    public static Generated generate(String code, Form form, SessionSource session, int firstCellLine,
                                     int executionCount, boolean consumeLast) {
        StringBuilder src = new StringBuilder();
        int[] line = {1};
        java.util.function.Consumer<String> emit = s -> {
            src.append(s).append('\n');
            line[0]++;
        };
        emit.accept("package " + PACKAGE + ";");
        for (String imp : session.harnessImports()) emit.accept(imp);
        emit.accept("import org.openjdk.jmh.annotations.*;");
        emit.accept("import org.openjdk.jmh.infra.Blackhole;");
        emit.accept("@State(Scope.Thread)");
        emit.accept("public class " + CLASS + " {");
        String body = code;
        int consumedLine = 0;
        List<String> methods;
        Map<String, String> renamed = new LinkedHashMap<>();
        if (form == Form.CLASS_BODY) {
            methods = benchmarkMethods(code);
            body = renameClashes(code, session, renamed);
        } else {
            methods = List.of(STATEMENT_METHOD);
            if (clashes(STATEMENT_METHOD, session)) renamed.put(STATEMENT_METHOD, RENAME_PREFIX + STATEMENT_METHOD);
            String method = renamed.getOrDefault(STATEMENT_METHOD, STATEMENT_METHOD);
            JavaScan scan = new JavaScan(code);
            Optional<String> consumedReturns = scan.hasTopLevelReturn()
                    ? ReturnRewriter.rewrite(body, BLACKHOLE) : Optional.empty();
            if (consumedReturns.isPresent()) {
                body = consumedReturns.get();
                emit.accept("@Benchmark public void " + method + "(Blackhole " + BLACKHOLE
                        + ") throws Throwable {");
            } else if (scan.hasTopLevelReturn()) {
                emit.accept("@Benchmark public Object " + method + "() throws Throwable {");
            } else {
                emit.accept("@Benchmark public void " + method + "(Blackhole " + BLACKHOLE
                        + ") throws Throwable {");
                List<int[]> spans = scan.topLevelStatements();
                if (!spans.isEmpty()) {
                    // a last statement typed without its semicolon (as in JShell) gets one
                    int[] last = spans.get(spans.size() - 1);
                    char end = code.charAt(last[1] - 1);
                    if (end != ';' && end != '}') body = code.substring(0, last[1]) + ";" + code.substring(last[1]);
                }
                if (consumeLast && !spans.isEmpty()) {
                    int[] last = spans.get(spans.size() - 1);
                    String stmt = code.substring(last[0], last[1]);
                    String expr = stmt.endsWith(";") ? stmt.substring(0, stmt.length() - 1).strip() : stmt;
                    if (isExpression(expr)) {
                        int exprEnd = last[0] + code.substring(last[0], last[1]).lastIndexOf(expr) + expr.length();
                        body = code.substring(0, last[0]) + BLACKHOLE + ".consume(" + code.substring(last[0], exprEnd)
                                + ");" + code.substring(stmt.endsWith(";") ? last[1] : exprEnd);
                        consumedLine = firstCellLine + (int) code.substring(0, last[0]).chars().filter(c -> c == '\n').count();
                    }
                }
            }
        }
        LineMap map = new LineMap();
        String[] cellLines = body.split("\n", -1);
        for (int i = 0; i < cellLines.length; i++) {
            map.put(line[0], executionCount, firstCellLine + i);
            emit.accept(cellLines[i]);
        }
        if (form != Form.CLASS_BODY) emit.accept("}");
        emit.accept("}");
        HarnessSource hs = new HarnessSource(PACKAGE.replace('.', '/') + "/" + CLASS + ".java", src.toString(), map);
        return new Generated(hs, form, consumedLine, methods, renamed);
    }

    /** True when the session declares a method (or field) of this name, which a same-named benchmark would hide. */
    static boolean clashes(String name, SessionSource session) {
        if (session.memberNames().contains(name)) return true;
        // units built without member names: look for a declaration-shaped use in the text
        return session.memberNames().isEmpty()
                && Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\(").matcher(new JavaScan(session.text()).codeOnly()).find();
    }

    /** The class body with each clashing benchmark method's declaration renamed (same line layout). */
    private static String renameClashes(String code, SessionSource session, Map<String, String> renamed) {
        StringBuilder out = new StringBuilder(code);
        List<int[]> spans = new java.util.ArrayList<>();
        java.util.regex.Matcher m = BENCHMARK_DECLARATION.matcher(new JavaScan(code).codeOnly());
        while (m.find()) {
            if (clashes(m.group(1), session)) {
                renamed.put(m.group(1), RENAME_PREFIX + m.group(1));
                spans.add(new int[]{m.start(1), m.end(1)});
            }
        }
        for (int i = spans.size() - 1; i >= 0; i--) {
            int[] sp = spans.get(i);
            out.replace(sp[0], sp[1], RENAME_PREFIX + code.substring(sp[0], sp[1]));
        }
        return out.toString();
    }

    /** An empty benchmark measured alongside, to tell real work from work the JIT removed. */
    public static HarnessSource emptyBaseline() {
        String text = "package " + PACKAGE + ";\n"
                + "import org.openjdk.jmh.annotations.*;\n"
                + "@State(Scope.Thread)\n"
                + "public class " + EMPTY_CLASS + " {\n"
                + "    @Benchmark public void " + EMPTY_METHOD + "() {\n"
                + "    }\n"
                + "}\n";
        return new HarnessSource(PACKAGE.replace('.', '/') + "/" + EMPTY_CLASS + ".java", text, new LineMap());
    }

    /** True when the last statement of a cell reads as an expression whose value can be consumed. */
    static boolean isExpression(String stmt) {
        String s = stmt.strip();
        if (s.isEmpty() || s.endsWith("}")) return false;
        if (STATEMENT_KEYWORD.matcher(s).find()) return false;
        if (DECLARATION.matcher(s).find() && !s.startsWith("new ")) return false;
        // a bare assignment's value is the assigned value: consuming it is fine
        return true;
    }

    /** The names of the methods annotated {@code @Benchmark}, in order. */
    static List<String> benchmarkMethods(String code) {
        String c = new JavaScan(code).codeOnly();
        java.util.regex.Matcher m = BENCHMARK_DECLARATION.matcher(c);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }
}

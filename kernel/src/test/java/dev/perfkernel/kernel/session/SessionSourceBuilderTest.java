package dev.perfkernel.kernel.session;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import dev.perfkernel.magics.source.SessionSource.Unreplayable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionSourceBuilderTest {

    private TestSession session;

    @BeforeEach
    void start() {
        session = new TestSession();
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
    }

    private static Object call(Class<?> type, String method, Object... args) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return m.invoke(null, args);
            }
        }
        throw new AssertionError("no method " + method + " in " + type);
    }

    private static Object field(Class<?> type, String name) throws Exception {
        return type.getField(name).get(null);
    }

    private static String reasons(SessionSource source) {
        return source.unreplayable().stream().map(Unreplayable::reason).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void emptySessionCompiles() throws Exception {
        SessionSource source = session.source();
        assertTrue(source.imports().isEmpty());
        assertTrue(source.unreplayable().isEmpty());
        session.load(source);
    }

    @Test
    void importsAndStaticImports() throws Exception {
        session.cell("import java.util.*;\nimport java.util.function.*;\nimport static java.lang.Math.*;");
        session.cell("int biggest(int a, int b) { return max(a, b); }");
        session.cell("List<Integer> sorted(List<Integer> in) { List<Integer> out = new ArrayList<>(in); Collections.sort(out); return out; }");
        SessionSource source = session.source();
        assertEquals(List.of("import java.util.*;", "import java.util.function.*;", "import static java.lang.Math.*;"), source.imports());
        Class<?> s = session.load(source);
        assertEquals(7, call(s, "biggest", 3, 7));
        assertEquals(List.of(1, 2, 3), call(s, "sorted", List.of(3, 1, 2)));
    }

    @Test
    void overloadsAndGenerics() throws Exception {
        session.cell("import java.util.*;");
        session.cell("String describe(int x) { return \"int \" + x; }\nString describe(String x) { return \"string \" + x; }");
        session.cell("<T extends Comparable<? super T>> T largest(List<? extends T> xs) {\n"
                + "    T best = null;\n"
                + "    for (T x : xs) if (best == null || x.compareTo(best) > 0) best = x;\n"
                + "    return best;\n"
                + "}");
        session.cell("class Box<T extends Number> { final T value; Box(T v) { value = v; } double twice() { return value.doubleValue() * 2; } }");
        session.cell("double boxed(int n) { return new Box<>(n).twice(); }");
        Class<?> s = session.load(session.source());
        assertEquals("int 4", s.getMethod("describe", int.class).invoke(null, 4));
        assertEquals("string x", s.getMethod("describe", String.class).invoke(null, "x"));
        assertEquals("pear", call(s, "largest", List.of("apple", "pear", "fig")));
        assertEquals(10.0, call(s, "boxed", 5));
    }

    @Test
    void recordsEnumsAndInterfaces() throws Exception {
        session.cell("record Point(int x, int y) { int dist() { return Math.abs(x) + Math.abs(y); } }");
        session.cell("enum Op {\n  ADD { int apply(int a, int b) { return a + b; } },\n  MUL { int apply(int a, int b) { return a * b; } };\n  abstract int apply(int a, int b);\n}");
        session.cell("interface Shape { double area(); default String label() { return \"area=\" + area(); } }");
        session.cell("record Square(double side) implements Shape { public double area() { return side * side; } }");
        session.cell("int combine() { return Op.MUL.apply(new Point(3, -4).dist(), 2); }");
        session.cell("String squareLabel() { return new Square(3).label(); }");
        Class<?> s = session.load(session.source());
        assertEquals(14, call(s, "combine"));
        assertEquals("area=9.0", call(s, "squareLabel"));
        Class<?> point = Class.forName(SessionSource.QUALIFIED + "$Point", true, s.getClassLoader());
        assertTrue(point.isRecord());
    }

    @Test
    void mutuallyDependentTypesAndMethods() throws Exception {
        // A refers to B before B exists (JShell keeps A recoverable until B is defined).
        session.cell("class A { B partner; int depth() { return partner == null ? 1 : 1 + partner.depth(); } }");
        session.cell("class B { A partner; int depth() { return partner == null ? 1 : 1 + partner.depth(); } }");
        session.cell("boolean isEven(int n) { return n == 0 || isOdd(n - 1); }");
        session.cell("boolean isOdd(int n) { return n != 0 && isEven(n - 1); }");
        session.cell("int chain() { A a = new A(); a.partner = new B(); a.partner.partner = new A(); return a.depth(); }");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(3, call(s, "chain"));
        assertEquals(true, call(s, "isEven", 10));
        assertEquals(true, call(s, "isOdd", 7));
    }

    @Test
    void redefinitionsKeepOnlyTheLastDefinition() throws Exception {
        session.cell("int version() { return 1; }");
        session.cell("class Thing { String name() { return \"old\"; } }");
        session.cell("int version() { return 2; }");
        session.cell("class Thing { String name() { return \"new\"; } }");
        session.cell("int n = 1;");
        session.cell("long n = 5L;");
        SessionSource source = session.source();
        assertFalse(source.text().contains("return 1;"), source.text());
        assertFalse(source.text().contains("\"old\""), source.text());
        Class<?> s = session.load(source);
        assertEquals(2, call(s, "version"));
        assertEquals(5L, field(s, "n"));
        Class<?> thing = Class.forName(SessionSource.QUALIFIED + "$Thing", true, s.getClassLoader());
        Object t = thing.getDeclaredConstructor().newInstance();
        assertEquals("new", thing.getDeclaredMethod("name").invoke(t));
    }

    @Test
    void variablesInitialisedThroughSessionMethods() throws Exception {
        session.cell("import java.util.*;");
        session.cell("int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }");
        session.cell("int f20 = fib(20);\nint[] table = { fib(5), fib(6) };");
        session.cell("int a = 1, b = a + 41;");
        session.cell("final String greeting = \"hi \" + f20;");
        session.cell("private static long big;");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(6765, field(s, "f20"));
        assertEquals(8, ((int[]) field(s, "table"))[1]);
        assertEquals(42, field(s, "b"));
        assertEquals("hi 6765", field(s, "greeting"));
        assertEquals(0L, field(s, "big"));
        // JShell ignores `final` at the top level; the field stays assignable as in the session.
        assertFalse(java.lang.reflect.Modifier.isFinal(s.getField("greeting").getModifiers()));
    }

    @Test
    void redefinedVariableUsedByAnEarlierInitializerStillCompiles() throws Exception {
        session.cell("int base = 10;");
        session.cell("int derived = base * 2;");
        session.cell("int base = 21;"); // now defined after `derived`, which reads it
        SessionSource source = session.source();
        assertTrue(reasons(source).contains("derived reads base, which was redefined after it"), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(21, field(s, "base"));
        assertEquals(42, field(s, "derived"));
    }

    @Test
    void varWithDenotableType() throws Exception {
        session.cell("import java.util.*;");
        session.cell("var list = new ArrayList<String>(List.of(\"a\", \"b\"));");
        session.cell("var total = 3L * 4;");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        assertTrue(source.text().contains("ArrayList<String> list"), source.text());
        Class<?> s = session.load(source);
        assertEquals(List.of("a", "b"), field(s, "list"));
        assertEquals(12L, field(s, "total"));
    }

    @Test
    void nonDenotableVarIsReportedUnreplayable() throws Exception {
        session.cell("var counter = new Object() { int hits = 3; };");
        session.cell("int plain = 7;");
        session.cell("int hits() { return counter.hits; }"); // valid in JShell, cannot compile without counter
        session.cell("int twiceHits() { return 2 * hits(); }");
        session.cell("int unrelated() { return plain + 1; }");
        SessionSource source = session.source();
        assertEquals(3, source.unreplayable().size(), reasons(source));
        Unreplayable u = source.unreplayable().get(0);
        assertTrue(u.reason().contains("counter") && u.reason().contains("anonymous"), u.reason());
        assertTrue(u.source().contains("new Object()"));
        assertTrue(reasons(source).contains("hits is left out: it uses counter"), reasons(source));
        assertTrue(reasons(source).contains("twiceHits is left out: it uses hits"), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(7, field(s, "plain"));
        assertEquals(8, call(s, "unrelated"));
    }

    @Test
    void erroneousSnippetsAreLeftOutWithAReason() throws Exception {
        session.cell("int good() { return 1; }");
        session.cell("int broken() { retrun 0; }");
        session.cell("int broken() { retrun 1; }"); // reported once, for the last attempt
        session.cell("int typed() { return \"not an int\"; }");
        session.cell("int good() { retrun 2; }"); // does not parse: JShell keeps the first good()
        session.cell("int gone() { return 1; }");
        session.cell("int gone() { return \"x\"; }"); // compiles no more: JShell drops gone() too
        SessionSource source = session.source();
        assertFalse(source.text().contains("broken"), source.text());
        assertFalse(source.text().contains("gone"), source.text());
        String reasons = reasons(source);
        assertTrue(reasons.contains("broken in In [3] did not compile; broken is not defined"), reasons);
        assertEquals(1, reasons.split("declaration of broken", -1).length - 1, reasons);
        assertTrue(reasons.contains("typed in In [4] did not compile"), reasons);
        assertFalse(reasons.contains("good"), "the notebook and forks both use the first good(): " + reasons);
        assertTrue(reasons.contains("gone in In [7] did not compile; gone is not defined"), reasons);
        Class<?> s = session.load(source);
        assertEquals(1, call(s, "good"));
    }

    @Test
    void recoverableMethodThrowsLikeJShell() throws Exception {
        session.cell("int later() { return notYetDefined(3); }");
        SessionSource source = session.source();
        assertTrue(reasons(source).contains("notYetDefined"), reasons(source));
        Class<?> s = session.load(source);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> call(s, "later"));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    @Test
    void statementChangesToVariablesAreWarned() throws Exception {
        session.cell("import java.util.*;");
        session.cell("int count = 1;\nList<Integer> data = new ArrayList<>();");
        session.cell("count = 5;");
        session.cell("for (int i = 0; i < 3; i++) data.add(i);");
        session.cell("int untouched = 2;\nint i = 0;\nfor (int i = 0; i < 2; i++) { }");
        session.cell("Map<String, Integer> cache = new HashMap<>();\nvoid fill(int n) { cache.put(\"k\" + n, n); }\nvoid warm() { for (int k = 0; k < 3; k++) fill(k); }");
        session.cell("void shadow(int untouched) { untouched++; }\nshadow(1);");
        session.cell("warm();");
        SessionSource source = session.source();
        String reasons = reasons(source);
        assertTrue(reasons.contains("cache may have been changed by a statement in In [8] (via warm(..): via fill(..): cache.put(..))"), reasons);
        assertTrue(reasons.contains("count was changed by a statement in In [3]"), reasons);
        assertTrue(reasons.contains("data may have been changed by a statement in In [4] (data.add(..))"), reasons);
        assertFalse(reasons.contains("untouched"), reasons);
        assertFalse(reasons.contains("i was"), reasons); // the loop's own `i` shadows the session's
        Class<?> s = session.load(source);
        assertEquals(1, field(s, "count"));
    }

    @Test
    void originsMapUnitLinesBackToCellLines() throws Exception {
        session.cell("import java.util.*;");
        session.cell("// helpers\nint square(int x) {\n    int y = x * x;\n    return y;\n}\nint cube(int x) {\n    return x * square(x);\n}");
        SessionSource source = session.source();
        String[] lines = source.text().split("\n", -1);
        int bodyLine = indexOf(lines, "int y = x * x;");
        assertEquals(new CellLine(2, 3), source.origin(bodyLine).orElseThrow());
        int cubeReturn = indexOf(lines, "return x * square(x);");
        assertEquals(new CellLine(2, 7), source.origin(cubeReturn).orElseThrow());
        assertTrue(source.origin(1).isEmpty(), "the package line comes from no cell");
    }

    private static int indexOf(String[] lines, String text) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    @Test
    void harnessInAnotherPackageUsesTheSession() throws Exception {
        session.cell("import java.util.*;\nimport static java.lang.Math.*;");
        session.cell("record Pair(int left, int right) { int sum() { return left + right; } }");
        session.cell("Pair widest(List<Pair> pairs) { return pairs.stream().max(Comparator.comparingInt(Pair::sum)).orElseThrow(); }");
        SessionSource source = session.source();
        StringBuilder harness = new StringBuilder("package perfkernel.harness;\n\n");
        source.harnessImports().forEach(line -> harness.append(line).append('\n'));
        harness.append("public class Harness {\n")
                .append("    public static int run() {\n")
                .append("        List<Pair> pairs = new ArrayList<>(List.of(new Pair(1, 2), new Pair(abs(-5), 5)));\n")
                .append("        return widest(pairs).sum();\n")
                .append("    }\n}\n");
        Path dir = session.compile(Map.of(SessionSource.PATH, source.text(), "perfkernel/harness/Harness.java", harness.toString()));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> h = Class.forName("perfkernel.harness.Harness", true, loader);
            assertEquals(10, h.getMethod("run").invoke(null));
        }
    }

    @Test
    void typeNamedSessionIsReported() throws Exception {
        session.cell("class Session { }");
        SessionSource source = session.source();
        assertTrue(reasons(source).contains("clashes"), reasons(source));
        session.load(source);
    }

    @Test
    void overridesInAnonymousAndLocalClassesStayLegal() throws Exception {
        session.cell("import java.util.*;");
        session.cell("abstract class Base { abstract int value(); int twice() { return 2 * value(); } }");
        session.cell("Base make(int v) { return new Base() { int value() { return v; } }; }");
        session.cell("int local() { class Three extends Base { int value() { return 3; } } return new Three().twice(); }");
        session.cell("Base seven = new Base() { int value() { return 7; } };");
        session.cell("class Eight extends Base { protected int value() { return 8; } }"); // stronger than package access
        session.cell("Map<Integer, Integer> lru = new LinkedHashMap<>() {\n  protected boolean removeEldestEntry(Map.Entry<Integer, Integer> e) { return size() > 2; }\n};");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(6, call(s, "local"));
        Object made = call(s, "make", 4);
        Method twice = made.getClass().getSuperclass().getMethod("twice");
        assertEquals(8, twice.invoke(made));
        assertEquals(14, twice.invoke(field(s, "seven")));
        Class<?> eight = Class.forName(SessionSource.QUALIFIED + "$Eight", true, s.getClassLoader());
        assertEquals(16, twice.invoke(eight.getConstructor().newInstance()));
        @SuppressWarnings("unchecked")
        Map<Integer, Integer> lru = (Map<Integer, Integer>) field(s, "lru");
        for (int i = 0; i < 5; i++) {
            lru.put(i, i);
        }
        assertEquals(2, lru.size());
    }

    @Test
    void sessionNamesShadowOnDemandImportsInTheHarness() throws Exception {
        session.cell("import java.util.*;\nimport static java.lang.Math.*;");
        session.cell("class Timer { long ticks = 41; }"); // java.util.Timer is imported on demand too
        session.cell("int max(int a, int b) { return -1; }"); // so is Math.max(int, int)
        session.cell("double PI = 3.0;");
        SessionSource source = session.source();
        assertEquals(List.of("Timer"), source.typeNames());
        assertEquals(List.of("max", "PI"), source.memberNames());
        String harness = "package perfkernel.harness;\n" + String.join("\n", source.harnessImports()) + "\n"
                + "public class Harness { public static double run() { return new Timer().ticks + max(5, 9) + PI; } }\n";
        Path dir = session.compile(Map.of(SessionSource.PATH, source.text(), "perfkernel/harness/Harness.java", harness));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(43.0, Class.forName("perfkernel.harness.Harness", true, loader).getMethod("run").invoke(null));
        }
    }

    @Test
    void constructorsFieldsAndNestedTypesAreReachableFromAnotherPackage() throws Exception {
        // JShell (17) rejects a compact constructor that is not public.
        session.cell("record Range(int lo, int hi) {\n  public Range { if (lo > hi) throw new IllegalArgumentException(\"lo > hi\"); }\n  int size() { return hi - lo; }\n}");
        session.cell("enum Level { LOW(1), HIGH(10); final int weight; Level(int weight) { this.weight = weight; } }");
        session.cell("class Outer { static class Inner { int v = 5; } Inner make() { return new Inner(); } protected int p() { return 1; } private int q() { return 2; } }");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        assertTrue(source.text().contains("private int q()"), "private members stay private");
        String harness = "package perfkernel.harness;\n" + String.join("\n", source.harnessImports()) + "\n"
                + "public class Harness { public static int run() {\n"
                + "  int n = new Range(2, 9).size() + Level.HIGH.weight + new Outer().make().v + new Outer.Inner().v;\n"
                + "  try { new Range(3, 1); } catch (IllegalArgumentException e) { n += 100; }\n"
                + "  return n; } }\n";
        Path dir = session.compile(Map.of(SessionSource.PATH, source.text(), "perfkernel/harness/Harness.java", harness));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            assertEquals(127, Class.forName("perfkernel.harness.Harness", true, loader).getMethod("run").invoke(null));
        }
    }

    @Test
    void declarationsUsingExpressionValuesAreLeftOut() throws Exception {
        session.cell("int seed() { return 4; }");
        session.cell("seed() * 10"); // becomes $1; expressions are not replayed
        session.cell("int fromTemp = $1 + 2;");
        session.cell("int kept = seed();");
        SessionSource source = session.source();
        assertTrue(reasons(source).contains("fromTemp is left out: it uses $1"), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(4, field(s, "kept"));
    }

    @Test
    void annotationTypesAndInferredTypesOfSessionClasses() throws Exception {
        session.cell("import java.util.*;\nimport java.lang.annotation.*;");
        session.cell("@Retention(RetentionPolicy.RUNTIME) @interface Marker { int value() default 1; }");
        session.cell("@interface Plain { }");
        session.cell("record P(int x) { }");
        session.cell("@Marker(3) int marked() { return 1; }");
        session.cell("var byName = new HashMap<String, List<P>>();\nvar kind = new P(1).getClass();\nvar grid = new int[][]{{1, 2}, {3}};");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        Class<?> s = session.load(source);
        java.lang.annotation.Annotation marker = s.getMethod("marked").getAnnotations()[0];
        assertEquals(3, marker.annotationType().getMethod("value").invoke(marker));
        assertEquals(3, ((int[][]) field(s, "grid"))[0].length + ((int[][]) field(s, "grid"))[1].length);
        assertEquals("java.util.HashMap<java.lang.String, java.util.List<" + SessionSource.QUALIFIED + "$P>>",
                s.getField("byName").getGenericType().getTypeName());
    }

    @Test
    void initializersMayThrowCheckedExceptionsAndFailWithoutBreakingTheClass() throws Exception {
        session.cell("import java.nio.file.*;");
        session.cell("String read(String p) throws java.io.IOException { return Files.readString(Path.of(p)); }");
        session.cell("Path tmp = Files.createTempFile(\"pk\", \".txt\");");
        // Legal in JShell (a checked exception at the top level); fails in the fork: no such file.
        session.cell("String missing = \"x\";\nint answer = 42;");
        session.jshell.eval("String missing = read(\"/nonexistent/perfkernel\");");
        SessionSource source = session.source();
        assertTrue(source.unreplayable().isEmpty(), reasons(source));
        Class<?> s = session.load(source);
        assertNotNull(field(s, "tmp"), "a checked-exception initializer ran");
        Files.deleteIfExists((Path) field(s, "tmp"));
        assertNull(field(s, "missing"), "a failing initializer leaves the default value");
        assertEquals(42, field(s, "answer"), "other fields are still initialised");
    }

    @Test
    void publishedReportsAreNotReplayed() throws Exception {
        session.jshell.addToClasspath(Path.of(dev.perfkernel.engine.Result.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString());
        session.cell("int kept = 1;");
        session.cell("Object _other = null;");
        // What %bench's publish evaluates: data about a past run, not code to replay in forks.
        session.cell("dev.perfkernel.engine.Result _bench = null;");
        SessionSource source = session.source();
        assertFalse(source.text().contains("_bench"), source.text());
        assertTrue(source.text().contains("_other") && source.text().contains("kept"), source.text());
    }

    @Test
    void variablesReadingEachOtherAfterRedefinitionDoNotBreakTheUnit() throws Exception {
        session.cell("int x = 1;");
        session.cell("int y = x + 1;");
        session.cell("int x = y * 10;"); // JShell: x = 20; the unit cannot order x and y
        session.cell("int z = 5;");
        SessionSource source = session.source();
        assertTrue(reasons(source).contains("is left out: its initializer and another variable's read each other"), reasons(source));
        Class<?> s = session.load(source);
        assertEquals(5, field(s, "z"));
    }
}

package dev.perfkernel.magics.compile;

import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.source.SessionSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class HarnessCompilerTest {
    private static final SessionSource SESSION = new SessionSource("""
            package perfkernel.session;

            public final class Session {
                public static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
            }
            """, List.of(), Map.of(4, new SessionSource.CellLine(2, 1)), List.of());

    private static HarnessCompiler compiler(Path out, JmhBenchmarkSource.Generated g, SessionSource s) {
        return new HarnessCompiler().session(s).source(g.source()).source(JmhBenchmarkSource.emptyBaseline())
                .classpath(Classpaths.jmhRuntime()).jmh(true).target(17).output(out).executionCount(5);
    }

    @Test
    void compilesWithJmhsProcessorAndCallsTheSession(@TempDir Path dir) throws Exception {
        var g = JmhBenchmarkSource.generate("fib(10)", JmhBenchmarkSource.Form.EXPRESSION, SESSION, 1, 5, true);
        compiler(dir.resolve("classes"), g, SESSION).compile();
        assertTrue(Files.exists(dir.resolve("classes/META-INF/BenchmarkList")));
        String list = Files.readString(dir.resolve("classes/META-INF/BenchmarkList"));
        assertTrue(list.contains("perfkernel.bench.CellBenchmark"), list);
        assertTrue(list.contains("perfkernel.bench.EmptyBaseline"), list);
        assertTrue(Files.exists(dir.resolve("classes/perfkernel/session/Session.class")));
    }

    @Test
    void errorsPointAtTheCellsOwnLinesWithACaret(@TempDir Path dir) {
        String body = "int a = 1;\nint b = nope + a;\nString s = 1;\nb";
        var g = JmhBenchmarkSource.generate(body, JmhBenchmarkSource.Form.STATEMENTS, SESSION, 2, 5, true);
        CompilationError e = assertThrows(CompilationError.class, () -> compiler(dir.resolve("classes"), g, SESSION).compile());
        assertEquals("CompilationError", e.errorName());
        assertEquals(2, e.diagnostics().size(), e.details().toString());
        CompilationError.Diagnostic first = e.diagnostics().get(0);
        assertEquals("line 3", first.where());
        assertEquals(3, first.line());
        assertEquals(9, first.column());
        assertTrue(first.message().contains("nope"), first.message());
        assertEquals("line 3, col 9: cannot find symbol", e.details().get(0));
        assertTrue(e.details().contains("    int b = nope + a;"), e.details().toString());
        assertTrue(e.details().contains("            ^"), e.details().toString());
        assertEquals(4, e.diagnostics().get(1).line());
    }

    @Test
    void errorsInTheSessionNameTheCellTheyCameFrom(@TempDir Path dir) {
        SessionSource broken = new SessionSource("package perfkernel.session;\npublic final class Session {\n"
                + "    public static int twice(int x) { return x * undefinedThing; }\n}\n", List.of(),
                Map.of(3, new SessionSource.CellLine(2, 1)), List.of());
        var g = JmhBenchmarkSource.generate("twice(3)", JmhBenchmarkSource.Form.EXPRESSION, broken, 1, 5, true);
        CompilationError e = assertThrows(CompilationError.class, () -> compiler(dir.resolve("classes"), g, broken).compile());
        assertTrue(e.details().get(0).startsWith("in the session's code from In [2] line 1"), e.details().toString());
    }

    @Test
    void jmhProcessorErrorsMapToTheCell(@TempDir Path dir) {
        String body = "@Benchmark private int hidden() { return 1; }";
        var g = JmhBenchmarkSource.generate(body, JmhBenchmarkSource.Form.CLASS_BODY, SESSION, 2, 5, true);
        CompilationError e = assertThrows(CompilationError.class, () -> compiler(dir.resolve("classes"), g, SESSION).compile());
        assertTrue(e.diagnostics().stream().anyMatch(d -> d.message().contains("public")), e.details().toString());
        assertTrue(e.diagnostics().stream().anyMatch(d -> d.line() == 2), e.details().toString());
    }

    @Test
    void releaseNeverExceedsTheCompilersOwn() {
        assertEquals(17, new HarnessCompiler().target(17).release());
        assertEquals(Runtime.version().feature(), new HarnessCompiler().target(99).release());
    }

    @Test
    void aBenchmarkNamedLikeTheSessionMethodItCallsCompiles(@TempDir Path dir) throws Exception {
        SessionSource session = new SessionSource("""
                package perfkernel.session;

                public final class Session {
                    public static int sum(int[] a) { int s = 0; for (int v : a) s += v; return s; }
                    public static int bench(int x) { return x + 1; }
                }
                """, List.of(), Map.of(), List.of(), List.of(), List.of("sum", "bench"));
        String body = "int[] data = {1, 2, 3};\n@Benchmark public int sum() { return sum(data); }\n"
                + "@Benchmark public int other() { return sum(data) + 1; }";
        var g = JmhBenchmarkSource.generate(body, JmhBenchmarkSource.Form.CLASS_BODY, session, 2, 5, true);
        compiler(dir.resolve("classes"), g, session).compile();
        assertEquals(List.of("sum", "other"), g.benchmarkMethods(), "the user sees their own names");
        assertEquals("pk_sum", g.generatedName("sum"));
        assertEquals("other", g.generatedName("other"));
        String list = Files.readString(dir.resolve("classes/META-INF/BenchmarkList"));
        assertTrue(list.contains("pk_sum"), list);
        assertEquals("[{\"benchmark\" : \"perfkernel.bench.CellBenchmark.sum\"}]",
                g.restoreNames("[{\"benchmark\" : \"perfkernel.bench.CellBenchmark.pk_sum\"}]"));
        // the statement form's method is called bench: a session method bench(int) must stay reachable too
        var stmt = JmhBenchmarkSource.generate("bench(41)", JmhBenchmarkSource.Form.EXPRESSION, session, 1, 5, true);
        compiler(dir.resolve("classes-stmt"), stmt, session).compile();
        assertEquals(List.of("bench"), stmt.benchmarkMethods());
        assertEquals("bench", stmt.userName("pk_bench"));
    }

    @Test
    void aClasspathJarRebuiltInPlaceIsReadAfresh(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("lib.jar");
        buildJar(dir.resolve("v1"), jar, "public static int v() { return 1; }");
        HarnessSource first = DriverCall.of("int x = lib.Lib.v();");
        new HarnessCompiler().source(first).classpath(List.of(jar)).output(dir.resolve("c1")).compile();
        Thread.sleep(1100); // a different modification time even on coarse file systems
        buildJar(dir.resolve("v2"), jar, "public static int w() { return 2; }");
        HarnessSource second = DriverCall.of("int x = lib.Lib.w();");
        new HarnessCompiler().source(second).classpath(List.of(jar)).output(dir.resolve("c2")).compile();
        assertTrue(Files.exists(dir.resolve("c2/perfkernel/harness/Call.class")));
    }

    private static void buildJar(Path work, Path jar, String member) throws Exception {
        HarnessSource lib = new HarnessSource("lib/Lib.java", "package lib;\npublic class Lib { " + member + " }\n",
                new LineMap());
        new HarnessCompiler().source(lib).output(work).compile();
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("lib/Lib.class"));
            out.write(Files.readAllBytes(work.resolve("lib/Lib.class")));
            out.closeEntry();
        }
    }

    /** A tiny harness class calling into the jar. */
    private static final class DriverCall {
        static HarnessSource of(String statement) {
            return new HarnessSource("perfkernel/harness/Call.java", "package perfkernel.harness;\n"
                    + "public class Call { static void f() { " + statement + " } }\n", new LineMap());
        }
    }
}

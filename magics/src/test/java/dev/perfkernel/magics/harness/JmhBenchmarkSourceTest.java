package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.source.SessionSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JmhBenchmarkSourceTest {
    @Test
    void detectsTheCellForm() {
        assertEquals(JmhBenchmarkSource.Form.CLASS_BODY,
                JmhBenchmarkSource.detect("@Benchmark public int f() { return 1; }", false));
        assertEquals(JmhBenchmarkSource.Form.STATEMENTS,
                JmhBenchmarkSource.detect("// @Benchmark in a comment\nString s = \"@Benchmark\";\ns.length()", false));
        assertEquals(JmhBenchmarkSource.Form.EXPRESSION, JmhBenchmarkSource.detect("fib(20)", true));
    }

    @Test
    void expressionIsConsumedByTheBlackhole() {
        JmhBenchmarkSource.Generated g = JmhBenchmarkSource.generate("fib(20)", JmhBenchmarkSource.Form.EXPRESSION,
                SessionSource.empty(), 1, 4, true);
        String src = g.source().text();
        assertTrue(src.contains("@Benchmark public void bench(Blackhole pk$bh) throws Throwable {"), src);
        assertTrue(src.contains("pk$bh.consume(fib(20));"), src);
        assertTrue(src.contains("import static perfkernel.session.Session.*;"), src);
        assertTrue(src.contains("import org.openjdk.jmh.annotations.*;"), src);
        assertEquals(1, g.consumedLine());
        assertEquals(List.of("bench"), g.benchmarkMethods());
    }

    @Test
    void lastStatementOfSeveralIsConsumedAndLinesMapToTheCell() {
        String code = "int s = 0;\nfor (int i = 0; i < 10; i++) {\n  s += i;\n}\ns * 2;";
        JmhBenchmarkSource.Generated g = JmhBenchmarkSource.generate(code, JmhBenchmarkSource.Form.STATEMENTS,
                SessionSource.empty(), 2, 5, true);
        String src = g.source().text();
        assertTrue(src.contains("pk$bh.consume(s * 2);"), src);
        assertEquals(6, g.consumedLine(), "the 5th body line is cell line 6");
        List<String> lines = src.lines().toList();
        int forLine = lines.indexOf("for (int i = 0; i < 10; i++) {") + 1;
        assertEquals(3, g.source().lineMap().cellLine(forLine).orElseThrow().line());
        assertEquals(5, g.source().lineMap().cellLine(forLine).orElseThrow().executionCount());
    }

    @Test
    void statementsThatAreNotExpressionsAreLeftAlone() {
        for (String code : List.of("int x = 5;", "List<String> xs = new ArrayList<>();", "for (;;) { break; }",
                "if (a) b(); else c();", "throw new X();", "x = 1; { y(); }")) {
            JmhBenchmarkSource.Generated g = JmhBenchmarkSource.generate(code, JmhBenchmarkSource.Form.STATEMENTS,
                    SessionSource.empty(), 2, 1, true);
            assertEquals(0, g.consumedLine(), code);
            assertFalse(g.source().text().contains("pk$bh.consume("), code);
        }
        assertTrue(JmhBenchmarkSource.isExpression("new int[10]"));
        assertTrue(JmhBenchmarkSource.isExpression("list.get(0)"));
        assertTrue(JmhBenchmarkSource.isExpression("x = y + 1"));
        assertTrue(JmhBenchmarkSource.isExpression("\"a;b\".split(\";\")"));
    }

    @Test
    void topLevelReturnsAreConsumedNotBoxed() {
        JmhBenchmarkSource.Generated g = JmhBenchmarkSource.generate(
                "int s = 1;\nif (s > 5) return s * 2.0;\nSupplier<Integer> f = () -> { return 7; };\nreturn s +\n 1;",
                JmhBenchmarkSource.Form.STATEMENTS, SessionSource.empty(), 2, 1, true);
        String text = g.source().text();
        // returning Object would box the double/int result: an allocation the cell never makes
        assertTrue(text.contains("@Benchmark public void bench(Blackhole pk$bh) throws Throwable {"), text);
        assertTrue(text.contains("if (s > 5) { pk$bh.consume(s * 2.0); return; }"), text);
        assertTrue(text.contains("{ pk$bh.consume(s +\n 1); return; }"), "multi-line returns keep their lines: " + text);
        assertTrue(text.contains("() -> { return 7; }"), "a lambda's return is its own: " + text);
        assertEquals(0, g.consumedLine());
        JmhBenchmarkSource.Generated lambda = JmhBenchmarkSource.generate("Runnable r = () -> { return; };\nr.run();",
                JmhBenchmarkSource.Form.STATEMENTS, SessionSource.empty(), 2, 1, true);
        assertTrue(lambda.source().text().contains("public void bench(Blackhole"), "a return inside a lambda is not the cell's");
    }

    @Test
    void classBodyIsWrappedInAStateClassAndMethodsAreListed() {
        String body = "@Param({\"1\", \"2\"}) int n;\n@Setup public void s() {}\n@Benchmark public int a() { return n; }\n"
                + "@Benchmark\npublic void b(Blackhole bh) { bh.consume(n); }";
        JmhBenchmarkSource.Generated g = JmhBenchmarkSource.generate(body, JmhBenchmarkSource.Form.CLASS_BODY,
                SessionSource.empty(), 2, 1, true);
        assertEquals(List.of("a", "b"), g.benchmarkMethods());
        assertTrue(g.source().text().contains("@State(Scope.Thread)\npublic class CellBenchmark {"));
        assertEquals("perfkernel.bench.CellBenchmark", g.source().className());
    }
}

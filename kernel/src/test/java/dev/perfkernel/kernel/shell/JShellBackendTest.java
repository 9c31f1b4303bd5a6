package dev.perfkernel.kernel.shell;

import com.google.gson.JsonObject;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real engine JVM (small heap) for the backend paths the Python tests do not reach. */
class JShellBackendTest {
    private static JShellBackend backend;

    private static final class Recorder implements ExecutionSink {
        final StringBuilder out = new StringBuilder();
        final List<JsonObject> displays = new ArrayList<>();

        @Override
        public synchronized void stream(String name, String text) {
            out.append(text);
        }

        @Override
        public synchronized void display(JsonObject data, JsonObject metadata, String displayId) {
            displays.add(data);
        }

        @Override
        public synchronized void updateDisplay(JsonObject data, JsonObject metadata, String displayId) {
            displays.add(data);
        }
    }

    @BeforeAll
    static void start() {
        backend = new JShellBackend(new EngineSettings(List.of("-Xmx128m", "-XX:+UseSerialGC"), List.of()));
    }

    @AfterAll
    static void stop() {
        backend.shutdown(false);
    }

    private static String value(String code) {
        ExecuteOutcome o = backend.execute(code, 1, new Recorder());
        assertNull(o.error(), () -> String.join("\n", o.error().traceback()));
        return o.result() == null ? null : o.result().get("text/plain").getAsString();
    }

    @Test
    void publishedResultIsAQueryableSessionVariable() {
        Recorder r = new Recorder();
        backend.execute("1", 1, r);
        StringBuilder big = new StringBuilder("{\"benchmarks\":[{\"name\":\"fib\",\"score\":12.5,\"note\":\"quote \\\" and \\\\u0041 é\"}],\"pad\":\"");
        big.append("x".repeat(100_000)).append("\"}");
        backend.publish("r", big.toString());
        assertEquals("12.5", value("r.number(\"benchmarks\", 0, \"score\")"));
        assertEquals("\"fib\"", value("r.string(\"benchmarks\", 0, \"name\")"));
        assertEquals("\"quote \\\" and \\\\u0041 é\"", value("r.string(\"benchmarks\", 0, \"note\")"));
        assertEquals("100000", value("r.string(\"pad\").length()"));
        assertEquals("true", value("r.json().equals(" + ResultPublisher.javaLiteral(big.toString().substring(0, 40)) + " + r.json().substring(40))"));
        ExecuteOutcome bad = backend.execute("r.get(\"nope\")", 2, r);
        assertTrue(bad.error().evalue().contains("no key \"nope\""), bad.error().evalue());
    }

    @Test
    void outputAfterSystemSetOutStillCarriesDisplays() {
        Recorder r = new Recorder();
        ExecuteOutcome o = backend.execute("""
                var old = System.out;
                System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
                display(html("<p>kept</p>"));
                System.setOut(old);
                """, 3, r);
        assertNull(o.error());
        assertEquals("<p>kept</p>", r.displays.get(0).get("text/html").getAsString());
    }

    @Test
    void redefinedMethodIsUsedByItsCallers() {
        value("int base() { return 1; }");
        value("int twice() { return 2 * base(); }");
        value("int base() { return 21; }");
        assertEquals("42", value("twice()"));
    }

    @Test
    void sessionSourceMapsUnitLinesBackToCellLines() {
        ExecuteOutcome o = backend.execute("// helper\n\nstatic int sq(int x) {\n    return x * x;\n}", 41, new Recorder());
        assertNull(o.error());
        dev.perfkernel.magics.source.SessionSource src = backend.session();
        String[] lines = src.text().split("\n", -1);
        int sqLine = -1;
        for (int k = 0; k < lines.length; k++) if (lines[k].contains("int sq(int x)")) sqLine = k + 1;
        assertTrue(sqLine > 0, src.text());
        assertEquals(new dev.perfkernel.magics.source.SessionSource.CellLine(41, 3), src.origin(sqLine).orElseThrow());
        assertEquals(new dev.perfkernel.magics.source.SessionSource.CellLine(41, 4), src.origin(sqLine + 1).orElseThrow());
    }

    @Test
    void timeMagicKeepsDeclarationsAndAnswersWithTheValue() {
        Recorder r = new Recorder();
        ExecuteOutcome decl = backend.execute("%%time\nint timedQ = 5;", 50, r);
        assertNull(decl.error(), () -> String.join("\n", decl.error().traceback()));
        assertTrue(r.out.toString().contains("includes JShell compiling"), r.out.toString());
        assertEquals("5", value("timedQ"));
        ExecuteOutcome expr = backend.execute("%time timedQ * 2", 51, new Recorder());
        assertEquals("10", expr.result().get("text/plain").getAsString());
        ExecuteOutcome bad = backend.execute("%%time\nint timedA = 1;\nString timedB = timedA;", 52, new Recorder());
        assertEquals("CompilationError", bad.error().ename());
    }

    @Test
    void spentStatementsStillWarnInTheSessionSource() {
        // Statements and expressions are dropped once run (and JShell's copies freed); the
        // session source must still see that they changed a session variable.
        value("int spentCount = 1;\njava.util.List<Integer> spentData = new java.util.ArrayList<>();");
        ExecuteOutcome assign = backend.execute("spentCount = 5;", 61, new Recorder());
        assertNull(assign.error());
        ExecuteOutcome loop = backend.execute("for (int i = 0; i < 3; i++) spentData.add(i);", 62, new Recorder());
        assertNull(loop.error());
        assertEquals("8", value("spentCount + spentData.size()"));
        String reasons = backend.session().unreplayable().stream()
                .map(dev.perfkernel.magics.source.SessionSource.Unreplayable::reason).reduce("", (x, y) -> x + y + "\n");
        assertTrue(reasons.contains("spentCount was changed by a statement in In [61]"), reasons);
        assertTrue(reasons.contains("spentData may have been changed by a statement in In [62]"), reasons);
    }

    @Test
    void sessionSourceIsBuiltOncePerSessionState() {
        value("int memoA = 1;");
        dev.perfkernel.magics.source.SessionSource first = backend.session();
        assertTrue(first == backend.session(), "the same session state gives the same source object");
        value("int memoB = 2;");
        dev.perfkernel.magics.source.SessionSource second = backend.session();
        assertTrue(first != second && second.text().contains("memoB"), second.text());
    }

    @Test
    void expressionValuesLeaveNoSessionVariablesBehind() {
        assertEquals("42", value("6 * 7"));
        assertEquals("43", value("6 * 7 + 1"));
        // JShell names each value $N; kept, every later snippet would compile with one more import.
        var offered = backend.complete("$", 1).matches();
        assertTrue(offered.stream().noneMatch(m -> m.matches("\\$\\d+")), offered.toString());
    }

    @Test
    void inspectionGivesTheSameJavadocWhenAskedAgain() {
        String first = backend.inspect("Math.max", 8, 0).data().get("text/plain").getAsString();
        String again = backend.inspect("Math.max", 8, 0).data().get("text/plain").getAsString();
        assertTrue(first.contains("int Math.max(int a, int b)"), first);
        assertEquals(first, again);
        // Another name at the same place is not answered from the first one's entry.
        String min = backend.inspect("Math.min", 8, 0).data().get("text/plain").getAsString();
        assertTrue(min.contains("Math.min") && !min.contains("Math.max"), min);
    }
}

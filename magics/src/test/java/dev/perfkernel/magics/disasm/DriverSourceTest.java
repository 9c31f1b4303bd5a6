package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.source.MethodTarget;
import dev.perfkernel.magics.harness.DriverSource;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.testing.RecordingContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverSourceTest {

    @Test
    void bodyLinesMapToTheCellAndALastExpressionGetsItsSemicolon() {
        HarnessSource h = DriverSource.generate("D", SessionSource.empty(), "int x = 1;\nfoo(x)\n// done", 2, 7);
        assertEquals("perfkernel/harness/D.java", h.path());
        assertEquals("perfkernel.harness.D", h.className());
        List<String> lines = h.text().lines().toList();
        int first = lines.indexOf("int x = 1;") + 1;
        assertEquals(2, h.lineMap().cellLine(first).orElseThrow().line());
        assertEquals(7, h.lineMap().cellLine(first).orElseThrow().executionCount());
        assertEquals("foo(x);", lines.get(first));
        assertEquals(3, h.lineMap().cellLine(first + 1).orElseThrow().line());
        assertTrue(h.text().contains("import static perfkernel.session.Session.*;"));
        assertTrue(h.text().contains("Files.exists(stop)"));
    }

    @Test
    void methodTargets() {
        RecordingContext ctx = RecordingContext.ofCells("public record Point(int x, int y) {}", "public static int add(int a, int b) { return a + b; }");
        SessionSource s = ctx.session();
        MethodTarget add = MethodTarget.parse("add", s);
        assertEquals("perfkernel.session.Session::add", add.compileCommandPattern());
        assertTrue(add.inSession() && add.definedIn(s));
        assertEquals("perfkernel.session.Session$Point", MethodTarget.parse("Point::x", s).className());
        assertEquals("java.lang.String", MethodTarget.parse("String::hashCode", s).className());
        assertEquals("java.util.ArrayList", MethodTarget.parse("java.util.ArrayList::add", s).className());
        assertTrue(MethodTarget.parse("perfkernel.session.Session::add", s).matchesHeader("perfkernel.session.Session::add"));
        assertTrue(!MethodTarget.parse("nope", s).definedIn(s));
        assertNull(MethodTarget.parse("a b", s));
        assertNull(MethodTarget.parse("x.y", s));
        assertNull(MethodTarget.parse("1x", s));
    }
}

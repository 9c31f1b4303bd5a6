package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.source.SessionSource.CellLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorFormatterTest {

    @Test
    void compileErrorPointsAtCellLineAndColumnWithCaret() {
        String cell = "int a = 1;\nint b = 2;\nString s = 5;\n";
        int snippetOffset = cell.indexOf("String");
        // javac's position of the bad initializer, relative to the snippet
        ExecuteOutcome.Error e = ErrorFormatter.compileError(cell, 1, snippetOffset,
                List.of(new ErrorFormatter.Diag(11, 11, 12, "incompatible types: int cannot be converted to java.lang.String", true)));
        assertEquals("CompilationError", e.ename());
        assertEquals("line 3, column 12: incompatible types: int cannot be converted to java.lang.String", e.evalue());
        assertEquals(List.of(
                "CompilationError: line 3, column 12: incompatible types: int cannot be converted to java.lang.String",
                "    String s = 5;",
                "               ^"), e.traceback());
    }

    @Test
    void compileErrorLinesCountFromTheCodesFirstCellLine() {
        String code = "foo(;";
        ExecuteOutcome.Error e = ErrorFormatter.compileError(code, 3, 0,
                List.of(new ErrorFormatter.Diag(4, 4, 4, "illegal start of expression", true),
                        new ErrorFormatter.Diag(0, 0, 1, "just a warning", false)));
        assertTrue(e.evalue().startsWith("line 3, column 5: "), e.evalue());
        assertEquals("        ^", e.traceback().get(2));
        assertEquals(3, e.traceback().size());
    }

    @Test
    void runtimeTraceMapsSnippetLinesToCellLines() {
        StackTraceElement[] frames = {
                new StackTraceElement("", "fib", "#5", 3),
                new StackTraceElement("Foo", "bar", "#6", 2),
                new StackTraceElement("", "", "#9", 1),
                new StackTraceElement("java.util.ArrayList", "forEach", "ArrayList.java", 1511),
        };
        Thrown cause = new Thrown("java.lang.IllegalStateException", "inner", new StackTraceElement[0], null);
        Thrown t = new Thrown("java.lang.IllegalArgumentException", "neg", frames, cause);
        Map<String, CellLine> origins = Map.of("5", new CellLine(2, 4), "6", new CellLine(4, 1), "9", new CellLine(4, 7));
        ExecuteOutcome.Error e = ErrorFormatter.runtimeError(t, id -> Optional.ofNullable(origins.get(id)), 4);
        assertEquals("java.lang.IllegalArgumentException", e.ename());
        assertEquals("neg", e.evalue());
        assertEquals(List.of(
                "java.lang.IllegalArgumentException: neg",
                "    at fib (In [2] line 6)",
                "    at Foo.bar (line 2)",
                "    at cell (line 7)",
                "    at java.util.ArrayList.forEach(ArrayList.java:1511)",
                "Caused by: java.lang.IllegalStateException: inner"), e.traceback());
    }

    @Test
    void deepRecursionIsCollapsed() {
        StackTraceElement[] frames = new StackTraceElement[1024];
        for (int k = 0; k < frames.length; k++) frames[k] = new StackTraceElement("", "deep", "#1", 1);
        ExecuteOutcome.Error e = ErrorFormatter.runtimeError(
                new Thrown("java.lang.StackOverflowError", null, frames, null),
                id -> Optional.of(new CellLine(1, 1)), 1);
        assertEquals(List.of("java.lang.StackOverflowError", "    at deep (line 1)", "    ... 1023 more of the same frame"),
                e.traceback());
    }

    @Test
    void exceptionClassesDeclaredInCellsLoseJShellsWrapperName() {
        assertEquals("MyEx", Thrown.userName("REPL.$JShell$14$MyEx"));
        assertEquals("java.lang.IllegalStateException", Thrown.userName("java.lang.IllegalStateException"));
    }
}

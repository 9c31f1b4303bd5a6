package dev.perfkernel.kernel.shell;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uses JShell's in-process engine: only source analysis runs, no user code. */
class CompletenessCheckerTest {
    private static JShell shell;
    private final CompletenessChecker checker = new CompletenessChecker();

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private String status(String code) {
        return checker.check(shell.sourceCodeAnalysis(), code).status();
    }

    @Test
    void classifiesCode() {
        assertEquals("complete", status("1 + 1"));
        assertEquals("complete", status("int x = 1;\nx * 2"));
        assertEquals("complete", status("record P(int x) {}"));
        assertEquals("complete", status("import java.util.*;"));
        assertEquals("incomplete", status("void f() {"));
        assertEquals("incomplete", status("foo("));
        assertEquals("invalid", status("int x = 1 2;"));
        assertEquals("invalid", status("int x = ;"));
        assertEquals("complete", status("%time 1\n%classpath a.jar"));
        assertEquals("complete", status("%%bench\nvoid f() {"));
        // JDK 17's scanner gives up on a `-> throw` arm; the cell is still complete, or invalid when it is
        String arm = "double f(String u) { return switch (u) { default -> throw new IllegalArgumentException(u); }; }";
        assertEquals("complete", status(arm + "\n\ndouble g() { return 3; }"));
        assertEquals("complete", status(arm));
        assertEquals("invalid", status(arm + "\nint x = 1 2;"));
    }

    @Test
    void indentsOneLevelAfterABrace() {
        assertEquals("    ", checker.check(shell.sourceCodeAnalysis(), "void f() {").indent());
        assertEquals("        ", checker.check(shell.sourceCodeAnalysis(), "void f() {\n    if (true) {").indent());
    }

    @Test
    void splitterKeepsOffsetsOfEachSnippet() {
        String code = "int a = 1;\n  int b = 2;\n\na + b";
        List<CellSplitter.Piece> pieces = CellSplitter.split(shell.sourceCodeAnalysis(), code);
        assertEquals(3, pieces.size());
        assertEquals(0, pieces.get(0).offset());
        // leading blank lines are dropped so JShell's line 1 is the snippet's first text line
        assertEquals(code.indexOf("  int b"), pieces.get(1).offset());
        assertEquals("  int b = 2;", pieces.get(1).source());
        assertEquals(code.indexOf("a + b"), pieces.get(2).offset());
        assertEquals("a + b", pieces.get(2).source().strip());
        assertEquals(code.indexOf("a + b"), pieces.get(2).offset() + pieces.get(2).source().indexOf("a + b"));
    }
}

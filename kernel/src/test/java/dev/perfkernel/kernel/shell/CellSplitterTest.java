package dev.perfkernel.kernel.shell;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cells whose first snippet JShell's completeness scanner cannot delimit (JDK 17 gives up on a
 * {@code -> throw} switch arm) must still be split into one piece per declaration: JShell.eval
 * compiles only the first declaration of its input and silently drops the rest.
 */
class CellSplitterTest {
    private static JShell shell;
    private final JavacSyntax syntax = new JavacSyntax();

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private List<String> pieces(String code) {
        return CellSplitter.split(shell.sourceCodeAnalysis(), code).stream().map(p -> p.source().strip()).toList();
    }

    @Test
    void switchExpressionWithThrowArmThenAMethod() {
        String f = "double f(String u) { return switch (u) { case \"a\" -> 1; default -> throw new IllegalArgumentException(u); }; }";
        String g = "double g() { return 3; }";
        String code = f + "\n\n" + g;
        assertEquals(List.of(f, g), pieces(code));
        List<CellSplitter.Piece> ps = CellSplitter.split(shell.sourceCodeAnalysis(), code);
        assertEquals(code.indexOf(g), ps.get(1).offset() + ps.get(1).source().indexOf(g));
    }

    @Test
    void neighboursOfTheThrowArmAreSplitPerDeclaration() {
        String[] firsts = {
                "void h(int k) { switch (k) { case 1 -> throw new IllegalStateException(\"}\"); default -> { } } }",
                "Runnable r = () -> { throw new IllegalStateException(); };",
                "int y(int k) { return switch (k) { case 1: yield 10; default: yield 20; }; }",
                "String tb = \"\"\"\n    } not a brace; {\n    \"\"\";",
                "int q = switch (1) { case 1 -> 5; default -> throw new IllegalStateException(); };",
                "char c = '}';",
                "/* } */ int after0() { if (q > 0) { return 1; } else { throw new RuntimeException(); } }",
        };
        for (String first : firsts) {
            String next = "int after() { return 7; }";
            assertEquals(List.of(first, next), pieces(first + "\n" + next), first);
            assertEquals(List.of(first, "after()"), pieces(first + "\nafter()"), first);
        }
    }

    @Test
    void boundaryIsTheShortestPrefixThatParses() {
        String arm = "double f(String u) { return switch (u) { default -> throw new IllegalArgumentException(u); }; }";
        assertEquals(arm.length(), SnippetBoundary.firstUnitEnd(arm + "\ndouble g() { return 3; }", syntax));
        // one unit: nothing to split
        assertEquals(-1, SnippetBoundary.firstUnitEnd(arm + "\n// done\n", syntax));
        // the unit goes on after its first top-level brace
        String ifElse = "if (1 > 0) { System.out.println(1); } else { throw new RuntimeException(); }";
        assertEquals(ifElse.length(), SnippetBoundary.firstUnitEnd(ifElse + "\nint z = 1;", syntax));
        String tryCatch = "try { int a = 1; } catch (RuntimeException e) { throw e; } finally { }";
        assertEquals(tryCatch.length(), SnippetBoundary.firstUnitEnd(tryCatch + "\nint z = 1;", syntax));
        String array = "int[] a = { 1, 2 };";
        assertEquals(array.length(), SnippetBoundary.firstUnitEnd(array + " int z = 1;", syntax));
        String commented = "int z = 1; // a } and a ; in a comment";
        assertEquals(-1, SnippetBoundary.firstUnitEnd(commented, syntax));
        // a syntax error: no unit end is found, JShell's compiler reports it
        assertEquals(-1, SnippetBoundary.firstUnitEnd("int x = 1 2; int y = 3;", syntax));
    }

    @Test
    void brokenCodeStaysOnePieceForJShellToReport() {
        List<String> ps = pieces("int x = 1 2;\nint y = 3;");
        assertTrue(ps.get(0).startsWith("int x = 1 2;"), ps.toString());
    }
}

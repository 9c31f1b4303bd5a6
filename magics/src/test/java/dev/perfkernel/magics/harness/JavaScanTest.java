package dev.perfkernel.magics.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JavaScanTest {
    private static List<String> statements(String code) {
        return new JavaScan(code).topLevelStatements().stream().map(s -> code.substring(s[0], s[1])).toList();
    }

    @Test
    void splitsTopLevelStatementsIgnoringCommentsAndLiterals() {
        assertEquals(List.of("int a = f(1, 2);", "String s = \"x;}\";", "s.length()"),
                statements("int a = f(1, 2); // c;\nString s = \"x;}\";\n/* ; */ s.length()"));
        assertEquals(List.of("if (a) { b(); } else { c(); }", "d()"), statements("if (a) { b(); } else { c(); }\nd()"));
        assertEquals(List.of("try { x(); } catch (E e) { } finally { }", "\"end\""),
                statements("try { x(); } catch (E e) { } finally { }\n\"end\""));
        assertEquals(List.of("run(() -> { a(); });", "b"), statements("run(() -> { a(); });\nb"));
        assertEquals(List.of("String t = \"\"\"\n  ;}\n  \"\"\";", "t"), statements("String t = \"\"\"\n  ;}\n  \"\"\";\nt"));
        assertEquals(List.of("char c = ';';", "c"), statements("char c = ';';\nc"));
    }
}

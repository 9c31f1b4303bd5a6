package dev.perfkernel.kernel.shell;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real JShell with its engine in another JVM, as the kernel runs it (surefire opens jdk.jshell as the jar's manifest does). */
class JShellCompactorTest {
    private static JShell shell;
    private static JShellCompactor compactor;

    @BeforeAll
    static void start() {
        shell = JShell.builder().remoteVMOptions("-Xmx64m", "-XX:+UseSerialGC").build();
        compactor = JShellCompactor.of(shell);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /** One cell as CellExecutor runs it: evaluate, drop the spent snippets, compact. */
    private static List<SnippetEvent> cell(String code) {
        List<SnippetEvent> events = shell.eval(code);
        List<Snippet> made = new ArrayList<>();
        for (SnippetEvent ev : events) made.add(ev.snippet());
        for (Snippet s : made) if (CellExecutor.isSpent(s) && shell.status(s).isActive()) shell.drop(s);
        compactor.compact(shell, made);
        return events;
    }

    private static String value(String code) {
        SnippetEvent ev = cell(code).get(0);
        assertEquals(null, ev.exception(), code);
        assertTrue(ev.status() != Snippet.Status.REJECTED, () -> code + ": " + shell.diagnostics(ev.snippet()).toList());
        return ev.value();
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** Entries of JShell's per-class tables: class tracker, in-memory class files, wrappers. */
    private static int tableEntries() throws ReflectiveOperationException {
        int n = ((Map<?, ?>) field(field(shell, "classTracker"), "map")).size();
        n += ((Map<?, ?>) field(field(field(shell, "taskFactory"), "fileManager"), "classObjects")).size();
        n += ((Map<?, ?>) field(field(shell, "outerMap"), "classOuters")).size();
        return n;
    }

    @Test
    void everyPartFitsThisJdk() {
        assertTrue(compactor.complete(), "JShell's internals changed on " + Runtime.version());
    }

    @Test
    void tablesStayBoundedAndTheSessionKeepsWorking() throws ReflectiveOperationException {
        value("int base = 1;");
        value("long twice(long a) { return 2 * a; }");
        value("base + 0");
        for (int i = 0; i < 5; i++) value("int v" + i + " = 0;");
        int before = tableEntries();
        for (int i = 0; i < 60; i++) {
            assertEquals(String.valueOf(1 + i), value("base + " + i));
            value("System.out.print(\"\");");
            value("int v" + (i % 5) + " = " + i + ";");
            cell("int broken = \"x\";");
            cell("new Object() { public String toString() { return \"anon\"; } }.toString()");
        }
        int after = tableEntries();
        assertTrue(after - before <= 2, "JShell's class tables grew from " + before + " to " + after);
        // the session is intact: values, redefinition, a name that looks like a dropped $N
        assertEquals("400", value("twice(200)"));
        value("long twice(long a) { return 3 * a; }");
        assertEquals("600", value("twice(200)"));
        assertEquals("42", value("int $5 = 42; "));
        assertEquals("43", value("$5 + 1"));
        assertEquals("59", value("v4 + v0 - 55 + 0 * v1"));
        SnippetEvent thrown = cell("Integer.parseInt(\"no\")").get(0);
        assertInstanceOf(EvalException.class, thrown.exception());
    }
}

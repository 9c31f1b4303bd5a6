package dev.perfkernel.kernel.shell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Frees, after each cell, what JShell would otherwise keep for the whole session although no
 * cell can use it again; without this the kernel's heap and each compile grew with every cell.
 *
 * <ul>
 * <li>JShell sends each class to the engine with an {@code ObjectOutputStream} that it never
 *     resets, so the stream's handle table keeps every class file ever sent. A reset after each
 *     cell also clears the engine's matching table.</li>
 * <li>For every inactive snippet (dropped, overwritten, rejected) JShell keeps its wrapper class
 *     source, which holds all the session's imports.</li>
 * <li>For snippets done for good (dropped expressions, statements and {@code $N} values,
 *     unparsable code: their keys are never used again) it also keeps the class files (in its
 *     class tracker and in its in-memory file manager, which javac lists on every compile) and
 *     the key. The snippet itself stays in JShell's history, which the session source reads.</li>
 * </ul>
 * These are JShell internals, reached by reflection (the kernel jar's manifest opens
 * {@code jdk.jshell}): where a JDK has changed them, the part that no longer fits is skipped,
 * said once on stderr, and the kernel works as before. Call only on the engine's eval thread.
 */
final class JShellCompactor {
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final ObjectOutputStream commands;
    private Trimmer trimmer;

    private JShellCompactor(ObjectOutputStream commands, Trimmer trimmer) {
        this.commands = commands;
        this.trimmer = trimmer;
    }

    static JShellCompactor of(JShell shell) {
        ObjectOutputStream commands = null;
        try {
            commands = commandStream(shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce("cannot reach JShell's command stream (" + e + ")");
        }
        Trimmer trimmer = null;
        try {
            trimmer = new Trimmer(shell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce("cannot reach JShell's snippet tables (" + e + ")");
        }
        return new JShellCompactor(commands, trimmer);
    }

    /** Whether both parts work on this JDK (for tests). */
    boolean complete() {
        return commands != null && trimmer != null;
    }

    /**
     * @param cellSnippets the snippets of a cell's events (after the kernel dropped its spent
     *                     ones), including those it overwrote; inactive ones are trimmed
     */
    void compact(JShell shell, Collection<Snippet> cellSnippets) {
        if (trimmer != null && !cellSnippets.isEmpty()) {
            try {
                trimmer.trim(shell, cellSnippets);
            } catch (ReflectiveOperationException | RuntimeException e) {
                warnOnce("trimming JShell's snippet tables failed (" + e + ")");
                trimmer = null; // once is enough: this JDK's JShell differs
            }
        }
        resetCommandStream();
    }

    /** Forgets every object written so far (the reset travels to the engine with the next command). */
    void resetCommandStream() {
        if (commands == null) return;
        try {
            commands.reset();
        } catch (IOException e) {
            // The engine is gone or a command is being written; the next cell tries again.
        }
    }

    private static ObjectOutputStream commandStream(JShell shell) throws ReflectiveOperationException {
        Object control = read(shell, JShell.class, "executionControl");
        if (control == null) return null;
        for (Class<?> c = control.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (java.io.ObjectOutput.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    Object out = f.get(control);
                    if (out instanceof ObjectOutputStream oos) return oos;
                }
            }
        }
        return null; // an in-process engine ("local"): no stream to reset
    }

    private static void warnOnce(String what) {
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("perfkernel: " + what + "; the kernel's memory grows a little with each cell on this JDK");
        }
    }

    static Object read(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
        Field f = declaring.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    private static Object readAny(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                return read(target, c, name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    private static Method method(Class<?> start, String name) throws NoSuchMethodException {
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        throw new NoSuchMethodException(start.getName() + "." + name + "()");
    }

    /** The tables of one JShell that keep per-snippet state, and how to drop a snippet from them. */
    private static final class Trimmer {
        private final Map<String, ?> trackedClasses;
        private final Map<String, ?> classFiles;
        private final Map<String, ?> outerWraps;
        private final Map<String, ?> variableKeys;
        private final Map<String, Set<Integer>> dependencies;
        private final List<Snippet> snippetsByKey;
        private final Field snippetOuter;
        private final Method snippetKey;
        private Method keyIndex;

        @SuppressWarnings("unchecked")
        Trimmer(JShell shell) throws ReflectiveOperationException {
            Object maps = read(shell, JShell.class, "maps");
            snippetsByKey = (List<Snippet>) readAny(maps, "keyIndexToSnippet");
            dependencies = (Map<String, Set<Integer>>) readAny(maps, "dependencies");
            variableKeys = (Map<String, ?>) readAny(read(shell, JShell.class, "keyMap"), "varMap");
            outerWraps = (Map<String, ?>) readAny(read(shell, JShell.class, "outerMap"), "classOuters");
            trackedClasses = (Map<String, ?>) readAny(read(shell, JShell.class, "classTracker"), "map");
            Object fileManager = readAny(read(shell, JShell.class, "taskFactory"), "fileManager");
            classFiles = (Map<String, ?>) readAny(fileManager, "classObjects");
            snippetOuter = Snippet.class.getDeclaredField("outer");
            snippetOuter.setAccessible(true);
            snippetKey = method(Snippet.class, "key");
        }

        void trim(JShell shell, Collection<Snippet> cellSnippets) throws ReflectiveOperationException {
            Set<Integer> deadKeys = new HashSet<>();
            for (Snippet s : cellSnippets) {
                if (shell.status(s).isActive()) continue;
                boolean unique = neverReused(s);
                Object outer = snippetOuter.get(s);
                if (outer != null) {
                    // Wrapper classes differ by snippet state: look the methods up on this one.
                    String simple = (String) method(outer.getClass(), "className").invoke(outer);
                    // A class shared by several snippets ("$JShell$12_13") is left alone; a
                    // redefinition may have put a new wrapper under the same name (kept).
                    if (simple != null && !simple.contains("_")) {
                        if (outerWraps.get(simple) == outer) outerWraps.remove(simple);
                        if (unique) {
                            String full = (String) method(outer.getClass(), "classFullName").invoke(outer);
                            removeClass(trackedClasses, full);
                            removeClass(classFiles, full);
                        }
                    }
                    // The wrapper's source holds all the session's imports; JShell never reads
                    // it for an inactive snippet (it nulls it itself for a rejected one).
                    snippetOuter.set(s, null);
                }
                if (!unique) continue;
                Object key = snippetKey.invoke(s);
                if (key == null) continue;
                if (keyIndex == null) keyIndex = method(key.getClass(), "index");
                int index = (Integer) keyIndex.invoke(key);
                if (s instanceof VarSnippet v) variableKeys.remove(v.name(), key);
                if (index >= 0 && index < snippetsByKey.size() && snippetsByKey.get(index) == s) snippetsByKey.set(index, null);
                deadKeys.add(index);
            }
            if (!deadKeys.isEmpty()) {
                dependencies.values().forEach(users -> users.removeAll(deadKeys));
                dependencies.values().removeIf(Set::isEmpty);
            }
        }

        /** Snippets whose key (and so class name) is made anew for each one. */
        private static boolean neverReused(Snippet s) {
            return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    || s.kind() == Snippet.Kind.EXPRESSION || s.kind() == Snippet.Kind.STATEMENT
                    || s.kind() == Snippet.Kind.ERRONEOUS;
        }

        /** A class and its nested classes ({@code Outer$1}, {@code Outer$Inner}). */
        private static void removeClass(Map<String, ?> byName, String full) {
            byName.remove(full);
            String nested = full + "$";
            byName.keySet().removeIf(k -> k.startsWith(nested));
        }
    }
}

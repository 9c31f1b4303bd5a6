package dev.perfkernel.magics.parse.compilation;

import dev.perfkernel.magics.parse.compilation.CompileTask.Elimination;
import dev.perfkernel.magics.parse.compilation.CompileTask.Trap;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a {@code -XX:+LogCompilation} file (StAX: the files grow to many megabytes) into
 * compilations with their inlining trees, eliminated allocations and locks, planted traps, and
 * the runtime's uncommon traps and deoptimizations. Method and class ids inside a {@code <task>}
 * are the compiler's per-task ids, so the id maps are reset for every task. A file cut short
 * (a JVM killed at its time limit) yields what was complete.
 */
public final class LogCompilationParser {

    private LogCompilationParser() {
    }

    public static JitLog parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    public static JitLog parse(InputStream in) throws IOException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        State s = new State();
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) s.start(r);
                else if (ev == XMLStreamConstants.END_ELEMENT) s.end(r.getLocalName());
            }
        } catch (XMLStreamException e) {
            // truncated or interleaved output: keep what was parsed
        }
        return new JitLog(s.tasks, s.events);
    }

    private static final class State {
        final List<CompileTask> tasks = new ArrayList<>();
        final List<RuntimeEvent> events = new ArrayList<>();

        // the task being read
        boolean inTask;
        int compileId;
        MethodRef taskMethod;
        int level;
        int osrBci;
        double start;
        double done = -1;
        boolean success;
        String failure = "";
        int nmsize;
        int inlinedBytes;
        InlineNode root;
        final Map<String, String> names = new HashMap<>();
        final Map<String, MethodRef> methods = new HashMap<>();
        final Deque<Scope> parses = new ArrayDeque<>();
        List<Elimination> allocations = new ArrayList<>();
        List<Elimination> locks = new ArrayList<>();
        List<Trap> traps = new ArrayList<>();

        // an element collecting <jvms> children
        String collecting;
        List<JvmsFrame> jvms;
        Map<String, String> collectingAttrs;

        void start(XMLStreamReader r) {
            String name = r.getLocalName();
            if (collecting != null && name.equals("jvms")) {
                jvms.add(new JvmsFrame(method(attr(r, "method")), integer(attr(r, "bci"), -1)));
                return;
            }
            switch (name) {
                case "task" -> beginTask(r);
                case "type", "klass" -> names.put(attr(r, "id"), attr(r, "name").replace('/', '.'));
                case "method" -> {
                    if (inTask) methods.put(attr(r, "id"), new MethodRef(names.getOrDefault(attr(r, "holder"), "?"),
                            attr(r, "name"), signature(attr(r, "arguments"), attr(r, "return"))));
                }
                case "parse" -> parse(attr(r, "method"));
                case "bc" -> {
                    if (!parses.isEmpty()) parses.peek().bci = integer(attr(r, "bci"), -1);
                }
                case "call" -> call(attr(r, "method"));
                case "inline_success" -> decide(true, attr(r, "reason"));
                case "inline_fail" -> decide(false, attr(r, "reason"));
                case "intrinsic" -> decide(true, "intrinsic " + attr(r, "id"));
                case "eliminate_allocation", "eliminate_lock", "deoptimized" -> collect(name, r);
                case "uncommon_trap" -> {
                    if (inTask && attr(r, "thread").isEmpty()) {
                        if (!parses.isEmpty()) {
                            traps.add(new Trap(parses.peek().node.method(), integer(attr(r, "bci"), -1),
                                    attr(r, "reason"), attr(r, "action")));
                        }
                    } else {
                        collect(name, r);
                    }
                }
                case "make_not_entrant" -> events.add(new RuntimeEvent(name, integer(attr(r, "compile_id"), -1),
                        integer(attr(r, "level"), 0), "osr".equals(attr(r, "compile_kind")), attr(r, "reason"), "",
                        List.of(), stamp(attr(r, "stamp"))));
                case "failure" -> {
                    if (inTask) failure = attr(r, "reason");
                }
                case "task_done" -> {
                    success = "1".equals(attr(r, "success"));
                    nmsize = integer(attr(r, "nmsize"), 0);
                    inlinedBytes = integer(attr(r, "inlined_bytes"), 0);
                    done = stamp(attr(r, "stamp"));
                }
                default -> { }
            }
        }

        void end(String name) {
            if (collecting != null && name.equals(collecting)) {
                finishCollect();
                return;
            }
            switch (name) {
                case "parse" -> {
                    if (!parses.isEmpty()) parses.pop();
                }
                case "task" -> endTask();
                default -> { }
            }
        }

        private void beginTask(XMLStreamReader r) {
            inTask = true;
            names.clear();
            methods.clear();
            parses.clear();
            compileId = integer(attr(r, "compile_id"), -1);
            taskMethod = MethodRef.parse(attr(r, "method"));
            String lv = attr(r, "level");
            level = lv.isEmpty() ? 4 : integer(lv, 4);
            osrBci = "osr".equals(attr(r, "compile_kind")) ? integer(attr(r, "osr_bci"), 0) : -1;
            start = stamp(attr(r, "stamp"));
            done = -1;
            success = false;
            failure = "";
            nmsize = 0;
            inlinedBytes = 0;
            root = new InlineNode(taskMethod, -1);
            root.decide(true, "");
            allocations = new ArrayList<>();
            locks = new ArrayList<>();
            traps = new ArrayList<>();
        }

        private void endTask() {
            if (!inTask) return;
            tasks.add(new CompileTask(compileId, taskMethod, level, osrBci, start, done < 0 ? -1 : done - start,
                    success, failure, nmsize, inlinedBytes, root, allocations, locks, traps));
            inTask = false;
        }

        private void parse(String methodId) {
            if (!inTask) return;
            MethodRef m = method(methodId);
            if (parses.isEmpty()) {
                parses.push(new Scope(root));
                return;
            }
            // the callee's body: the latest inlined call of that method in the enclosing scope
            List<InlineNode> siblings = parses.peek().node.children();
            InlineNode target = null;
            for (int i = siblings.size() - 1; i >= 0; i--) {
                if (siblings.get(i).method().equals(m)) {
                    target = siblings.get(i);
                    break;
                }
            }
            if (target == null) {
                target = new InlineNode(m, parses.peek().bci);
                target.decide(true, "");
                siblings.add(target);
            }
            parses.push(new Scope(target));
        }

        private void call(String methodId) {
            if (!inTask || parses.isEmpty()) return;
            Scope top = parses.peek();
            InlineNode node = new InlineNode(method(methodId), top.bci);
            top.node.children().add(node);
            top.lastCall = node;
        }

        private void decide(boolean inlined, String reason) {
            if (!inTask || parses.isEmpty() || parses.peek().lastCall == null) return;
            parses.peek().lastCall.decide(inlined, reason);
        }

        private void collect(String name, XMLStreamReader r) {
            collecting = name;
            jvms = new ArrayList<>();
            collectingAttrs = new HashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                collectingAttrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
        }

        private void finishCollect() {
            Map<String, String> a = collectingAttrs;
            switch (collecting) {
                case "eliminate_allocation" -> {
                    if (inTask) allocations.add(new Elimination(names.getOrDefault(a.get("type"), "?"), jvms));
                }
                case "eliminate_lock" -> {
                    // each lock is logged with its matching unlock; the unlock carries no position
                    if (inTask && !jvms.isEmpty()) {
                        locks.add(new Elimination(a.getOrDefault("kind", "lock"), jvms));
                    }
                }
                default -> events.add(new RuntimeEvent(collecting, integer(a.get("compile_id"), -1),
                        integer(a.get("level"), 0), "osr".equals(a.get("compile_kind")),
                        a.getOrDefault("reason", ""), a.getOrDefault("action", ""), jvms, stamp(a.get("stamp"))));
            }
            collecting = null;
            jvms = null;
            collectingAttrs = null;
        }

        private MethodRef method(String idOrName) {
            MethodRef m = methods.get(idOrName);
            return m != null ? m : MethodRef.parse(idOrName);
        }

        /** The JVM descriptor, e.g. {@code (II)I}, the same form the runtime events print. */
        private String signature(String arguments, String ret) {
            StringBuilder sb = new StringBuilder("(");
            if (!arguments.isEmpty()) {
                for (String id : arguments.split(" ")) sb.append(descriptor(names.getOrDefault(id, "java.lang.Object")));
            }
            return sb.append(')').append(descriptor(names.getOrDefault(ret, "void"))).toString();
        }

        private static String descriptor(String type) {
            return switch (type) {
                case "int" -> "I";
                case "long" -> "J";
                case "short" -> "S";
                case "byte" -> "B";
                case "char" -> "C";
                case "boolean" -> "Z";
                case "float" -> "F";
                case "double" -> "D";
                case "void" -> "V";
                default -> type.startsWith("[") ? type.replace('.', '/') : "L" + type.replace('.', '/') + ";";
            };
        }
    }

    private static final class Scope {
        final InlineNode node;
        int bci = -1;
        InlineNode lastCall;

        Scope(InlineNode node) {
            this.node = node;
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static int integer(String s, int fallback) {
        if (s == null || s.isEmpty()) return fallback;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** LogCompilation stamps are seconds since JVM start; we keep milliseconds. */
    private static double stamp(String s) {
        if (s == null || s.isEmpty()) return -1;
        try {
            return Double.parseDouble(s.trim()) * 1000.0;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

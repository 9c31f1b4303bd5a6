package dev.perfkernel.magics.alloc;

import com.google.monitoring.runtime.instrumentation.Sampler;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs inside the instrumented fork: the allocation instrumenter calls it for every allocation
 * the bytecode asks for. While {@link #active} it records each allocation's type, size and the
 * stack from the allocating frame down to the outermost user frame; allocations with no user
 * frame on the stack (the runner's own reflection, JDK housekeeping) are ignored. Only JDK and
 * instrumenter classes are used, so the fork needs nothing else.
 */
final class SiteRecorder implements Sampler {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String AGENT_PACKAGE = "com.google.monitoring.runtime.instrumentation.";

    private final Predicate<String> userClass;
    private final Map<Key, long[]> sites = new HashMap<>();
    volatile boolean active;

    /** One frame as the parent reads it back. */
    record Frame(String className, String method, int line) {}

    private record Key(String type, List<Frame> frames) {}

    SiteRecorder(Predicate<String> userClass) {
        this.userClass = userClass;
    }

    @Override
    public void sampleAllocation(int count, String desc, Object newObj, long size) {
        if (!active || newObj == null) return;
        // The runner and the reflection that calls the benchmark are below every user frame: stop there.
        List<StackWalker.StackFrame> stack = WALKER.walk(s -> s.takeWhile(f -> !isBelowUserCode(f.getClassName())).toList());
        int first = -1, last = -1;
        boolean inJmh = false;
        for (int i = 0; i < stack.size(); i++) {
            String cls = stack.get(i).getClassName();
            if (first < 0 && (cls.startsWith(AGENT_PACKAGE) || cls.equals(SiteRecorder.class.getName()))) continue;
            if (first < 0) first = i;
            if (userClass.test(cls)) {
                last = i;
            } else if (last < 0 && cls.startsWith("org.openjdk.jmh.")) {
                inJmh = true;
            }
        }
        // Blackhole's own bookkeeping (an occasional WeakReference) is JMH's, not the user's
        if (first < 0 || last < 0 || inJmh) return;
        List<Frame> frames = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            StackWalker.StackFrame f = stack.get(i);
            frames.add(new Frame(f.getClassName(), f.getMethodName(), f.getLineNumber()));
        }
        Key k = new Key(newObj.getClass().getTypeName(), frames);
        synchronized (sites) {
            long[] v = sites.computeIfAbsent(k, x -> new long[2]);
            v[0]++;
            v[1] += size;
        }
    }

    private static boolean isBelowUserCode(String cls) {
        return cls.equals(ExactAllocationRunner.class.getName()) || cls.startsWith("java.lang.reflect.")
                || cls.startsWith("jdk.internal.reflect.");
    }

    void reset() {
        synchronized (sites) {
            sites.clear();
        }
    }

    /**
     * Writes {@code S count bytes type frames} lines (tab-separated; frames innermost first,
     * separated by U+001F, each {@code class method line} separated by spaces).
     */
    void write(PrintWriter out) {
        synchronized (sites) {
            for (Map.Entry<Key, long[]> e : sites.entrySet()) {
                StringBuilder sb = new StringBuilder("S\t").append(e.getValue()[0]).append('\t').append(e.getValue()[1])
                        .append('\t').append(e.getKey().type()).append('\t');
                List<Frame> fs = e.getKey().frames();
                for (int i = 0; i < fs.size(); i++) {
                    if (i > 0) sb.append('\u001f');
                    Frame f = fs.get(i);
                    sb.append(f.className()).append(' ').append(Objects.toString(f.method())).append(' ').append(f.line());
                }
                out.println(sb);
            }
        }
    }
}

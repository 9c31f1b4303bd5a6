package dev.perfkernel.magics.parse.compilation;

import java.util.List;

/**
 * One {@code <task>} of a LogCompilation file.
 *
 * @param compileId  the JVM's compile id
 * @param method     the method compiled
 * @param level      tier: 1-3 C1, 4 C2 (LogCompilation omits it for C2; taken as 4)
 * @param osrBci     OSR entry bci, -1 for a normal compilation
 * @param startMillis {@code stamp} of the task, milliseconds since JVM start
 * @param millis     compile time (task_done stamp minus task stamp), -1 when unfinished
 * @param success    whether the compilation produced code
 * @param failure    the reason when not ({@code <failure reason=..>}), else empty
 * @param codeSize   {@code nmsize} bytes, 0 when unknown
 * @param inlinedBytes bytecode bytes inlined
 * @param inlining   the inlining tree rooted at {@code method}
 * @param eliminatedAllocations allocations removed by escape analysis (scalar replaced)
 * @param eliminatedLocks locks removed (non-escaping objects, nested or coarsened locks)
 * @param traps      uncommon traps the compiler planted (where compiled code gives up)
 */
public record CompileTask(int compileId, MethodRef method, int level, int osrBci, double startMillis,
                          double millis, boolean success, String failure, int codeSize, int inlinedBytes,
                          InlineNode inlining, List<Elimination> eliminatedAllocations,
                          List<Elimination> eliminatedLocks, List<Trap> traps) {

    public CompileTask {
        eliminatedAllocations = List.copyOf(eliminatedAllocations);
        eliminatedLocks = List.copyOf(eliminatedLocks);
        traps = List.copyOf(traps);
    }

    public boolean osr() {
        return osrBci >= 0;
    }

    public String compiler() {
        return level == 4 ? "c2" : level >= 1 ? "c1" : "?";
    }

    /**
     * An allocation or lock the compiler removed.
     *
     * @param type  the allocated class (allocations) or lock kind (locks, e.g. {@code NonEscObj})
     * @param jvms  where, innermost first; empty when the JVM did not say
     */
    public record Elimination(String type, List<JvmsFrame> jvms) {
        public Elimination {
            jvms = List.copyOf(jvms);
        }
    }

    /** An uncommon trap planted at compile time: {@code <uncommon_trap bci reason action>}. */
    public record Trap(MethodRef method, int bci, String reason, String action) {}
}

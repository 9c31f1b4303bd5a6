package dev.perfkernel.magics.jit;

import dev.perfkernel.magics.jit.UserCode.Site;
import dev.perfkernel.magics.parse.compilation.CompileTask;
import dev.perfkernel.magics.parse.compilation.CompileTask.Elimination;
import dev.perfkernel.magics.parse.compilation.JitLog;
import dev.perfkernel.magics.parse.compilation.JvmsFrame;
import dev.perfkernel.magics.parse.compilation.MethodRef;
import dev.perfkernel.magics.parse.compilation.RuntimeEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What %jit shows, reduced from a LogCompilation file to the user's code: their compilations,
 * eliminations at their lines (merged across compilations), and the traps and deoptimizations
 * that hit their code.
 */
public record JitReport(List<CompileTask> compilations, List<Eliminated> allocations, List<Eliminated> locks,
                        List<Deopt> deopts, int routineEvents) {

    /** An allocation or lock removed at one user site, in every compilation that removed it. */
    public record Eliminated(String type, Site site, List<Integer> compileIds, String inlinedFrom) {}

    /** A runtime event in the user's code, {@code count} times (identical events are merged). */
    public record Deopt(String kind, String reason, String action, Optional<Site> site, int compileId, int level,
                        double stampMillis, int count) {}

    /**
     * @param focus when given, only compilations of methods it accepts (eliminations and deopts are
     *              then limited to sites in those methods)
     */
    public static JitReport of(JitLog log, UserCode code, Predicate<MethodRef> focus) {
        Predicate<MethodRef> wanted = focus == null ? code::isUser : m -> code.isUser(m) && focus.test(m);
        List<CompileTask> tasks = log.tasks().stream().filter(t -> wanted.test(t.method())).toList();
        Set<Integer> userIds = tasks.stream().map(CompileTask::compileId).collect(Collectors.toSet());

        Map<String, Eliminated> allocs = new LinkedHashMap<>();
        Map<String, Eliminated> locks = new LinkedHashMap<>();
        for (CompileTask t : log.tasks()) {
            for (Elimination e : t.eliminatedAllocations()) merge(allocs, e, t, code, wanted);
            for (Elimination e : t.eliminatedLocks()) merge(locks, e, t, code, wanted);
        }

        Set<Integer> driverIds = tasks.stream().filter(t -> UserCode.isDriverLoop(t.method()))
                .map(CompileTask::compileId).collect(Collectors.toSet());
        Map<String, Deopt> deopts = new LinkedHashMap<>();
        int routine = 0;
        for (RuntimeEvent ev : log.events()) {
            Optional<Site> site = code.firstUserSite(ev.jvms());
            // the driver's loop ending (its budget check turning true) traps too: our artefact, not the user's
            if (site.map(x -> UserCode.isDriverLoop(x.method())).orElse(driverIds.contains(ev.compileId()))) {
                routine++;
                continue;
            }
            boolean mine = site.isPresent() ? wanted.test(site.get().method()) : userIds.contains(ev.compileId());
            if (!mine) continue;
            // C1 code being replaced (tier-up, OSR exits) is how tiered compilation works, not news
            if (!ev.kind().equals("uncommon_trap") && ev.level() > 0 && ev.level() < 4) {
                routine++;
                continue;
            }
            String key = ev.kind() + "|" + ev.reason() + "|" + ev.action() + "|" + ev.compileId() + "|"
                    + site.map(x -> x.method() + "@" + x.bci()).orElse("");
            Deopt old = deopts.get(key);
            deopts.put(key, new Deopt(ev.kind(), ev.reason(), ev.action(), site, ev.compileId(), ev.level(),
                    old == null ? ev.stampMillis() : old.stampMillis(), old == null ? 1 : old.count() + 1));
        }
        return new JitReport(tasks, List.copyOf(allocs.values()), List.copyOf(locks.values()),
                List.copyOf(deopts.values()), routine);
    }

    private static void merge(Map<String, Eliminated> into, Elimination e, CompileTask t, UserCode code,
                              Predicate<MethodRef> wanted) {
        Optional<Site> site = code.firstUserSite(e.jvms());
        if (site.isEmpty() || !wanted.test(site.get().method())) return;
        Site s = site.get();
        String inlined = e.jvms().stream().takeWhile(f -> !code.isUser(f.method()))
                .map(f -> UserCode.display(f.method())).collect(Collectors.joining(" ← "));
        String key = e.type() + "|" + s.method() + "|" + s.line().map(l -> l.cell().toString()).orElse("bci" + s.bci());
        Eliminated old = into.get(key);
        List<Integer> ids = new ArrayList<>(old == null ? List.of() : old.compileIds());
        if (!ids.contains(t.compileId())) ids.add(t.compileId());
        into.put(key, new Eliminated(e.type(), s, List.copyOf(ids), inlined));
    }

    /** Frames of a chain as text, innermost first. */
    static String chain(List<JvmsFrame> frames) {
        return frames.stream().map(f -> UserCode.display(f.method()) + "@" + f.bci()).collect(Collectors.joining(" ← "));
    }
}

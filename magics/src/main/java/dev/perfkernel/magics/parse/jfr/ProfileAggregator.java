package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds stack samples into a {@link Profile}: flat weight to the innermost frame, cumulative
 * weight once to every distinct method and line on the stack (so recursion is not counted
 * twice), and collapsed stacks for a flame graph.
 */
public final class ProfileAggregator {
    private final ProfileEvent event;
    private final CellLines mapper;
    private final boolean trimBelowUser;
    private final Map<String, long[]> methods = new HashMap<>();
    private final Map<JfrFrame, long[]> lines = new HashMap<>();
    private final Map<String, Long> collapsed = new HashMap<>();
    private long samples;
    private long total;

    /**
     * @param trimBelowUser ignore the frames below the outermost user frame (the JMH or driver
     *                      plumbing every stack shares) in cumulative rows and collapsed stacks, so
     *                      tables and the flame graph start at the user's code
     */
    public ProfileAggregator(ProfileEvent event, CellLines mapper, boolean trimBelowUser) {
        this.event = event;
        this.mapper = mapper;
        this.trimBelowUser = trimBelowUser;
    }

    public void add(JfrSample s) {
        List<JfrFrame> stack = s.stack();
        if (stack.isEmpty()) return;
        long w = s.weight();
        samples++;
        total += w;
        JfrFrame top = stack.get(0);
        methods.computeIfAbsent(top.method(), k -> new long[2])[0] += w;
        lines.computeIfAbsent(top, k -> new long[2])[0] += w;
        int outer = outermost(stack);
        Set<String> seenMethods = new HashSet<>();
        Set<JfrFrame> seenLines = new HashSet<>();
        for (int i = 0; i <= outer; i++) {
            JfrFrame f = stack.get(i);
            if (seenMethods.add(f.method())) methods.computeIfAbsent(f.method(), k -> new long[2])[1] += w;
            if (seenLines.add(f)) lines.computeIfAbsent(f, k -> new long[2])[1] += w;
        }
        collapsed.merge(collapse(stack, outer, s.objectType()), w, Long::sum);
    }

    /** Index of the outermost frame kept: the outermost user frame when trimming, else the root. */
    private int outermost(List<JfrFrame> stack) {
        if (trimBelowUser) {
            for (int i = stack.size() - 1; i >= 0; i--) {
                if (mapper.isUser(stack.get(i).className())) return i;
            }
        }
        return stack.size() - 1;
    }

    /** Adds every sample of a recording. */
    public JfrReader.Counts addAll(java.nio.file.Path jfr, java.util.function.Predicate<String> threads)
            throws java.io.IOException {
        return JfrReader.read(jfr, event, threads, this::add);
    }

    public Profile result() {
        List<FrameStat> m = new ArrayList<>();
        methods.forEach((k, v) -> m.add(new FrameStat(k, -1, null, isUserMethod(k), v[0], v[1])));
        List<FrameStat> l = new ArrayList<>();
        lines.forEach((f, v) -> {
            CellLine cell = mapper.cellLine(f.className(), f.line()).orElse(null);
            l.add(new FrameStat(f.method(), f.line(), cell, mapper.isUser(f.className()), v[0], v[1]));
        });
        m.sort(Profile.BY_FLAT);
        l.sort(Profile.BY_FLAT);
        return new Profile(event, samples, total, m, l, Map.copyOf(collapsed));
    }

    private boolean isUserMethod(String method) {
        int dot = method.lastIndexOf('.');
        return mapper.isUser(method.substring(0, Math.max(0, dot)));
    }

    private String collapse(List<JfrFrame> stack, int outer, String objectType) {
        List<String> rootFirst = new ArrayList<>(outer + 2);
        for (int i = outer; i >= 0; i--) rootFirst.add(label(stack.get(i)));
        if (objectType != null) rootFirst.add(objectType);
        return CollapsedStacks.join(rootFirst);
    }

    /** User frames short ({@code Session.fib}); others qualified, so flame graphs colour JDK frames apart. */
    private String label(JfrFrame f) {
        return mapper.isUser(f.className()) ? f.shortMethod() : f.method();
    }
}

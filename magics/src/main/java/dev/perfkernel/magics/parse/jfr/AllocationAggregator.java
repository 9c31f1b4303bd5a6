package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Folds allocation stacks into sites. A site is the innermost user frame (the line of the
 * user's code that asked for the object, even when a JDK method did the allocating) plus the
 * allocated type; cumulative rows credit every user frame on the stack once.
 */
public final class AllocationAggregator {
    private final CellLines mapper;
    private final boolean sampled;
    private final Map<SiteKey, long[]> flat = new HashMap<>();
    private final Map<JfrFrame, long[]> cum = new HashMap<>();
    private final Map<CellLine, long[]> cellLines = new TreeMap<>(
            java.util.Comparator.comparingInt(CellLine::executionCount).thenComparingInt(CellLine::line));
    private final Map<String, Long> collapsed = new HashMap<>();
    private long totalBytes;
    private long totalCount;

    private record SiteKey(String type, JfrFrame frame, boolean user) {}

    public AllocationAggregator(CellLines mapper, boolean sampled) {
        this.mapper = mapper;
        this.sampled = sampled;
    }

    /** A JFR allocation sample: its weight as bytes, one sample as the count. */
    public void add(JfrSample s) {
        add(s.stack(), s.objectType() == null ? "?" : s.objectType(), s.weight(), 1);
    }

    /** Adds every allocation sample of a recording. */
    public JfrReader.Counts addAll(Path jfr, Predicate<String> threads) throws IOException {
        return JfrReader.read(jfr, ProfileEvent.ALLOC, threads, this::add);
    }

    /**
     * @param stack innermost frame first
     * @param count allocations (or samples) this entry stands for
     */
    public void add(List<JfrFrame> stack, String type, long bytes, long count) {
        if (stack.isEmpty()) return;
        totalBytes += bytes;
        totalCount += count;
        JfrFrame site = stack.get(0);
        boolean user = false;
        for (JfrFrame f : stack) {
            if (mapper.isUser(f.className())) {
                site = f;
                user = true;
                break;
            }
        }
        long[] v = flat.computeIfAbsent(new SiteKey(type, site, user), k -> new long[2]);
        v[0] += bytes;
        v[1] += count;
        if (user) mapper.cellLine(site.className(), site.line()).ifPresent(c -> addLine(c, bytes, count, 0));

        Set<JfrFrame> seen = new HashSet<>();
        Set<CellLine> seenCells = new HashSet<>();
        for (JfrFrame f : stack) {
            if (!mapper.isUser(f.className()) || !seen.add(f)) continue;
            long[] c = cum.computeIfAbsent(f, k -> new long[2]);
            c[0] += bytes;
            c[1] += count;
            Optional<CellLine> cell = mapper.cellLine(f.className(), f.line());
            if (cell.isPresent() && seenCells.add(cell.get())) addLine(cell.get(), bytes, count, 2);
        }
        collapsed.merge(collapse(stack, type), bytes, Long::sum);
    }

    private void addLine(CellLine c, long bytes, long count, int offset) {
        long[] v = cellLines.computeIfAbsent(c, k -> new long[4]);
        v[offset] += bytes;
        v[offset + 1] += count;
    }

    public AllocationProfile result() {
        List<AllocationSite> f = new ArrayList<>();
        flat.forEach((k, v) -> f.add(new AllocationSite(k.type(), k.frame().method(), k.frame().line(),
                k.user() ? mapper.cellLine(k.frame().className(), k.frame().line()).orElse(null) : null, k.user(), v[0], v[1], sampled)));
        List<AllocationSite> c = new ArrayList<>();
        cum.forEach((k, v) -> c.add(new AllocationSite(null, k.method(), k.line(),
                mapper.cellLine(k.className(), k.line()).orElse(null), true, v[0], v[1], sampled)));
        f.sort(AllocationProfile.By.BYTES.comparator());
        c.sort(AllocationProfile.By.BYTES.comparator());
        Map<CellLine, AllocationProfile.LineTotals> lines = new java.util.LinkedHashMap<>();
        cellLines.forEach((k, v) -> lines.put(k, new AllocationProfile.LineTotals(v[0], v[1], v[2], v[3])));
        return new AllocationProfile(sampled, totalBytes, totalCount, f, c, lines, Map.copyOf(collapsed));
    }

    /** Root first, starting at the outermost user frame when there is one, the type as leaf. */
    private String collapse(List<JfrFrame> stack, String type) {
        int outer = stack.size() - 1;
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (mapper.isUser(stack.get(i).className())) {
                outer = i;
                break;
            }
        }
        List<String> rootFirst = new ArrayList<>();
        for (int i = outer; i >= 0; i--) rootFirst.add(label(stack.get(i)));
        rootFirst.add(type);
        return CollapsedStacks.join(rootFirst);
    }

    /** User frames short ({@code Session.fib}); others qualified, so flame graphs colour JDK frames apart. */
    private String label(JfrFrame f) {
        return mapper.isUser(f.className()) ? f.shortMethod() : f.method();
    }
}

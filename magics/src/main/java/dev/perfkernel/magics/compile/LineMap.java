package dev.perfkernel.magics.compile;

import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which line of the user's cell each line of a generated harness source came from, so compiler
 * errors (and stack traces) point at what the user wrote. Lines are 1-based.
 */
public final class LineMap {
    private final TreeMap<Integer, CellLine> lines = new TreeMap<>();

    /** Records that harness line {@code harnessLine} is cell line {@code cellLine} of {@code In [executionCount]}. */
    public LineMap put(int harnessLine, int executionCount, int cellLine) {
        lines.put(harnessLine, new CellLine(executionCount, cellLine));
        return this;
    }

    public Optional<CellLine> cellLine(int harnessLine) {
        return Optional.ofNullable(lines.get(harnessLine));
    }

    /** The nearest mapped line at or before {@code harnessLine} (for errors reported on a generated line). */
    public Optional<CellLine> nearest(int harnessLine) {
        Map.Entry<Integer, CellLine> e = lines.floorEntry(harnessLine);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public Map<Integer, CellLine> asMap() {
        return java.util.Collections.unmodifiableMap(lines);
    }
}

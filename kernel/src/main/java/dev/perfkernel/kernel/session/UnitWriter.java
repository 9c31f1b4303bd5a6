package dev.perfkernel.kernel.session;

import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Appends text to a compilation unit while recording which cell line each unit line came from. */
final class UnitWriter {
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, CellLine> origins = new HashMap<>();
    private int nextLine = 1;

    /** Appends one or more complete lines that came from no cell. */
    void line(String s) {
        block(s, Optional.empty(), 0);
    }

    /**
     * Appends {@code block} (a newline is added at its end); its first line came from
     * {@code sourceLine} lines below the snippet's first line, which came from {@code first}.
     */
    void block(String block, Optional<CellLine> first, int sourceLine) {
        String[] lines = block.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (first.isPresent()) {
                CellLine f = first.get();
                origins.put(nextLine, new CellLine(f.executionCount(), f.line() + sourceLine + i));
            }
            text.append(lines[i]).append('\n');
            nextLine++;
        }
    }

    String text() {
        return text.toString();
    }

    Map<Integer, CellLine> origins() {
        return origins;
    }
}

package dev.perfkernel.magics.testing;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Session units for tests, shaped like the kernel builds them (members of {@code perfkernel.session.Session}). */
public final class TestSessions {
    private static final String HEADER = "package " + SessionSource.PACKAGE + ";\n\npublic final class "
            + SessionSource.CLASS + " {\n";
    /** The unit line of the first member: after the package line, a blank line and the class line. */
    private static final int FIRST_MEMBER_LINE = 4;

    private TestSessions() {
    }

    /** Cell i's lines become members of Session, mapped back to line j of {@code In [i+1]}. */
    public static SessionSource ofCells(String... cells) {
        StringBuilder text = new StringBuilder(HEADER);
        Map<Integer, CellLine> origins = new HashMap<>();
        int unitLine = FIRST_MEMBER_LINE;
        for (int c = 0; c < cells.length; c++) {
            List<String> lines = cells[c].lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                text.append(lines.get(i)).append('\n');
                origins.put(unitLine++, new CellLine(c + 1, i + 1));
            }
        }
        text.append("}\n");
        return new SessionSource(text.toString(), List.of(), origins, List.of());
    }

    /** Members of Session given as one text, with no cell origins (as if replayed from nowhere). */
    public static SessionSource ofMembers(String members) {
        return new SessionSource(HEADER + members + "\n}\n", List.of(), Map.of(), List.of());
    }
}

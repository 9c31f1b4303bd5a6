package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which frames are the user's code (the session unit and the harness that wraps the
 * cell) and maps their source lines back to notebook cell lines.
 */
public final class CellLineMapper {
    private final SessionSource session;
    private final String harnessPackage;
    private final Map<String, Map<Integer, CellLine>> harnessLines;

    /**
     * @param session        the session unit the forked code was compiled against
     * @param harnessPackage package of the generated harness classes (JMH's own generated
     *                       {@code jmh_generated} classes in it are not user code); null if none
     * @param harnessLines   per harness class (binary name of the top-level class), its source
     *                       line to the cell line it was copied from
     */
    public CellLineMapper(SessionSource session, String harnessPackage, Map<String, Map<Integer, CellLine>> harnessLines) {
        this.session = session == null ? SessionSource.empty() : session;
        this.harnessPackage = harnessPackage;
        this.harnessLines = new HashMap<>();
        harnessLines.forEach((k, v) -> this.harnessLines.put(k, Map.copyOf(v)));
    }

    /** A mapper that knows only the session unit. */
    public static CellLineMapper sessionOnly(SessionSource session) {
        return new CellLineMapper(session, null, Map.of());
    }

    public boolean isUser(JfrFrame f) {
        return isSession(f.className()) || isHarness(f.className());
    }

    /** The cell line a user frame's source line came from, if it came from a cell. */
    public Optional<CellLine> cellLine(JfrFrame f) {
        if (f.line() < 0) return Optional.empty();
        if (isSession(f.className())) return session.origin(f.line());
        if (isHarness(f.className())) {
            Map<Integer, CellLine> m = harnessLines.get(topLevel(f.className()));
            return m == null ? Optional.empty() : Optional.ofNullable(m.get(f.line()));
        }
        return Optional.empty();
    }

    private static boolean isSession(String cls) {
        return cls.equals(SessionSource.QUALIFIED) || cls.startsWith(SessionSource.QUALIFIED + "$");
    }

    private boolean isHarness(String cls) {
        if (harnessPackage == null || !cls.startsWith(harnessPackage + ".")) return false;
        String rest = cls.substring(harnessPackage.length() + 1);
        return !rest.startsWith("jmh_generated.") && !rest.contains("_jmh");
    }

    private static String topLevel(String cls) {
        int d = cls.indexOf('$');
        return d < 0 ? cls : cls.substring(0, d);
    }
}

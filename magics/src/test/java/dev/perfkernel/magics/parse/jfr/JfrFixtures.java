package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.compile.LineMap;

import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The recorded fixtures under {@code src/test/resources/jfr/}: {@code alloc.jfr} and
 * {@code cpu.jfr} from JDK 17 and JDK 25, recorded with the shipped {@code alloc.jfc} and
 * {@code cpu.jfc} from the programs in {@code jfr/src/} (Session.java is laid out like a
 * session unit; AllocMain and CpuMain play the harness in package {@code perfkernel.harness}).
 */
final class JfrFixtures {
    static final List<String> JDKS = List.of("jdk17", "jdk25");
    static final String HARNESS = "perfkernel.harness";

    // Session.java: line 9 allocates the big array, line 11 the small strings, lines 17-18 are hot()'s loop.
    static final CellLine BIG_ARRAY = new CellLine(3, 2);
    static final CellLine SMALL_STRINGS = new CellLine(3, 4);
    static final CellLine HOT_FOR = new CellLine(4, 2);
    static final CellLine HOT_LOOP = new CellLine(4, 3);

    private JfrFixtures() {
    }

    static Path file(String jdk, String name) {
        try {
            return Path.of(JfrFixtures.class.getResource("/jfr/" + jdk + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session unit whose lines 9, 11, 17 and 18 came from cells 3 and 4. */
    static CellLines mapper() {
        SessionSource s = new SessionSource("(fixture)", List.of(),
                Map.of(9, BIG_ARRAY, 11, SMALL_STRINGS, 17, HOT_FOR, 18, HOT_LOOP), List.of());
        // AllocMain line 8 is the call into the session: map it as the harness's cell line 1.
        HarnessSource alloc = new HarnessSource(HARNESS.replace('.', '/') + "/AllocMain.java", "(fixture)",
                new LineMap().put(8, 5, 1));
        List<HarnessSource> mains = new java.util.ArrayList<>(List.of(alloc));
        for (String other : List.of("CpuMain", "LockMain")) {
            mains.add(new HarnessSource(HARNESS.replace('.', '/') + "/" + other + ".java", "(fixture)", new LineMap()));
        }
        return new CellLines(s, mains);
    }
}

package dev.perfkernel.magics.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The notebook session written out as one ordinary Java compilation unit, so code that a
 * measuring magic runs in a forked JVM can call what earlier cells defined.
 *
 * <p>Layout: {@code package perfkernel.session;}, the session's imports, then one class
 * {@code Session} holding every active method and variable as a {@code static} member and
 * every type (class, record, enum, interface) as a static nested type. Harness code imports
 * it with {@link #harnessImports()}. State is rebuilt from code in the forked JVM (variables
 * are re-initialised from their initializers), not copied from the kernel's session.
 *
 * @param text         the whole compilation unit
 * @param imports      the session's import declarations, verbatim, each ending in {@code ;}
 * @param origins      unit line (1-based) to the cell line it came from
 * @param unreplayable snippets left out of the unit, with the reason
 * @param typeNames    simple names of the nested types of {@code Session}
 * @param memberNames  names of the static methods and fields of {@code Session}
 */
public record SessionSource(String text, List<String> imports, Map<Integer, CellLine> origins,
                            List<Unreplayable> unreplayable, List<String> typeNames, List<String> memberNames) {

    public static final String PACKAGE = "perfkernel.session";
    public static final String CLASS = "Session";
    public static final String QUALIFIED = PACKAGE + "." + CLASS;
    /** Path of the unit relative to a source root. */
    public static final String PATH = "perfkernel/session/Session.java";

    public SessionSource {
        imports = List.copyOf(imports);
        origins = new TreeMap<>(origins);
        unreplayable = List.copyOf(unreplayable);
        typeNames = List.copyOf(typeNames);
        memberNames = List.copyOf(memberNames);
    }

    /** A unit whose type and member names are not known (harness imports are on-demand only). */
    public SessionSource(String text, List<String> imports, Map<Integer, CellLine> origins,
                         List<Unreplayable> unreplayable) {
        this(text, imports, origins, unreplayable, List.of(), List.of());
    }

    /** An empty session: no imports, an empty {@code Session} class. */
    public static SessionSource empty() {
        return new SessionSource("package " + PACKAGE + ";\n\npublic final class " + CLASS + " {\n}\n",
                List.of(), Map.of(), List.of());
    }

    /**
     * The import lines a harness needs to see the session as the cells saw it: the session's
     * own imports plus the members and nested types of {@code Session}. Session names are also
     * imported one by one, because in the cells they shadowed the on-demand imports (a session
     * class {@code Timer} beside {@code import java.util.*;}, a method {@code max} beside
     * {@code import static java.lang.Math.*;}) and in the harness they must still win.
     */
    public List<String> harnessImports() {
        List<String> all = new ArrayList<>(imports);
        all.add("import static " + QUALIFIED + ".*;");
        all.add("import " + QUALIFIED + ".*;");
        java.util.Set<String> singleTypes = new java.util.HashSet<>();
        java.util.Set<String> singleStatics = new java.util.HashSet<>();
        for (String line : imports) {
            String body = line.replace(";", "").strip();
            String last = body.substring(body.lastIndexOf('.') + 1);
            if (body.startsWith("import static ")) {
                singleStatics.add(last);
            } else {
                singleTypes.add(last);
            }
        }
        for (String type : new java.util.LinkedHashSet<>(typeNames)) {
            if (!singleTypes.contains(type)) { // a second single-type import of that name would not compile
                all.add("import " + QUALIFIED + "." + type + ";");
            }
        }
        for (String member : new java.util.LinkedHashSet<>(memberNames)) {
            if (!singleStatics.contains(member)) {
                all.add("import static " + QUALIFIED + "." + member + ";");
            }
        }
        return all;
    }

    /** The cell line a line of {@link #text()} came from, if it came from a cell. */
    public Optional<CellLine> origin(int unitLine) {
        return Optional.ofNullable(origins.get(unitLine));
    }

    /**
     * A line of a cell.
     *
     * @param executionCount the cell's execution count ({@code In [n]}), 0 if unknown
     * @param line           1-based line within that cell
     */
    public record CellLine(int executionCount, int line) {
        @Override
        public String toString() {
            return (executionCount > 0 ? "In [" + executionCount + "] " : "") + "line " + line;
        }
    }

    /** A snippet that could not be written into the unit, and why (shown as a warning). */
    public record Unreplayable(String source, String reason) {}
}

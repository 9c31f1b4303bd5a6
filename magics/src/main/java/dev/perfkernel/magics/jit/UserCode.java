package dev.perfkernel.magics.jit;

import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.compile.CellLines.UserLine;
import dev.perfkernel.magics.parse.compilation.JvmsFrame;
import dev.perfkernel.magics.parse.compilation.LineNumbers;
import dev.perfkernel.magics.parse.compilation.MethodRef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the (method, bci) positions of LogCompilation into cell lines: bci to unit line through
 * the compiled class files' line tables (read while the workspace exists), unit line to cell line
 * through {@link CellLines}.
 */
public final class UserCode {

    /** A position in the user's code. */
    public record Site(MethodRef method, int bci, Optional<UserLine> line) {
        public String lineLabel() {
            return line.map(UserLine::label).orElse("bci " + bci);
        }
    }

    private final CellLines lines;
    private final Map<String, LineNumbers> tables = new HashMap<>();

    /** Reads the line tables of every class under {@code classes} now, before the workspace goes away. */
    public UserCode(CellLines lines, Path classes) {
        this.lines = lines;
        if (classes != null && Files.isDirectory(classes)) {
            try (var s = Files.walk(classes)) {
                s.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                    String name = classes.relativize(p).toString().replace('\\', '/').replaceAll("\\.class$", "").replace('/', '.');
                    try {
                        tables.put(name, LineNumbers.read(Files.readAllBytes(p)));
                    } catch (IOException ignored) {
                        // a class we cannot read only loses its line numbers
                    }
                });
            } catch (IOException ignored) {
                // no line numbers at all: sites show bcis
            }
        }
    }

    public boolean isUser(MethodRef m) {
        return lines.isUser(m.holder());
    }

    public Optional<UserLine> line(MethodRef m, int bci) {
        LineNumbers t = tables.get(m.holder());
        if (t == null) return Optional.empty();
        return t.line(m.name(), m.signature(), bci).flatMap(l -> lines.of(m.holder(), l));
    }

    /** The innermost frame of a chain that is user code, with its cell line. */
    public Optional<Site> firstUserSite(List<JvmsFrame> chain) {
        for (JvmsFrame f : chain) {
            if (isUser(f.method())) return Optional.of(new Site(f.method(), f.bci(), line(f.method(), f.bci())));
        }
        return Optional.empty();
    }

    /** The driver's own {@code main}: the loop that calls the cell body, not the user's code. */
    public static boolean isDriverLoop(MethodRef m) {
        return m.holder().startsWith(dev.perfkernel.magics.harness.DriverSource.PACKAGE + ".") && m.name().equals("main");
    }

    /** A method name as the user knows it: {@code pointSum}, {@code Point::x}, {@code String::valueOf}. */
    public static String display(MethodRef m) {
        String h = m.holder();
        if (h.equals(dev.perfkernel.magics.source.SessionSource.QUALIFIED)) return m.name();
        if (h.startsWith(dev.perfkernel.magics.source.SessionSource.QUALIFIED + "$")) {
            return h.substring(dev.perfkernel.magics.source.SessionSource.QUALIFIED.length() + 1) + "::" + m.name();
        }
        if (isDriverLoop(m)) return "(driver loop)";
        if (h.startsWith(dev.perfkernel.magics.harness.DriverSource.PACKAGE + ".")) return "(cell body)";
        return m.simpleHolder() + "::" + m.name();
    }
}

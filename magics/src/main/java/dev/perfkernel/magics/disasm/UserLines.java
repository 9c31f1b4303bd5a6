package dev.perfkernel.magics.disasm;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.List;
import java.util.Optional;

/**
 * Maps a (class, source line) the JVM reports back to the notebook: lines of the session unit
 * to the cell they came from, lines of the driver to the current cell's body.
 */
public final class UserLines {

    /** A cell line with its text. */
    public record UserLine(CellLine cell, String text) {
        public String label() {
            return cell.toString();
        }
    }

    /** {@code "line", "cell", "source"} of a user line into a JSON row, or {@code "line": null} for none. */
    public static void putJson(JsonObject row, Optional<UserLine> line) {
        if (line.isPresent()) {
            row.addProperty("line", line.get().cell().line());
            row.addProperty("cell", line.get().cell().executionCount());
            row.addProperty("source", line.get().text());
        } else {
            row.add("line", JsonNull.INSTANCE);
        }
    }

    private final SessionSource session;
    private final List<String> sessionLines;
    private final HarnessSource driver;
    private final List<String> driverLines;

    public UserLines(SessionSource session, HarnessSource driver) {
        this.session = session;
        this.sessionLines = session.text().lines().toList();
        this.driver = driver;
        this.driverLines = driver == null ? List.of() : driver.text().lines().toList();
    }

    /** True for classes written by the user (the session unit and its nested types, the driver). */
    public boolean isUserClass(String className) {
        String c = className.replace('/', '.');
        return c.equals(SessionSource.QUALIFIED) || c.startsWith(SessionSource.QUALIFIED + "$")
                || (driver != null && c.equals(driver.className()));
    }

    public Optional<UserLine> of(String className, int line) {
        if (line <= 0) return Optional.empty();
        String c = className.replace('/', '.');
        if (c.equals(SessionSource.QUALIFIED) || c.startsWith(SessionSource.QUALIFIED + "$")) {
            return session.origin(line).map(o -> new UserLine(o, text(sessionLines, line)));
        }
        if (driver != null && c.equals(driver.className())) {
            return driver.lineMap().cellLine(line).map(o -> new UserLine(o, text(driverLines, line)));
        }
        return Optional.empty();
    }

    private static String text(List<String> lines, int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
    }
}

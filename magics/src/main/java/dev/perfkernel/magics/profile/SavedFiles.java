package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Files kept for other tools ({@code .jfr} for JDK Mission Control, collapsed stacks for
 * flame-graph tools) in {@code perfkernel-out/} under the notebook's working directory, named
 * {@code PREFIX-yyyyMMdd-HHmmss.EXT} (a counter is added when a name is taken).
 */
public final class SavedFiles {
    public static final String FOLDER = "perfkernel-out";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;
    private final String base;

    private SavedFiles(Path dir, String base) {
        this.dir = dir;
        this.base = base;
    }

    /** A set of files sharing one time-stamped base name, e.g. {@code alloc-20261122-063012}. */
    public static SavedFiles create(MagicContext ctx, String prefix) throws MagicException {
        Path dir = ctx.workingDirectory().resolve(FOLDER);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot create " + dir + ": " + e.getMessage(), List.of());
        }
        String stamp = prefix + "-" + LocalDateTime.now().format(STAMP);
        String base = stamp;
        for (int i = 2; Files.exists(dir.resolve(base + ".jfr")) || Files.exists(dir.resolve(base + ".collapsed")); i++) {
            base = stamp + "-" + i;
        }
        return new SavedFiles(dir, base);
    }

    /** Copies a file in as {@code BASE[suffix].ext}; returns the saved path. */
    public Path copy(Path source, String suffix, String ext) throws MagicException {
        Path target = dir.resolve(base + suffix + "." + ext);
        try {
            return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot save " + target + ": " + e.getMessage(), List.of());
        }
    }

    /** Writes text as {@code BASE[suffix].ext}; returns the saved path. */
    public Path write(String text, String suffix, String ext) throws MagicException {
        Path target = dir.resolve(base + suffix + "." + ext);
        try {
            return Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot save " + target + ": " + e.getMessage(), List.of());
        }
    }

    /** A path as the user should read it: relative to the working directory when inside it. */
    public static String display(MagicContext ctx, Path p) {
        Path wd = ctx.workingDirectory().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}

package dev.perfkernel.magics.pipeline;

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
 * The one policy for files a magic keeps: files it keeps on its own (a {@code .jfr} for JDK Mission
 * Control, collapsed stacks, a GC log) go to {@code perfkernel-out/} in the notebook's folder as
 * {@code PREFIX-yyyyMMdd-HHmmss[suffix].EXT}; a name the user gave ({@code --save FILE}) is relative
 * to the notebook's folder. Either way a path is shown relative to the notebook, never as an
 * absolute path of the machine that ran it (outputs end up in shared notebooks).
 */
public final class OutputFiles {
    public static final String FOLDER = "perfkernel-out";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path notebookDir;
    private final String prefix;
    private String base;

    private OutputFiles(Path notebookDir, String prefix) {
        this.notebookDir = notebookDir.toAbsolutePath().normalize();
        this.prefix = prefix;
    }

    /** Files of one run, sharing a time-stamped base name such as {@code alloc-20261122-063012}. */
    public static OutputFiles of(MagicContext ctx, String prefix) {
        return new OutputFiles(ctx.workingDirectory(), prefix);
    }

    /** Copies a file in as {@code perfkernel-out/BASE[suffix].ext}. */
    public Path keep(Path source, String suffix, String ext) throws MagicException {
        Path to = auto(suffix, ext);
        return save(to, () -> Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Writes text as {@code perfkernel-out/BASE[suffix].ext}. */
    public Path keepText(String text, String suffix, String ext) throws MagicException {
        Path to = auto(suffix, ext);
        return save(to, () -> Files.writeString(to, text, StandardCharsets.UTF_8));
    }

    /**
     * {@code --save NAME}: copies a file to NAME, relative to the notebook's folder; missing folders inside
     * the notebook's folder are made, a folder elsewhere must exist.
     */
    public Path saveAs(Path source, String name) throws MagicException {
        Path to = named(name);
        return save(to, () -> Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING));
    }

    /** {@code --save NAME} for text. */
    public Path saveTextAs(String text, String name) throws MagicException {
        Path to = named(name);
        return save(to, () -> Files.writeString(to, text, StandardCharsets.UTF_8));
    }

    /**
     * A path as the notebook shows it: relative to the notebook's folder when inside it; a path outside it
     * can only be one the user typed ({@code --save /abs/x.log}), and is shown as typed.
     */
    public String display(Path p) {
        return display(notebookDir, p);
    }

    /** The same rule with an explicit notebook folder. */
    public static String display(Path notebookDir, Path p) {
        Path wd = notebookDir.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : p.toString();
    }

    /** The same rule for a context. */
    public static String display(MagicContext ctx, Path p) {
        return display(ctx.workingDirectory(), p);
    }

    private Path auto(String suffix, String ext) throws MagicException {
        Path dir = notebookDir.resolve(FOLDER);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot create " + FOLDER + "/: " + e.getMessage(), List.of());
        }
        if (base == null) {
            String stamp = prefix + "-" + LocalDateTime.now().format(STAMP);
            base = stamp;
            for (int i = 2; taken(dir, base); i++) base = stamp + "-" + i;
        }
        return dir.resolve(base + suffix + "." + ext);
    }

    private static boolean taken(Path dir, String base) {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(base));
        } catch (IOException e) {
            return false;
        }
    }

    private Path named(String name) throws MagicException {
        if (name == null || name.isBlank()) throw new MagicException("SaveFailed", "--save needs a file name", List.of());
        Path to = notebookDir.resolve(name).toAbsolutePath().normalize();
        Path parent = to.getParent();
        if (parent != null && parent.startsWith(notebookDir)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new MagicException("SaveFailed", "cannot create " + display(parent) + ": " + e.getMessage(), List.of());
            }
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new MagicException("SaveFailed", "cannot save to " + display(to) + ": its folder "
                    + display(parent) + " does not exist", List.of());
        }
        return to;
    }

    private interface Writing {
        void run() throws IOException;
    }

    private Path save(Path to, Writing w) throws MagicException {
        try {
            w.run();
            return to;
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot save " + display(to) + ": " + e.getMessage(), List.of());
        }
    }
}

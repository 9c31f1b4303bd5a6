package dev.perfkernel.magics.fork;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A private temporary directory for one magic run (sources, classes, the fork's working
 * directory and its temp files, result files), deleted with everything in it on close.
 */
public final class Workspace implements AutoCloseable {
    private final Path dir;

    private Workspace(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code perfkernel-PURPOSE-PID-*} under the system temp directory (see {@link TempDirs}). */
    public static Workspace create(String purpose) throws IOException {
        return new Workspace(TempDirs.create(purpose));
    }

    public Path dir() {
        return dir;
    }

    /** A subdirectory, created if missing. */
    public Path subdir(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    /** Deletes a directory tree, best effort (files a dying process still holds are skipped). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    try { Files.deleteIfExists(file); } catch (IOException ignored) { /* best effort */ }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                    try { Files.deleteIfExists(d); } catch (IOException ignored) { /* best effort */ }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // nothing more can be done; the OS cleans the temp dir eventually
        }
    }
}

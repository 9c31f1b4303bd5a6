package dev.perfkernel.magics.fork;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every temp directory the kernel makes: {@code perfkernel-PURPOSE-PID-RANDOM} under the system
 * temp directory, owner-only, PID being the JVM that made it. A kernel killed with SIGKILL runs no
 * shutdown hook and leaves its directories behind; the PID in the name lets the next kernel find
 * them. Once per process, at the first directory it makes, it deletes those whose PID no longer
 * runs, that are real directories (a symbolic link is never followed or removed) and that belong
 * to the user this process runs as.
 */
public final class TempDirs {
    /** PURPOSE is lower-case words joined by '-', so the PID is the first all-digit part. */
    private static final Pattern PURPOSE = Pattern.compile("[a-z]+(?:-[a-z]+)*");
    private static final Pattern NAME = Pattern.compile("perfkernel-[a-z]+(?:-[a-z]+)*-(\\d{1,18})-\\w+");
    private static final AtomicBoolean REAPED = new AtomicBoolean();

    private TempDirs() {
    }

    /** Creates {@code perfkernel-PURPOSE-PID-RANDOM}; the first call in a process also removes orphans. */
    public static Path create(String purpose) throws IOException {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a temp dir purpose is lower-case words joined by '-': " + purpose);
        }
        Path dir = Files.createTempDirectory("perfkernel-" + purpose + "-" + ProcessHandle.current().pid() + "-");
        if (REAPED.compareAndSet(false, true)) {
            try {
                reapOrphans(dir.getParent(), Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException | RuntimeException ignored) {
                // cleaning up after dead kernels must never fail the cell that happened to trigger it
            }
        }
        return dir;
    }

    /** For the kernel's start: removes orphans now, unless this process did so already. */
    public static void reapOnce() {
        if (REAPED.get()) return;
        try {
            Workspace.deleteTree(create("probe"));
        } catch (IOException | RuntimeException ignored) {
            // no temp directory: nothing to clean either
        }
    }

    /**
     * Deletes the directories in {@code tmp} named by {@link #create} whose process has ended and
     * that {@code owner} owns; symbolic links, files and other names are left alone.
     *
     * @return the directories deleted
     */
    public static List<Path> reapOrphans(Path tmp, UserPrincipal owner) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "perfkernel-*")) {
            for (Path p : entries) {
                OptionalLong pid = ownerPid(p.getFileName().toString());
                if (pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).isPresent()) continue;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!a.isDirectory() || !owner.equals(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS))) continue;
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                Workspace.deleteTree(p); // walks without following links: a link inside goes, its target stays
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) deleted.add(p);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // an unreadable temp directory: nothing we can clean
        }
        return deleted;
    }

    /** The PID in a name made by {@link #create}, or empty for any other name. */
    static OptionalLong ownerPid(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}

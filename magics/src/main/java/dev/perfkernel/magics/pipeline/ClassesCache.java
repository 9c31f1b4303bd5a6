package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.Workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled harness classes of recent cells, by a hash of everything that goes into them (session
 * source, harness sources, release, class path and its files' sizes and times), so running a cell again
 * unchanged (the usual way to check a figure) skips the compiler. Bounded; kept in one private temp
 * directory that is removed when the kernel exits.
 */
final class ClassesCache {
    static final int CAPACITY = 16;

    /** Where an entry's classes are, and whether they came from the harness's retry form. */
    record Entry(Path classes, boolean retried) {}

    private static Path root;
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>(16, 0.75f, true);

    private ClassesCache() {
    }

    static synchronized Optional<Entry> get(String key) {
        Entry e = ENTRIES.get(key);
        if (e != null && !Files.isDirectory(e.classes())) {
            ENTRIES.remove(key);
            e = null;
        }
        return Optional.ofNullable(e);
    }

    /** A fresh directory to compile into for {@code key}. */
    static synchronized Path newDirectory(String key) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            Path r = dev.perfkernel.magics.fork.TempDirs.create("classes");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Workspace.deleteTree(r), "perfkernel-classes-cleanup"));
            root = r;
        }
        Path dir = root.resolve(key.substring(0, 16) + "-" + System.nanoTime());
        return Files.createDirectories(dir.resolve("classes"));
    }

    static synchronized void put(String key, Entry e) {
        ENTRIES.put(key, e);
        for (Iterator<Map.Entry<String, Entry>> it = ENTRIES.entrySet().iterator(); ENTRIES.size() > CAPACITY; ) {
            Entry old = it.next().getValue();
            it.remove();
            Workspace.deleteTree(old.classes().getParent());
        }
    }

    /** The hash of one compile's inputs. */
    static String key(String session, List<HarnessSource> sources, int release, boolean jmh, List<Path> classpath) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, "release " + release + " jmh " + jmh);
            update(md, session);
            for (HarnessSource s : sources) {
                update(md, s.path());
                update(md, s.text());
            }
            for (Path p : classpath) {
                update(md, p.toString());
                try {
                    update(md, Files.size(p) + "@" + Files.getLastModifiedTime(p));
                } catch (IOException e) {
                    update(md, "missing");
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) ':');
        md.update(b);
    }
}

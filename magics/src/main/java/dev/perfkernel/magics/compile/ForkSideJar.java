package dev.perfkernel.magics.compile;

import dev.perfkernel.magics.fork.TempDirs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The few classes of the magics library that run inside forked JVMs (the environment probe, the
 * JMH host, the exact-allocation runner), packed into a small jar once per kernel process, so a
 * fork's class path holds only what it runs rather than the whole library. The jar lives in a
 * private temp directory that is removed when the kernel exits (or, after a kill, by the next
 * kernel: {@link TempDirs}).
 */
final class ForkSideJar {
    /** Top-level classes a fork runs; their nested classes come along. They use only the JDK, JMH and each other. */
    static final List<String> CLASSES = List.of(
            "dev.perfkernel.magics.report.EnvironmentProbe",
            "dev.perfkernel.magics.harness.JmhHost",
            "dev.perfkernel.magics.harness.InterleavedForks",
            "dev.perfkernel.magics.alloc.ExactAllocationRunner",
            "dev.perfkernel.magics.alloc.SiteRecorder");

    private static Path jar;

    private ForkSideJar() {
    }

    /** The jar, built on first use; falls back to the whole library when it cannot be built. */
    static synchronized Path get(Path library) {
        if (jar != null && Files.isRegularFile(jar)) return jar;
        try {
            Path dir = TempDirs.create("forkside");
            Path out = dir.resolve("perfkernel-forkside.jar");
            write(library, out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }, "perfkernel-forkside-cleanup"));
            jar = out;
            return out;
        } catch (IOException | RuntimeException e) {
            return library;
        }
    }

    /** Copies the listed classes (and their nested ones) from a classes folder or jar into {@code out}. */
    static void write(Path library, Path out) throws IOException {
        List<String> prefixes = CLASSES.stream().map(c -> c.replace('.', '/')).toList();
        int written = 0;
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(out))) {
            if (Files.isDirectory(library)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(library)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = library.relativize(f).toString().replace('\\', '/');
                    if (!wanted(name, prefixes)) continue;
                    try (InputStream in = Files.newInputStream(f)) {
                        copy(jos, name, in);
                    }
                    written++;
                }
            } else {
                try (JarFile jf = new JarFile(library.toFile())) {
                    List<JarEntry> entries = new ArrayList<>();
                    for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements(); ) entries.add(en.nextElement());
                    for (JarEntry e : entries) {
                        if (!wanted(e.getName(), prefixes)) continue;
                        try (InputStream in = jf.getInputStream(e)) {
                            copy(jos, e.getName(), in);
                        }
                        written++;
                    }
                }
            }
        }
        if (written < CLASSES.size()) throw new IOException("only " + written + " fork-side classes found in " + library);
    }

    static boolean wanted(String entry, List<String> prefixes) {
        for (String p : prefixes) {
            if (entry.equals(p + ".class") || (entry.startsWith(p + "$") && entry.endsWith(".class"))) return true;
        }
        return false;
    }

    private static void copy(JarOutputStream jos, String name, InputStream in) throws IOException {
        jos.putNextEntry(new JarEntry(name));
        in.transferTo((OutputStream) jos);
        jos.closeEntry();
    }
}

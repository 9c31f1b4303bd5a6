package dev.perfkernel.magics.fork;

import dev.perfkernel.magics.api.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds installed JDKs: the kernel's own, {@code JAVA_HOME}, {@code /usr/lib/jvm/*},
 * SDKMAN ({@code ~/.sdkman/candidates/java/*}), IntelliJ's {@code ~/.jdks/*}, {@code /opt/java/*},
 * macOS's {@code /Library/Java/JavaVirtualMachines/}, and the JDKs that build and version tools
 * download: Gradle toolchains ({@code $GRADLE_USER_HOME/jdks}, default {@code ~/.gradle/jdks}),
 * JBang ({@code $JBANG_CACHE_DIR/jdks}, default {@code ~/.jbang/cache/jdks}), asdf
 * ({@code $ASDF_DATA_DIR/installs/java}, default {@code ~/.asdf}) and mise
 * ({@code $MISE_DATA_DIR/installs/java}, default {@code $XDG_DATA_HOME/mise} or
 * {@code ~/.local/share/mise}). Each is identified by its {@code release} file, so a JDK is never
 * started just to learn its version.
 */
public final class Jdks {
    private static volatile List<Jdk> cached;

    private Jdks() {
    }

    /** The JDK the kernel itself runs on. */
    public static Jdk current() {
        Path home = Paths.get(System.getProperty("java.home"));
        return read(home).orElseGet(() -> new Jdk(home, Runtime.version().feature(),
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.runtime.version")));
    }

    /** Every JDK found, the kernel's own first, then by feature version; cached after the first call. */
    public static List<Jdk> installed() {
        List<Jdk> c = cached;
        if (c == null) {
            c = discover(candidateHomes());
            cached = c;
        }
        return c;
    }

    /** Forgets the cached list (after a JDK was installed while the kernel runs). */
    public static void rescan() {
        cached = null;
    }

    /**
     * A JDK by spec: {@code default} (the kernel's own), a feature version such as {@code 17}
     * or {@code 25} (the newest update of that feature), or a path to a JDK home or its
     * {@code bin/java}. Anything else is a usage error that lists what is installed.
     */
    public static Jdk resolve(String spec) throws UsageException {
        return resolve(spec, installed());
    }

    static Jdk resolve(String spec, List<Jdk> installed) throws UsageException {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equals("default") || s.equals("current")) return current();
        if (s.matches("\\d+")) {
            int feature = Integer.parseInt(s);
            Optional<Jdk> best = installed.stream().filter(j -> j.feature() == feature)
                    .max(Comparator.comparing(j -> Runtime.Version.parse(safeVersion(j.version()))));
            if (best.isPresent()) return best.get();
            throw unknown("no JDK " + feature + " is installed", installed);
        }
        Path p = Paths.get(s.startsWith("~") ? System.getProperty("user.home") + s.substring(1) : s);
        if (p.getFileName() != null && p.getFileName().toString().startsWith("java") && Files.isRegularFile(p)
                && p.getParent() != null && p.getParent().getParent() != null) {
            p = p.getParent().getParent();
        }
        Optional<Jdk> jdk = read(p);
        if (jdk.isPresent() && Files.isExecutable(jdk.get().java())) return jdk.get();
        throw unknown("'" + spec + "' is neither a JDK feature version nor a JDK home (no release file and bin/java there)",
                installed);
    }

    private static UsageException unknown(String message, List<Jdk> installed) {
        StringBuilder sb = new StringBuilder("Installed JDKs (use --jvm FEATURE or --jvm PATH):");
        for (Jdk j : installed) sb.append("\n  ").append(j.feature()).append("  ").append(j.vendor())
                .append(' ').append(j.version()).append("  ").append(j.home());
        return new UsageException("--jvm: " + message, sb.toString());
    }

    private static String safeVersion(String v) {
        try {
            Runtime.Version.parse(v);
            return v;
        } catch (IllegalArgumentException e) {
            return v.replaceAll("[^0-9.].*$", "").replaceAll("\\.$", "");
        }
    }

    static List<Path> candidateHomes() {
        return candidateHomes(Paths.get(System.getProperty("java.home")), Paths.get(System.getProperty("user.home")),
                System.getenv(), Paths.get("/"));
    }

    /**
     * Where JDKs may be, in order of preference (the first of duplicates wins).
     *
     * @param root the file system root for the system-wide folders (a temp dir in tests)
     */
    static List<Path> candidateHomes(Path kernelHome, Path userHome, Map<String, String> env, Path root) {
        List<Path> homes = new ArrayList<>();
        homes.add(kernelHome);
        String javaHome = env.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) homes.add(Paths.get(javaHome));
        children(root.resolve("usr/lib/jvm"), homes);
        children(userHome.resolve(".sdkman/candidates/java"), homes);
        children(userHome.resolve(".jdks"), homes);
        children(root.resolve("opt/java"), homes);
        List<Path> mac = new ArrayList<>();
        children(root.resolve("Library/Java/JavaVirtualMachines"), mac);
        for (Path m : mac) homes.add(m.resolve("Contents/Home"));
        // Tool-managed JDKs: a folder per JDK, whose home may sit one level down (archives
        // unpacked as they come) or in Contents/Home (macOS builds).
        nestedHomes(dir(env, "GRADLE_USER_HOME", userHome.resolve(".gradle")).resolve("jdks"), homes);
        nestedHomes(dir(env, "JBANG_CACHE_DIR", userHome.resolve(".jbang/cache")).resolve("jdks"), homes);
        nestedHomes(dir(env, "ASDF_DATA_DIR", userHome.resolve(".asdf")).resolve("installs/java"), homes);
        Path xdgData = dir(env, "XDG_DATA_HOME", userHome.resolve(".local/share"));
        nestedHomes(dir(env, "MISE_DATA_DIR", xdgData.resolve("mise")).resolve("installs/java"), homes);
        return homes;
    }

    private static Path dir(Map<String, String> env, String variable, Path fallback) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? fallback : Paths.get(v);
    }

    private static void children(Path dir, List<Path> into) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(into::add);
        } catch (IOException ignored) {
            // an unreadable folder simply contributes no JDK
        }
    }

    /** Each child of {@code dir} that is a JDK home, or holds one in Contents/Home or one level down. */
    private static void nestedHomes(Path dir, List<Path> into) {
        List<Path> entries = new ArrayList<>();
        children(dir, entries);
        for (Path e : entries) {
            if (Files.isRegularFile(e.resolve("release"))) {
                into.add(e);
            } else if (Files.isRegularFile(e.resolve("Contents/Home/release"))) {
                into.add(e.resolve("Contents/Home"));
            } else {
                List<Path> inner = new ArrayList<>();
                children(e, inner);
                for (Path i : inner) {
                    if (Files.isRegularFile(i.resolve("release"))) into.add(i);
                    else if (Files.isRegularFile(i.resolve("Contents/Home/release"))) into.add(i.resolve("Contents/Home"));
                }
            }
        }
    }

    /** Reads each candidate's release file, dropping duplicates (symlinks) and non-JDKs. */
    static List<Jdk> discover(List<Path> candidates) {
        Map<Path, Jdk> byRealPath = new LinkedHashMap<>();
        for (Path c : candidates) {
            Optional<Jdk> j = read(c);
            if (j.isEmpty() || !Files.isExecutable(j.get().java())) continue;
            Path real;
            try {
                real = c.toRealPath();
            } catch (IOException e) {
                continue;
            }
            byRealPath.putIfAbsent(real, new Jdk(real, j.get().feature(), j.get().version(), j.get().vendor(),
                    j.get().runtimeVersion()));
        }
        List<Jdk> all = new ArrayList<>(byRealPath.values());
        Jdk first = all.isEmpty() ? null : all.get(0);
        all.sort(Comparator.comparingInt(Jdk::feature));
        if (first != null) {
            all.remove(first);
            all.add(0, first);
        }
        return List.copyOf(all);
    }

    /** A JDK described by {@code home/release}, if there is one. */
    public static Optional<Jdk> read(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) return Optional.empty();
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = unquote(p.getProperty("JAVA_VERSION"));
        if (version == null || version.isEmpty()) return Optional.empty();
        int feature = feature(version);
        if (feature <= 0) return Optional.empty();
        String vendor = unquote(p.getProperty("IMPLEMENTOR"));
        String runtime = unquote(p.getProperty("JAVA_RUNTIME_VERSION"));
        return Optional.of(new Jdk(home, feature, version, vendor == null ? "unknown vendor" : vendor,
                runtime == null ? version : runtime));
    }

    /** {@code 1.8.0_392} → 8, {@code 17.0.15} → 17, {@code 25} → 25. */
    static int feature(String version) {
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            if (first == 1 && parts.length > 1) return Integer.parseInt(parts[1]);
            return first;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unquote(String v) {
        if (v == null) return null;
        v = v.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        return v;
    }

    /**
     * The JDKs a measuring magic runs on: the kernel's own when no {@code --jvm} was given, else
     * each spec resolved once (two specs naming one JDK run once). Older than 17 is a usage error.
     */
    public static java.util.List<Jdk> resolveDistinct(java.util.List<String> specs, String magic)
            throws dev.perfkernel.magics.api.UsageException {
        java.util.List<Jdk> out = new java.util.ArrayList<>();
        if (specs.isEmpty()) out.add(current());
        for (String spec : specs) {
            Jdk j = resolve(spec);
            if (out.stream().noneMatch(x -> x.home().equals(j.home()))) out.add(j);
        }
        for (Jdk j : out) {
            if (j.feature() < 17) {
                throw new dev.perfkernel.magics.api.UsageException("%" + magic + ": --jvm " + j.label()
                        + " is older than JDK 17, the oldest perfkernel can fork", null);
            }
        }
        return out;
    }
}

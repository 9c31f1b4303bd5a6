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
 * SDKMAN ({@code ~/.sdkman/candidates/java/*}), IntelliJ's {@code ~/.jdks/*}, and macOS's
 * {@code /Library/Java/JavaVirtualMachines/}. Each is identified by its {@code release} file,
 * so a JDK is never started just to learn its version.
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
        List<Path> homes = new ArrayList<>();
        homes.add(Paths.get(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) homes.add(Paths.get(javaHome));
        String userHome = System.getProperty("user.home");
        children(Paths.get("/usr/lib/jvm"), homes);
        children(Paths.get(userHome, ".sdkman", "candidates", "java"), homes);
        children(Paths.get(userHome, ".jdks"), homes);
        children(Paths.get("/opt/java"), homes);
        List<Path> mac = new ArrayList<>();
        children(Paths.get("/Library/Java/JavaVirtualMachines"), mac);
        for (Path m : mac) homes.add(m.resolve("Contents/Home"));
        return homes;
    }

    private static void children(Path dir, List<Path> into) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(into::add);
        } catch (IOException ignored) {
            // an unreadable folder simply contributes no JDK
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

package dev.perfkernel.magics.report;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Runs inside a forked JVM and writes its {@link Environment} as a properties file. Use it as
 * the fork's main class in front of the real one:
 * {@code java ... dev.perfkernel.magics.report.EnvironmentProbe OUT.properties real.Main args...}
 * (see {@link #wrap}). Only JDK classes are used, so it works on any JDK 17+.
 */
public final class EnvironmentProbe {
    /** System properties we set for housekeeping; they are not the user's flags. */
    static final List<String> HOUSEKEEPING_PREFIXES = List.of("-Djava.io.tmpdir=", "-Dperfkernel.");
    static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";

    private EnvironmentProbe() {
    }

    /** The arguments that make a fork write its environment to {@code out} and then run {@code mainClass}. */
    public static List<String> wrap(Path out, String mainClass, List<String> args) {
        List<String> all = new java.util.ArrayList<>();
        all.add(out.toString());
        all.add(mainClass);
        all.addAll(args);
        return all;
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: EnvironmentProbe OUT.properties [MAIN ARGS...]");
            System.exit(2);
        }
        write(Paths.get(args[0]), "");
        if (args.length >= 2) {
            Class<?> main = Class.forName(args[1], false, EnvironmentProbe.class.getClassLoader());
            Method m = main.getMethod("main", String[].class);
            try {
                m.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Writes this JVM's environment to {@code out}. */
    public static void write(Path out, String jmhVersion) throws IOException {
        Properties p = new Properties();
        p.setProperty("vendor", System.getProperty("java.vendor", ""));
        p.setProperty("version", System.getProperty("java.runtime.version", System.getProperty("java.version", "")));
        p.setProperty("feature", Integer.toString(Runtime.version().feature()));
        p.setProperty("home", System.getProperty("java.home", ""));
        p.setProperty("vm", System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", ""));
        p.setProperty("flags", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> HOUSEKEEPING_PREFIXES.stream().noneMatch(a::startsWith))
                .collect(Collectors.joining("\u001f")));
        p.setProperty("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining("\u001f")));
        p.setProperty("cpu", cpuModel());
        p.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.setProperty("os", System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " "
                + System.getProperty("os.arch", ""));
        p.setProperty("jmh", jmhVersion);
        p.setProperty("perfkernel", perfkernelVersion());
        p.setProperty("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.setProperty("load", Double.toString(loadAverage()));
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            p.store(w, "perfkernel environment probe");
        }
    }

    static String cpuModel() {
        Path info = Paths.get("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (var lines = Files.lines(info)) {
                String model = lines.filter(l -> l.startsWith("model name") || l.startsWith("Model"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
                if (!model.isEmpty()) return model;
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch", "unknown");
    }

    /** The 1-minute load average: /proc/loadavg where available, else the OS MXBean's. */
    public static double loadAverage() {
        Path f = Paths.get("/proc/loadavg");
        if (Files.isReadable(f)) {
            try {
                return Double.parseDouble(Files.readString(f).strip().split("\\s+")[0]);
            } catch (IOException | NumberFormatException ignored) {
                // fall through
            }
        }
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static String perfkernelVersion() {
        String v = EnvironmentProbe.class.getPackage().getImplementationVersion();
        return v == null ? FALLBACK_VERSION : v;
    }
}

package dev.perfkernel.magics.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The machine and JVM a measurement was taken in, captured inside the forked JVM by
 * {@link EnvironmentProbe} (so it describes the measured JVM, not the kernel's).
 *
 * @param jdkVendor   {@code java.vendor}
 * @param jdkVersion  {@code java.runtime.version}
 * @param jdkFeature  the feature release, e.g. 17
 * @param jvmName     {@code java.vm.name} and {@code java.vm.version}
 * @param jvmFlags    the JVM's input arguments as set by the user (our housekeeping flags removed), with the
 *                    kernel's private temp paths shown as {@code <tmp>/…} (see {@link #shownFlag})
 * @param gcNames     the garbage collectors' MXBean names, e.g. {@code G1 Young Generation}
 * @param cpuModel    the CPU model from {@code /proc/cpuinfo}, or {@code os.arch}
 * @param cores       {@code Runtime.availableProcessors()} in the fork
 * @param os          OS name, version and architecture
 * @param jmhVersion  JMH's version, or empty when JMH was not used
 * @param perfkernelVersion this tool's version
 * @param date        ISO-8601 instant the probe ran
 * @param loadAverage the 1-minute load average at start (from {@code /proc/loadavg}), or -1 when unknown
 * @param javaHome    the measured JDK's home directory
 */
public record Environment(String jdkVendor, String jdkVersion, int jdkFeature, String jvmName,
                          List<String> jvmFlags, List<String> gcNames, String cpuModel, int cores, String os,
                          String jmhVersion, String perfkernelVersion, String date, double loadAverage,
                          String javaHome) {

    public Environment {
        jvmFlags = List.copyOf(jvmFlags);
        gcNames = List.copyOf(gcNames);
    }

    /** Reads what {@link EnvironmentProbe} wrote. */
    public static Environment read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return fromProperties(p);
    }

    static Environment fromProperties(Properties p) {
        double load;
        try {
            load = Double.parseDouble(p.getProperty("load", "-1"));
        } catch (NumberFormatException e) {
            load = -1;
        }
        int cores;
        try {
            cores = Integer.parseInt(p.getProperty("cores", "0"));
        } catch (NumberFormatException e) {
            cores = 0;
        }
        int feature;
        try {
            feature = Integer.parseInt(p.getProperty("feature", "0"));
        } catch (NumberFormatException e) {
            feature = 0;
        }
        return new Environment(p.getProperty("vendor", ""), p.getProperty("version", ""), feature,
                p.getProperty("vm", ""), split(p.getProperty("flags", "")).stream().map(f -> shownFlag(f, TEMP_DIR)).toList(),
                split(p.getProperty("gc", "")),
                p.getProperty("cpu", ""), cores, p.getProperty("os", ""), p.getProperty("jmh", ""),
                p.getProperty("perfkernel", EnvironmentProbe.perfkernelVersion()), p.getProperty("date", ""), load,
                p.getProperty("home", ""));
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\u001f"));
    }

    /** A copy with another JMH version (when the host learnt it after the probe ran). */
    public Environment withJmhVersion(String v) {
        return new Environment(jdkVendor, jdkVersion, jdkFeature, jvmName, jvmFlags, gcNames, cpuModel, cores, os, v,
                perfkernelVersion, date, loadAverage, javaHome);
    }

    private static final String TEMP_DIR = System.getProperty("java.io.tmpdir", "");

    /**
     * A flag as a report shows it: paths inside the temp directory (e.g. the JFR settings file our
     * instruments add, in a private per-run folder) become {@code <tmp>/…}, so no machine's private
     * path ends up in a notebook's output.
     */
    static String shownFlag(String flag, String tempDir) {
        String dir = tempDir.endsWith(java.io.File.separator) ? tempDir.substring(0, tempDir.length() - 1) : tempDir;
        if (dir.isEmpty()) return flag;
        return flag.replace(dir + java.io.File.separator, "<tmp>" + java.io.File.separator);
    }

    /** A short JDK label, e.g. {@code JDK 25.0.3+9-LTS (Eclipse Adoptium)}. */
    public String jdkLabel() {
        return "JDK " + jdkVersion + " (" + jdkVendor + ")";
    }

    /** Human-readable rows for an environment table, in reading order. */
    public Map<String, String> toDisplayMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("JDK", jdkVersion + " (" + jdkVendor + ")");
        m.put("JVM", jvmName);
        m.put("JVM flags", jvmFlags.isEmpty() ? "(none)" : String.join(" ", jvmFlags));
        m.put("GC", String.join(", ", gcNames));
        m.put("CPU", cpuModel + " (" + cores + " cores available)");
        m.put("OS", os);
        if (!jmhVersion.isEmpty()) m.put("JMH", jmhVersion);
        m.put("perfkernel", perfkernelVersion);
        m.put("Date", date);
        m.put("Load average at start", loadAverage < 0 ? "unknown" : String.format("%.2f (1 min)", loadAverage));
        return m;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("jdk_vendor", jdkVendor);
        o.addProperty("jdk_version", jdkVersion);
        o.addProperty("jdk_feature", jdkFeature);
        o.addProperty("java_home", javaHome.startsWith("JDK ") ? javaHome : jdkLabel());   // a label, not this machine's path
        o.addProperty("jvm_name", jvmName);
        JsonArray flags = new JsonArray();
        jvmFlags.forEach(flags::add);
        o.add("jvm_flags", flags);
        JsonArray gcs = new JsonArray();
        gcNames.forEach(gcs::add);
        o.add("gc", gcs);
        o.addProperty("cpu_model", cpuModel);
        o.addProperty("cores", cores);
        o.addProperty("os", os);
        o.addProperty("jmh_version", jmhVersion);
        o.addProperty("perfkernel_version", perfkernelVersion);
        o.addProperty("date", date);
        o.addProperty("load_average", loadAverage);
        return o;
    }

    public static Environment fromJson(JsonObject o) {
        List<String> flags = o.has("jvm_flags") ? o.getAsJsonArray("jvm_flags").asList().stream()
                .map(e -> e.getAsString()).toList() : List.of();
        List<String> gcs = o.has("gc") ? o.getAsJsonArray("gc").asList().stream().map(e -> e.getAsString()).toList()
                : List.of();
        return new Environment(str(o, "jdk_vendor"), str(o, "jdk_version"),
                o.has("jdk_feature") ? o.get("jdk_feature").getAsInt() : 0, str(o, "jvm_name"), flags, gcs,
                str(o, "cpu_model"), o.has("cores") ? o.get("cores").getAsInt() : 0, str(o, "os"),
                str(o, "jmh_version"), str(o, "perfkernel_version"), str(o, "date"),
                o.has("load_average") ? o.get("load_average").getAsDouble() : -1, str(o, "java_home"));
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : "";
    }
}

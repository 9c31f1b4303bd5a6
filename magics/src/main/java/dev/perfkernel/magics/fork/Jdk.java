package dev.perfkernel.magics.fork;

import java.nio.file.Path;

/**
 * An installed JDK (or JRE) a measuring magic can fork.
 *
 * @param home        the installation directory (holds {@code bin/java} and {@code release})
 * @param feature     the feature release, e.g. 17 or 25
 * @param version     the full version, e.g. {@code 17.0.15}
 * @param vendor      the implementor from the {@code release} file, e.g. {@code Eclipse Adoptium}
 * @param runtimeVersion the runtime version string, e.g. {@code 25.0.3+9-LTS} (may equal {@code version})
 */
public record Jdk(Path home, int feature, String version, String vendor, String runtimeVersion) {

    /** The {@code java} launcher of this JDK. */
    public Path java() {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
    }

    /** A short label for tables and messages, e.g. {@code JDK 25 (Eclipse Adoptium 25.0.3)}. */
    public String label() {
        return "JDK " + feature + " (" + vendor + " " + version + ")";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    @Override
    public String toString() {
        return label() + " at " + home;
    }
}

package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.fork.Jdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * objdump's {@code -m} machine for the forked JVM's architecture. The fork's {@code os.arch} is
 * read from its JDK's {@code release} file ({@code OS_ARCH}), so no JVM is started to learn it;
 * a JDK without one runs on the kernel's machine, whose {@code os.arch} is used instead.
 */
public final class ObjdumpArch {
    /** JVM {@code os.arch} names (and the release file's) to binutils machine names. */
    private static final Map<String, String> MACHINES = Map.of(
            "x86_64", "i386:x86-64", "amd64", "i386:x86-64",
            "aarch64", "aarch64", "arm64", "aarch64",
            "x86", "i386", "i386", "i386", "i686", "i386",
            "riscv64", "riscv:rv64",
            "s390x", "s390:64-bit",
            "ppc64le", "powerpc:common64");

    private ObjdumpArch() {
    }

    /**
     * The machine for the JDK's architecture; a clear error when there is none, or when the
     * installed objdump was built without it (Debian's binutils knows the host's only).
     */
    public static String machineFor(Jdk jdk) throws MagicException {
        String arch = osArch(jdk.home());
        String machine = machineFor(arch);
        List<String> supported = supportedMachines("objdump");
        if (!supported.isEmpty() && !supported.contains(machine)) {
            throw new MagicException("UnsupportedArchitecture", "this objdump cannot decode " + arch + " code (machine "
                    + machine + "); it knows " + String.join(" ", supported), List.of(
                    "Install binutils-multiarch (Debian/Ubuntu) or binutils built for " + arch + ", or an hsdis plug-in."));
        }
        return machine;
    }

    /** The machines {@code objdump --help} lists; empty when it cannot be asked (decoding then reports why). */
    static List<String> supportedMachines(String objdump) {
        try {
            Process p = new ProcessBuilder(objdump, "--help").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            for (String line : out.split("\n")) {
                int at = line.indexOf("supported architectures:");
                if (at >= 0) return List.of(line.substring(at + "supported architectures:".length()).strip().split("\\s+"));
            }
            return List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static String machineFor(String osArch) throws MagicException {
        String machine = MACHINES.get(osArch.toLowerCase(Locale.ROOT));
        if (machine == null) {
            throw new MagicException("UnsupportedArchitecture", "%disasm cannot decode machine code of the "
                    + osArch + " architecture with objdump", List.of(
                    "Supported: x86_64 (amd64), aarch64 (arm64), x86, riscv64, s390x, ppc64le.",
                    "Install an hsdis plug-in for this JDK: the JVM then prints the instructions itself."));
        }
        return machine;
    }

    /** {@code OS_ARCH} of {@code home/release}, else the kernel's {@code os.arch}. */
    static String osArch(Path home) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
                p.load(r);
                String arch = p.getProperty("OS_ARCH");
                if (arch != null) {
                    arch = arch.strip().replace("\"", "");
                    if (!arch.isEmpty()) return arch;
                }
            } catch (IOException | IllegalArgumentException ignored) {
                // fall back to the kernel's architecture: forks run on this machine
            }
        }
        return System.getProperty("os.arch", "unknown");
    }
}

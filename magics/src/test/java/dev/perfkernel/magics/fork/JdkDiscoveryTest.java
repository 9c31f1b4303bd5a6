package dev.perfkernel.magics.fork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Where JDKs are looked for, on a fake file system: a temp root and a temp user home. */
class JdkDiscoveryTest {
    @TempDir
    Path root;

    private Path home() throws Exception {
        return Files.createDirectories(root.resolve("home/user"));
    }

    @Test
    void findsJdksOfGradleJbangAsdfAndMise() throws Exception {
        Path home = home();
        Path kernel = fakeJdk(root.resolve("kernel-jdk"), "17.0.9", "Kernel");
        Path gradleFlat = fakeJdk(home.resolve(".gradle/jdks/eclipse_adoptium-21-amd64-linux"), "21.0.2", "Eclipse Adoptium");
        // Older Gradle keeps the archive's top folder: the home is one level down.
        Path gradleNested = fakeJdk(home.resolve(".gradle/jdks/azul_zulu-11-amd64-linux/zulu11.64-ca-jdk11.0.19"), "11.0.19", "Azul");
        Path jbang = fakeJdk(home.resolve(".jbang/cache/jdks/22"), "22.0.1", "JBang Temurin");
        Path asdf = fakeJdk(home.resolve(".asdf/installs/java/temurin-23.0.1+11"), "23.0.1", "asdf Temurin");
        Path mise = fakeJdk(home.resolve(".local/share/mise/installs/java/24.0.1"), "24.0.1", "mise OpenJDK");
        // mise's version aliases are symlinks to the same JDK: found once.
        Files.createSymbolicLink(home.resolve(".local/share/mise/installs/java/24"), mise);
        // A macOS build in a tool's folder.
        Path mac = fakeJdk(home.resolve(".jbang/cache/jdks/25/Contents/Home"), "25", "JBang macOS");
        // Not JDKs: an empty folder and a stray file.
        Files.createDirectories(home.resolve(".asdf/installs/java/broken"));
        Files.writeString(home.resolve(".gradle/jdks/.lock"), "");

        List<Jdk> found = Jdks.discover(Jdks.candidateHomes(kernel, home, Map.of(), root));
        assertEquals(List.of(kernel, gradleNested, gradleFlat, jbang, asdf, mise, mac).stream().map(JdkDiscoveryTest::real).toList(),
                found.stream().map(Jdk::home).toList(), "the kernel's JDK first, then by feature version");
        assertEquals("Eclipse Adoptium", found.stream().filter(j -> j.feature() == 21).findFirst().orElseThrow().vendor());
    }

    @Test
    void environmentVariablesMoveTheToolFolders() throws Exception {
        Path home = home();
        Path kernel = fakeJdk(root.resolve("kernel-jdk"), "17.0.9", "Kernel");
        Path gradle = fakeJdk(root.resolve("gh/jdks/jdk-21"), "21", "g");
        Path jbang = fakeJdk(root.resolve("jb/jdks/22"), "22", "j");
        Path asdf = fakeJdk(root.resolve("asdf/installs/java/23"), "23", "a");
        Path mise = fakeJdk(root.resolve("xdg/mise/installs/java/24"), "24", "m");
        Path ignored = fakeJdk(home.resolve(".gradle/jdks/jdk-20"), "20", "default location, overridden");
        Map<String, String> env = Map.of("GRADLE_USER_HOME", root.resolve("gh").toString(),
                "JBANG_CACHE_DIR", root.resolve("jb").toString(), "ASDF_DATA_DIR", root.resolve("asdf").toString(),
                "XDG_DATA_HOME", root.resolve("xdg").toString());
        List<Path> homes = Jdks.discover(Jdks.candidateHomes(kernel, home, env, root)).stream().map(Jdk::home).toList();
        assertEquals(List.of(kernel, gradle, jbang, asdf, mise).stream().map(JdkDiscoveryTest::real).toList(), homes);
        assertFalse(homes.contains(real(ignored)));

        Path miseOwn = fakeJdk(root.resolve("mise-data/installs/java/25"), "25", "m2");
        homes = Jdks.discover(Jdks.candidateHomes(kernel, home, Map.of("MISE_DATA_DIR", root.resolve("mise-data").toString()),
                root)).stream().map(Jdk::home).toList();
        assertTrue(homes.contains(real(miseOwn)), homes.toString());
    }

    @Test
    void theExistingPlacesStillCount() throws Exception {
        Path home = home();
        Path kernel = fakeJdk(root.resolve("kernel-jdk"), "17.0.9", "Kernel");
        Path javaHome = fakeJdk(root.resolve("custom/jdk"), "19", "JAVA_HOME");
        Path debian = fakeJdk(root.resolve("usr/lib/jvm/java-21-openjdk-amd64"), "21.0.5", "Debian");
        Path sdkman = fakeJdk(home.resolve(".sdkman/candidates/java/22.0.2-tem"), "22.0.2", "SDKMAN");
        Path intellij = fakeJdk(home.resolve(".jdks/corretto-23"), "23", "IntelliJ");
        Path opt = fakeJdk(root.resolve("opt/java/jdk-24"), "24", "opt");
        Path macos = fakeJdk(root.resolve("Library/Java/JavaVirtualMachines/jdk-25.jdk/Contents/Home"), "25", "macOS");
        List<Path> homes = Jdks.discover(Jdks.candidateHomes(kernel, home, Map.of("JAVA_HOME", javaHome.toString()), root))
                .stream().map(Jdk::home).toList();
        assertEquals(List.of(kernel, javaHome, debian, sdkman, intellij, opt, macos).stream().map(JdkDiscoveryTest::real).toList(),
                homes);
    }

    @Test
    void aReleaseFileWithoutAnExecutableJavaIsNoJdk() throws Exception {
        Path home = home();
        Path kernel = fakeJdk(root.resolve("kernel-jdk"), "17.0.9", "Kernel");
        Path noJava = fakeJdk(home.resolve(".jbang/cache/jdks/21"), "21", "no java");
        Files.delete(noJava.resolve("bin/java"));
        assertEquals(List.of(real(kernel)),
                Jdks.discover(Jdks.candidateHomes(kernel, home, Map.of(), root)).stream().map(Jdk::home).toList());
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDK home as discovery sees one: a release file and an executable bin/java. */
    static Path fakeJdk(Path home, String version, String vendor) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}

package dev.perfkernel.magics.fork;

import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JdksTest {
    @Test
    void readsReleaseFilesAndResolvesFeatureVersionsAndPaths(@TempDir Path tmp) throws Exception {
        Path a = fakeJdk(tmp.resolve("a"), "17.0.9", "Debian");
        Path b = fakeJdk(tmp.resolve("b"), "17.0.15", "Debian");
        Path c = fakeJdk(tmp.resolve("c"), "25.0.3", "Eclipse Adoptium");
        Files.createDirectories(tmp.resolve("not-a-jdk"));
        List<Jdk> all = Jdks.discover(List.of(a, b, c, tmp.resolve("not-a-jdk"), c));
        assertEquals(3, all.size());
        assertEquals("17.0.15", Jdks.resolve("17", all).version(), "newest update of a feature wins");
        assertEquals(25, Jdks.resolve("25", all).feature());
        assertEquals("Eclipse Adoptium", Jdks.resolve(c.toString(), all).vendor());
        assertEquals(25, Jdks.resolve(c.resolve("bin/java").toString(), all).feature());
        UsageException e = assertThrows(UsageException.class, () -> Jdks.resolve("11", all));
        assertTrue(e.getMessage().contains("no JDK 11"), e.getMessage());
        assertTrue(String.join("\n", e.details()).contains("25.0.3"), e.details().toString());
        assertThrows(UsageException.class, () -> Jdks.resolve("/nowhere", all));
    }

    @Test
    void featureOfOldAndNewVersionStrings() {
        assertEquals(8, Jdks.feature("1.8.0_392"));
        assertEquals(17, Jdks.feature("17.0.15"));
        assertEquals(25, Jdks.feature("25"));
    }

    @Test
    void findsTheRunningJdk() {
        Jdk cur = Jdks.current();
        assertEquals(Runtime.version().feature(), cur.feature());
        assertTrue(Files.isExecutable(cur.java()));
        assertTrue(Jdks.installed().stream().anyMatch(j -> j.feature() == cur.feature()));
    }

    private static Path fakeJdk(Path home, String version, String vendor) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.createFile(home.resolve("bin/java"));
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}

package dev.perfkernel.kernel.maven;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolves against Maven Central into the user's local repository (as %maven does). */
class MavenResolverTest {

    private final MavenResolver resolver = new MavenResolver(false, null);

    @Test
    void singleJar() throws Exception {
        List<Path> files = resolver.resolve(List.of("org.apache.commons:commons-lang3:3.14.0"));
        assertEquals(1, files.size(), files.toString());
        Path jar = files.get(0);
        assertEquals("commons-lang3-3.14.0.jar", jar.getFileName().toString());
        assertTrue(Files.isRegularFile(jar) && Files.size(jar) > 100_000, jar.toString());
    }

    @Test
    void transitiveDependencies() throws Exception {
        List<ResolvedArtifact> artifacts = resolver.resolveArtifacts(List.of("org.apache.commons:commons-text:1.12.0"));
        assertEquals("org.apache.commons:commons-text:1.12.0", artifacts.get(0).coordinate());
        assertTrue(artifacts.get(0).direct());
        ResolvedArtifact lang = artifacts.stream().filter(a -> a.coordinate().startsWith("org.apache.commons:commons-lang3:"))
                .findFirst().orElseThrow(() -> new AssertionError("commons-lang3 missing from " + artifacts));
        assertFalse(lang.direct());
        assertTrue(Files.isRegularFile(lang.file()));
        // Test-scope dependencies of commons-text (JUnit etc.) are not part of the runtime classpath.
        assertTrue(artifacts.stream().noneMatch(a -> a.coordinate().contains("junit")), artifacts.toString());
    }

    @Test
    void severalCoordinatesAreMergedWithoutDuplicates() throws Exception {
        List<Path> files = resolver.resolve(List.of("org.apache.commons:commons-text:1.12.0", "org.apache.commons:commons-lang3:3.14.0"));
        assertEquals(files.stream().distinct().count(), files.size(), files.toString());
        assertEquals(2, files.stream().filter(p -> p.getFileName().toString().startsWith("commons-")).count(), files.toString());
    }

    @Test
    void badCoordinateIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> resolver.resolve(List.of("commons-lang3-3.14.0.jar")));
        assertTrue(e.getMessage().contains("bad Maven coordinate 'commons-lang3-3.14.0.jar'"), e.getMessage());
        assertThrows(UsageException.class, () -> resolver.resolve(List.of()));
    }

    @Test
    void missingArtifactIsNamed() {
        MagicException e = assertThrows(MagicException.class,
                () -> resolver.resolve(List.of("dev.perfkernel.nonexistent:no-such-artifact:9.9.9")));
        assertEquals("MavenError", e.errorName());
        assertTrue(e.getMessage().startsWith("could not resolve dev.perfkernel.nonexistent:no-such-artifact:9.9.9"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-artifact"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void offlineUsesOnlyTheLocalRepository(@TempDir Path emptyRepository) {
        MavenResolver offline = new MavenResolver(true, emptyRepository);
        MagicException e = assertThrows(MagicException.class,
                () -> offline.resolve(List.of("org.apache.commons:commons-lang3:3.14.0")));
        assertTrue(e.getMessage().contains("offline") && e.getMessage().contains(MavenResolver.OFFLINE_ENV), e.getMessage());
        try (var files = Files.walk(emptyRepository)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".jar")), "nothing was downloaded");
        } catch (java.io.IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void offlineSwitchFromEnvironment() {
        assertFalse(MavenResolver.offlineFromEnvironment(null));
        assertFalse(MavenResolver.offlineFromEnvironment(""));
        assertFalse(MavenResolver.offlineFromEnvironment("false"));
        assertFalse(MavenResolver.offlineFromEnvironment("0"));
        assertTrue(MavenResolver.offlineFromEnvironment("1"));
        assertTrue(MavenResolver.offlineFromEnvironment("true"));
    }

    @Test
    void downloadsAreReportedAndCancelStops(@TempDir Path freshRepository) throws Exception {
        // A fresh local repository forces a real download of one small jar (~20 kB).
        MavenResolver fresh = new MavenResolver(false, freshRepository);
        List<String> messages = new java.util.ArrayList<>();
        List<Path> files = fresh.resolveArtifacts(List.of("org.apiguardian:apiguardian-api:1.1.2"), messages::add,
                new dev.perfkernel.magics.api.CancelToken()).stream().map(ResolvedArtifact::file).toList();
        assertTrue(files.get(0).startsWith(freshRepository), files.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Downloaded ") && m.contains("apiguardian-api-1.1.2.jar")
                && m.endsWith("from central")), messages.toString());

        dev.perfkernel.magics.api.CancelToken cancelled = new dev.perfkernel.magics.api.CancelToken();
        cancelled.cancel();
        assertThrows(dev.perfkernel.magics.api.CancelToken.CancelledException.class, () -> new MavenResolver(false, freshRepository)
                .resolveArtifacts(List.of("org.opentest4j:opentest4j:1.3.0"), m -> { }, cancelled));
    }
}

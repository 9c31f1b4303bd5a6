package dev.perfkernel.magics.report;

import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EnvironmentProbeTest {
    @Test
    void probesTheForkedJvmNotTheKernel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("env.properties");
        ForkResult r = ForkedJvm.builder(Jdks.current()).jvmFlags(List.of("-Xmx64m", "-XX:+UseSerialGC",
                        "-Djava.io.tmpdir=" + dir)).classpathEntry(Classpaths.magics())
                .mainClass(EnvironmentProbe.class.getName()).args(List.of(out.toString()))
                .timeLimit(Duration.ofSeconds(30)).run().orThrow("the probe");
        assertTrue(r.ok());
        Environment e = Environment.read(out);
        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC"), e.jvmFlags(), "housekeeping flags are not the user's");
        assertTrue(e.gcNames().contains("Copy"), e.gcNames().toString());
        assertEquals(Runtime.version().feature(), e.jdkFeature());
        assertTrue(e.cores() >= 1);
        assertFalse(e.cpuModel().isBlank());
        assertFalse(e.date().isBlank());
        assertEquals(e.toJson(), Environment.fromJson(e.toJson()).toJson());
        assertTrue(e.toJson().get("java_home").getAsString().startsWith("JDK "), "a label, not a path: " + e.toJson());
        assertTrue(e.toDisplayMap().get("JVM flags").contains("-XX:+UseSerialGC"));
    }

    @Test
    void privateTempPathsInFlagsBecomeAPlaceholder() {
        String sep = java.io.File.separator;
        String tmp = sep + "tmp";
        assertEquals("-XX:StartFlightRecording=settings=<tmp>" + sep + "perfkernel-1" + sep + "alloc.jfc,filename=<tmp>"
                        + sep + "perfkernel-1" + sep,
                Environment.shownFlag("-XX:StartFlightRecording=settings=" + tmp + sep + "perfkernel-1" + sep + "alloc.jfc,filename="
                        + tmp + sep + "perfkernel-1" + sep, tmp + sep));
        assertEquals("-Xmx64m", Environment.shownFlag("-Xmx64m", tmp));
        assertEquals("-Dx=" + sep + "tmpfoo", Environment.shownFlag("-Dx=" + sep + "tmpfoo", tmp), "only paths inside the folder");
    }
}

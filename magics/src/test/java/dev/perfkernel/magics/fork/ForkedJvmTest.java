package dev.perfkernel.magics.fork;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class ForkedJvmTest {
    private static ForkedJvm.Builder fork(Class<?> main) {
        return ForkedJvm.builder(Jdks.current()).jvmFlag("-Xmx32m").jvmFlag("-XX:TieredStopAtLevel=1")
                .classpathEntry(Classpaths.of(ForkMains.class)).mainClass(main.getName())
                .environment("X", "1").timeLimit(Duration.ofSeconds(30));
    }

    @Test
    void capturesOutputLinesAndExitCodeInAPrivateDirectoryThatIsDeleted() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ForkResult r = fork(ForkMains.Echo.class).args(List.of("3", "a b", "c")).onLine(lines::add).run();
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertTrue(lines.contains("arg=a b"), lines.toString());
        assertTrue(lines.contains("to stderr"), lines.toString());
        assertTrue(lines.contains("tool=null"), "JAVA_TOOL_OPTIONS must not be inherited: " + lines);
        String cwd = lines.stream().filter(l -> l.startsWith("cwd=")).findFirst().orElseThrow().substring(4);
        assertTrue(cwd.contains("perfkernel-fork-"), cwd);
        assertFalse(Files.exists(Path.of(cwd)), "the private working directory must be deleted");
        MagicException e = assertThrows(MagicException.class, () -> r.orThrow("the echo"));
        assertEquals("ForkFailed", e.errorName());
        assertTrue(e.getMessage().contains("code 3"), e.getMessage());
        assertTrue(e.details().stream().anyMatch(d -> d.contains("arg=c")), e.details().toString());
    }

    @Test
    void timeLimitKillsTheForkAndReportsItsLastOutput() throws Exception {
        ForkResult r = fork(ForkMains.Sleeper.class).timeLimit(Duration.ofSeconds(2)).run();
        assertTrue(r.timedOut());
        MagicException e = assertThrows(MagicException.class, () -> r.orThrow("the sleeper"));
        assertEquals("ForkTimedOut", e.errorName());
        assertTrue(e.details().stream().anyMatch(d -> d.contains("sleeping")));
    }

    @Test
    void cancelKillsTheWholeTreeWithinTwoSeconds() throws Exception {
        CancelToken token = new CancelToken();
        AtomicLong child = new AtomicLong();
        AtomicLong cancelledAt = new AtomicLong();
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
        try {
            ForkResult r = fork(ForkMains.Parent.class).cancel(token).onLine(l -> {
                if (l.startsWith("child=")) {
                    child.set(Long.parseLong(l.substring(6)));
                    ex.schedule(() -> {
                        cancelledAt.set(System.nanoTime());
                        token.cancel();
                    }, 300, TimeUnit.MILLISECONDS);
                }
            }).run();
            long took = System.nanoTime() - cancelledAt.get();
            assertTrue(r.cancelled());
            assertTrue(took < TimeUnit.SECONDS.toNanos(2), "took " + took / 1e6 + " ms");
            assertTrue(child.get() > 0);
            assertTrue(ProcessChecks.goneWithin(child.get(), Duration.ofMillis(2000) .minusNanos(took)),
                    "the grandchild JVM must be gone within 2 s of the cancel");
            assertThrows(CancelToken.CancelledException.class, () -> r.orThrow("the parent"));
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void floodingOutputIsBounded() throws Exception {
        ForkResult r = fork(ForkMains.Flood.class).tailChars(10_000).run();
        assertTrue(r.ok());
        assertTrue(r.output().length() <= 10_000);
        assertTrue(r.droppedChars() > 1_000_000, "dropped " + r.droppedChars());
        assertEquals("the end", r.lastLines(1).get(0));
    }

    @Test
    void aStartedForkReadsWhatItIsSentAndOneClosedUnawaitedIsKilled(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ForkedJvm.Running r = fork(ForkMains.Waiter.class).workingDirectory(dir).onLine(lines::add).build().start()) {
            r.send("go");
            ForkResult res = r.await();
            assertTrue(res.ok(), res.output());
            assertTrue(lines.contains("got=go"), lines.toString());
        }
        AtomicLong pid = new AtomicLong();
        ForkedJvm.Running waiting = fork(ForkMains.Waiter.class).workingDirectory(dir).onLine(l -> {
            if (l.startsWith("pid=")) pid.set(Long.parseLong(l.substring(4)));
        }).build().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pid.get() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(pid.get() > 0, "the fork started");
        waiting.close();
        assertTrue(ProcessChecks.goneWithin(pid.get(), Duration.ofSeconds(2)), "closing a fork that was never awaited kills it");
    }
}

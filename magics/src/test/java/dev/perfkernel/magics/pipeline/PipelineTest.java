package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.compile.CompilationError;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.harness.DriverSource;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.testing.RecordingContext;
import dev.perfkernel.magics.testing.TestSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PipelineTest {
    private static final SessionSource SESSION = TestSessions.ofCells("public static int twice(int x) { return 2 * x; }");

    @Test
    void anUnchangedCellIsCompiledOnceAndAChangedOneAgain(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SESSION, dir);
        Path first;
        try (Pipeline p = Pipeline.open("test", ctx, 3)) {
            first = p.compile(Pipeline.Harness.of(DriverSource.generate("Pc1", p.session(), "twice(4)", 2, 3)), 17).classes();
        }
        try (Pipeline p = Pipeline.open("test", ctx, 4)) {
            Pipeline.Compiled again = p.compile(Pipeline.Harness.of(DriverSource.generate("Pc1", p.session(), "twice(4)", 2, 4)), 17);
            assertEquals(first, again.classes(), "same inputs: the cached classes");
            assertEquals(4, again.sources().get(0).lineMap().cellLine(again.sources().get(0).text().lines().toList()
                    .indexOf("twice(4);") + 1).orElseThrow().executionCount(), "lines map to the cell that runs now");
            Path changed = p.compile(Pipeline.Harness.of(DriverSource.generate("Pc1", p.session(), "twice(5)", 2, 4)), 17).classes();
            assertNotEquals(first, changed);
        }
        assertTrue(Files.isRegularFile(first.resolve("perfkernel/harness/Pc1.class")), "the cache outlives a cell");
    }

    @Test
    void theRetryFormIsCompiledOnceWhenTheFirstFailsAsAskedAndForksSeeTheirRunDirectory(@TempDir Path dir) throws Exception {
        RecordingContext ctx = new RecordingContext(SESSION, dir);
        try (Pipeline p = Pipeline.open("test", ctx, 5)) {
            var bad = DriverSource.generate("Pc2", p.session(), "int y = ;", 2, 5);
            var good = DriverSource.generate("Pc2", p.session(), "int y = twice(1);", 2, 5);
            int[] retries = {0};
            Pipeline.Harness h = new Pipeline.Harness(List.of(bad), false, e -> e.diagnostics().get(0).line() == 2,
                    () -> { retries[0]++; return List.of(good); });
            Pipeline.Compiled c = p.compile(h, 17);
            assertTrue(c.retried());
            assertEquals(1, retries[0]);
            assertSame(good, c.sources().get(0));
            var other = DriverSource.generate("Pc2", p.session(), "int z = ;", 2, 5);
            Pipeline.Harness never = new Pipeline.Harness(List.of(other), false, e -> false, List::of);
            assertThrows(CompilationError.class, () -> p.compile(never, 17));

            Instrument marker = runDir -> List.of("-Dperfkernel.test.rundir=" + runDir);
            Pipeline.Forked f = p.fork(Jdks.current(), c, Pipeline.ForkPlan.driver("perfkernel.harness.Pc2",
                    Duration.ofMillis(50), List.of("-Xmx64m"), Duration.ofSeconds(60), true), null, marker);
            assertTrue(f.result().ok(), f.result().output());
            assertEquals(List.of("-Dperfkernel.test.rundir=" + f.runDir(), "-Xmx64m"), f.flags(),
                    "instruments' flags first, the plan's (the user's) last so they win");
            assertNotNull(f.environment(), "the probe recorded the environment");
            assertTrue(f.result().output().contains("perfkernel-driver-calls"), f.result().output());
        }
    }

    @Test
    void theClassesDirectoryIsKnownBeforeJavacAndClosingThePipelineKillsForksStillWaiting(@TempDir Path dir)
            throws Exception {
        RecordingContext ctx = new RecordingContext(SESSION, dir);
        try (Pipeline p = Pipeline.open("test", ctx, 6)) {
            Path[] told = {null};
            boolean[] emptyThen = {false};
            Pipeline.Compiled c = p.compile(Pipeline.Harness.of(DriverSource.generate("Pc6", p.session(), "twice(6)", 2, 6)),
                    17, d -> {
                        told[0] = d;
                        try (var files = Files.list(d)) {
                            emptyThen[0] = files.findAny().isEmpty();
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    });
            assertEquals(c.classes(), told[0], "the directory a JVM was started with is where the classes are");
            assertTrue(emptyThen[0], "told before javac wrote anything");
            Path[] again = {null};
            p.compile(Pipeline.Harness.of(DriverSource.generate("Pc6", p.session(), "twice(6)", 2, 6)), 17, d -> again[0] = d);
            assertEquals(c.classes(), again[0], "a cached compile tells the cached directory");
        }
        Pipeline.Starting waiting;
        long pid;
        try (Pipeline p = Pipeline.open("test", ctx, 7)) {
            Pipeline.Compiled c = p.compile(Pipeline.Harness.of(DriverSource.generate("Pc7", p.session(), "twice(7)", 2, 7)), 17);
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
            waiting = p.start(Jdks.current(), c.classes(), new Pipeline.ForkPlan(
                    dev.perfkernel.magics.fork.ForkMains.Waiter.class.getName(), List.of(), List.of("-Xmx32m"),
                    List.of(dev.perfkernel.magics.compile.Classpaths.of(dev.perfkernel.magics.fork.ForkMains.class)),
                    false, Duration.ofSeconds(60), 4096), l -> {
                        if (l.startsWith("pid=")) seen.set(Long.parseLong(l.substring(4)));
                    });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.get() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            pid = seen.get();
            assertTrue(pid > 0, "the fork started and waits for its stdin");
        }
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < end) Thread.sleep(20);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no fork outlives its cell");
        assertNotNull(waiting);
    }
}

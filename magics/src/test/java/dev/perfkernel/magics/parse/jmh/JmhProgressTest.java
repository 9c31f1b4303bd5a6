package dev.perfkernel.magics.parse.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class JmhProgressTest {
    @Test
    void followsJmhsHumanOutput() {
        JmhProgress p = new JmhProgress();
        String[] lines = {
                "# JMH version: 1.37",
                "# Warmup: 5 iterations, 1 s each",
                "# Measurement: 5 iterations, 1 s each",
                "# Benchmark: perfkernel.bench.CellBenchmark.sum",
                "# Parameters: (n = 100)",
                "# Run progress: 33.33% complete, ETA 00:00:12",
                "# Fork: 2 of 3",
                "# Warmup Iteration   1: 15.873 ns/op",
                "Iteration   3: 12.345 ns/op",
                "                 gc.alloc.rate:      0.001 MB/sec"};
        boolean changed = false;
        for (String l : lines) changed |= p.accept(l);
        assertTrue(changed);
        JmhProgress.State s = p.snapshot();
        assertEquals("perfkernel.bench.CellBenchmark.sum", s.benchmark());
        assertEquals("n=100", s.params());
        assertEquals(2, s.fork());
        assertEquals(3, s.forks());
        assertFalse(s.warmup());
        assertEquals(3, s.iteration());
        assertEquals(5, s.iterations());
        assertEquals("12.345 ns/op", s.lastScore());
        assertEquals("sum (n=100) · fork 2/3 · iteration 3/5 · 12.345 ns/op · 33% done · ETA 00:00:12", s.describe());
        assertFalse(p.accept("random noise"));
    }

    @Test
    void interleavedRoundsCountAsForksAndScaleProgressToTheWholeRun() {
        JmhProgress p = new JmhProgress();
        p.accept("# perfkernel: round 1 of 3, part 1 of 6: perfkernel.bench.CellBenchmark.a");
        p.accept("# Run progress: 0.00% complete, ETA 00:00:10");
        p.accept("# Benchmark: perfkernel.bench.CellBenchmark.a");
        p.accept("# Fork: 1 of 1");
        assertEquals(1, p.snapshot().fork());
        assertEquals(3, p.snapshot().forks());
        assertEquals(0, p.snapshot().percent(), 1e-9);
        assertEquals("00:01:00", p.snapshot().eta(), "six parts of ten seconds");
        p.accept("# perfkernel: round 2 of 3, part 4 of 6: perfkernel.bench.CellBenchmark.a");
        p.accept("# Run progress: 50.00% complete, ETA 00:00:05");
        p.accept("# Benchmark: perfkernel.bench.CellBenchmark.a");
        p.accept("# Fork: 1 of 1");
        p.accept("Iteration   1: 12.345 ns/op");
        JmhProgress.State s = p.snapshot();
        assertEquals(2, s.fork());
        assertEquals(3, s.forks());
        assertEquals(3.5 / 6 * 100, s.percent(), 1e-9);
        assertEquals("a · fork 2/3 · iteration 1 · 12.345 ns/op · 58% done · ETA 00:00:25", s.describe());
        // the empty benchmark's reference after the rounds reports JMH's own progress again
        p.accept("# perfkernel: measuring an empty benchmark for reference");
        p.accept("# Run progress: 50.00% complete, ETA 00:00:01");
        assertEquals(50, p.snapshot().percent(), 1e-9);
        assertEquals("00:00:01", p.snapshot().eta());
    }
}

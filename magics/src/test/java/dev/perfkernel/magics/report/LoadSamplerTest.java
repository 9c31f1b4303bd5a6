package dev.perfkernel.magics.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

class LoadSamplerTest {

    @Test
    void parsesProcFiles() {
        String stat = "cpu  100 5 50 1000 20 3 2 7 0 0\ncpu0 50 2 25 500 10 1 1 3 0 0\nintr 1\n";
        LoadSampler.CpuTimes c = LoadSampler.CpuTimes.parse(stat).orElseThrow();
        assertEquals(160, c.busy());
        assertEquals(1187, c.total());
        assertEquals(7, c.steal());
        // a command name with spaces and a parenthesis must not shift the fields
        String pid = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 321 45 0 0 20 0 30 0 100 0 0";
        assertEquals(366, LoadSampler.processTicks(pid));
        assertEquals(17, LoadSampler.involuntarySwitches("Name:\tjava\nvoluntary_ctxt_switches:\t99\n"
                + "nonvoluntary_ctxt_switches:\t17\n"));
        assertEquals(0, LoadSampler.involuntarySwitches("Name:\tjava\n"));
    }

    /** A watched run: 20 samples over 10 s on 2 cores. */
    static LoadSampler.Load sampled(double othersCores, double steal, double preemptions, double startLoad) {
        return new LoadSampler.Load(true, 10, 20, 2, othersCores, othersCores * 1.5, steal, preemptions, startLoad,
                startLoad);
    }

    /** A run on a system without /proc: only the load average at start is known. */
    static LoadSampler.Load unwatched(double startLoad) {
        return new LoadSampler.Load(false, 0, 0, 2, 0, 0, 0, 0, Double.NaN, startLoad);
    }

    @Test
    void quietNumbersGiveNoWarningAndBusyOnesDo() {
        assertTrue(sampled(0.05, 0, 5, 0.2).warnings().isEmpty());
        List<Warning> busy = sampled(0.9, 0.05, 900, 0.2).warnings();
        assertEquals(3, busy.size());
        assertTrue(busy.stream().allMatch(w -> w.kind().equals(Warning.LOADED_MACHINE)), busy.toString());
        assertTrue(busy.get(0).message().contains("during the run"), busy.toString());
        assertTrue(new LoadSampler.Load(true, 0.3, 0, 2, 0, 0, 0, 0, Double.NaN, 3).warnings().isEmpty(),
                "watched but shorter than one interval: nothing to judge, and the start load is no evidence");
    }

    /**
     * Back-to-back cells on an idle 2-core machine start at a load average of about 1.1 (the previous
     * cell's own forks): with quiet samples that must not warn. The start load average warns only
     * where nothing could be sampled.
     */
    @Test
    void theSampledLoadDecidesAndTheStartLoadAverageIsOnlyAFallback() {
        assertTrue(sampled(0.02, 0, 10, 1.1).warnings().isEmpty(), "quiet run after a busy start");
        assertTrue(sampled(0.02, 0, 10, 8.0).warnings().isEmpty(), "even a very high start load is only information");
        assertTrue(sampled(0.02, 0, 320, 0.5).warnings().isEmpty(),
                "an idle machine, a single-shot fork's own threads preempting each other: not load");
        assertEquals(1, sampled(0.2, 0, 320, 0.5).warnings().size(), "preempted while others ran");

        List<Warning> busy = sampled(0.8, 0, 10, 0.0).warnings();
        assertEquals(1, busy.size(), "others used 0.8 cores during a run that started idle: " + busy);
        assertTrue(busy.get(0).message().contains("0.80 of 2 cores"), busy.get(0).message());

        List<Warning> fallback = unwatched(1.1).warnings();
        assertEquals(1, fallback.size(), "no /proc: the load average at start is all there is");
        assertEquals(Warning.LOADED_MACHINE, fallback.get(0).kind());
        assertTrue(fallback.get(0).message().contains("when the run started (load average 1.10 on 2 cores"),
                fallback.get(0).message());
        assertTrue(unwatched(0.9).warnings().isEmpty(), "0.45 per core is under the limit");
        assertTrue(unwatched(-1).warnings().isEmpty(), "unknown load average");
    }

    /** Real /proc: CPU burnt outside the watched tree (here: this JVM, watching a child) shows as disturbance. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void cpuUsedOutsideTheWatchedTreeIsSeenDuringTheRun() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread burner = new Thread(() -> {
            long x = 0;
            while (spin.get()) x += System.nanoTime() % 7;
            if (x == 42) System.out.print("");
        });
        try (LoadSampler s = LoadSampler.start(sleeper.toHandle(), Duration.ofMillis(100))) {
            burner.start();
            Thread.sleep(1500);
            spin.set(false);
            burner.join(5000);
            LoadSampler.Load load = s.stop();
            assertTrue(load.samples() >= 5, load.toString());
            assertTrue(load.othersCoresMean() > 0.3, "one spinning thread is most of a core: " + load);
            assertTrue(load.watched());
            assertFalse(load.warnings().isEmpty());
            assertTrue(load.warnings().get(0).message().contains("during the run"), load.warnings().toString());
        } finally {
            spin.set(false);
            sleeper.destroy();
            sleeper.waitFor();
        }
    }
}

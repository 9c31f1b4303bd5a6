package dev.perfkernel.magics.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
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

    @Test
    void quietNumbersGiveNoWarningAndBusyOnesDo() {
        assertTrue(new LoadSampler.Load(10, 20, 2, 0.05, 0.2, 0, 5, 1.0).warnings().isEmpty());
        assertEquals(3, new LoadSampler.Load(10, 20, 2, 0.9, 1.5, 0.05, 900, 3).warnings().size());
        assertTrue(new LoadSampler.Load(0, 0, 2, 0, 0, 0, 0, Double.NaN).warnings().isEmpty(), "nothing sampled");
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
            assertFalse(load.warnings().isEmpty());
            assertTrue(load.warnings().get(0).message().contains("during the run"), load.warnings().toString());
        } finally {
            spin.set(false);
            sleeper.destroy();
            sleeper.waitFor();
        }
    }
}

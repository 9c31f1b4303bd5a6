package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.BenchOptionParser;
import dev.perfkernel.magics.stats.ForkComparison;
import dev.perfkernel.magics.stats.ForkSimulation;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The default fork and iteration counts meet the targets on simulated runs whose fork medians
 * spread by 6% (a strong fork effect; iteration noise 1%): identical code is called different in
 * at most ~5% of runs, and a 10% difference is found with the right sign in at least 80%. The
 * same targets on a real machine are measured by bench/aa_power.
 */
class DefaultSettingsPowerTest {
    static final ForkSimulation DEFAULTS = new ForkSimulation(0.06, 0.01, BenchOptionParser.DEFAULT_FORKS,
            BenchOptionParser.DEFAULT_ITERATIONS);
    static final int RUNS = 2000;

    @Test
    void defaultsHoldTheFalsePositiveRateAndFindATenPercentDifference() {
        SplittableRandom rnd = new SplittableRandom(10);
        int aa = 0;
        int found = 0;
        for (int k = 0; k < RUNS; k++) {
            if (ForkComparison.of(DEFAULTS.run(rnd, 1000), DEFAULTS.run(rnd, 1000)).significant()) aa++;
            ForkComparison c = ForkComparison.of(DEFAULTS.run(rnd, 1000), DEFAULTS.run(rnd, 1100));
            if (c.significant() && c.ratio() > 1) found++;
        }
        assertTrue(aa <= 0.065 * RUNS, "A/A false-positive rate " + aa / (double) RUNS);
        assertTrue(found >= 0.8 * RUNS, "power " + found / (double) RUNS);
    }

    @Test
    void quickPresetCannotSupportAConclusionAndSaysSo() throws Exception {
        BenchOptions q = new BenchOptionParser(BenchHelp.help()).parse(java.util.List.of("--quick"), false);
        ForkSimulation quick = new ForkSimulation(0.06, 0.01, q.forks(), q.iterations());
        SplittableRandom rnd = new SplittableRandom(11);
        ForkComparison c = ForkComparison.of(quick.run(rnd, 1000), quick.run(rnd, 2000));
        assertEquals(ForkComparison.Status.TOO_FEW_FORKS, c.status());
    }
}

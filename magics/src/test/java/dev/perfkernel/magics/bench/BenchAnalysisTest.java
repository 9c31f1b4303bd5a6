package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.BenchOptionParser;
import dev.perfkernel.magics.pipeline.Budget;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.render.XYChart;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.LoadSampler;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.stats.ForkComparison;
import dev.perfkernel.magics.parse.jmh.JmhMetric;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Analysis and rendering of recorded JMH results (src/test/resources/jmh), no forks. */
class BenchAnalysisTest {
    private final BenchOptionParser parser = new BenchOptionParser(BenchHelp.help());

    static List<BenchRow> rows(String fixture, String jdk, int feature) throws Exception {
        Path p = Path.of(BenchAnalysisTest.class.getResource("/jmh/" + fixture).toURI());
        List<BenchRow> out = new ArrayList<>();
        for (JmhResult r : JmhJsonParser.parse(p)) out.add(new BenchRow(jdk, feature, r));
        return out;
    }

    static Environment env(double load, int cores) {
        return new Environment("Debian", "17.0.15", 17, "OpenJDK", List.of(), List.of("G1"), "CPU", cores, "Linux",
                "1.37", "0.1", "2026-01-01T00:00:00Z", load, "/jdk");
    }

    @Test
    void comparesWithTheFirstBenchmarkOfTheSameParamsAndRendersBytesPerOp() throws Exception {
        BenchOptions o = parser.parse(List.of("-prof", "gc", "-f", "1", "-i", "3"), false);
        List<BenchRow> rows = rows("jdk17/params-gc.json", "JDK 17", 17);
        BenchReport r = BenchAnalysis.analyse(o, rows, List.of(), List.of(env(0.1, 8)), Map.of(), List.of(), "[]");
        assertEquals(3, r.comparisons().size(), "sum(n) against alloc(n) for each n");
        for (BenchReport.Compared c : r.comparisons()) {
            assertEquals("alloc", c.against());
            assertEquals(c.candidate().params(), c.baseline().params());
            assertEquals(ForkComparison.Status.TOO_FEW_FORKS, c.comparison().status(), "one fork per side");
            assertFalse(c.comparison().hasInterval());
        }
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind().equals(Warning.FEW_SAMPLES)));
        assertTrue(r.warnings().stream().noneMatch(w -> w.kind().equals(Warning.LOADED_MACHINE)));
        String table = BenchRenderer.table(r).toText();
        assertTrue(table.contains("B/op"), table);
        assertTrue(table.contains("1016"), table);
        assertTrue(table.contains("(baseline)"), table);
        assertTrue(BenchRenderer.summary(r).contains("1016 B allocated per op"));
        assertTrue(table.contains("too few forks (1+1)"), table);
        assertTrue(table.contains("no test"), table);
        assertTrue(BenchRenderer.chart(r) instanceof XYChart, "a numeric @Param with 3 values is a sweep");
        JsonObject json = BenchJson.report(r);
        assertEquals(6, json.getAsJsonArray("benchmarks").size());
        assertEquals(3, json.getAsJsonArray("benchmarks").get(0).getAsJsonObject().getAsJsonArray("samples").size());
        assertTrue(json.getAsJsonArray("comparisons").get(0).getAsJsonObject().has("status"));
        JsonObject fit = json.getAsJsonArray("complexity").get(0).getAsJsonObject();
        assertEquals("n", fit.get("param").getAsString());
        assertTrue(fit.has("status") && fit.has("models") && fit.has("rms_rel_error"), fit.toString());
        assertTrue(BenchRenderer.summary(r).contains(" over n: "), BenchRenderer.summary(r));
    }

    @Test
    void baselineOptionAndBudgetsAndMachineLoad() throws Exception {
        BenchOptions o = parser.parse(List.of("--baseline", "sum", "--budget", "alloc == 0", "--budget",
                "sum: score < 1 s/op"), false);
        List<BenchRow> rows = rows("jdk25/params-gc.json", "JDK 25", 25);
        BenchReport r = BenchAnalysis.analyse(o, rows, List.of(), List.of(env(5, 2)), Map.of(), List.of(), "[]");
        assertTrue(r.comparisons().stream().allMatch(c -> c.against().equals("sum")));
        assertEquals(9, r.budgets().size(), "alloc == 0 on 6 rows, the sum budget on 3");
        assertEquals(3, r.budgets().stream().filter(b -> !b.passed()).count(), "byte[1000] allocates");
        assertTrue(r.budgetsMissed());
        assertTrue(r.warnings().stream().noneMatch(w -> w.kind().equals(Warning.LOADED_MACHINE)),
                "a load average of 5 at start is information (the environment), not a warning: " + r.warnings());
        assertThrows(UsageException.class, () -> BenchAnalysis.analyse(parser.parse(List.of("--baseline", "nope"),
                false), rows, List.of(), List.of(), Map.of(), List.of(), "[]"));
        assertThrows(UsageException.class, () -> BenchAnalysis.analyse(parser.parse(List.of("--budget",
                "score.x < 1"), false), rows, List.of(), List.of(), Map.of(), List.of(), "[]"));
    }

    /** The loaded-machine warning is what the load sampler saw during the run, whatever the start load. */
    @Test
    void theLoadSampledDuringTheRunDecidesTheLoadedMachineWarning() throws Exception {
        BenchOptions o = parser.parse(List.of(), false);
        List<BenchRow> rows = rows("jdk17/params-gc.json", "JDK 17", 17);
        List<Environment> busyAtStart = List.of(env(1.1, 2));
        LoadSampler.Load quiet = new LoadSampler.Load(true, 30, 60, 2, 0.03, 0.1, 0, 20, 1.2, 1.1);
        BenchReport r = BenchAnalysis.analyse(o, rows, List.of(), busyAtStart, Map.of(), quiet.warnings(), "[]");
        assertTrue(r.warnings().stream().noneMatch(w -> w.kind().equals(Warning.LOADED_MACHINE)), r.warnings().toString());
        assertEquals(1.1, r.environments().get(0).loadAverage(), "still reported as information");

        LoadSampler.Load busy = new LoadSampler.Load(true, 30, 60, 2, 0.9, 1.4, 0, 20, 1.9, 0.1);
        r = BenchAnalysis.analyse(o, rows, List.of(), List.of(env(0.1, 2)), Map.of(), busy.warnings(), "[]");
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind().equals(Warning.LOADED_MACHINE)
                && w.message().contains("during the run")), r.warnings().toString());

        LoadSampler.Load noProc = new LoadSampler.Load(false, 0, 0, 2, 0, 0, 0, 0, Double.NaN, 1.1);
        r = BenchAnalysis.analyse(o, rows, List.of(), busyAtStart, Map.of(), noProc.warnings(), "[]");
        assertEquals(1, r.warnings().stream().filter(w -> w.kind().equals(Warning.LOADED_MACHINE)
                && w.message().contains("when the run started")).count(), r.warnings().toString());
    }

    @Test
    void severalJdksCompareWithTheFirstAndSavedRunsWin() throws Exception {
        BenchOptions o = parser.parse(List.of(), false);
        List<BenchRow> both = new ArrayList<>(rows("jdk17/params-gc.json", "JDK 17", 17));
        both.addAll(rows("jdk25/params-gc.json", "JDK 25", 25));
        BenchReport r = BenchAnalysis.analyse(o, both, List.of(), List.of(), Map.of(), List.of(), "[]");
        assertEquals(6, r.comparisons().size());
        assertTrue(r.comparisons().stream().allMatch(c -> c.against().equals("JDK 17")
                && c.candidate().jdk().equals("JDK 25") && c.candidate().sameCase(c.baseline())));
        assertTrue(BenchRenderer.table(r).toText().contains("JDK 25"));
        BenchReport vsSaved = BenchAnalysis.analyse(o, rows("jdk25/params-gc.json", "JDK 25", 25),
                rows("jdk17/params-gc.json", "JDK 17", 17), List.of(), Map.of(), List.of(), "[]");
        assertEquals(6, vsSaved.comparisons().size());
        assertTrue(vsSaved.comparisons().stream().allMatch(c -> c.against().equals("saved run")));
    }

    @Test
    void nearEmptyRuleByMode() {
        assertTrue(BenchAnalysis.nearEmpty("avgt", 0.6, 0.4));
        assertFalse(BenchAnalysis.nearEmpty("avgt", 3.0, 0.4));
        assertTrue(BenchAnalysis.nearEmpty("thrpt", 2e9, 2.5e9));
        assertFalse(BenchAnalysis.nearEmpty("thrpt", 1e8, 2.5e9));
        assertFalse(BenchAnalysis.nearEmpty("ss", 1, 1));
    }

    @Test
    void nonFiniteNumbersBecomeJsonNull() {
        JsonObject o = new JsonObject();
        o.addProperty("error", Double.NaN);
        o.addProperty("score", 1.5);
        JsonObject f = (JsonObject) BenchJson.finite(o);
        assertTrue(f.get("error").isJsonNull());
        assertEquals(1.5, f.get("score").getAsDouble());
        assertFalse(f.toString().contains("NaN"));
    }

    @Test
    void ratioBudgetsUseTheTablesMedianRatioAndSkipTheBaseline() throws Exception {
        List<BenchRow> rows = rows("jdk17/params-gc.json", "JDK 17", 17);
        BenchOptions o = parser.parse(List.of("-prof", "gc", "--budget", "sum: ratio < 1000", "--budget", "ratio > 1000"), false);
        BenchReport r = BenchAnalysis.analyse(o, rows, List.of(), List.of(env(0.1, 8)), Map.of(), List.of(), "[]");
        List<Budget.Outcome> named = r.budgets().stream().filter(b -> b.budget().benchmark() != null).toList();
        assertEquals(3, named.size(), "one outcome per compared sum(n) row");
        for (int i = 0; i < 3; i++) {
            BenchReport.Compared c = r.comparisons().get(i);
            Budget.Outcome out = named.get(i);
            assertEquals(c.comparison().ratio(), out.value(), 1e-12);
            assertEquals(out.value() < 1000, out.passed());
            assertTrue(out.row().endsWith("vs alloc"), out.row());
        }
        assertEquals(3, r.budgets().size() - named.size(), "the unnamed budget skips the baseline rows");
        BenchOptions orphan = parser.parse(List.of("--budget", "alloc: ratio < 2"), false);
        assertThrows(UsageException.class, () -> BenchAnalysis.analyse(orphan, rows, List.of(), List.of(env(0.1, 8)),
                Map.of(), List.of(), "[]"), "the baseline has nothing to be a ratio of");
    }

    /** A row with the given per-fork iteration scores in ns/op. */
    static BenchRow synthetic(String name, double... forkLevels) {
        List<List<Double>> perFork = new ArrayList<>();
        for (double l : forkLevels) perFork.add(List.of(l * 0.99, l, l * 1.01));
        double mean = java.util.Arrays.stream(forkLevels).average().orElse(0);
        JmhResult r = new JmhResult("1.37", "perfkernel.bench.CellBenchmark." + name, "avgt", 1, forkLevels.length,
                "/jdk/bin/java", List.of(), "17.0.15", "OpenJDK 64-Bit Server VM", "17.0.15+6", 3, "1 s", 3, "1 s",
                Map.of(), new JmhMetric(mean, 0.01 * mean, "ns/op", perFork), Map.of());
        return new BenchRow("JDK 17", 17, r);
    }

    @Test
    void severalForksGiveAForkAwareIntervalInTheTableJsonAndRatioBudgets() throws Exception {
        List<BenchRow> rows = List.of(synthetic("base", 100, 104, 97, 101, 99, 103),
                synthetic("fast", 80, 83, 78, 81, 79, 82), synthetic("same", 101, 98, 104, 100, 97, 102));
        BenchOptions o = parser.parse(List.of("--budget", "fast: ratio < 0.9", "--budget", "same: ratio < 1.01"), false);
        BenchReport r = BenchAnalysis.analyse(o, new ArrayList<>(rows), List.of(), List.of(env(0.1, 8)), Map.of(),
                List.of(), "[]");
        ForkComparison fast = r.comparisons().get(0).comparison();
        ForkComparison same = r.comparisons().get(1).comparison();
        assertEquals(ForkComparison.Status.DIFFERENT, fast.status());
        assertTrue(fast.high() < 0.9 && fast.low() > 0.7, fast.toString());
        assertEquals(ForkComparison.Status.SAME, same.status());
        String table = BenchRenderer.table(r).toText();
        assertTrue(table.contains("95% CI"), table);
        assertTrue(table.contains("~"), table);
        assertTrue(table.contains("[0."), table);
        Budget.Outcome fastBudget = r.budgets().get(0);
        assertTrue(fastBudget.passed() && !fastBudget.marginal(), fastBudget.describe());
        Budget.Outcome sameBudget = r.budgets().get(1);
        assertTrue(sameBudget.marginal(), "the interval straddles 1.01: " + sameBudget.describe());
        assertTrue(sameBudget.describe().contains("["), sameBudget.describe());
        JsonObject c = BenchJson.report(r).getAsJsonArray("comparisons").get(0).getAsJsonObject();
        assertEquals(6, c.get("forks_baseline").getAsInt());
        assertTrue(c.get("ci_high").getAsDouble() < 0.9);
        assertEquals("different", c.get("status").getAsString());
    }

    @Test
    void nearEmptyRule() {
        assertTrue(BenchAnalysis.nearEmpty("avgt", 0.5, 0.4), "as fast as an empty body: eliminated");
        assertFalse(BenchAnalysis.nearEmpty("avgt", 5.0, 0.4), "ten times an empty body: real work");
        assertFalse(BenchAnalysis.nearEmpty("avgt", 1.65, 1.09), "popcount's real ~1 ns of work on the build machine");
        assertTrue(BenchAnalysis.nearEmpty("thrpt", 2.0e9, 2.5e9), "throughput: near the empty body's");
        assertFalse(BenchAnalysis.nearEmpty("thrpt", 1.0e8, 2.5e9));
        assertFalse(BenchAnalysis.nearEmpty("ss", 0.1, 0.1), "single shot times are timer overhead");
    }
}

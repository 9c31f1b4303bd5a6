package dev.perfkernel.magics.stats;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recomputes JMH's own figures from its per-iteration raw data, on real JMH 1.37 JSON recorded on
 * this machine with JDK 17 and JDK 25 (2 forks × 5 iterations, avgt). Our mean, error (99.9% CI
 * half-width) and percentiles must equal what JMH printed.
 */
class JmhAgreementTest {

    private static JsonArray load(String name) throws Exception {
        try (InputStream in = JmhAgreementTest.class.getResourceAsStream("/stats/jmh/" + name)) {
            assertNotNull(in, name);
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonArray();
        }
    }

    private static double[] raw(JsonObject primary) {
        List<Double> v = new ArrayList<>();
        for (JsonElement fork : primary.getAsJsonArray("rawData")) {
            for (JsonElement x : fork.getAsJsonArray()) v.add(x.getAsDouble());
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum-avgt-jdk17.json", "sum-avgt-jdk25.json"})
    void summaryReproducesJmhScoreErrorAndPercentiles(String file) throws Exception {
        JsonArray results = load(file);
        assertEquals(2, results.size());
        for (JsonElement r : results) {
            JsonObject pm = r.getAsJsonObject().getAsJsonObject("primaryMetric");
            double[] samples = raw(pm);
            assertEquals(10, samples.length);
            Summary s = Summary.of(samples);
            double score = pm.get("score").getAsDouble();
            assertEquals(score, s.mean(), Math.abs(score) * 1e-12);
            assertEquals(pm.get("scoreError").getAsDouble(), s.error(), pm.get("scoreError").getAsDouble() * 1e-9);
            JsonArray ci = pm.getAsJsonArray("scoreConfidence");
            double[] mine = s.confidenceInterval(Summary.JMH_CONFIDENCE);
            assertEquals(ci.get(0).getAsDouble(), mine[0], Math.abs(score) * 1e-9);
            assertEquals(ci.get(1).getAsDouble(), mine[1], Math.abs(score) * 1e-9);
            JsonObject pct = pm.getAsJsonObject("scorePercentiles");
            assertEquals(pct.get("0.0").getAsDouble(), s.min(), 0);
            assertEquals(pct.get("50.0").getAsDouble(), s.p50(), Math.abs(score) * 1e-12);
            assertEquals(pct.get("90.0").getAsDouble(), s.p90(), Math.abs(score) * 1e-12);
            assertEquals(pct.get("99.0").getAsDouble(), s.p99(), Math.abs(score) * 1e-12);
            assertEquals(pct.get("95.0").getAsDouble(), Summary.quantile(samples, 0.95), Math.abs(score) * 1e-12);
            assertEquals(pct.get("100.0").getAsDouble(), s.max(), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum-avgt-jdk17.json", "sum-avgt-jdk25.json"})
    void summingHundredTimesMoreIntsIsSignificantlySlower(String file) throws Exception {
        JsonArray results = load(file);
        double[] sum10 = raw(results.get(0).getAsJsonObject().getAsJsonObject("primaryMetric"));
        double[] sum1000 = raw(results.get(1).getAsJsonObject().getAsJsonObject("primaryMetric"));
        Comparison c = Comparison.of(sum10, sum1000);
        assertTrue(c.ratio() > 20, "ratio " + c.ratio());
        assertTrue(c.test().exact());
        assertEquals(2.0 / 184756, c.pValue(), 1e-12, "10 + 10 completely separated");
        assertTrue(c.significant());
        assertEquals(Comparison.Verdict.WORSE, c.verdict(Comparison.Direction.forUnit("ns/op")));
    }
}

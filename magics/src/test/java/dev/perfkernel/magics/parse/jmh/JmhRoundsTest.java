package dev.perfkernel.magics.parse.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JmhRoundsTest {

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of(JmhRoundsTest.class.getResource("/jmh/" + name).toURI()));
    }

    @Test
    void roundsOfOneForkMergeIntoOneResultWithEveryFork() throws Exception {
        String one = fixture("jdk17/params-gc.json");
        // a second round with every value 10% higher
        JsonArray shifted = JsonParser.parseString(one).getAsJsonArray();
        for (var e : shifted) {
            JsonObject pm = e.getAsJsonObject().getAsJsonObject("primaryMetric");
            JsonArray raw = new JsonArray();
            for (var fork : pm.getAsJsonArray("rawData")) {
                JsonArray f = new JsonArray();
                fork.getAsJsonArray().forEach(v -> f.add(v.getAsDouble() * 1.1));
                raw.add(f);
            }
            pm.add("rawData", raw);
        }
        String merged = JmhRounds.merge(List.of(one, shifted.toString(), one));
        List<JmhResult> before = JmhJsonParser.parse(one, "one");
        List<JmhResult> after = JmhJsonParser.parse(merged, "merged");
        assertEquals(before.size(), after.size(), "one entry per benchmark and params, in the same order");
        for (int i = 0; i < after.size(); i++) {
            JmhResult b = before.get(i);
            JmhResult a = after.get(i);
            assertEquals(b.benchmark(), a.benchmark());
            assertEquals(b.params(), a.params());
            assertEquals(3, a.forks());
            assertEquals(3, a.primary().perFork().size());
            assertEquals(b.primary().perFork().get(0), a.primary().perFork().get(0));
            double mean = java.util.Arrays.stream(a.primary().samples()).average().orElseThrow();
            assertEquals(mean, a.primary().score(), 1e-9 * mean);
            assertEquals(b.primary().score() * 3.1 / 3, a.primary().score(), 1e-6 * mean);
            assertTrue(Double.isFinite(a.primary().error()));
            assertEquals(b.secondary().keySet(), a.secondary().keySet());
        }
    }

    @Test
    void sampleModeHistogramsMergeToo() throws Exception {
        String one = fixture("jdk17/sample.json");
        String merged = JmhRounds.merge(List.of(one, one));
        JmhResult a = JmhJsonParser.parse(merged, "merged").get(0);
        JmhResult b = JmhJsonParser.parse(one, "one").get(0);
        assertEquals(2 * b.forks(), a.forks());
        assertEquals(b.primary().score(), a.primary().score(), 1e-6 * b.primary().score(), "same data, same mean");
    }
}

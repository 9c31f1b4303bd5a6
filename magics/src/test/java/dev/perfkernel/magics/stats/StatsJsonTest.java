package dev.perfkernel.magics.stats;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StatsJsonTest {

    @Test
    void comparisonJsonIsWritableAndComplete() {
        Comparison c = Comparison.of(new double[] {0, 0, 0}, new double[] {24, 24, 24});
        JsonObject o = StatsJson.comparison(c);
        String json = assertDoesNotThrow(() -> new Gson().toJson(o));
        assertFalse(o.has("ratio"), "infinite ratio is left out, not written as Infinity");
        assertEquals(3, o.get("n_baseline").getAsInt());
        assertEquals(c.pValue(), o.get("p_value").getAsDouble(), 0);
        assertFalse(o.get("exact").getAsBoolean());
        assertEquals(24, o.getAsJsonObject("candidate").get("median").getAsDouble());
        assertTrue(o.getAsJsonArray("warnings").size() >= 1, json);   // 3+3 is too few for p < 0.05 exactly
    }

    @Test
    void summaryOfOneSampleHasNoError() {
        JsonObject o = StatsJson.summary(Summary.of(5));
        assertEquals(1, o.get("n").getAsInt());
        assertFalse(o.has("error"));
        assertEquals(5, o.get("p99").getAsDouble());
    }

    @Test
    void complexityJson() {
        double[] n = {10, 100, 1000, 10000};
        double[] t = {25, 205, 2005, 20005};
        JsonObject o = StatsJson.complexity(ComplexityFit.fit(n, t));
        assertEquals("O(n)", o.get("complexity").getAsString());
        assertEquals(2, o.get("model_b").getAsDouble(), 1e-6);
    }
}

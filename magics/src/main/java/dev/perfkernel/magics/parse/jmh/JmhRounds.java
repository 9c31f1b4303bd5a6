package dev.perfkernel.magics.parse.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the JSON results of several JMH runs of the same benchmarks, one fork each, into one JMH
 * JSON result as if JMH had run all forks itself: for every benchmark and parameter combination the
 * forks' {@code rawData} (and {@code rawDataHistogram}) are concatenated and the score, its 99.9%
 * error and percentiles recomputed the way JMH computes them.
 *
 * <p>Why: JMH runs all forks of one benchmark before the next, so a change of machine load during a
 * cell is confounded with the benchmark. Running rounds of one fork per benchmark (a, b, a, b...)
 * and merging them spreads any drift over both sides; the fork-aware comparison reads the merged
 * per-fork data unchanged.
 */
public final class JmhRounds {
    private static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    private JmhRounds() {
    }

    /** Merges JMH JSON result arrays (one per round) into one array, in first-seen order. */
    public static String merge(List<String> rounds) {
        Map<String, JsonObject> merged = new LinkedHashMap<>();
        for (String round : rounds) {
            for (JsonElement e : JsonParser.parseString(round).getAsJsonArray()) {
                JsonObject r = e.getAsJsonObject();
                String key = r.get("benchmark").getAsString() + "|" + r.get("mode").getAsString() + "|"
                        + (r.has("params") ? r.get("params").toString() : "");
                JsonObject into = merged.get(key);
                if (into == null) {
                    merged.put(key, r.deepCopy());
                } else {
                    into.addProperty("forks", into.get("forks").getAsInt() + r.get("forks").getAsInt());
                    append(into.getAsJsonObject("primaryMetric"), r.getAsJsonObject("primaryMetric"));
                    JsonObject sec = into.getAsJsonObject("secondaryMetrics");
                    JsonObject other = r.getAsJsonObject("secondaryMetrics");
                    if (sec != null && other != null) {
                        for (String name : other.keySet()) {
                            if (sec.has(name)) append(sec.getAsJsonObject(name), other.getAsJsonObject(name));
                            else sec.add(name, other.get(name).deepCopy());
                        }
                    }
                }
            }
        }
        JsonArray out = new JsonArray();
        for (JsonObject r : merged.values()) {
            recompute(r.getAsJsonObject("primaryMetric"));
            JsonObject sec = r.getAsJsonObject("secondaryMetrics");
            if (sec != null) for (String name : sec.keySet()) recompute(sec.getAsJsonObject(name));
            out.add(r);
        }
        return out.toString();
    }

    private static void append(JsonObject into, JsonObject from) {
        for (String k : List.of("rawData", "rawDataHistogram")) {
            if (into.has(k) && from.has(k)) from.getAsJsonArray(k).forEach(x -> into.getAsJsonArray(k).add(x.deepCopy()));
        }
    }

    /** Score = mean over all iterations of all forks; error = 99.9% Student's t half-width, as JMH. */
    private static void recompute(JsonObject metric) {
        if (!metric.has("rawData") && metric.has("rawDataHistogram")) {
            recomputeHistogram(metric);
            return;
        }
        if (!metric.has("rawData")) return;
        List<Double> all = new ArrayList<>();
        for (JsonElement fork : metric.getAsJsonArray("rawData")) {
            for (JsonElement v : fork.getAsJsonArray()) all.add(v.getAsDouble());
        }
        if (all.isEmpty()) return;
        Summary s = Summary.of(all);
        metric.addProperty("score", s.mean());
        if (Double.isFinite(s.error())) metric.addProperty("scoreError", s.error());
        else metric.addProperty("scoreError", "NaN");
        JsonArray conf = new JsonArray();
        conf.add(Double.isFinite(s.error()) ? s.mean() - s.error() : Double.NaN);
        conf.add(Double.isFinite(s.error()) ? s.mean() + s.error() : Double.NaN);
        if (Double.isFinite(s.error())) metric.add("scoreConfidence", conf);
        if (metric.has("scorePercentiles") && !metric.has("rawDataHistogram")) {
            double[] x = all.stream().mapToDouble(Double::doubleValue).toArray();
            JsonObject p = new JsonObject();
            for (double q : PERCENTILES) p.addProperty(label(q), Summary.quantile(x, q / 100));
            metric.add("scorePercentiles", p);
        }
    }

    /** Sample mode: rawDataHistogram is [fork][iteration][[value, count]...]; the score is the weighted mean. */
    private static void recomputeHistogram(JsonObject metric) {
        List<double[]> pairs = new ArrayList<>();
        for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
            for (JsonElement it : fork.getAsJsonArray()) {
                for (JsonElement vc : it.getAsJsonArray()) {
                    JsonArray a = vc.getAsJsonArray();
                    pairs.add(new double[] {a.get(0).getAsDouble(), a.get(1).getAsDouble()});
                }
            }
        }
        if (pairs.isEmpty()) return;
        double[] values = pairs.stream().mapToDouble(x -> x[0]).toArray();
        long[] counts = pairs.stream().mapToLong(x -> (long) x[1]).toArray();
        Summary s = Summary.ofWeighted(values, counts);
        metric.addProperty("score", s.mean());
        if (Double.isFinite(s.error())) metric.addProperty("scoreError", s.error());
    }

    private static String label(double q) {
        return q == Math.rint(q) ? String.format(java.util.Locale.ROOT, "%.1f", q) : Double.toString(q);
    }
}

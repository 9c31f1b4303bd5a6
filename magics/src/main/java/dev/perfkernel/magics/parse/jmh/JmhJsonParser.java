package dev.perfkernel.magics.parse.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.MagicException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's JSON result format ({@code -rf json}) into {@link JmhResult}s. */
public final class JmhJsonParser {
    private JmhJsonParser() {
    }

    public static List<JmhResult> parse(Path file) throws MagicException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("BadResult", "cannot read JMH's result " + file + ": " + e.getMessage(), List.of());
        }
        return parse(text, file.toString());
    }

    public static List<JmhResult> parse(String json, String what) throws MagicException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new MagicException("BadResult", what + " is not JSON: " + e.getMessage(), List.of());
        }
        if (!root.isJsonArray()) throw new MagicException("BadResult", what + " is not a JMH result array", List.of());
        return parse(root.getAsJsonArray(), what);
    }

    public static List<JmhResult> parse(JsonArray array, String what) throws MagicException {
        List<JmhResult> out = new ArrayList<>();
        for (JsonElement e : array) {
            try {
                out.add(result(e.getAsJsonObject()));
            } catch (RuntimeException ex) {
                throw new MagicException("BadResult", what + " has an entry JMH would not write: " + ex.getMessage(),
                        List.of());
            }
        }
        return out;
    }

    static JmhResult result(JsonObject o) {
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params")) o.getAsJsonObject("params").entrySet().forEach(en -> params.put(en.getKey(),
                en.getValue().getAsString()));
        Map<String, JmhMetric> secondary = new LinkedHashMap<>();
        if (o.has("secondaryMetrics")) o.getAsJsonObject("secondaryMetrics").entrySet().forEach(en ->
                secondary.put(en.getKey(), metric(en.getValue().getAsJsonObject())));
        List<String> jvmArgs = new ArrayList<>();
        if (o.has("jvmArgs")) o.getAsJsonArray("jvmArgs").forEach(a -> jvmArgs.add(a.getAsString()));
        return new JmhResult(str(o, "jmhVersion"), required(o, "benchmark"), required(o, "mode"), integer(o, "threads"),
                integer(o, "forks"), str(o, "jvm"), jvmArgs, str(o, "jdkVersion"), str(o, "vmName"),
                str(o, "vmVersion"), integer(o, "warmupIterations"), str(o, "warmupTime"),
                integer(o, "measurementIterations"), str(o, "measurementTime"), params,
                metric(o.getAsJsonObject("primaryMetric")), secondary);
    }

    static JmhMetric metric(JsonObject m) {
        if (m == null) throw new IllegalArgumentException("no primaryMetric");
        List<List<Double>> perFork = new ArrayList<>();
        if (m.has("rawData")) {
            for (JsonElement fork : m.getAsJsonArray("rawData")) {
                List<Double> it = new ArrayList<>();
                for (JsonElement v : fork.getAsJsonArray()) it.add(number(v));
                perFork.add(it);
            }
        } else if (m.has("rawDataHistogram")) {
            // sample mode: [fork][iteration][[value, count], ...] -> each iteration's mean
            for (JsonElement fork : m.getAsJsonArray("rawDataHistogram")) {
                List<Double> it = new ArrayList<>();
                for (JsonElement iteration : fork.getAsJsonArray()) {
                    double sum = 0;
                    long n = 0;
                    for (JsonElement pair : iteration.getAsJsonArray()) {
                        JsonArray p = pair.getAsJsonArray();
                        long c = p.get(1).getAsLong();
                        sum += number(p.get(0)) * c;
                        n += c;
                    }
                    if (n > 0) it.add(sum / n);
                }
                perFork.add(it);
            }
        }
        return new JmhMetric(number(m.get("score")), m.has("scoreError") ? number(m.get("scoreError")) : Double.NaN,
                m.has("scoreUnit") ? m.get("scoreUnit").getAsString() : "", perFork);
    }

    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) return Double.NaN;
        String s = e.getAsString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String required(JsonObject o, String key) {
        if (!o.has(key)) throw new IllegalArgumentException("no " + key);
        return o.get(key).getAsString();
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
    }

    private static int integer(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsInt() : 0;
    }
}

package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import dev.perfkernel.magics.pipeline.Budget;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import dev.perfkernel.magics.parse.jmh.JmhMetric;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.Warning;
import dev.perfkernel.magics.stats.ForkComparison;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as JSON (schema in {@code docs/bench-report.md}), and the {@code --save} files:
 * JMH's own JSON result array as the file itself (so jmh-visualizer and other JMH tools read it)
 * plus our {@code environment} and {@code report} blocks in a file beside it.
 */
public final class BenchJson {
    public static final String FORMAT = "perfkernel-bench/1";
    public static final String SAVE_FORMAT = "perfkernel-bench-save/2";

    private BenchJson() {
    }

    /** The report; NaN and infinite numbers (e.g. JMH's error with one iteration) become {@code null}: JSON has no NaN. */
    public static JsonObject report(BenchReport r) {
        return (JsonObject) finite(rawReport(r));
    }

    /** A copy of {@code e} with non-finite numbers replaced by JSON null. */
    static JsonElement finite(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(en -> o.add(en.getKey(), finite(en.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(finite(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (!Double.isFinite(d)) return com.google.gson.JsonNull.INSTANCE;
        }
        return e;
    }

    private static JsonObject rawReport(BenchReport r) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.add("settings", settings(r.options()));
        JsonArray benches = new JsonArray();
        for (BenchRow row : r.rows()) benches.add(row(row));
        o.add("benchmarks", benches);
        JsonArray comps = new JsonArray();
        for (BenchReport.Compared c : r.comparisons()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", c.candidate().name());
            j.add("params", params(c.candidate()));
            j.addProperty("jdk", c.candidate().jdk());
            j.addProperty("baseline", c.against());
            j.addProperty("baseline_name", c.baseline().name());
            j.addProperty("baseline_jdk", c.baseline().jdk());
            ForkComparison fc = c.comparison();
            j.addProperty("method", "welch-t-log-fork-medians");
            j.addProperty("ratio", fc.ratio());
            j.addProperty("ci_low", fc.low());
            j.addProperty("ci_high", fc.high());
            j.addProperty("confidence", fc.confidence());
            j.addProperty("delta_pct", fc.deltaPct());
            j.addProperty("p_value", fc.pValue());
            j.addProperty("df", fc.df());
            j.addProperty("significant", fc.significant());
            j.addProperty("status", fc.status().name().toLowerCase(java.util.Locale.ROOT));
            j.addProperty("forks_baseline", fc.baselineForks());
            j.addProperty("forks_candidate", fc.candidateForks());
            j.addProperty("fork_cv_baseline", fc.baselineSpread());
            j.addProperty("fork_cv_candidate", fc.candidateSpread());
            comps.add(j);
        }
        o.add("comparisons", comps);
        JsonArray fits = new JsonArray();
        BenchRenderer.sweepParam(r.rows()).ifPresent(p -> {
            for (BenchRenderer.Sweep sw : BenchRenderer.sweeps(r, p)) {
                if (sw.fit() == null) continue;
                JsonObject j = dev.perfkernel.magics.stats.StatsJson.complexity(sw.fit());
                j.addProperty("series", sw.name());
                j.addProperty("param", p);
                fits.add(j);
            }
        });
        o.add("complexity", fits);
        JsonArray budgets = new JsonArray();
        for (Budget.Outcome b : r.budgets()) {
            JsonObject j = new JsonObject();
            j.addProperty("budget", b.budget().text());
            j.addProperty("row", b.row());
            j.addProperty("metric", b.budget().metric());
            j.addProperty("value", b.value());
            j.addProperty("error", b.error());
            j.addProperty("unit", b.unit());
            j.addProperty("limit", b.converted());
            j.addProperty("passed", b.passed());
            j.addProperty("marginal", b.marginal());
            j.addProperty("ci_low", b.low());
            j.addProperty("ci_high", b.high());
            budgets.add(j);
        }
        o.add("budgets", budgets);
        JsonArray envs = new JsonArray();
        r.environments().forEach(e -> envs.add(e.toJson()));
        o.add("environment", envs);
        JsonArray warns = new JsonArray();
        for (Warning w : r.warnings()) {
            JsonObject j = new JsonObject();
            j.addProperty("kind", w.kind());
            j.addProperty("message", w.message());
            warns.add(j);
        }
        o.add("warnings", warns);
        JsonObject empty = new JsonObject();
        r.emptyScores().forEach(empty::addProperty);
        o.add("empty_reference", empty);
        return o;
    }

    private static JsonObject settings(BenchOptions s) {
        JsonObject o = new JsonObject();
        o.addProperty("forks", s.forks());
        o.addProperty("warmup_iterations", s.warmupIterations());
        o.addProperty("iterations", s.iterations());
        o.addProperty("warmup_time", s.warmupTime());
        o.addProperty("measurement_time", s.measurementTime());
        o.addProperty("mode", s.mode());
        o.addProperty("time_unit", s.timeUnit());
        o.addProperty("threads", s.threads());
        JsonArray prof = new JsonArray();
        s.profilers().forEach(prof::add);
        o.add("profilers", prof);
        JsonArray args = new JsonArray();
        s.jvmArgs().forEach(args::add);
        o.add("jvm_args", args);
        o.addProperty("quick", s.quick());
        JsonArray extra = new JsonArray();
        s.jmhExtra().forEach(extra::add);
        o.add("jmh_options", extra);
        return o;
    }

    private static JsonObject params(BenchRow r) {
        JsonObject p = new JsonObject();
        r.params().forEach(p::addProperty);
        return p;
    }

    private static JsonObject row(BenchRow r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        o.addProperty("benchmark", r.result().benchmark());
        o.addProperty("jdk", r.jdk());
        o.add("params", params(r));
        o.addProperty("mode", r.result().mode());
        JmhMetric m = r.primary();
        o.addProperty("score", m.score());
        o.addProperty("error", m.error());
        o.addProperty("unit", m.unit());
        o.addProperty("forks", m.forks());
        o.addProperty("iterations", m.iterationsPerFork());
        JsonArray samples = new JsonArray();
        for (double d : m.samples()) samples.add(d);
        o.add("samples", samples);
        JsonObject sec = new JsonObject();
        r.result().secondary().forEach((k, v) -> {
            JsonObject j = new JsonObject();
            j.addProperty("score", v.score());
            j.addProperty("error", v.error());
            j.addProperty("unit", v.unit());
            sec.add(k, j);
        });
        o.add("secondary", sec);
        return o;
    }

    /**
     * Writes the {@code --save} files: {@code FILE} is JMH's own JSON result array, exactly as JMH
     * wrote it (all JDKs), so JMH tools (jmh-visualizer, JMH's own readers) open it as-is; our
     * environment and report go to {@link #extrasFile(Path) FILE's sibling} {@code NAME.perfkernel.json}.
     *
     * @return the extras file
     */
    public static Path save(BenchReport r, Path file) throws MagicException {
        Path extras = extrasFile(file);
        JsonObject o = new JsonObject();
        o.addProperty("format", SAVE_FORMAT);
        o.addProperty("jmh_file", file.getFileName().toString());
        JsonArray envs = new JsonArray();
        r.environments().forEach(e -> envs.add(e.toJson()));
        o.add("environment", envs);
        o.add("report", report(r));
        var gson = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, gson.toJson(JsonParser.parseString(r.jmhJson())), StandardCharsets.UTF_8);
            Files.writeString(extras, gson.toJson(o), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("SaveFailed", "cannot write " + file + ": " + e.getMessage(), List.of());
        }
        return extras;
    }

    /** {@code runs/a.json} → {@code runs/a.perfkernel.json}: where {@code --save} puts our extras. */
    public static Path extrasFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + EXTRAS_SUFFIX);
    }

    static final String EXTRAS_SUFFIX = ".perfkernel.json";

    /**
     * The rows of a saved run. Accepted: a plain JMH JSON result array (what {@code --save} writes
     * now, or any {@code -rf json} file), the extras file beside one, and the older single-file
     * format that wrapped JMH's array under {@code jmh}.
     */
    public static List<BenchRow> load(Path file) throws MagicException {
        JsonElement root = readJson(file);
        JsonArray jmh;
        if (root.isJsonArray()) {
            jmh = root.getAsJsonArray();
        } else if (root.isJsonObject() && root.getAsJsonObject().has("jmh")) {
            jmh = root.getAsJsonObject().getAsJsonArray("jmh");
        } else if (root.isJsonObject() && root.getAsJsonObject().has("jmh_file")) {
            Path sibling = file.resolveSibling(root.getAsJsonObject().get("jmh_file").getAsString());
            JsonElement j = readJson(sibling);
            if (!j.isJsonArray()) throw new MagicException("CompareFailed", sibling + " is not a JMH JSON result", List.of());
            jmh = j.getAsJsonArray();
        } else {
            throw new MagicException("CompareFailed", file + " is neither a JMH JSON result nor a %bench --save file",
                    List.of());
        }
        List<BenchRow> rows = new ArrayList<>();
        for (JmhResult r : JmhJsonParser.parse(jmh, file.toString())) {
            int feature = feature(r.jdkVersion());
            rows.add(new BenchRow("JDK " + feature, feature, r));
        }
        return rows;
    }

    private static JsonElement readJson(Path file) throws MagicException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("CompareFailed", "cannot read " + file + ": " + e.getMessage(), List.of());
        }
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new MagicException("CompareFailed", file + " is not JSON: " + e.getMessage(), List.of());
        }
    }

    /** The saved run's environments: from the extras beside a JMH file, or inside an older save file. */
    public static List<Environment> loadEnvironments(Path file) {
        for (Path p : List.of(file, extrasFile(file))) {
            try {
                if (!Files.exists(p)) continue;
                JsonElement root = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8));
                if (!root.isJsonObject() || !root.getAsJsonObject().has("environment")) continue;
                List<Environment> out = new ArrayList<>();
                for (JsonElement e : root.getAsJsonObject().getAsJsonArray("environment")) {
                    out.add(Environment.fromJson(e.getAsJsonObject()));
                }
                return out;
            } catch (IOException | RuntimeException e) {
                // unreadable extras: the comparison still works without them
            }
        }
        return List.of();
    }

    static int feature(String version) {
        try {
            return Runtime.Version.parse(version).feature();
        } catch (RuntimeException e) {
            String digits = version.replaceAll("^(\\d+).*", "$1");
            return digits.matches("\\d+") ? Integer.parseInt(digits) : 0;
        }
    }
}

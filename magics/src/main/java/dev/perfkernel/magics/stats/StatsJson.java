package dev.perfkernel.magics.stats;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The statistics as JSON, with the same keys in every magic's {@code application/json} output.
 * Non-finite numbers (an error of one sample, a ratio against 0) are left out: JSON has no NaN
 * and Gson refuses to write one.
 */
public final class StatsJson {

    private StatsJson() {}

    /** {@code {n, mean, median, min, max, stddev, p50, p90, p99, error}}. */
    public static JsonObject summary(Summary s) {
        JsonObject o = new JsonObject();
        o.addProperty("n", s.n());
        put(o, "mean", s.mean());
        put(o, "median", s.median());
        put(o, "min", s.min());
        put(o, "max", s.max());
        put(o, "stddev", s.stddev());
        put(o, "p50", s.p50());
        put(o, "p90", s.p90());
        put(o, "p99", s.p99());
        put(o, "error", s.error());
        return o;
    }

    /**
     * {@code {ratio, delta_pct, mean_ratio, p_value, u, exact, significant, alpha, n_baseline,
     * n_candidate, baseline{...}, candidate{...}, warnings[]}}; ratio and delta compare medians.
     */
    public static JsonObject comparison(Comparison c) {
        JsonObject o = new JsonObject();
        put(o, "ratio", c.ratio());
        put(o, "delta_pct", c.deltaPct());
        put(o, "mean_ratio", c.meanRatio());
        put(o, "p_value", c.pValue());
        put(o, "u", c.test().u());
        o.addProperty("exact", c.test().exact());
        o.addProperty("significant", c.significant());
        o.addProperty("alpha", c.alpha());
        o.addProperty("n_baseline", c.baseline().n());
        o.addProperty("n_candidate", c.candidate().n());
        o.add("baseline", summary(c.baseline()));
        o.add("candidate", summary(c.candidate()));
        JsonArray w = new JsonArray();
        c.warnings().forEach(w::add);
        o.add("warnings", w);
        return o;
    }

    /**
     * {@code {complexity, status, determined, label, slope, slope_r2, a, b, linear_r2, model_a, model_b,
     * rms_rel_error, runner_up?, models[{complexity, a, b, rms_rel_error, aicc}]}}; {@code complexity} is
     * the best-scoring class, named as the answer only when {@code determined}.
     */
    public static JsonObject complexity(ComplexityFit f) {
        JsonObject o = new JsonObject();
        o.addProperty("complexity", f.complexity().label);
        o.addProperty("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("determined", f.determined());
        o.addProperty("label", f.label());
        put(o, "slope", f.slope());
        put(o, "slope_r2", f.slopeR2());
        put(o, "a", f.a());
        put(o, "b", f.b());
        put(o, "linear_r2", f.linearR2());
        put(o, "model_a", f.modelA());
        put(o, "model_b", f.modelB());
        put(o, "rms_rel_error", f.modelRmsRelError());
        f.runnerUp().ifPresent(r -> o.addProperty("runner_up", r.label));
        JsonArray models = new JsonArray();
        for (ComplexityFit.ModelScore m : f.scores()) {
            JsonObject j = new JsonObject();
            j.addProperty("complexity", m.complexity().label);
            put(j, "a", m.a());
            put(j, "b", m.b());
            put(j, "rms_rel_error", m.rmsRelError());
            put(j, "aicc", m.aicc());
            models.add(j);
        }
        o.add("models", models);
        return o;
    }

    /** Adds {@code value} under {@code key} only when it is finite. */
    public static void put(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) o.addProperty(key, value);
    }
}

package dev.perfkernel.magics.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;

/** Small builders for Vega-Lite JSON fragments. */
final class VegaLite {

    private VegaLite() {}

    static JsonObject obj(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    static JsonObject obj(String key, Number value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }

    /**
     * {@code {"field": f, "type": t, "title": title}}; a null title becomes "" (no axis title): a JSON
     * null would be dropped by Gson's default serializer and Vega-Lite would show the field name.
     */
    static JsonObject field(String field, String type, String title) {
        JsonObject o = new JsonObject();
        o.addProperty("field", field);
        o.addProperty("type", type);
        o.addProperty("title", title == null ? "" : title);
        return o;
    }

    /** A top-level spec: {@code {"$schema": v5, "title": title}}, for the chart to fill in. */
    static JsonObject spec(String title) {
        JsonObject o = new JsonObject();
        o.addProperty("$schema", Chart.VEGA_LITE_SCHEMA);
        o.addProperty("title", title);
        return o;
    }

    /** A colour scale mapping each domain value to the colour at the same index. */
    /** A tooltip channel listing these fields, in order. */
    static com.google.gson.JsonArray tooltip(JsonObject... fields) {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        for (JsonObject f : fields) a.add(f);
        return a;
    }

    static JsonObject scale(List<String> domain, List<String> range) {
        JsonArray d = new JsonArray(), r = new JsonArray();
        domain.forEach(d::add);
        range.forEach(r::add);
        JsonObject o = new JsonObject();
        o.add("domain", d);
        o.add("range", r);
        return o;
    }

    static JsonObject objOf(String key, com.google.gson.JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }
}

package dev.perfkernel.magics.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One output, in several representations keyed by MIME type; the front end shows the richest it
 * understands. Text types hold {@link String}s; JSON types ({@code application/json},
 * {@code application/vnd.vegalite.v5+json}) hold {@link JsonElement}s.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String JSON = "application/json";
    public static final String VEGA_LITE = "application/vnd.vegalite.v5+json";

    public MimeBundle {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static MimeBundle text(String text) {
        return builder().text(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String plainText() {
        Object t = data.get(TEXT);
        return t == null ? "" : t.toString();
    }

    /** Builds a bundle; {@code text/plain} should always be given so every front end shows something. */
    public static final class Builder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        public Builder text(String s) { data.put(TEXT, s); return this; }
        public Builder html(String s) { data.put(HTML, s); return this; }
        public Builder markdown(String s) { data.put(MARKDOWN, s); return this; }
        public Builder svg(String s) { data.put(SVG, s); return this; }
        /** Base64-encoded PNG. */
        public Builder png(String base64) { data.put(PNG, base64); return this; }
        public Builder json(JsonElement e) { data.put(JSON, e); return this; }
        public Builder json(String s) { return json(JsonParser.parseString(s)); }
        public Builder vegaLite(JsonElement spec) { data.put(VEGA_LITE, spec); return this; }
        public Builder put(String mime, Object value) { data.put(mime, value); return this; }
        public Builder meta(String key, Object value) { metadata.put(key, value); return this; }
        public MimeBundle build() { return new MimeBundle(data, metadata); }
    }
}

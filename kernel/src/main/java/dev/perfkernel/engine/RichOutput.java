package dev.perfkernel.engine;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value with representations keyed by MIME type, e.g. {@code html("<b>hi</b>")}. Returned by
 * the helpers in {@link Display}: pass it to {@code display(...)}, or leave it as the cell's last
 * expression and the kernel shows it as the cell's result.
 */
public final class RichOutput {
    private final Map<String, String> data;

    private RichOutput(Map<String, String> data) {
        this.data = Collections.unmodifiableMap(data);
    }

    /** One representation plus a {@code text/plain} fallback. */
    public static RichOutput of(String mime, String content) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(mime, content);
        if (!mime.equals("text/plain")) m.put("text/plain", "<" + mime + " output>");
        return new RichOutput(m);
    }

    public static RichOutput png(byte[] image) {
        return of("image/png", Base64.getEncoder().encodeToString(image));
    }

    /** A copy with one more representation (replaces one of the same type). */
    public RichOutput with(String mime, String content) {
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put(mime, content);
        return new RichOutput(m);
    }

    public Map<String, String> data() {
        return data;
    }

    /** The bundle as a JSON object of MIME type to string. */
    String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            sb.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return data.getOrDefault("text/plain", "");
    }
}

package dev.perfkernel.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * One Jupyter message. {@code identities} are the ZeroMQ routing frames of the sender (kept so a
 * reply reaches it); {@code buffers} are the raw extra frames.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    public String type() {
        return stringOf(header, "msg_type");
    }

    public String id() {
        return stringOf(header, "msg_id");
    }

    /** A string field of the content, or {@code fallback} when absent or not a string. */
    public String string(String name, String fallback) {
        JsonElement e = content.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        JsonElement e = content.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    public int integer(String name, int fallback) {
        JsonElement e = content.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }

    private static String stringOf(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}

package dev.perfkernel.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection file Jupyter hands to a kernel: where to bind and how to sign. */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String signatureScheme, String key) {

    public static ConnectionInfo read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("connection file " + file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    public static ConnectionInfo parse(JsonObject o) throws IOException {
        return new ConnectionInfo(
                string(o, "transport", "tcp"), string(o, "ip", "127.0.0.1"),
                port(o, "shell_port"), port(o, "iopub_port"), port(o, "stdin_port"),
                port(o, "control_port"), port(o, "hb_port"),
                string(o, "signature_scheme", "hmac-sha256"), string(o, "key", ""));
    }

    /** The ZeroMQ endpoint to bind for {@code port}. */
    public String endpoint(int port) {
        // ipc endpoints are files named ip-port, as in jupyter_client.
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    private static String string(JsonObject o, String name, String fallback) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    private static int port(JsonObject o, String name) throws IOException {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException("connection file has no numeric " + name);
        }
        return e.getAsInt();
    }
}

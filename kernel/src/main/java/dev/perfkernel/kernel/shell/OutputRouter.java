package dev.perfkernel.kernel.shell;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Routes what the engine writes to the running cell's sink: stdout/stderr text, display
 * records, and the rich value of a cell's result (kept until the cell asks for it).
 */
final class OutputRouter {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perfkernel-output-flush");
        t.setDaemon(true);
        return t;
    });
    private volatile ExecutionSink sink = NullSink.INSTANCE;
    private volatile JsonObject richResult;

    /** Output from now on goes to this cell's sink. */
    void attach(ExecutionSink cellSink) {
        sink = cellSink;
    }

    ExecutionSink sink() {
        return sink;
    }

    /** Flushes of engine output are scheduled here. */
    ScheduledExecutorService timer() {
        return timer;
    }

    void stream(String name, String text) {
        sink.stream(name, text);
    }

    void stdout(String text) {
        sink.stream("stdout", text);
    }

    void stderr(String text) {
        sink.stream("stderr", text);
    }

    String readLine() {
        return sink.readInput("", false);
    }

    void clearRichResult() {
        richResult = null;
    }

    /** The MIME bundle the engine sent for the last rich result, or null. */
    JsonObject richResult() {
        return richResult;
    }

    /** A display record from the engine's stdout. */
    void frame(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            JsonObject data = mimeData(o.getAsJsonObject("data"));
            String type = o.get("type").getAsString();
            if (type.equals("result")) {
                richResult = data;
            } else if (o.has("update") && o.get("update").getAsBoolean()) {
                sink.updateDisplay(data, new JsonObject(), o.get("id").getAsString());
            } else {
                sink.display(data, new JsonObject(), o.get("id").getAsString());
            }
        } catch (RuntimeException e) {
            System.err.println("perfkernel: bad display record from the engine: " + e);
        }
    }

    /** JSON MIME types arrive as text from the engine; Jupyter wants them as JSON values. */
    private static JsonObject mimeData(JsonObject data) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : data.entrySet()) {
            String mime = e.getKey();
            JsonElement v = e.getValue();
            if ((mime.endsWith("json") || mime.endsWith("+json")) && v.isJsonPrimitive()) {
                try {
                    v = JsonParser.parseString(v.getAsString());
                } catch (RuntimeException bad) {
                    // leave it as text: the front end shows what the user gave
                }
            }
            out.add(mime, v);
        }
        return out;
    }

    void shutdown() {
        timer.shutdownNow();
    }

    /** Where output goes when no cell has run yet. */
    private enum NullSink implements ExecutionSink {
        INSTANCE;

        @Override
        public void stream(String name, String text) {
            System.err.print(text);
        }

        @Override
        public void display(JsonObject data, JsonObject metadata, String displayId) {
        }

        @Override
        public void updateDisplay(JsonObject data, JsonObject metadata, String displayId) {
        }
    }
}

package dev.perfkernel.kernel.magic;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecutionSink;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;

import java.util.Map;
import java.util.UUID;

/** A magic's {@link Output} writing to the running cell's Jupyter sink. */
public final class SinkOutput implements Output {
    private final ExecutionSink sink;

    public SinkOutput(ExecutionSink sink) {
        this.sink = sink;
    }

    @Override
    public void display(MimeBundle bundle) {
        sink.display(toJson(bundle.data()), toJson(bundle.metadata()), null);
    }

    @Override
    public DisplayHandle displayUpdatable(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        sink.display(toJson(bundle.data()), toJson(bundle.metadata()), id);
        return b -> sink.updateDisplay(toJson(b.data()), toJson(b.metadata()), id);
    }

    @Override
    public void stdout(String text) {
        sink.stream("stdout", text);
    }

    @Override
    public void stderr(String text) {
        sink.stream("stderr", text);
    }

    /** MIME data to Jupyter JSON: strings stay strings, JSON values stay JSON, anything else becomes its text. */
    public static JsonObject toJson(Map<String, Object> map) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            JsonElement j;
            if (v == null) j = JsonNull.INSTANCE;
            else if (v instanceof JsonElement je) j = je;
            else if (v instanceof Number n) j = new JsonPrimitive(n);
            else if (v instanceof Boolean b) j = new JsonPrimitive(b);
            else j = new JsonPrimitive(v.toString());
            o.add(e.getKey(), j);
        }
        return o;
    }
}

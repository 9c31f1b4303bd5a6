package dev.perfkernel.kernel.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code execute_request}: execution counter, execute_input, the backend call with a sink that
 * publishes streams and displays as they come, execute_result or error, and history.
 * Runs on the shell thread only.
 */
final class ExecuteHandler {

    private final IopubPublisher iopub;
    private final StdinChannel stdin;
    private final ExecutionHistory history;
    private final Supplier<LanguageBackend> backend;
    private final OutputLimit outputLimit;
    private int executionCount;

    ExecuteHandler(IopubPublisher iopub, StdinChannel stdin, ExecutionHistory history, Supplier<LanguageBackend> backend) {
        this(iopub, stdin, history, backend, OutputLimit.fromEnvironment(System.getenv()));
    }

    ExecuteHandler(IopubPublisher iopub, StdinChannel stdin, ExecutionHistory history, Supplier<LanguageBackend> backend,
                   OutputLimit outputLimit) {
        this.outputLimit = outputLimit;
        this.iopub = iopub;
        this.stdin = stdin;
        this.history = history;
        this.backend = backend;
    }

    /** What the shell thread must send and do after a cell. */
    record Result(JsonObject reply, boolean abortQueued) {}

    Result execute(Message request) {
        JsonElement codeField = request.content().get("code");
        if (codeField == null || !codeField.isJsonPrimitive() || !codeField.getAsJsonPrimitive().isString()) {
            return new Result(badRequest("execute_request content field 'code' must be a string, got "
                    + describe(codeField)), false);
        }
        String code = codeField.getAsString();
        boolean silent = request.bool("silent", false);
        boolean store = request.bool("store_history", true) && !silent;
        boolean stopOnError = request.bool("stop_on_error", true);
        if (store) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.publish("execute_input", request, input);
        }
        Sink sink = new Sink(request, request.bool("allow_stdin", true));
        ExecuteOutcome outcome = run(code, count, sink);
        sink.output.finish();

        JsonObject reply = new JsonObject();
        String outputText = null;
        if (outcome.error() != null) {
            ExecuteOutcome.Error e = outcome.error();
            JsonObject error = new JsonObject();
            error.addProperty("ename", nonNull(e.ename(), "Error"));
            error.addProperty("evalue", nonNull(e.evalue(), ""));
            JsonArray traceback = new JsonArray();
            for (String line : e.traceback() == null ? List.<String>of() : e.traceback()) {
                traceback.add(line);
            }
            error.add("traceback", traceback);
            iopub.publish("error", request, error);
            reply.addProperty("status", "error");
            reply.addProperty("execution_count", count);
            for (var entry : error.entrySet()) {
                reply.add(entry.getKey(), entry.getValue());
            }
        } else {
            JsonObject data = outcome.result();
            if (data != null && data.size() > 0) {
                JsonElement plain = data.get("text/plain");
                outputText = plain != null && plain.isJsonPrimitive() ? plain.getAsString() : null;
                if (!silent) {
                    JsonObject result = new JsonObject();
                    result.addProperty("execution_count", count);
                    result.add("data", data);
                    result.add("metadata", outcome.resultMetadata() == null ? new JsonObject() : outcome.resultMetadata());
                    iopub.publish("execute_result", request, result);
                }
            }
            reply.addProperty("status", "ok");
            reply.addProperty("execution_count", count);
            reply.add("payload", new JsonArray());
            reply.add("user_expressions", new JsonObject());
        }
        if (store) {
            history.add(count, code, outputText);
        }
        return new Result(reply, outcome.error() != null && stopOnError);
    }

    /** Reply to an execute_request skipped because an earlier cell failed (stop_on_error). */
    JsonObject aborted() {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "aborted");
        reply.addProperty("execution_count", executionCount);
        return reply;
    }

    /** An error reply for a request that was not run (the counter does not move). */
    private JsonObject badRequest(String why) {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "error");
        reply.addProperty("execution_count", executionCount);
        reply.addProperty("ename", "BadRequest");
        reply.addProperty("evalue", why);
        JsonArray traceback = new JsonArray();
        traceback.add("BadRequest: " + why);
        reply.add("traceback", traceback);
        return reply;
    }

    private static String describe(JsonElement e) {
        if (e == null) return "nothing (the field is missing)";
        if (e.isJsonNull()) return "null";
        if (e.isJsonObject()) return "an object";
        if (e.isJsonArray()) return "an array";
        String v = e.toString();
        return (e.getAsJsonPrimitive().isNumber() ? "the number " : "the value ") + (v.length() > 40 ? v.substring(0, 40) + "..." : v);
    }

    private ExecuteOutcome run(String code, int count, Sink sink) {
        try {
            ExecuteOutcome outcome = backend.get().execute(code, count, sink);
            return outcome == null ? new ExecuteOutcome(null, null, null) : outcome;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            WireLog.warn("backend failed on execute", e);
            return ExecuteOutcome.failed("KernelError", "the kernel failed to run the cell: " + e,
                    List.of("KernelError: " + e));
        }
    }

    private static String nonNull(String s, String fallback) {
        return s == null ? fallback : s;
    }

    /** Publishes a cell's output with the request as parent; usable from any thread. */
    private final class Sink implements LanguageBackend.ExecutionSink {
        private final Message request;
        private final boolean allowStdin;
        private final OutputLimit.Cell output;

        Sink(Message request, boolean allowStdin) {
            this.request = request;
            this.allowStdin = allowStdin;
            this.output = outputLimit.forCell(this::publishStream);
        }

        @Override
        public void stream(String name, String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            output.stream("stderr".equals(name) ? "stderr" : "stdout", text);
        }

        private void publishStream(String name, String text) {
            JsonObject c = new JsonObject();
            c.addProperty("name", name);
            c.addProperty("text", text);
            iopub.publish("stream", request, c);
        }

        @Override
        public void display(JsonObject data, JsonObject metadata, String displayId) {
            iopub.publish("display_data", request, displayContent(data, metadata, displayId));
        }

        @Override
        public void updateDisplay(JsonObject data, JsonObject metadata, String displayId) {
            iopub.publish("update_display_data", request, displayContent(data, metadata, displayId));
        }

        @Override
        public void clearOutput(boolean wait) {
            JsonObject c = new JsonObject();
            c.addProperty("wait", wait);
            iopub.publish("clear_output", request, c);
        }

        @Override
        public String readInput(String prompt, boolean password) {
            return allowStdin ? stdin.read(request, prompt, password) : null;
        }

        private JsonObject displayContent(JsonObject data, JsonObject metadata, String displayId) {
            JsonObject c = new JsonObject();
            c.add("data", data == null ? new JsonObject() : data);
            c.add("metadata", metadata == null ? new JsonObject() : metadata);
            JsonObject transient_ = new JsonObject();
            if (displayId != null) {
                transient_.addProperty("display_id", displayId);
            }
            c.add("transient", transient_);
            return c;
        }
    }
}

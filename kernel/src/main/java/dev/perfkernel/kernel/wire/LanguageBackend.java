package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * What the wire layer asks of the language side (JShell plus magics). The wire layer owns the
 * sockets, signatures, status messages, execution counts and history; the backend owns code.
 * Calls for one shell request arrive on one thread; {@link #interrupt()} arrives on another.
 */
public interface LanguageBackend {

    /** {@code language_info} of kernel_info_reply: name, version, mimetype, file_extension, ... */
    JsonObject languageInfo();

    /** The banner shown by consoles. */
    String banner();

    /**
     * Runs a cell. Output streams and displays go to {@code sink} while it runs.
     *
     * @return the outcome: a value for {@code execute_result} (may be null), or an error
     */
    ExecuteOutcome execute(String code, int executionCount, ExecutionSink sink);

    Completion complete(String code, int cursorPos);

    /** Documentation for the identifier at the cursor, or null when nothing is found. */
    Inspection inspect(String code, int cursorPos, int detailLevel);

    /** One of {@code complete}, {@code incomplete}, {@code invalid}, {@code unknown}, with indent for incomplete. */
    IsComplete isComplete(String code);

    /** Stops the running cell (called from the control thread). */
    void interrupt();

    /** Releases everything: engine JVMs, forked JVMs, temp files. */
    void shutdown(boolean restart);

    /** Where a cell's output goes while it runs; every method is thread-safe. */
    interface ExecutionSink {
        void stream(String name, String text);

        /** {@code display_data}; {@code displayId} may be null. */
        void display(JsonObject data, JsonObject metadata, String displayId);

        /** {@code update_display_data} for an earlier display with that id. */
        void updateDisplay(JsonObject data, JsonObject metadata, String displayId);

        /** {@code clear_output}: clears the cell's output, at once or ({@code wait}) when new output comes. */
        default void clearOutput(boolean wait) {
        }

        /** Reads a line from the front end's stdin ({@code input_request}); null if not allowed. */
        default String readInput(String prompt, boolean password) {
            return null;
        }
    }

    /** @param result the {@code execute_result} bundle, or null; @param error non-null on failure */
    record ExecuteOutcome(JsonObject result, JsonObject resultMetadata, Error error) {
        public static ExecuteOutcome ok(JsonObject result) {
            return new ExecuteOutcome(result, new JsonObject(), null);
        }

        public static ExecuteOutcome failed(String ename, String evalue, List<String> traceback) {
            return new ExecuteOutcome(null, null, new Error(ename, evalue, traceback));
        }

        public record Error(String ename, String evalue, List<String> traceback) {}
    }

    record Completion(List<String> matches, int cursorStart, int cursorEnd, JsonObject metadata) {}

    record Inspection(JsonObject data) {}

    record IsComplete(String status, String indent) {}
}

package dev.perfkernel.kernel.wire;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A stand-in language: cells are commands that exercise each part of the wire layer. */
class ScriptedBackend implements LanguageBackend {

    final AtomicBoolean shutDown = new AtomicBoolean();
    final CountDownLatch running = new CountDownLatch(1);
    private volatile CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public JsonObject languageInfo() {
        JsonObject o = new JsonObject();
        o.addProperty("name", "scripted");
        o.addProperty("file_extension", ".txt");
        return o;
    }

    @Override
    public String banner() {
        return "scripted";
    }

    @Override
    public ExecuteOutcome execute(String code, int executionCount, ExecutionSink sink) {
        if (code.startsWith("print:")) {
            sink.stream("stdout", code.substring(6));
            return ExecuteOutcome.ok(null);
        }
        if (code.equals("fail")) {
            return ExecuteOutcome.failed("Boom", "it failed", List.of("line 1", "line 2"));
        }
        if (code.equals("slowfail")) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExecuteOutcome.failed("Boom", "slow", List.of());
        }
        if (code.equals("crash")) {
            throw new IllegalStateException("backend bug");
        }
        if (code.equals("block")) {
            running.countDown();
            try {
                boolean stopped = interrupted.await(10, TimeUnit.SECONDS);
                interrupted = new CountDownLatch(1);
                return stopped ? ExecuteOutcome.failed("Interrupted", "stopped", List.of()) : ExecuteOutcome.ok(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExecuteOutcome.failed("Interrupted", "thread interrupted", List.of());
            }
        }
        if (code.equals("input")) {
            return ExecuteOutcome.ok(plain("got " + sink.readInput("name? ", false)));
        }
        if (code.equals("display")) {
            JsonObject html = new JsonObject();
            html.addProperty("text/html", "<b>x</b>");
            sink.display(html, null, "d1");
            sink.updateDisplay(html, new JsonObject(), "d1");
            return ExecuteOutcome.ok(null);
        }
        return ExecuteOutcome.ok(plain(code));
    }

    @Override
    public Completion complete(String code, int cursorPos) {
        return new Completion(List.of(code.substring(0, cursorPos) + "X"), 0, cursorPos, new JsonObject());
    }

    @Override
    public Inspection inspect(String code, int cursorPos, int detailLevel) {
        return code.isEmpty() ? null : new Inspection(plain("doc of " + code));
    }

    @Override
    public IsComplete isComplete(String code) {
        return code.endsWith("{") ? new IsComplete("incomplete", "    ") : new IsComplete("complete", null);
    }

    @Override
    public void interrupt() {
        interrupted.countDown();
    }

    @Override
    public void shutdown(boolean restart) {
        shutDown.set(true);
    }

    private static JsonObject plain(String text) {
        JsonObject o = new JsonObject();
        o.addProperty("text/plain", text);
        return o;
    }
}

package dev.perfkernel.kernel.magic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link MagicContext} of one magic run in the kernel. It remembers the run the magic
 * reported as the cell's outcome, which the {@link MagicRunner} then answers with.
 */
public final class KernelMagicContext implements MagicContext {
    private final KernelServices kernel;
    private final int executionCount;
    private final Output output;
    private final CancelToken cancel;
    private final Path workingDirectory;
    private volatile SessionRun reported;

    public KernelMagicContext(KernelServices kernel, int executionCount, Output output, CancelToken cancel,
                              Path workingDirectory) {
        this.kernel = kernel;
        this.executionCount = executionCount;
        this.output = output;
        this.cancel = cancel;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public SessionSource session() {
        return kernel.sessionSource();
    }

    @Override
    public List<Path> classpath() {
        return kernel.forkClasspath();
    }

    @Override
    public List<Path> addedClasspath() {
        return kernel.addedClasspath();
    }

    @Override
    public Output output() {
        return output;
    }

    @Override
    public CancelToken cancel() {
        return cancel;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public void publish(String variable, String json) {
        kernel.publish(variable, json);
    }

    @Override
    public SessionRun run(String code, int firstLine, String origin) {
        return toRun(kernel.runCode(code, firstLine, executionCount, origin));
    }

    @Override
    public void reportOutcome(SessionRun run) {
        reported = run;
    }

    @Override
    public List<CodeSnippet> snippets(String code) throws MagicException {
        return kernel.snippets(code);
    }

    @Override
    public void addToClasspath(List<Path> entries) throws MagicException {
        kernel.addToClasspath(entries);
    }

    /** The cell outcome the magic reported, or a plain success. */
    ExecuteOutcome outcome() {
        SessionRun r = reported;
        if (r == null) return ExecuteOutcome.ok(null);
        if (r.failure() != null)
            return ExecuteOutcome.failed(r.failure().name(), r.failure().message(), r.failure().traceback());
        if (r.value() == null) return ExecuteOutcome.ok(null);
        return new ExecuteOutcome(SinkOutput.toJson(r.value().data()), SinkOutput.toJson(r.value().metadata()), null);
    }

    static SessionRun toRun(ExecuteOutcome o) {
        if (o.error() != null) return SessionRun.failed(o.error().ename(), o.error().evalue(), o.error().traceback());
        if (o.result() == null) return new SessionRun(null, null);
        return new SessionRun(new MimeBundle(toMap(o.result()), o.resultMetadata() == null ? Map.of() : toMap(o.resultMetadata())), null);
    }

    /** Jupyter JSON to MIME data: string values stay strings, others stay JSON. */
    private static Map<String, Object> toMap(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            JsonElement v = e.getValue();
            m.put(e.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : v);
        }
        return m;
    }
}

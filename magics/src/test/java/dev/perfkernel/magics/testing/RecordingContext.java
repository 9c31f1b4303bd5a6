package dev.perfkernel.magics.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A MagicContext for magic tests that records everything the magic shows. Plain displays go to
 * {@link #displays}; updatable displays (progress) go to {@link #updates} and {@link #progress},
 * one entry for the first show and one per update, so final results and progress never mix.
 * Magics write from pump threads, hence the thread-safe collections.
 */
public final class RecordingContext implements MagicContext, Output {
    public final List<MimeBundle> displays = new CopyOnWriteArrayList<>();
    public final List<MimeBundle> updates = new CopyOnWriteArrayList<>();
    /** The text/plain of every entry of {@link #updates}, in order. */
    public final List<String> progress = new CopyOnWriteArrayList<>();
    public final StringBuffer stdout = new StringBuffer();
    public final StringBuffer stderr = new StringBuffer();
    public final Map<String, String> published = new ConcurrentHashMap<>();
    public final Map<String, String> settings = new ConcurrentHashMap<>();
    public final CancelToken cancel = new CancelToken();
    private final SessionSource session;
    private final List<Path> classpath;
    private volatile Path workingDirectory;

    public RecordingContext(SessionSource session, Path workingDirectory) {
        this(session, workingDirectory, List.of());
    }

    public RecordingContext(SessionSource session, Path workingDirectory, List<Path> classpath) {
        this.session = session;
        this.workingDirectory = workingDirectory;
        this.classpath = List.copyOf(classpath);
    }

    /** A context over a session made of the given cells (see {@link TestSessions#ofCells}), working in the temp dir. */
    public static RecordingContext ofCells(String... cells) {
        return new RecordingContext(TestSessions.ofCells(cells), Path.of(System.getProperty("java.io.tmpdir")));
    }

    public RecordingContext workingDirectory(Path dir) {
        workingDirectory = dir;
        return this;
    }

    public RecordingContext setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** The displays carrying the given MIME type, in order. */
    public List<MimeBundle> withMime(String mime) {
        List<MimeBundle> out = new ArrayList<>();
        for (MimeBundle b : displays) if (b.data().containsKey(mime)) out.add(b);
        return out;
    }

    /** The first display carrying application/json. */
    public JsonObject json() {
        for (MimeBundle b : displays) {
            if (b.data().get(MimeBundle.JSON) instanceof JsonElement e) return e.getAsJsonObject();
        }
        throw new AssertionError("no application/json display in:\n" + allText());
    }

    /** stdout, stderr and the text/plain of every display, for assertions on what the user reads. */
    public String allText() {
        StringBuilder sb = new StringBuilder().append(stdout).append(stderr);
        for (MimeBundle b : displays) sb.append(b.plainText()).append('\n');
        return sb.toString();
    }

    @Override public SessionSource session() { return session; }
    @Override public List<Path> classpath() { return classpath; }
    @Override public Output output() { return this; }
    @Override public CancelToken cancel() { return cancel; }
    @Override public Path workingDirectory() { return workingDirectory; }
    @Override public void publish(String variable, String json) { published.put(variable, json); }

    @Override
    public String setting(String name, Supplier<String> fallback) {
        String v = settings.get(name);
        return v != null ? v : fallback.get();
    }

    @Override public void display(MimeBundle bundle) { displays.add(bundle); }

    @Override
    public DisplayHandle displayUpdatable(MimeBundle bundle) {
        recordUpdate(bundle);
        return this::recordUpdate;
    }

    private void recordUpdate(MimeBundle bundle) {
        updates.add(bundle);
        progress.add(bundle.plainText());
    }

    @Override public void stdout(String text) { stdout.append(text); }
    @Override public void stderr(String text) { stderr.append(text); }
}

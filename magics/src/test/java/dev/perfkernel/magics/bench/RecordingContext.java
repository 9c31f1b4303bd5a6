package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A MagicContext that records everything a magic shows, for tests. */
final class RecordingContext implements MagicContext, Output {
    final List<MimeBundle> displays = new CopyOnWriteArrayList<>();
    final List<String> progress = new CopyOnWriteArrayList<>();
    final StringBuilder stdout = new StringBuilder();
    final Map<String, String> published = new LinkedHashMap<>();
    final CancelToken cancel = new CancelToken();
    final Map<String, String> settings = new LinkedHashMap<>();
    private final SessionSource session;
    private final Path workDir;

    RecordingContext(SessionSource session, Path workDir) {
        this.session = session;
        this.workDir = workDir;
    }

    @Override public SessionSource session() { return session; }
    @Override public List<Path> classpath() { return List.of(); }
    @Override public Output output() { return this; }
    @Override public CancelToken cancel() { return cancel; }
    @Override public Path workingDirectory() { return workDir; }
    @Override public void publish(String variable, String json) { published.put(variable, json); }
    @Override public String setting(String name, Supplier<String> fallback) {
        return settings.containsKey(name) ? settings.get(name) : fallback.get();
    }

    @Override public void display(MimeBundle bundle) { displays.add(bundle); }
    @Override public DisplayHandle displayUpdatable(MimeBundle bundle) {
        progress.add(bundle.plainText());
        return b -> progress.add(b.plainText());
    }
    @Override public synchronized void stdout(String text) { stdout.append(text); }
    @Override public void stderr(String text) { }

    List<MimeBundle> withMime(String mime) {
        List<MimeBundle> out = new ArrayList<>();
        for (MimeBundle b : displays) if (b.data().containsKey(mime)) out.add(b);
        return out;
    }
}

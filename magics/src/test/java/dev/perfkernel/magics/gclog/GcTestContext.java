package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A MagicContext with a given session text, a private working directory, and recorded output. */
final class GcTestContext implements MagicContext {
    final List<MimeBundle> displays = new ArrayList<>();
    final StringBuilder stdout = new StringBuilder();
    final Map<String, String> published = new HashMap<>();
    private final SessionSource session;
    private final Path workingDirectory;
    private final CancelToken cancel = new CancelToken();
    private final Map<String, String> settings = new HashMap<>();

    /** @param sessionMembers members of the Session class (methods, fields), or empty */
    GcTestContext(Path workingDirectory, String sessionMembers) {
        this.workingDirectory = workingDirectory;
        String text = "package perfkernel.session;\n\npublic final class Session {\n" + sessionMembers + "\n}\n";
        this.session = new SessionSource(text, List.of(), Map.of(), List.of());
    }

    GcTestContext setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    String allText() {
        StringBuilder sb = new StringBuilder(stdout);
        for (MimeBundle b : displays) sb.append(b.plainText()).append('\n');
        return sb.toString();
    }

    @Override public SessionSource session() { return session; }

    @Override public List<Path> classpath() { return List.of(); }

    @Override public CancelToken cancel() { return cancel; }

    @Override public Path workingDirectory() { return workingDirectory; }

    @Override public void publish(String variable, String json) { published.put(variable, json); }

    @Override
    public String setting(String name, Supplier<String> fallback) {
        String v = settings.get(name);
        return v != null ? v : fallback.get();
    }

    @Override
    public Output output() {
        return new Output() {
            @Override public void display(MimeBundle bundle) { synchronized (displays) { displays.add(bundle); } }

            @Override
            public DisplayHandle displayUpdatable(MimeBundle bundle) {
                display(bundle);
                return b -> display(b);
            }

            @Override public void stdout(String text) { synchronized (stdout) { stdout.append(text); } }

            @Override public void stderr(String text) { stdout(text); }
        };
    }
}

package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A MagicContext for tests of %profile and %alloc: a session made of the given cells (cell i's
 * lines become members of Session, from {@code In [i+1]}), a working directory, captured output.
 */
public final class FakeContext implements MagicContext {
    public final List<MimeBundle> displays = new CopyOnWriteArrayList<>();
    public final StringBuffer stdout = new StringBuffer();
    private final SessionSource session;
    private final Path workingDirectory;
    private final CancelToken cancel = new CancelToken();
    private final Map<String, String> settings = new HashMap<>();

    public FakeContext(Path workingDirectory, String... cells) {
        this.workingDirectory = workingDirectory;
        StringBuilder text = new StringBuilder("package perfkernel.session;\n\npublic final class Session {\n");
        Map<Integer, CellLine> origins = new HashMap<>();
        int unitLine = 4;
        for (int c = 0; c < cells.length; c++) {
            List<String> lines = cells[c].lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                text.append(lines.get(i)).append('\n');
                origins.put(unitLine++, new CellLine(c + 1, i + 1));
            }
        }
        text.append("}\n");
        session = new SessionSource(text.toString(), List.of(), origins, List.of());
    }

    public FakeContext setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** All text/plain of the displays and stdout, for assertions. */
    public String allText() {
        StringBuilder sb = new StringBuilder(stdout);
        for (MimeBundle b : displays) sb.append(b.plainText()).append('\n');
        return sb.toString();
    }

    /** The first display carrying application/json. */
    public com.google.gson.JsonObject json() {
        for (MimeBundle b : displays) {
            Object j = b.data().get(MimeBundle.JSON);
            if (j != null) return ((com.google.gson.JsonElement) j).getAsJsonObject();
        }
        throw new AssertionError("no application/json display in:\n" + allText());
    }

    @Override
    public SessionSource session() {
        return session;
    }

    @Override
    public List<Path> classpath() {
        return List.of();
    }

    @Override
    public Output output() {
        return new Output() {
            @Override
            public void display(MimeBundle bundle) {
                displays.add(bundle);
            }

            @Override
            public DisplayHandle displayUpdatable(MimeBundle bundle) {
                displays.add(bundle);
                int i = displays.size() - 1;
                return b -> displays.set(i, b);
            }

            @Override
            public void stdout(String text) {
                stdout.append(text);
            }

            @Override
            public void stderr(String text) {
                stdout.append(text);
            }
        };
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
    public String setting(String name, Supplier<String> fallback) {
        return settings.containsKey(name) ? settings.get(name) : fallback.get();
    }

    static List<String> noArgs() {
        return new ArrayList<>();
    }
}

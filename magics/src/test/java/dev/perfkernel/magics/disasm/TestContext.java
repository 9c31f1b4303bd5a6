package dev.perfkernel.magics.disasm;

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
import java.util.function.Supplier;

/** A MagicContext over a session made of the given cells (each cell's lines become members of Session). */
public final class TestContext implements MagicContext {
    public final List<MimeBundle> displays = new ArrayList<>();
    public final StringBuilder stdout = new StringBuilder();
    private final SessionSource session;
    private final CancelToken cancel = new CancelToken();
    private final Map<String, String> settings = new HashMap<>();
    private Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    public TestContext(String... cells) {
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

    public TestContext workingDirectory(Path dir) {
        workingDirectory = dir;
        return this;
    }

    public TestContext setting(String name, String value) {
        settings.put(name, value);
        return this;
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
        String v = settings.get(name);
        return v != null ? v : fallback.get();
    }
}

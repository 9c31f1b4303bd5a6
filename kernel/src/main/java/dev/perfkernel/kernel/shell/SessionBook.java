package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.session.SessionSourceBuilder;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.source.SessionSource.CellLine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the kernel remembers about the current engine's snippets: the cell line each came from
 * (for error positions and the session source's line map), and the session source built from
 * them, memoised until the next evaluation changes the session.
 */
final class SessionBook {
    /** Snippet id of the current engine to the cell line of the snippet's first line. */
    private final Map<String, CellLine> origins = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile Memo memo;

    private record Memo(long generation, Engine engine, SessionSource source) {}

    void recordOrigin(String snippetId, CellLine line) {
        origins.put(snippetId, line);
    }

    Optional<CellLine> origin(String snippetId) {
        return Optional.ofNullable(origins.get(snippetId));
    }

    /** The snippet is gone from the session (dropped or replaced): forget its origin. */
    void forget(String snippetId) {
        origins.remove(snippetId);
    }

    /** Something may have changed the session's snippets. */
    void changed() {
        generation.incrementAndGet();
    }

    /** A new engine: no snippets yet. */
    void reset() {
        origins.clear();
        changed();
    }

    /** The session's snippets as one compilation unit; built at most once per session state. */
    SessionSource source(Engine e) {
        long g = generation.get();
        Memo m = memo;
        if (m != null && m.generation == g && m.engine == e) return m.source;
        SessionSource s = SessionSourceBuilder.build(e.shell(),
                snippet -> e.isStartupSnippet(snippet) ? Optional.empty() : origin(snippet.id()));
        memo = new Memo(g, e, s);
        return s;
    }
}

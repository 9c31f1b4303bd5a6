package dev.perfkernel.kernel.session;

import dev.perfkernel.magics.source.SessionSource;
import jdk.jshell.Snippet;

import java.util.Optional;

/** Where a snippet came from: the cell line of the snippet's first source line. */
@FunctionalInterface
public interface SnippetOrigins {

    /** No origins known (for example snippets from a startup script). */
    SnippetOrigins NONE = snippet -> Optional.empty();

    Optional<SessionSource.CellLine> firstLine(Snippet snippet);
}

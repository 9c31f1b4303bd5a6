package dev.perfkernel.magics.parse.gclog;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The recorded GC logs under {@code src/test/resources/gclogs/{jdk17,jdk25}/}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        URL url = Fixtures.class.getResource("/gclogs/" + name + ".log");
        if (url == null) throw new IllegalArgumentException("no fixture " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

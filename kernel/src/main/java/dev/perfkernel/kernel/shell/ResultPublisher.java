package dev.perfkernel.kernel.shell;

import dev.perfkernel.magics.api.MagicException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import javax.lang.model.SourceVersion;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Declares a magic's result as a session variable: a {@code dev.perfkernel.engine.Result}
 * holding a JSON document, which later cells can query.
 */
final class ResultPublisher {
    /** Strings this long stay under the class-file limit of 65535 bytes per constant. */
    private static final int CHUNK = 8000;

    private final EngineSupervisor engines;
    private final OutputRouter output;
    private final SessionBook session;

    ResultPublisher(EngineSupervisor engines, OutputRouter output, SessionBook session) {
        this.engines = engines;
        this.output = output;
        this.session = session;
    }

    /** Defines {@code variable} as a Result of {@code json}; problems are reported on stderr, not thrown. */
    void publish(String variable, String json) {
        if (!SourceVersion.isIdentifier(variable) || SourceVersion.isKeyword(variable)) {
            output.stream("stderr", "Cannot publish the result as '" + variable + "': not a Java variable name.\n");
            return;
        }
        try {
            Engine e = engines.await();
            session.changed();
            List<SnippetEvent> ev = e.submit(declaration(variable, json)).get(60, TimeUnit.SECONDS);
            for (SnippetEvent x : ev) {
                if (x.causeSnippet() == null && (x.status() == Snippet.Status.REJECTED || x.exception() != null)) {
                    output.stream("stderr", "Could not publish the result as '" + variable + "': "
                            + e.shell().diagnostics(x.snippet()).map(d -> d.getMessage(Locale.ROOT)).findFirst()
                            .orElse(String.valueOf(x.exception())) + "\n");
                }
            }
        } catch (MagicException ex) {
            output.stream("stderr", "Could not publish the result as '" + variable + "': " + ex.getMessage() + "\n");
        } catch (Exception ex) {
            output.stream("stderr", "Could not publish the result as '" + variable + "': " + ex.getMessage() + "\n");
        }
    }

    /** The JShell declaration; the document is split into string chunks joined in the engine. */
    static String declaration(String variable, String json) {
        StringBuilder src = new StringBuilder("dev.perfkernel.engine.Result " + variable
                + " = dev.perfkernel.engine.Result.of(new String[]{");
        for (int k = 0; k < json.length(); k += CHUNK) {
            if (k > 0) src.append(",\n");
            src.append(javaLiteral(json.substring(k, Math.min(json.length(), k + CHUNK))));
        }
        if (json.isEmpty()) src.append("\"\"");
        return src.append("});").toString();
    }

    static String javaLiteral(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}

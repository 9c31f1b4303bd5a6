package dev.perfkernel.kernel.session;

import jdk.jshell.ErroneousSnippet;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The name a declaration that did not parse would have defined (a best guess from its text). */
final class ProbableName {
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern METHOD = Pattern.compile("^[^=(]*?\\b([A-Za-z_$][\\w$]*)\\s*\\(", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("^[^=(]*?\\b([A-Za-z_$][\\w$]*)\\s*(?:=|;|$)", Pattern.DOTALL);

    private ProbableName() {
    }

    static Optional<String> of(ErroneousSnippet snippet) {
        String source = snippet.source().strip();
        Pattern pattern = switch (snippet.probableKind()) {
            case TYPE_DECL -> TYPE;
            case METHOD -> METHOD;
            case VAR -> VARIABLE;
            default -> null;
        };
        if (pattern == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(source);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

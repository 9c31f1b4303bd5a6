package dev.perfkernel.kernel.shell;

import dev.perfkernel.kernel.wire.LanguageBackend.ExecuteOutcome;
import jdk.jshell.Diag;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Building cell outcomes and the words errors use for snippets. */
final class Outcomes {
    private Outcomes() {
    }

    static ExecuteOutcome error(String ename, String message, List<String> details) {
        List<String> tb = new ArrayList<>();
        tb.add(ename + ": " + message);
        tb.addAll(details);
        return ExecuteOutcome.failed(ename, message, tb);
    }

    static ExecuteOutcome interrupted() {
        return error("KeyboardInterrupt", "interrupted", List.of());
    }

    /** Errors from a %load'ed file name the file. */
    static ExecuteOutcome labelled(ExecuteOutcome.Error err, String origin) {
        if (origin == null) return new ExecuteOutcome(null, null, err);
        List<String> tb = new ArrayList<>(err.traceback());
        tb.add(0, "In " + origin + ":");
        return new ExecuteOutcome(null, null, new ExecuteOutcome.Error(err.ename(), err.evalue(), tb));
    }

    static ExecuteOutcome labelled(ExecuteOutcome o, String origin) {
        return o.error() == null ? o : labelled(o.error(), origin);
    }

    static String describe(Snippet s) {
        if (s instanceof jdk.jshell.MethodSnippet m) return "method " + m.name() + "(" + m.parameterTypes() + ")";
        if (s instanceof jdk.jshell.TypeDeclSnippet t) return "type " + t.name();
        if (s instanceof VarSnippet v) return "variable " + v.name();
        return "snippet " + s.id();
    }

    static ErrorFormatter.Diag diag(Diag d) {
        return new ErrorFormatter.Diag(d.getStartPosition(), d.getPosition(), d.getEndPosition(),
                d.getMessage(Locale.ROOT), d.isError());
    }

    /** Statements and expressions, which run; declarations only define. */
    static boolean isExecutable(Snippet s) {
        return s.kind() == Snippet.Kind.STATEMENT || s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }
}

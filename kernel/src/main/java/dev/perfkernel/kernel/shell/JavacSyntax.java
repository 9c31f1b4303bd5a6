package dev.perfkernel.kernel.shell;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;

/**
 * Whether code is syntactically valid Java in the places a JShell snippet can stand: as class
 * members, as statements, as an expression. javac's parser only (no types, no classes made).
 */
final class JavacSyntax {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    /** No system compiler (a JRE): nothing can be checked. */
    boolean available() {
        return javac != null;
    }

    boolean parsesAsMembers(String code) {
        return parseOk("class W_ {\n" + code + "\n}");
    }

    boolean parsesAsStatements(String code) {
        return parseOk("class W_ { void m_() throws Throwable {\n" + code + "\n;} }");
    }

    boolean parsesAsExpression(String code) {
        return parseOk("class W_ { Object o_ = (\n" + stripSemicolon(code) + "\n); }");
    }

    /** Valid in any of the three places (true when it cannot tell). */
    boolean parses(String code) {
        if (javac == null) return true;
        if (code.strip().startsWith("import ")) return true;
        return parsesAsMembers(code) || parsesAsStatements(code) || parsesAsExpression(code);
    }

    private static String stripSemicolon(String s) {
        String t = s.stripTrailing();
        return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
    }

    static JavaFileObject source(String unit) {
        return new SimpleJavaFileObject(URI.create("string:///W_.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
    }

    private boolean parseOk(String unit) {
        if (javac == null) return true;
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try {
            JavacTask task = (JavacTask) javac.getTask(new StringWriter(), null, diags,
                    List.of("-proc:none", "-Xlint:none"), null, List.of(source(unit)));
            task.parse();
        } catch (Exception | LinkageError e) {
            return true; // cannot tell: do not call the user's code invalid
        }
        return diags.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}

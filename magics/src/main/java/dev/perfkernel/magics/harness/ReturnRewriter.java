package dev.perfkernel.magics.harness;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;

import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a cell's {@code return EXPR;} statements into {@code { bh.consume(EXPR); return; }}.
 * A benchmark method that returns {@code Object} would box a primitive result, adding an
 * allocation (and its time) that the user's code does not make: {@code return sum(a);} would
 * report 16-24 B/op for a method that allocates nothing. {@code Blackhole.consume} has an
 * overload per primitive type, so consuming instead of returning keeps the measurement honest.
 * Returns inside lambdas and local or anonymous classes belong to those and are left alone.
 * Newlines are preserved, so the cell's line map is unchanged.
 */
final class ReturnRewriter {
    private static final String PREFIX = "class PerfkernelReturnScan { void m() throws Throwable {\n";
    private static final String SUFFIX = "\n}}";

    private ReturnRewriter() {
    }

    /** The rewritten body, or empty when the body does not parse (the caller keeps its fallback). */
    static Optional<String> rewrite(String body, String blackhole) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) return Optional.empty();
        String unit = PREFIX + body + SUFFIX;
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///PerfkernelReturnScan.java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        List<String> errors = new ArrayList<>();
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) errors.add(d.getMessage(null));
        }, List.of("-proc:none"), null, List.of(file));
        CompilationUnitTree cu;
        try {
            cu = task.parse().iterator().next();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!errors.isEmpty()) return Optional.empty();
        SourcePositions pos = Trees.instance(task).getSourcePositions();
        List<long[]> edits = new ArrayList<>(); // start, end of the statement; start, end of its expression
        ClassTree outer = (ClassTree) cu.getTypeDecls().get(0);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return node == outer ? super.visitClass(node, unused) : null; // a local or anonymous class's returns are its own
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitReturn(ReturnTree node, Void unused) {
                if (node.getExpression() != null) {
                    edits.add(new long[]{pos.getStartPosition(cu, node), pos.getEndPosition(cu, node),
                            pos.getStartPosition(cu, node.getExpression()), pos.getEndPosition(cu, node.getExpression())});
                }
                return super.visitReturn(node, unused);
            }
        }.scan(cu, null);
        StringBuilder out = new StringBuilder(unit);
        edits.sort((a, b) -> Long.compare(b[0], a[0])); // from the end, so earlier offsets stay valid
        for (long[] e : edits) {
            String expr = unit.substring((int) e[2], (int) e[3]);
            out.replace((int) e[0], (int) e[1], "{ " + blackhole + ".consume(" + expr + "); return; }");
        }
        return Optional.of(out.substring(PREFIX.length(), out.length() - SUFFIX.length()));
    }
}

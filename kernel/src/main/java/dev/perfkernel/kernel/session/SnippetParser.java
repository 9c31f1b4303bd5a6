package dev.perfkernel.kernel.session;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses snippet sources with javac's parser (no attribution) to find the positions of
 * modifiers, types and declarators. All sources are parsed in one javac task because a task
 * costs far more to set up than to parse a few lines.
 */
final class SnippetParser {

    private static final String MEMBERS_PREFIX = "class PkMembers__ {\n";
    private static final String MEMBERS_SUFFIX = "\n}\n";
    private static final String STATEMENTS_PREFIX = "class PkStatements__ { void pk__() {\n";
    private static final String STATEMENTS_SUFFIX = "\n;}}\n";

    private SnippetParser() {
    }

    /** A parsed snippet: its member trees (declarations) or statements, with positions relative to the snippet. */
    static final class Parsed {
        final String source;
        final List<? extends Tree> trees;
        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final int offset;

        Parsed(String source, List<? extends Tree> trees, CompilationUnitTree unit, SourcePositions positions, int offset) {
            this.source = source;
            this.trees = trees;
            this.unit = unit;
            this.positions = positions;
            this.offset = offset;
        }

        /** Start of {@code tree} in the snippet source, or -1 when javac records none. */
        int start(Tree tree) {
            long p = positions.getStartPosition(unit, tree);
            return p < 0 ? -1 : (int) p - offset;
        }

        /** End (exclusive) of {@code tree} in the snippet source, or -1 when javac records none. */
        int end(Tree tree) {
            long p = positions.getEndPosition(unit, tree);
            return p < 0 ? -1 : (int) p - offset;
        }
    }

    /** Parses each source as the body of a class, so each declaration snippet becomes a member. */
    static List<Parsed> parseMembers(List<String> sources) {
        return parse(sources, MEMBERS_PREFIX, MEMBERS_SUFFIX, false);
    }

    /** Parses each source as the statements of a method body. */
    static List<Parsed> parseStatements(List<String> sources) {
        return parse(sources, STATEMENTS_PREFIX, STATEMENTS_SUFFIX, true);
    }

    private static List<Parsed> parse(List<String> sources, String prefix, String suffix, boolean statements) {
        if (sources.isEmpty()) {
            return List.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JDK, not a JRE, is needed)");
        }
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String text = prefix + sources.get(i) + suffix;
            files.add(new SimpleJavaFileObject(URI.create("string:///PkSnippet" + i + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            });
        }
        // Parse errors are expected (a `var` field is not legal Java); trees are recovered anyway.
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, files);
        List<CompilationUnitTree> units = new ArrayList<>();
        try {
            task.parse().forEach(units::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Parsed> result = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            CompilationUnitTree unit = units.get(i);
            List<? extends Tree> trees = List.of();
            if (!unit.getTypeDecls().isEmpty() && unit.getTypeDecls().get(0) instanceof ClassTree wrapper) {
                trees = wrapper.getMembers();
                if (statements) {
                    trees = wrapper.getMembers().stream()
                            .filter(m -> m instanceof MethodTree)
                            .map(m -> ((MethodTree) m).getBody())
                            .filter(b -> b != null)
                            .findFirst()
                            .map(BlockTree::getStatements)
                            .orElse(List.of());
                }
            }
            result.add(new Parsed(sources.get(i), trees, unit, positions, prefix.length()));
        }
        return result;
    }
}

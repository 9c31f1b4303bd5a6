package dev.perfkernel.kernel.session;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The simple names a declaration uses but does not declare itself: a field {@code w} of an
 * enum, a parameter or a local named like a session variable does not count as a use of it.
 * Scopes are approximate (a local counts from the start of its block), which only matters for
 * code that both declares a name and uses an outer one of the same name in one block.
 */
final class FreeNames extends TreeScanner<Void, Void> {
    private final Deque<Set<String>> scopes = new ArrayDeque<>();
    private final Set<String> free = new LinkedHashSet<>();

    private FreeNames() {
        scopes.push(new HashSet<>());
    }

    static Set<String> of(Tree tree) {
        FreeNames scanner = new FreeNames();
        scanner.scan(tree, null);
        return scanner.free;
    }

    private Void scoped(Runnable body) {
        scopes.push(new HashSet<>());
        try {
            body.run();
        } finally {
            scopes.pop();
        }
        return null;
    }

    private void declare(String name) {
        scopes.peek().add(name);
    }

    private boolean bound(String name) {
        for (Set<String> scope : scopes) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
        String name = node.getName().toString();
        if (!bound(name)) {
            free.add(name);
        }
        return null;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
        super.visitVariable(node, unused);
        declare(node.getName().toString());
        return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
        declare(node.getSimpleName().toString());
        return scoped(() -> {
            // Members are visible throughout the body, before their declarations too.
            for (Tree member : node.getMembers()) {
                if (member instanceof VariableTree v) {
                    declare(v.getName().toString());
                } else if (member instanceof MethodTree m) {
                    declare(m.getName().toString());
                } else if (member instanceof ClassTree c) {
                    declare(c.getSimpleName().toString());
                }
            }
            for (TypeParameterTree t : node.getTypeParameters()) {
                declare(t.getName().toString());
            }
            super.visitClass(node, unused);
        });
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
        return scoped(() -> {
            for (TypeParameterTree t : node.getTypeParameters()) {
                declare(t.getName().toString());
            }
            super.visitMethod(node, unused);
        });
    }

    @Override
    public Void visitBlock(BlockTree node, Void unused) {
        return scoped(() -> super.visitBlock(node, unused));
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return scoped(() -> super.visitLambdaExpression(node, unused));
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
        return scoped(() -> super.visitForLoop(node, unused));
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        return scoped(() -> super.visitEnhancedForLoop(node, unused));
    }

    @Override
    public Void visitCatch(CatchTree node, Void unused) {
        return scoped(() -> super.visitCatch(node, unused));
    }

    @Override
    public Void visitTry(TryTree node, Void unused) {
        return scoped(() -> super.visitTry(node, unused));
    }
}

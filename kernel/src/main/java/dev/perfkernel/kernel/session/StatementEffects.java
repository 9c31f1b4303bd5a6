package dev.perfkernel.kernel.session;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the simple ways a statement changes a session variable: assignment, {@code ++}/{@code --},
 * an element store, or a call of a well-known mutating method ({@code list.add(..)},
 * {@code Arrays.fill(a, ..)}). Forked JVMs do not replay statements, so these variables hold
 * their initializer's value there. Calls of user methods that change fields are not seen.
 */
final class StatementEffects extends TreeScanner<Void, Void> {

    private static final Set<String> MUTATORS = Set.of(
            "add", "addAll", "addFirst", "addLast", "put", "putAll", "putIfAbsent", "remove", "removeAll",
            "removeIf", "removeFirst", "removeLast", "retainAll", "clear", "set", "sort", "replaceAll",
            "push", "pop", "poll", "offer", "append", "insert", "delete", "deleteCharAt", "setLength",
            "compute", "computeIfAbsent", "computeIfPresent", "merge", "setCharAt", "reverse");
    private static final Set<String> STATIC_MUTATORS = Set.of(
            "fill", "sort", "parallelSort", "setAll", "parallelSetAll", "shuffle", "reverse", "swap",
            "rotate", "addAll", "arraycopy");

    private static final String ASSIGNED = "assigned";
    private static final String STEPPED = "incremented or decremented";
    private static final String ELEMENT = "an element stored";

    private final Set<String> sessionVariables;
    private final Set<String> locals = new HashSet<>();
    /** Variable name to a short description of how it changed (first occurrence). */
    private final Map<String, String> changes = new LinkedHashMap<>();

    private StatementEffects(Set<String> sessionVariables) {
        this.sessionVariables = sessionVariables;
    }

    /** Session variables that {@code statements} change, each with how ("assigned", "x.add(..)"). */
    static Map<String, String> changedVariables(List<? extends Tree> statements, Set<String> sessionVariables) {
        StatementEffects scanner = new StatementEffects(sessionVariables);
        for (Tree statement : statements) {
            scanner.scan(statement, null);
        }
        scanner.changes.keySet().removeAll(scanner.locals);
        return scanner.changes;
    }

    /** Whether a description from {@link #changedVariables} is a certain change (not a guess from a method name). */
    static boolean isDefinite(String how) {
        return how.equals(ASSIGNED) || how.equals(STEPPED) || how.equals(ELEMENT);
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
        locals.add(node.getName().toString());
        return super.visitVariable(node, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
        target(node.getVariable(), ASSIGNED);
        return super.visitAssignment(node, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        target(node.getVariable(), ASSIGNED);
        return super.visitCompoundAssignment(node, unused);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
            case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT ->
                    target(node.getExpression(), STEPPED);
            default -> { }
        }
        return super.visitUnary(node, unused);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (node.getMethodSelect() instanceof MemberSelectTree select) {
            String method = select.getIdentifier().toString();
            if (select.getExpression() instanceof IdentifierTree receiver && MUTATORS.contains(method)) {
                record(receiver.getName().toString(), receiver.getName() + "." + method + "(..)");
            }
            if (STATIC_MUTATORS.contains(method)) {
                for (ExpressionTree argument : node.getArguments()) {
                    if (argument instanceof IdentifierTree arg) {
                        record(arg.getName().toString(), select + "(.." + arg.getName() + "..)");
                        break;
                    }
                }
            }
        }
        return super.visitMethodInvocation(node, unused);
    }

    private void target(ExpressionTree variable, String how) {
        ExpressionTree t = variable;
        while (t instanceof ArrayAccessTree access) {
            t = access.getExpression();
            how = ELEMENT;
        }
        if (t instanceof IdentifierTree id) {
            record(id.getName().toString(), how);
        }
    }

    private void record(String name, String how) {
        if (sessionVariables.contains(name)) {
            changes.putIfAbsent(name, how);
        }
    }
}

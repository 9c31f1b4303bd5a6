package dev.perfkernel.magics.parse.compilation;

import java.util.ArrayList;
import java.util.List;

/**
 * A call site the compiler considered, with its decision and the calls inside the callee when
 * it was inlined. The root is the compiled method itself (bci -1, inlined, reason empty).
 */
public final class InlineNode {
    private final MethodRef method;
    private final int bci;
    private boolean inlined;
    private String reason = "";
    private final List<InlineNode> children = new ArrayList<>();

    public InlineNode(MethodRef method, int bci) {
        this.method = method;
        this.bci = bci;
    }

    public MethodRef method() {
        return method;
    }

    /** Bytecode index of the call in the caller, -1 for the root. */
    public int bci() {
        return bci;
    }

    public boolean inlined() {
        return inlined;
    }

    /** The JVM's words: {@code inline (hot)}, {@code too big}, {@code callee is too large}, ... */
    public String reason() {
        return reason;
    }

    public List<InlineNode> children() {
        return children;
    }

    void decide(boolean inlined, String reason) {
        this.inlined = inlined;
        this.reason = reason == null ? "" : reason;
    }

    /** Every node below this one, depth first, paired with its depth (root children at 1). */
    public void walk(Visitor v) {
        walk(v, 0);
    }

    private void walk(Visitor v, int depth) {
        v.visit(this, depth);
        for (InlineNode c : children) c.walk(v, depth + 1);
    }

    public interface Visitor {
        void visit(InlineNode node, int depth);
    }
}

package dev.perfkernel.kernel.session;

import com.sun.source.tree.MethodTree;

import java.util.List;
import java.util.Set;

/** One declaration of the unit, rewritten, with what it uses. */
final class UnitMember {
    final HistoryEntry entry;
    final String name;
    final boolean variable;
    final DeclarationRewriter.Rewritten text;
    final List<String> initializerNames;
    /** Simple names the declaration uses and does not declare itself. */
    final Set<String> uses;
    /** The parsed method, for finding which session variables it changes; null otherwise. */
    MethodTree method;

    UnitMember(HistoryEntry entry, String name, boolean variable, DeclarationRewriter.Rewritten text,
               List<String> initializerNames, Set<String> uses) {
        this.entry = entry;
        this.name = name;
        this.variable = variable;
        this.text = text;
        this.initializerNames = initializerNames;
        this.uses = uses;
    }
}

package dev.perfkernel.kernel.session;

import com.sun.source.tree.Tree;
import dev.perfkernel.magics.source.SessionSource.Unreplayable;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ErroneousSnippet;
import jdk.jshell.Snippet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The ways a forked JVM's session differs from the notebook's, written as warnings. */
final class ReplayWarnings {
    private ReplayWarnings() {
    }

    /**
     * Leaves out declarations that use one that was left out, transitively: JShell defined
     * them, but in the unit they would not compile and would take every other member with them.
     */
    static void leaveOutUsersOf(Set<String> leftOut, List<UnitMember> members, List<Unreplayable> unreplayable) {
        Set<String> missing = new LinkedHashSet<>(leftOut);
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> present = members.stream().map(m -> m.name).collect(Collectors.toSet());
            missing.removeAll(present); // an overload or a same-named member still exists
            for (java.util.Iterator<UnitMember> it = members.iterator(); it.hasNext(); ) {
                UnitMember m = it.next();
                Optional<String> used = m.uses.stream().filter(missing::contains).findFirst();
                if (used.isPresent()) {
                    it.remove();
                    unreplayable.add(new Unreplayable(m.entry.snippet().source(), m.name + " is left out: it uses "
                            + used.get() + ", which could not be replayed"));
                    missing.add(m.name);
                    changed = true;
                }
            }
        }
    }

    /** Session variables that statements (or session methods they call) visibly changed. */
    static void statementEffects(List<HistoryEntry> statements, Map<String, Integer> variableOrder,
                                 Map<String, Map<String, String>> methodEffects,
                                 SnippetOrigins origins, List<Unreplayable> unreplayable) {
        if (statements.isEmpty() || variableOrder.isEmpty()) {
            return;
        }
        List<SnippetParser.Parsed> parsed = SnippetParser.parseStatements(
                statements.stream().map(e -> e.snippet().source()).collect(Collectors.toList()));
        Set<String> warned = new LinkedHashSet<>();
        for (int k = 0; k < statements.size(); k++) {
            HistoryEntry entry = statements.get(k);
            Map<String, String> changed = new java.util.LinkedHashMap<>(
                    StatementEffects.changedVariables(parsed.get(k).trees, variableOrder.keySet()));
            for (Tree statement : parsed.get(k).trees) {
                for (String used : FreeNames.of(statement)) {
                    methodEffects.getOrDefault(used, Map.of()).forEach((variable, how) ->
                            changed.putIfAbsent(variable, "via " + used + "(..): " + how));
                }
            }
            for (Map.Entry<String, String> c : changed.entrySet()) {
                String name = c.getKey();
                // A statement before the variable's current definition changed an older variable.
                if (variableOrder.get(name) > entry.order() || !warned.add(name)) {
                    continue;
                }
                String where = origins.firstLine(entry.snippet())
                        .map(l -> l.executionCount() > 0 ? " in In [" + l.executionCount() + "]" : "").orElse("");
                String how = StatementEffects.isDefinite(c.getValue())
                        ? name + " was changed by a statement" + where
                        : name + " may have been changed by a statement" + where + " (" + c.getValue() + ")";
                unreplayable.add(new Unreplayable(entry.snippet().source(),
                        how + "; forked JVMs see its initializer's value"));
            }
        }
    }

    /**
     * Declarations that never compiled and were not fixed later: not defined in the notebook
     * either, but a harness that uses one fails, and this says why. Once per name (the last
     * attempt); a failed redefinition of something still defined is not reported, because
     * forked JVMs then use the same definition as the notebook.
     */
    static void rejected(List<HistoryEntry> rejected, List<HistoryEntry> declarations, SnippetOrigins origins,
                         List<Unreplayable> unreplayable) {
        Set<String> reported = new java.util.HashSet<>();
        for (int i = rejected.size() - 1; i >= 0; i--) {
            HistoryEntry entry = rejected.get(i);
            Snippet s = entry.snippet();
            Optional<String> name = s instanceof DeclarationSnippet d ? Optional.of(d.name())
                    : s instanceof ErroneousSnippet e ? ProbableName.of(e) : Optional.empty();
            if (name.isEmpty() || !reported.add(name.get())) {
                continue;
            }
            boolean defined = declarations.stream().anyMatch(d -> ((DeclarationSnippet) d.snippet()).name().equals(name.get()));
            if (defined) {
                continue;
            }
            String where = origins.firstLine(s)
                    .map(l -> l.executionCount() > 0 ? " in In [" + l.executionCount() + "]" : "").orElse("");
            unreplayable.add(new Unreplayable(s.source(), "the declaration of " + name.get() + where
                    + " did not compile; " + name.get() + " is not defined"));
        }
    }

    /**
     * A variable whose initializer reads a variable that was redefined afterwards: JShell kept
     * the value computed from the old definition, the unit computes it from the new one.
     */
    static void redefinedDependencies(List<UnitMember> members, Map<String, Integer> variableOrder,
                                      SnippetOrigins origins, List<Unreplayable> unreplayable) {
        for (UnitMember m : members) {
            if (!m.variable) {
                continue;
            }
            for (String used : m.initializerNames) {
                Integer usedOrder = variableOrder.get(used);
                if (usedOrder != null && !used.equals(m.name) && usedOrder > m.entry.order()) {
                    unreplayable.add(new Unreplayable(m.entry.snippet().source(), m.name + " reads " + used
                            + ", which was redefined after it; forked JVMs compute " + m.name + " from the new " + used));
                }
            }
        }
    }
}

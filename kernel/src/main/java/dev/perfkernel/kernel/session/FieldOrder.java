package dev.perfkernel.kernel.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders fields so that no initializer reads a field declared below it (javac rejects that as
 * an illegal forward reference). Definition order is kept except where a variable was redefined
 * after another variable's initializer used it; types and methods keep their places.
 */
final class FieldOrder {
    private FieldOrder() {
    }

    /**
     * Fields that cannot be ordered: their initializers read each other (possible only through
     * redefinitions). Empty when {@link #withFieldsInDependencyOrder} gives a compilable order.
     */
    static List<UnitMember> cyclic(List<UnitMember> members) {
        List<UnitMember> stuck = new ArrayList<>();
        sort(members, stuck);
        return stuck;
    }

    static List<UnitMember> withFieldsInDependencyOrder(List<UnitMember> members) {
        List<UnitMember> sorted = sort(members, new ArrayList<>());
        List<UnitMember> result = new ArrayList<>();
        int f = 0;
        for (UnitMember m : members) {
            result.add(m.variable ? sorted.get(f++) : m);
        }
        return result;
    }

    private static List<UnitMember> sort(List<UnitMember> members, List<UnitMember> stuck) {
        Set<String> fieldNames = new HashSet<>();
        List<UnitMember> remaining = new ArrayList<>();
        for (UnitMember m : members) {
            if (m.variable) {
                remaining.add(m);
                fieldNames.add(m.name);
            }
        }
        // Stable topological order: repeatedly take the earliest field whose dependencies are placed.
        List<UnitMember> sorted = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!remaining.isEmpty()) {
            UnitMember next = null;
            for (UnitMember candidate : remaining) {
                boolean ready = candidate.initializerNames.stream()
                        .noneMatch(n -> fieldNames.contains(n) && !placed.contains(n) && !n.equals(candidate.name));
                if (ready) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                next = remaining.get(0);
                stuck.add(next);
            }
            remaining.remove(next);
            placed.add(next.name);
            sorted.add(next);
        }
        return sorted;
    }
}

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

    static List<SessionSourceBuilder.Member> withFieldsInDependencyOrder(List<SessionSourceBuilder.Member> members) {
        List<SessionSourceBuilder.Member> fields = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        for (SessionSourceBuilder.Member m : members) {
            if (m.variable) {
                fields.add(m);
                fieldNames.add(m.name);
            }
        }
        // Stable topological order: repeatedly take the earliest field whose dependencies are placed.
        List<SessionSourceBuilder.Member> sorted = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<SessionSourceBuilder.Member> remaining = new ArrayList<>(fields);
        while (!remaining.isEmpty()) {
            SessionSourceBuilder.Member next = remaining.get(0);
            for (SessionSourceBuilder.Member candidate : remaining) {
                boolean ready = candidate.initializerNames.stream()
                        .noneMatch(n -> fieldNames.contains(n) && !placed.contains(n) && !n.equals(candidate.name));
                if (ready) {
                    next = candidate;
                    break;
                }
            }
            remaining.remove(next);
            placed.add(next.name);
            sorted.add(next);
        }
        List<SessionSourceBuilder.Member> result = new ArrayList<>();
        int f = 0;
        for (SessionSourceBuilder.Member m : members) {
            result.add(m.variable ? sorted.get(f++) : m);
        }
        return result;
    }
}

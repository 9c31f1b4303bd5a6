package dev.perfkernel.kernel.session;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which session variables each session method changes, directly or through the session methods
 * it calls, so that a statement {@code init();} is known to have filled {@code data}.
 */
final class MethodEffects {
    private MethodEffects() {
    }

    /** Method name to (variable to how), for methods that change at least one session variable. */
    static Map<String, Map<String, String>> of(List<UnitMember> members, Set<String> variables) {
        Map<String, Map<String, String>> effects = new HashMap<>();
        Map<String, Set<String>> calls = new HashMap<>();
        for (UnitMember m : members) {
            if (m.method == null || m.method.getBody() == null) {
                continue;
            }
            // Overloads share a name: their effects are merged (a guess either way).
            effects.computeIfAbsent(m.name, k -> new LinkedHashMap<>())
                    .putAll(StatementEffects.changedVariables(List.of(m.method), variables));
            calls.computeIfAbsent(m.name, k -> new java.util.HashSet<>()).addAll(m.uses);
        }
        // Propagate through calls until nothing changes (at most one round per method).
        for (int round = 0; round < effects.size(); round++) {
            boolean changed = false;
            for (Map.Entry<String, Set<String>> caller : calls.entrySet()) {
                Map<String, String> own = effects.get(caller.getKey());
                for (String callee : caller.getValue()) {
                    if (callee.equals(caller.getKey()) || !effects.containsKey(callee)) {
                        continue;
                    }
                    for (Map.Entry<String, String> e : effects.get(callee).entrySet()) {
                        if (own.putIfAbsent(e.getKey(), "via " + callee + "(..): " + e.getValue()) == null) {
                            changed = true;
                        }
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        effects.values().removeIf(Map::isEmpty);
        return effects;
    }
}

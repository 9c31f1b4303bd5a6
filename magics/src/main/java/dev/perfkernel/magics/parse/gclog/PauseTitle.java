package dev.perfkernel.magics.parse.gclog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The words after {@code Pause} in a stop-the-world line, e.g.
 * {@code Young (Normal) (G1 Evacuation Pause)} or {@code Full (System.gc())}: the head word and
 * the parenthesised groups (which may nest, as in {@code (System.gc())}) give kind and cause.
 */
record PauseTitle(GcKind kind, String name, String cause) {

    /** G1's young-collection subtypes, written before the cause. */
    private static final Set<String> G1_YOUNG_PHASES =
            Set.of("Normal", "Concurrent Start", "Prepare Mixed", "Mixed", "Concurrent End");

    static PauseTitle of(String title) {
        int paren = title.indexOf(" (");
        String head = (paren < 0 ? title : title.substring(0, paren)).trim();
        List<String> groups = paren < 0 ? List.of() : groups(title.substring(paren));
        GcKind kind = switch (head) {
            case "Young" -> !groups.isEmpty() && groups.get(0).equals("Mixed") ? GcKind.MIXED : GcKind.YOUNG;
            case "Full" -> GcKind.FULL;
            case "Remark" -> GcKind.REMARK;
            case "Cleanup" -> GcKind.CLEANUP;
            case "Degenerated GC" -> GcKind.DEGENERATED;
            default -> GcKind.OTHER;
        };
        StringBuilder name = new StringBuilder("Pause ").append(head);
        int causeAt = 0;
        if (head.equals("Young") && groups.size() >= 2 && G1_YOUNG_PHASES.contains(groups.get(0))) {
            name.append(" (").append(groups.get(0)).append(')');
            causeAt = 1;
        }
        // Shenandoah's "Degenerated GC (Outside of Cycle)" names where it degenerated, not why.
        boolean noCause = kind == GcKind.REMARK || kind == GcKind.CLEANUP || kind == GcKind.DEGENERATED;
        String cause = noCause || groups.size() <= causeAt ? "" : groups.get(causeAt);
        for (int i = causeAt + 1; i < groups.size(); i++) name.append(" (").append(groups.get(i)).append(')');
        if (cause.isEmpty()) {
            for (int i = 0; i < groups.size() && causeAt == 0; i++) name.append(" (").append(groups.get(i)).append(')');
        }
        return new PauseTitle(kind, name.toString(), cause);
    }

    /** Top-level parenthesised groups, contents without their outer parentheses. */
    static List<String> groups(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                if (depth++ == 0) start = i + 1;
            } else if (c == ')' && depth > 0) {
                if (--depth == 0) out.add(s.substring(start, i));
            }
        }
        return out;
    }
}

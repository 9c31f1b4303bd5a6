package dev.perfkernel.magics.parse.jfr;

import java.util.List;
import java.util.Map;

/** The {@code frame;frame;frame count} text format of Brendan Gregg's flamegraph.pl and speedscope. */
public final class CollapsedStacks {
    private CollapsedStacks() {
    }

    public static String toText(Map<String, Long> stacks) {
        StringBuilder sb = new StringBuilder();
        stacks.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        return sb.toString();
    }

    /** One frame's label: no spaces or semicolons, which the format reserves. */
    static String label(String s) {
        return s.replace(';', ':').replace(' ', '_');
    }

    /** Joins frames given root first. */
    static String join(List<String> rootFirst) {
        StringBuilder sb = new StringBuilder();
        for (String f : rootFirst) {
            if (sb.length() > 0) sb.append(';');
            sb.append(label(f));
        }
        return sb.toString();
    }
}

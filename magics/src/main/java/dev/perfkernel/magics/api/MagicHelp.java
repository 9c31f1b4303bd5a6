package dev.perfkernel.magics.api;

import java.util.List;

/**
 * The documentation of one magic, shown by {@code %help}, {@code %name --help} and on usage errors.
 *
 * @param synopsis    one line per form, e.g. {@code %bench EXPR} and {@code %%bench [options]}
 * @param summary     one sentence: what it is for
 * @param options     every option with its meaning and default
 * @param description paragraphs: what it shows, how to read it, trade-offs (may be empty)
 */
public record MagicHelp(List<String> synopsis, String summary, List<Option> options, String description) {

    public MagicHelp {
        synopsis = List.copyOf(synopsis);
        options = List.copyOf(options);
    }

    /** @param names e.g. {@code -f N}, {@code --jvm SPEC}; @param meaning text including the default */
    public record Option(String names, String meaning) {}

    /** Plain-text rendering with aligned option columns. */
    public String render(String name) {
        StringBuilder sb = new StringBuilder();
        for (String s : synopsis) sb.append(s).append('\n');
        sb.append('\n').append(summary).append('\n');
        if (!options.isEmpty()) {
            int w = options.stream().mapToInt(o -> o.names().length()).max().orElse(0);
            sb.append("\nOptions:\n");
            for (Option o : options) {
                sb.append("  ").append(o.names()).append(" ".repeat(w - o.names().length() + 2));
                String[] lines = o.meaning().split("\n");
                sb.append(lines[0]).append('\n');
                for (int i = 1; i < lines.length; i++) sb.append(" ".repeat(w + 4)).append(lines[i]).append('\n');
            }
        }
        if (description != null && !description.isBlank()) sb.append('\n').append(description.strip()).append('\n');
        return sb.toString();
    }

    /** The synopsis lines and a pointer to the full help, for usage errors. */
    public String usage(String name) {
        return String.join("\n", synopsis) + "\nSee %help " + name + " for every option.";
    }
}

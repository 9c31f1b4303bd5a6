package dev.perfkernel.magics.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A magic's options, declared once: each declaration yields the parser's rule, the line of
 * {@code %help} (and so the kernel's completion of option names, which reads the help) and the
 * rule that splits a line magic's words into options and code.
 *
 * <pre>{@code
 * static final OptionSpec OPTIONS = new OptionSpec()
 *         .value("--event", "cpu|wall|alloc|lock", "what to sample (default cpu)")
 *         .flag("--quick", "quick settings");
 * MagicHelp HELP = new MagicHelp(synopsis, summary, OPTIONS.help(), description);
 * OptionParser.Parsed p = OPTIONS.parser("profile", HELP).parse(words);
 * }</pre>
 */
public final class OptionSpec {
    private final List<Decl> decls = new ArrayList<>();
    private boolean positional = true;

    /**
     * @param names   the shown name first, then aliases the parser also accepts (not shown)
     * @param metavar what the value looks like in the help ({@code N}, {@code cpu|wall}), empty for a flag
     */
    private record Decl(List<String> names, OptionParser.Arity arity, String metavar, String meaning) {}

    /** An option without a value, e.g. {@code --quick}. */
    public OptionSpec flag(String name, String meaning, String... aliases) {
        return add(name, aliases, OptionParser.Arity.FLAG, "", meaning);
    }

    /** An option with one value (the last one given wins). */
    public OptionSpec value(String name, String metavar, String meaning, String... aliases) {
        return add(name, aliases, OptionParser.Arity.ONE, metavar, meaning);
    }

    /** An option that may be given several times, each value kept. */
    public OptionSpec repeatable(String name, String metavar, String meaning, String... aliases) {
        return add(name, aliases, OptionParser.Arity.MANY, metavar, meaning);
    }

    /** Documents a positional argument (shown in the help; the parser keeps positional words). */
    public OptionSpec argument(String name, String meaning) {
        decls.add(new Decl(List.of(), null, name, meaning));
        return this;
    }

    /** Rejects positional words. */
    public OptionSpec noPositional() {
        positional = false;
        return this;
    }

    private OptionSpec add(String name, String[] aliases, OptionParser.Arity arity, String metavar, String meaning) {
        List<String> names = new ArrayList<>();
        names.add(name);
        names.addAll(List.of(aliases));
        decls.add(new Decl(List.copyOf(names), arity, metavar, meaning));
        return this;
    }

    /** The help's option lines, in declaration order. */
    public List<MagicHelp.Option> help() {
        List<MagicHelp.Option> out = new ArrayList<>();
        for (Decl d : decls) {
            String shown = d.names().isEmpty() ? d.metavar()
                    : d.names().get(0) + (d.metavar().isEmpty() ? "" : " " + d.metavar());
            out.add(new MagicHelp.Option(shown, d.meaning()));
        }
        return out;
    }

    /** The parser for these options. */
    public OptionParser parser(String magicName, MagicHelp help) {
        OptionParser p = new OptionParser(magicName, help);
        for (Decl d : decls) {
            if (d.arity() != null) p.option(d.arity(), d.names().toArray(new String[0]));
        }
        return positional ? p : p.noPositional();
    }

    /** True when {@code word} is a name (or alias) of an option of this spec. */
    public boolean isOption(String word) {
        for (Decl d : decls) {
            if (d.arity() != null && d.names().contains(word)) return true;
        }
        return false;
    }

    /** True when {@code word} is an option of this spec that takes a value in the next word. */
    public boolean takesValue(String word) {
        for (Decl d : decls) {
            if (d.arity() != null && d.arity() != OptionParser.Arity.FLAG && d.names().contains(word)) return true;
        }
        return false;
    }

    /** A line magic's words split into the leading options and the code after them. */
    public record LineSplit(List<String> options, String code) {}

    /**
     * Options come first; the code starts at the first word that is neither an option nor an option's
     * value ({@code --} ends the options explicitly).
     */
    public LineSplit splitLine(List<String> words) {
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("-")) {
            if (words.get(i).equals("--")) {
                i++;
                return new LineSplit(words.subList(0, i - 1), String.join(" ", words.subList(i, words.size())));
            }
            i += takesValue(words.get(i)) ? 2 : 1;
        }
        i = Math.min(i, words.size());
        return new LineSplit(List.copyOf(words.subList(0, i)), String.join(" ", words.subList(i, words.size())));
    }
}

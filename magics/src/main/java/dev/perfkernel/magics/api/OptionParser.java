package dev.perfkernel.magics.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small declarative parser for magic options in the style of JMH's CLI ({@code -f 3},
 * {@code -wi 5}, {@code -p n=1,2}) and GNU long options ({@code --jvm 25}, {@code --quick},
 * {@code --top=10}). Unknown options and missing values throw {@link UsageException} with
 * the magic's usage, never a stack trace.
 */
public final class OptionParser {

    /** How many values an option takes. */
    public enum Arity { FLAG, ONE, MANY }

    private record Spec(List<String> names, Arity arity, String key) {}

    private final String magicName;
    private final MagicHelp help;
    private final List<Spec> specs = new ArrayList<>();
    private boolean allowPositional = true;

    public OptionParser(String magicName, MagicHelp help) {
        this.magicName = magicName;
        this.help = help;
    }

    /** Declares an option; the first name is the key under which its values are stored. */
    public OptionParser option(Arity arity, String... names) {
        specs.add(new Spec(List.of(names), arity, names[0]));
        return this;
    }

    public OptionParser flag(String... names) {
        return option(Arity.FLAG, names);
    }

    public OptionParser value(String... names) {
        return option(Arity.ONE, names);
    }

    public OptionParser repeatable(String... names) {
        return option(Arity.MANY, names);
    }

    public OptionParser noPositional() {
        allowPositional = false;
        return this;
    }

    public Parsed parse(List<String> args) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                String name = a;
                String inline = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    inline = a.substring(eq + 1);
                }
                Spec spec = find(name);
                if (spec == null) throw usage("unknown option " + name);
                if (spec.arity == Arity.FLAG) {
                    if (inline != null) throw usage("option " + name + " takes no value");
                    values.computeIfAbsent(spec.key, k -> new ArrayList<>()).add("true");
                    continue;
                }
                String v = inline;
                if (v == null) {
                    if (i + 1 >= args.size()) throw usage("option " + name + " needs a value");
                    v = args.get(++i);
                }
                List<String> list = values.computeIfAbsent(spec.key, k -> new ArrayList<>());
                if (spec.arity == Arity.ONE) list.clear();
                list.add(v);
            } else {
                if (!allowPositional) throw usage("unexpected argument " + a);
                positional.add(a);
            }
        }
        return new Parsed(values, positional);
    }

    public UsageException usage(String message) {
        return new UsageException("%" + magicName + ": " + message, help.usage(magicName));
    }

    private Spec find(String name) {
        for (Spec s : specs) if (s.names.contains(name)) return s;
        return null;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Parsed options keyed by each option's first name, plus the positional words. */
    public final class Parsed {
        private final Map<String, List<String>> values;
        private final List<String> positional;

        Parsed(Map<String, List<String>> values, List<String> positional) {
            this.values = values;
            this.positional = List.copyOf(positional);
        }

        public boolean has(String key) {
            return values.containsKey(key);
        }

        public Optional<String> get(String key) {
            List<String> v = values.get(key);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        public List<String> all(String key) {
            return values.getOrDefault(key, List.of());
        }

        public List<String> positional() {
            return positional;
        }

        /** An integer option, checked against a minimum. */
        public Optional<Integer> integer(String key, int min) throws UsageException {
            Optional<String> v = get(key);
            if (v.isEmpty()) return Optional.empty();
            try {
                int n = Integer.parseInt(v.get());
                if (n < min) throw usage(key + " must be at least " + min + ", got " + n);
                return Optional.of(n);
            } catch (NumberFormatException e) {
                throw usage(key + " needs a whole number, got '" + v.get() + "'");
            }
        }
    }
}

package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.UsageException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses %bench's options (JMH's plus ours) into {@link BenchOptions}. It lives here, not in
 * {@code bench/}, because %alloc accepts the same JMH settings and no magic package imports another. For the line form
 * {@code %bench [options] EXPR} the options are the leading words that are known options; the
 * rest of the line, exactly as typed, is the expression.
 *
 * <p>Two steps: our own options ({@code --quick}, {@code --baseline}, {@code --budget},
 * {@code --save}, {@code --compare}, {@code --jvm}, {@code -o}...) and the JMH options %bench reads
 * itself ({@code -f -wi -i -w -r -bm -tu -p -t -prof -jvmArgs*}) are separated from every other
 * word that JMH's parser knows ({@code -foe}, {@code -opi}, {@code -bs}, {@code -si}, {@code -gc},
 * {@code -wf}, {@code -to}...). Then the whole JMH argument list is validated by JMH's own
 * {@link org.openjdk.jmh.runner.options.CommandLineOptions}, so a bad option is a usage error
 * before any fork starts.
 */
public final class BenchOptionParser {
    // Defaults chosen for comparisons that can support a conclusion: forks differ from each other
    // more than iterations do, so the fork count buys the precision and each fork is kept short.
    // 10 forks per side find a 10% difference in >= 80% of runs while fork medians spread up to
    // ~6% (ForkComparison's simulation); per fork 2 s warm-up + 1 s measurement + ~0.7 s JVM start,
    // so ~37 s per benchmark, ~80 s for a cell comparing two. bench/aa_power measures the rates.
    public static final int DEFAULT_FORKS = 10;
    static final int DEFAULT_WARMUP_ITERATIONS = 4;
    public static final int DEFAULT_ITERATIONS = 5;
    static final String DEFAULT_WARMUP_TIME = "500ms";
    static final String DEFAULT_MEASUREMENT_TIME = "200ms";
    static final int QUICK_FORKS = 1;
    static final int QUICK_WARMUP_ITERATIONS = 2;
    static final int QUICK_ITERATIONS = 3;
    static final String QUICK_TIME = "200ms";

    /** The session variable that receives %bench's report unless {@code -o} names another. */
    public static final String DEFAULT_VARIABLE = "_bench";

    static final Set<String> MODES = Set.of("avgt", "thrpt", "sample", "ss");
    static final Set<String> UNITS = Set.of("ns", "us", "ms", "s");
    private static final Pattern TIME = Pattern.compile("^(\\d+)\\s*(ns|us|ms|s|m|min)$");
    private static final Pattern PARAM = Pattern.compile("^([A-Za-z_$][\\w$]*)=(.+)$");
    private static final Pattern PROFILER = Pattern.compile("^[A-Za-z][\\w.\\-]*(:.*)?$");

    /** Options taking a value, by every name (for the line form's split). */
    static final Set<String> VALUE_OPTIONS = Set.of("-f", "-wi", "-i", "-w", "-r", "-bm", "-tu", "-p", "-t", "-prof",
            "-jvmArgs", "-jvmArgsAppend", "-jvmArgsPrepend", "--jvm", "--baseline", "--save", "--compare", "--budget",
            "--timeout", "-o");
    static final Set<String> FLAG_OPTIONS = Set.of("--quick", "--no-empty-reference", "--help");

    private final OptionParser parser;

    public BenchOptionParser(MagicHelp help) {
        parser = new OptionParser("bench", help)
                .value("-f").value("-wi").value("-i").value("-w").value("-r").value("-bm").value("-tu")
                .repeatable("-p").value("-t").repeatable("-prof").repeatable("-jvmArgs").repeatable("-jvmArgsAppend")
                .repeatable("-jvmArgsPrepend").repeatable("--jvm")
                .flag("--quick").value("--baseline").value("--save").value("--compare").repeatable("--budget")
                .value("--timeout").flag("--no-empty-reference").flag("--help").value("-o");
    }

    /** The options of a cell magic's first line; positional words are an error. */
    public BenchOptions parse(List<String> args, boolean forcedQuick) throws UsageException {
        Separated s = separate(args);
        OptionParser.Parsed p = parser.parse(s.ours());
        if (!p.positional().isEmpty()) {
            throw parser.usage("unexpected '" + p.positional().get(0) + "': %%bench takes the code in the cell body");
        }
        return build(p, s.jmh(), forcedQuick);
    }

    /** Our options and the JMH options %bench reads itself; every other JMH option, as typed. */
    record Separated(List<String> ours, List<String> jmh) {}

    Separated separate(List<String> words) throws UsageException {
        List<String> ours = new ArrayList<>();
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean value = VALUE_OPTIONS.contains(w);
            if (value || FLAG_OPTIONS.contains(w) || w.equals("--")) {
                ours.add(w);
                if (value && i + 1 < words.size()) ours.add(words.get(++i));
                continue;
            }
            JmhCommandLine.Kind kind = JmhCommandLine.kind(w);
            if (kind == JmhCommandLine.Kind.UNKNOWN) {
                ours.add(w); // the option parser names it as unknown or stray
                continue;
            }
            String refused = JmhCommandLine.REFUSED.get(w);
            if (refused != null) throw parser.usage(w + " is not available in %bench: " + refused);
            jmh.add(w);
            if (kind == JmhCommandLine.Kind.VALUE) {
                if (i + 1 >= words.size()) throw parser.usage(w + " needs a value");
                jmh.add(words.get(++i));
            }
        }
        return new Separated(ours, jmh);
    }

    /** Whether a word starts an option of the line form: ours, or one JMH's parser knows. */
    static boolean isOption(String word) {
        return VALUE_OPTIONS.contains(word) || FLAG_OPTIONS.contains(word)
                || JmhCommandLine.kind(word) != JmhCommandLine.Kind.UNKNOWN;
    }

    static boolean takesValue(String word) {
        return VALUE_OPTIONS.contains(word) || !FLAG_OPTIONS.contains(word)
                && JmhCommandLine.kind(word) == JmhCommandLine.Kind.VALUE;
    }

    /** Whether the words ask for help. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** The line form: leading options, then the expression text as typed. */
    public record LineForm(List<String> optionWords, String expression) {}

    public static LineForm splitLine(String raw) throws UsageException {
        int i = 0;
        List<String> words = new ArrayList<>();
        while (true) {
            while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) i++;
            if (i >= raw.length()) return new LineForm(words, "");
            int end = wordEnd(raw, i);
            String word = ArgTokenizer.split(raw.substring(i, end)).stream().findFirst().orElse("");
            if (word.equals("--")) return new LineForm(words, raw.substring(end).strip());
            if (isOption(word) && !takesValue(word)) {
                words.add(word);
                i = end;
            } else if (isOption(word)) {
                words.add(word);
                int j = end;
                while (j < raw.length() && Character.isWhitespace(raw.charAt(j))) j++;
                if (j >= raw.length()) return new LineForm(words, "");
                int vend = wordEnd(raw, j);
                words.addAll(ArgTokenizer.split(raw.substring(j, vend)));
                i = vend;
            } else {
                return new LineForm(words, raw.substring(i).strip());
            }
        }
    }

    /** The end of a shell-quoted word starting at {@code from}. */
    private static int wordEnd(String s, int from) {
        char quote = 0;
        int i = from;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"') i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (Character.isWhitespace(c)) {
                break;
            }
        }
        return Math.min(i, s.length());
    }

    /** A usage error with %bench's synopsis. */
    public UsageException parseUsage(String message) {
        return parser.usage(message);
    }

    public BenchOptions parseWords(List<String> words, boolean forcedQuick) throws UsageException {
        Separated s = separate(words);
        return build(parser.parse(s.ours()), s.jmh(), forcedQuick);
    }

    private BenchOptions build(OptionParser.Parsed p, List<String> jmhExtra, boolean forcedQuick)
            throws UsageException {
        boolean quick = p.has("--quick") || forcedQuick;
        int forks = p.integer("-f", 0).orElse(quick ? QUICK_FORKS : DEFAULT_FORKS);
        int wi = p.integer("-wi", 0).orElse(quick ? QUICK_WARMUP_ITERATIONS : DEFAULT_WARMUP_ITERATIONS);
        int it = p.integer("-i", 1).orElse(quick ? QUICK_ITERATIONS : DEFAULT_ITERATIONS);
        String w = time(p, "-w", quick ? QUICK_TIME : DEFAULT_WARMUP_TIME);
        String r = time(p, "-r", quick ? QUICK_TIME : DEFAULT_MEASUREMENT_TIME);
        if (forcedQuick) {
            // notebook CI mode caps what a cell asks for, so every notebook finishes quickly
            forks = Math.min(forks, QUICK_FORKS);
            wi = Math.min(wi, QUICK_WARMUP_ITERATIONS);
            it = Math.min(it, QUICK_ITERATIONS);
            if (millis(w) > millis(QUICK_TIME)) w = QUICK_TIME;
            if (millis(r) > millis(QUICK_TIME)) r = QUICK_TIME;
            jmhExtra = withoutWarmupForks(jmhExtra);
        }
        String mode = mode(p.get("-bm").orElse("avgt"));
        String tu = p.get("-tu").orElse(mode.equals("thrpt") ? "s" : mode.equals("ss") ? "us" : "ns");
        if (!UNITS.contains(tu)) throw parser.usage("-tu must be one of ns, us, ms, s; got '" + tu + "'");
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String spec : p.all("-p")) {
            Matcher m = PARAM.matcher(spec);
            if (!m.matches()) throw parser.usage("-p needs NAME=V1,V2,... ; got '" + spec + "'");
            List<String> values = List.of(m.group(2).split(","));
            if (values.stream().anyMatch(String::isBlank)) throw parser.usage("-p " + spec + " has an empty value");
            params.put(m.group(1), values);
        }
        // JMH's "max": as many threads as hardware threads (JMH's Threads.MAX is -1)
        int threads = p.get("-t").filter(t -> t.equals("max")).isPresent() ? -1 : p.integer("-t", 1).orElse(1);
        List<String> profilers = new ArrayList<>();
        for (String prof : p.all("-prof")) {
            if (!PROFILER.matcher(prof).matches()) throw parser.usage("-prof needs NAME[:OPTIONS]; got '" + prof + "'");
            profilers.add(prof);
        }
        // JMH's order: prepended, then -jvmArgs, then appended
        List<String> jvmArgs = new ArrayList<>();
        for (String a : p.all("-jvmArgsPrepend")) jvmArgs.addAll(ArgTokenizer.split(a));
        for (String a : p.all("-jvmArgs")) jvmArgs.addAll(ArgTokenizer.split(a));
        for (String a : p.all("-jvmArgsAppend")) jvmArgs.addAll(ArgTokenizer.split(a));
        for (String a : jvmArgs) {
            if (!a.startsWith("-")) throw parser.usage("-jvmArgs takes JVM flags (each starting with '-'); got '" + a + "'");
        }
        int timeout = p.integer("--timeout", 1).orElse(0);
        boolean needsGc = false;
        for (String b : p.all("--budget")) {
            try {
                needsGc |= Budget.parse(b).metric().startsWith("gc."); // fail before the run, not after it
            } catch (UsageException e) {
                throw parser.usage(e.getMessage().replaceFirst("^%bench: ", ""));
            }
        }
        // a budget on gc.* needs JMH's gc profiler: add it rather than fail after the run
        if (needsGc && profilers.stream().noneMatch(x -> x.equals("gc") || x.startsWith("gc:"))) profilers.add("gc");
        BenchOptions o = new BenchOptions(forks, wi, it, w, r, mode, tu, params, threads, profilers, jvmArgs,
                p.all("--jvm"), quick, p.get("--baseline").orElse(null), p.get("--save").orElse(null),
                p.get("--compare").orElse(null), p.all("--budget"), timeout, !p.has("--no-empty-reference"),
                variable(p), jmhExtra);
        var problem = JmhCommandLine.problem(o.jmhArguments());
        if (problem.isPresent()) throw parser.usage("JMH refuses the options: " + problem.get());
        return o;
    }

    /** Warm-up forks ({@code -wf N}) are dropped in notebook CI mode, like every other cost above the preset. */
    private static List<String> withoutWarmupForks(List<String> jmh) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < jmh.size(); i++) {
            if (jmh.get(i).equals("-wf") && i + 1 < jmh.size()) {
                i++;
                continue;
            }
            out.add(jmh.get(i));
        }
        return out;
    }

    /** JMH's mode names, short or long ({@code avgt}, {@code AverageTime}), as the short label; one mode per run. */
    private String mode(String v) throws UsageException {
        if (MODES.contains(v)) return v;
        try {
            org.openjdk.jmh.annotations.Mode m = org.openjdk.jmh.annotations.Mode.deepValueOf(v);
            if (m != org.openjdk.jmh.annotations.Mode.All) return m.shortLabel();
        } catch (RuntimeException e) {
            // not a mode JMH knows: the usage message below
        }
        throw parser.usage("-bm must be one of avgt, thrpt, sample, ss (one mode per run, so that rows compare); "
                + "got '" + v + "'");
    }

    private String variable(OptionParser.Parsed p) throws UsageException {
        String v = p.get("-o").orElse(DEFAULT_VARIABLE);
        if (!javax.lang.model.SourceVersion.isName(v) || v.contains(".")) {
            throw parser.usage("-o needs a Java variable name; got '" + v + "'");
        }
        return v;
    }

    private String time(OptionParser.Parsed p, String key, String dflt) throws UsageException {
        String v = p.get(key).orElse(dflt).strip();
        Matcher m = TIME.matcher(v);
        if (!m.matches()) throw parser.usage(key + " needs a time such as 1s, 500ms or 100us; got '" + v + "'");
        if (Long.parseLong(m.group(1)) == 0) throw parser.usage(key + " must be longer than 0");
        return m.group(1) + m.group(2);
    }

    /** A JMH time value in milliseconds (at least 1 for sub-millisecond times). */
    public static long millis(String time) {
        Matcher m = TIME.matcher(time.strip());
        if (!m.matches()) return 1000;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> Math.max(1, n / 1_000_000);
            case "us" -> Math.max(1, n / 1000);
            case "ms" -> n;
            case "s" -> n * 1000;
            default -> n * 60_000;
        };
    }
}

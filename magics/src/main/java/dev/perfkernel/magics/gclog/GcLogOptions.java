package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.DurationOption;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.api.UsageException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code %%gclog}: what to run (duration or iterations), where to save the raw log,
 * and one or more JVM configurations. {@code -Xmx}/{@code -Xms}/{@code -XX:} flags are taken as
 * written (they are JVM flags, not magic options), and {@code --compare} takes every following
 * quoted configuration up to the next option of the magic.
 *
 * @param runs       the configurations to run, in order (one unless {@code --compare})
 * @param compare    true when {@code --compare} was given
 * @param duration   how long the cell is repeated, or null when {@code iterations} is set
 * @param iterations how many times the cell runs, or 0 when {@code duration} is set
 * @param save       where to copy the raw log (relative to the working directory), or null
 * @param quick      quick mode (asked for with {@code --quick} or forced by the kernel)
 * @param variable   the session variable that receives the result ({@code -o NAME}, default {@value #VARIABLE})
 */
public record GcLogOptions(List<RunConfig> runs, boolean compare, Duration duration, long iterations, String save,
                           boolean quick, String variable) {

    /** The session variable holding the last result when no {@code -o} is given. */
    public static final String VARIABLE = "_gclog";

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
    public static final Duration QUICK_DURATION = Duration.ofSeconds(1);
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** What one run configuration may hold: the whole line's, and each --compare's. */
    static final OptionSpec CONFIG = config(new OptionSpec()).noPositional();
    /** Every option of %%gclog, declared once (parser, help, the words that end a --compare list). */
    static final OptionSpec OPTIONS = config(new OptionSpec())
            .value("--duration", "T", "how long the cell is called over and over: 5s, 500ms, 1m (default 5s; "
                    + "1s in quick mode)")
            .value("--iterations", "N", "call the cell exactly N times instead of for a duration (short: -n N)", "-n")
            .argument("--compare \"CONFIG\"...", "run each quoted configuration (e.g. \"--gc g1 -Xmx256m\") and "
                    + "compare them in one table and chart.\nA CONFIG may hold --gc, -Xmx, -Xms, -XX: flags, "
                    + "-jvmArgs and --jvm; options outside --compare apply to every run. Quote each CONFIG.")
            .value("--save", "FILE", "where to write the raw GC log, relative to the notebook's directory "
                    + "(default: " + OutputFiles.FOLDER + "/gclog-TIMESTAMP.log; with --compare, -1, -2, ... is added)")
            .flag("--quick", "quick mode: at most 1 s per run (also forced by " + QuickMode.VARIABLE + "=1)")
            .value("-o", "NAME", "the session variable that receives the result (default " + VARIABLE + "), "
                    + "e.g. -o g1 then g1.number(\"runs\", 0, \"pause\", \"p99_ms\") in a later cell")
            .noPositional();

    private static OptionSpec config(OptionSpec s) {
        return s.value("--gc", "NAME", "collector: serial, parallel, g1, z, shenandoah or epsilon (default: the JDK's "
                        + "default, G1 on servers). A JDK without it gives a clear error.\nZ is generational on JDK 23+ "
                        + "(the only mode on 24+); epsilon never frees memory and ends with OutOfMemoryError.")
                .argument("-XmxSIZE, -XmsSIZE", "maximum / initial heap, e.g. -Xmx256m (default: the JDK's ergonomics)")
                .argument("-XX:FLAG", "any HotSpot flag written directly, e.g. -XX:MaxGCPauseMillis=20")
                .value("-jvmArgs", "\"FLAGS\"", "more JVM flags in one quoted string (as JMH's -jvmArgs); -Xlog is set "
                        + "by %gclog", "--jvmArgs")
                .value("--jvm", "SPEC", "which JDK runs the cell: a feature version (17, 25) or a JDK home "
                        + "(default: the kernel's own)");
    }


    public GcLogOptions {
        runs = List.copyOf(runs);
    }

    public static GcLogOptions parse(List<String> args, MagicHelp help, boolean quickForced) throws UsageException {
        List<String> rest = new ArrayList<>();
        List<String> compareConfigs = null;
        List<String> heapAndXX = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--compare")) {
                if (compareConfigs != null) throw usage(help, "--compare is given twice");
                compareConfigs = new ArrayList<>();
                while (i + 1 < args.size() && !OPTIONS.isOption(args.get(i + 1)) && !args.get(i + 1).equals("--compare")) {
                    compareConfigs.add(args.get(++i));
                }
            } else if (OPTIONS.takesValue(a) && i + 1 < args.size()) {
                rest.add(a);
                rest.add(args.get(++i));
            } else if (isJvmFlag(a)) {
                heapAndXX.add(a);
            } else {
                rest.add(a);
            }
        }
        OptionParser p = OPTIONS.parser("gclog", help);
        OptionParser.Parsed o = p.parse(rest);
        RunConfig base = config(null, o, heapAndXX, help);

        List<RunConfig> runs = new ArrayList<>();
        if (compareConfigs != null) {
            if (compareConfigs.size() < 2) {
                throw usage(help, "--compare needs two or more quoted configurations, e.g. "
                        + "--compare \"--gc g1\" \"--gc parallel\"");
            }
            for (String c : compareConfigs) runs.add(parseConfig(c, help).over(base));
        } else {
            runs.add(base);
        }

        if (o.has("--duration") && o.has("--iterations")) throw usage(help, "give --duration or --iterations, not both");
        Duration duration = null;
        long iterations = 0;
        if (o.has("--iterations")) {
            iterations = o.integer("--iterations", 1).orElseThrow();
        } else {
            duration = o.get("--duration").isPresent() ? duration(o.get("--duration").get(), help) : DEFAULT_DURATION;
        }
        boolean quick = quickForced || o.has("--quick");
        if (quick && duration != null && duration.compareTo(QUICK_DURATION) > 0) duration = QUICK_DURATION;
        String save = o.get("--save").orElse(null);
        if (save != null && save.isBlank()) throw usage(help, "--save needs a file name");
        String variable = o.get("-o").orElse(VARIABLE);
        if (!javax.lang.model.SourceVersion.isName(variable) || variable.contains(".")) {
            throw usage(help, "-o needs a Java variable name; got '" + variable + "'");
        }
        return new GcLogOptions(runs, compareConfigs != null, duration, iterations, save, quick, variable);
    }

    /** One {@code --compare} configuration, e.g. {@code --gc g1 -Xmx256m}; labelled as typed. */
    static RunConfig parseConfig(String text, MagicHelp help) throws UsageException {
        List<String> tokens = ArgTokenizer.split(text);
        List<String> flags = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (OPTIONS.takesValue(t) && i + 1 < tokens.size()) {
                rest.add(t);
                rest.add(tokens.get(++i));
            } else {
                (isJvmFlag(t) ? flags : rest).add(t);
            }
        }
        OptionParser.Parsed o;
        try {
            o = CONFIG.parser("gclog", help).parse(rest);
        } catch (UsageException e) {
            throw usage(help, "in --compare configuration \"" + text + "\": "
                    + e.getMessage().replaceFirst("^%gclog: ", "") + " (a configuration may hold --gc, -Xmx, -Xms, "
                    + "-XX: flags, -jvmArgs and --jvm)");
        }
        return config(text.strip(), o, flags, help);
    }

    private static RunConfig config(String label, OptionParser.Parsed o, List<String> flags, MagicHelp help)
            throws UsageException {
        String gc = o.get("--gc").orElse(null);
        String jvmArgs = o.get("-jvmArgs").orElse(null);
        String jvm = o.get("--jvm").orElse(null);
        String xmx = null;
        String xms = null;
        List<String> args = new ArrayList<>();
        for (String f : flags) {
            if (f.startsWith("-Xmx")) xmx = checkSize(f, help);
            else if (f.startsWith("-Xms")) xms = checkSize(f, help);
            else args.add(f);
        }
        if (jvmArgs != null) {
            for (String a : ArgTokenizer.split(jvmArgs)) {
                if (!a.startsWith("-")) throw usage(help, "-jvmArgs holds JVM flags (each starting with -), got '" + a + "'");
                if (a.startsWith("-Xlog")) throw usage(help, "-jvmArgs: %gclog sets -Xlog itself");
                args.add(a);
            }
        }
        return new RunConfig(label, gc == null ? null : Collector.parse(gc), xmx, xms, args, jvm);
    }

    private static boolean isJvmFlag(String a) {
        return a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:");
    }

    private static String checkSize(String flag, MagicHelp help) throws UsageException {
        if (!flag.substring(4).matches("\\d+[kKmMgGtT]?")) {
            throw usage(help, flag + " is not a heap size (write e.g. " + flag.substring(0, 4) + "256m)");
        }
        return flag;
    }

    static Duration duration(String text, MagicHelp help) throws UsageException {
        Duration d = DurationOption.parse(text);
        if (d == null) throw usage(help, "--duration takes a time such as 5s, 500ms or 1m, got '" + text + "'");
        if (d.isZero()) throw usage(help, "--duration must be at least 1ms");
        if (d.compareTo(MAX_DURATION) > 0) throw usage(help, "--duration is limited to 10 minutes");
        return d;
    }

    private static UsageException usage(MagicHelp help, String message) {
        return new UsageException("%gclog: " + message, help.usage("gclog"));
    }

    /** How the repetition is described in tables, e.g. {@code 5 s} or {@code 1000 iterations}. */
    public String repetition() {
        if (duration == null) return iterations + (iterations == 1 ? " iteration" : " iterations");
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}

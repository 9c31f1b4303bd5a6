package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.report.EnvironmentProbe;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the JVM that hosts a JMH run for %bench (and %alloc). It records its
 * environment, runs JMH's {@link Runner} with the given command-line options (more than one fork:
 * as rounds of one fork per benchmark, {@link InterleavedForks}, each round to its own part of the
 * result file), and then, when
 * asked, a short run of an empty benchmark with the same mode and flags (the reference for the
 * "too good to be true" warning). JMH forks the measured JVMs from here with the flags in the
 * jvm-args file only: never this host's own.
 *
 * <p>Arguments: {@code ENV.properties JVMARGS.txt EMPTY.json|- [--await-go] -- JMH-OPTIONS...}. With
 * {@code --await-go} the host starts, prepares everything that does not need the benchmark classes,
 * prints {@link #READY} and waits for a line {@link #GO} on stdin: the kernel starts it while javac
 * compiles the cell, so the host's start-up is off the cell's critical path. Anything else on stdin,
 * its end (the kernel went away) or {@link #GO_WAIT_SECONDS} without a word ends the host.
 */
public final class JmhHost {
    /** Printed before a failure message so the kernel can pick it out of JMH's output. */
    public static final String FAILURE_MARK = "PERFKERNEL-FAILED: ";
    /** Exit code when JMH reported a failing benchmark. */
    public static final int EXIT_BENCHMARK_FAILED = 3;
    /** Exit code for bad arguments (a bug in the kernel, not the user's fault). */
    public static final int EXIT_USAGE = 2;
    /** Exit code when it was never told to go. */
    public static final int EXIT_NOT_STARTED = 4;
    public static final String AWAIT_GO = "--await-go";
    public static final String GO = "go";
    /** Printed when it waits for {@link #GO}. */
    public static final String READY = "# perfkernel: JMH host ready";
    /** The kernel sends go or kills the host long before this; the bound is for a kernel that hung. */
    static final long GO_WAIT_SECONDS = 600;

    private JmhHost() {
    }

    public static void main(String[] args) throws Exception {
        int sep = Arrays.asList(args).indexOf("--");
        boolean await = sep == 4 && args[3].equals(AWAIT_GO);
        if (args.length < 3 || sep != 3 && !await) {
            System.err.println(FAILURE_MARK + "usage: JmhHost ENV JVMARGS EMPTY|- [--await-go] -- JMH-OPTIONS");
            System.exit(EXIT_USAGE);
        }
        EnvironmentProbe.write(Paths.get(args[0]), Version.getPlainVersion());
        List<String> jvmArgs = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8).stream()
                .filter(s -> !s.isEmpty()).toList();
        String[] jmhArgs = Arrays.copyOfRange(args, sep + 1, args.length);
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs);
        } catch (CommandLineOptionException e) {
            System.err.println(FAILURE_MARK + "JMH rejected the options: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        Options main = new OptionsBuilder().parent(cli).jvmArgs(jvmArgs.toArray(new String[0])).build();
        if (await) {
            preload();
            if (!awaitGo()) System.exit(EXIT_NOT_STARTED);
        }
        try {
            int forks = cli.getForkCount().orElse(1);
            String result = cli.getResult().orElse(null);
            if (forks > 1 && result != null) InterleavedForks.run(main, forks, result);
            else new Runner(main).run();
            if (!args[2].equals("-")) runEmpty(cli, jvmArgs, Paths.get(args[2]));
        } catch (RunnerException e) {
            System.out.flush();
            System.err.println(FAILURE_MARK + describe(e));
            System.exit(EXIT_BENCHMARK_FAILED);
        }
        System.exit(0);
    }

    /** JMH classes every run loads; loaded (not initialised) while the kernel still compiles. */
    private static final List<String> PRELOAD = List.of("org.openjdk.jmh.runner.Runner",
            "org.openjdk.jmh.runner.BenchmarkList", "org.openjdk.jmh.runner.BenchmarkListEntry",
            "org.openjdk.jmh.runner.link.BinaryLinkServer", "org.openjdk.jmh.runner.format.OutputFormatFactory",
            "org.openjdk.jmh.results.format.ResultFormatFactory", "org.openjdk.jmh.infra.BenchmarkParams");

    private static void preload() {
        for (String name : PRELOAD) {
            try {
                Class.forName(name, false, JmhHost.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // another JMH version: it is loaded when the run needs it
            }
        }
    }

    /** Waits (bounded) for the kernel's go: true on {@link #GO}, false on anything else or the end of stdin. */
    private static boolean awaitGo() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GO_WAIT_SECONDS * 1000);
                System.exit(EXIT_NOT_STARTED);
            } catch (InterruptedException e) {
                // told to go in time
            }
        }, "perfkernel-await-go");
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println(READY);
        System.out.flush();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return GO.equals(in.readLine());
        } catch (IOException e) {
            return false;
        } finally {
            watchdog.interrupt();
        }
    }

    /**
     * A short run of the empty benchmark inside this host JVM (no fork: it has the same flags as
     * the measured forks, and saves a JVM start), enough to know the floor of this mode.
     */
    private static void runEmpty(CommandLineOptions cli, List<String> jvmArgs, Path out) throws RunnerException {
        OptionsBuilder b = new OptionsBuilder();
        b.include(JmhBenchmarkSource.PACKAGE.replace(".", "\\.") + "\\." + JmhBenchmarkSource.EMPTY_CLASS + "\\.");
        b.forks(0).warmupIterations(3).warmupTime(TimeValue.milliseconds(100)).measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(100)).jvmArgs(jvmArgs.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON).result(out.toString()).shouldFailOnError(true);
        cli.getBenchModes().forEach(b::mode);
        if (cli.getTimeUnit().hasValue()) b.timeUnit(cli.getTimeUnit().get());
        if (cli.getJvm().hasValue()) b.jvm(cli.getJvm().get());
        System.out.println("# perfkernel: measuring an empty benchmark for reference");
        new Runner(b.build()).run();
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip());
            if (t.getCause() == t) break;
        }
        return sb.toString().replace('\n', ' ');
    }
}

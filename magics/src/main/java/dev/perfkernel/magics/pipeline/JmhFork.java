package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.JmhHost;
import dev.perfkernel.magics.parse.jmh.ForkDeath;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.parse.jmh.JmhRounds;
import dev.perfkernel.magics.report.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fork stage of the JMH-based magics ({@code %bench}, {@code %alloc}): a host JVM
 * ({@link JmhHost}) runs JMH's {@code Runner}, which forks the measured JVMs. The host gets the
 * user's flags (it probes the environment and may measure the empty reference in-process); the
 * measured forks get the user's flags plus the instruments' (a JFR recording, say), through a file
 * JMH reads, never the host's own command line.
 */
public final class JmhFork {
    static final String JVM_ARGS_FILE = "jvm-args.txt";
    static final String RESULT_FILE = "result.json";
    static final String EMPTY_FILE = "empty.json";
    /** The host's part files when it interleaves forks: {@code harness.InterleavedForks.partFile(RESULT_FILE, k)}. */
    static final Pattern PART = Pattern.compile("result\\.part(\\d{1,6})\\.json");

    private JmhFork() {
    }

    /**
     * @param jmhArguments   JMH command-line options (forks, iterations, modes, profilers, params)
     * @param jvmArgs        the user's JVM flags for host and forks
     * @param emptyReference also measure the empty benchmark in the host, for the "too good" check
     * @param timeLimit      the whole run is stopped after this
     */
    public record Settings(List<String> jmhArguments, List<String> jvmArgs, boolean emptyReference, Duration timeLimit) {
        public Settings {
            jmhArguments = List.copyOf(jmhArguments);
            jvmArgs = List.copyOf(jvmArgs);
        }
    }

    /** One JDK's results, with benchmark names as the user wrote them. */
    public record Run(Jdk jdk, Environment environment, List<JmhResult> results, List<JmhResult> empty, String json,
                      Duration wallTime, Path runDir) {}

    public static Run run(Pipeline p, Jdk jdk, Pipeline.Compiled classes, JmhBenchmarkSource.Generated gen, Settings s,
                          Consumer<String> onLine, Instrument... forkInstruments) throws MagicException {
        try (Host host = start(p, jdk, classes.classes(), s, forkInstruments)) {
            return host.run(gen, onLine);
        }
    }

    /**
     * Starts the host JVM with {@code classesDir} on its class path; it prepares and then waits for
     * {@link Host#run}. Start it before javac fills the directory, and the host's start-up overlaps the
     * compile. Closing the host before it ran kills it (a failed compile, an interrupt).
     */
    public static Host start(Pipeline p, Jdk jdk, Path classesDir, Settings s, Instrument... forkInstruments)
            throws MagicException {
        List<String> args = new ArrayList<>(List.of(Pipeline.ENVIRONMENT_FILE, JVM_ARGS_FILE,
                s.emptyReference() ? EMPTY_FILE : "-", JmhHost.AWAIT_GO, "--"));
        args.add(JmhBenchmarkSource.PACKAGE.replace(".", "\\.") + "\\." + JmhBenchmarkSource.CLASS + "\\.");
        args.addAll(s.jmhArguments());
        args.addAll(List.of("-rf", "json", "-rff", RESULT_FILE));
        Pipeline.ForkPlan plan = new Pipeline.ForkPlan(JmhHost.class.getName(), args, List.of(),
                Classpaths.join(Classpaths.jmhRuntime(), List.of(Classpaths.forkSide())), false, s.timeLimit(), 64 * 1024);
        Relay relay = new Relay(p.phases(), jdk);
        Pipeline.Starting started = p.start(jdk, classesDir, plan, relay,
                new HostFlags(s.jvmArgs(), List.of(forkInstruments)));
        return new Host(p, jdk, s, started, relay);
    }

    /** A started host JVM waiting for its go. */
    public static final class Host implements AutoCloseable {
        private final Pipeline p;
        private final Jdk jdk;
        private final Settings s;
        private final Pipeline.Starting started;
        private final Relay relay;

        private Host(Pipeline p, Jdk jdk, Settings s, Pipeline.Starting started, Relay relay) {
            this.p = p;
            this.jdk = jdk;
            this.s = s;
            this.started = started;
            this.relay = relay;
        }

        public Jdk jdk() {
            return jdk;
        }

        /** Tells the host to run JMH on the compiled classes and waits for it (bounded by the settings' limit). */
        public Run run(JmhBenchmarkSource.Generated gen, Consumer<String> onLine) throws MagicException {
            relay.target = onLine;
            Pipeline.Forked f;
            try (PhaseLog.Phase ignored = p.phases().phase("jmh JDK " + jdk.feature())) {
                started.send(JmhHost.GO);
                f = started.await();
            }
            ForkResult r = f.result();
            if (!r.ok()) throw failure(jdk, r, gen, p);
            Path dir = f.runDir();
            try {
                String json = gen.restoreNames(readResult(dir));
                List<JmhResult> results = JmhJsonParser.parse(json, "JMH's result");
                Path empty = dir.resolve(EMPTY_FILE);
                List<JmhResult> emptyResults = s.emptyReference() && Files.exists(empty) ? JmhJsonParser.parse(empty)
                        : List.of();
                if (results.isEmpty()) {
                    throw new MagicException("BenchFailed", "JMH ran but produced no results (no @Benchmark method?)",
                            r.lastLines(20));
                }
                return new Run(jdk, f.environment(), results, emptyResults, json, r.duration(), dir);
            } catch (IOException e) {
                throw new MagicException("BenchFailed", "JMH finished without a result file: " + e.getMessage(),
                        r.lastLines(30));
            }
        }

        @Override
        public void close() {
            started.close();
        }
    }

    /** The host's output lines to whoever runs it (set at go); its ready line to the phase log. */
    private static final class Relay implements Consumer<String> {
        private final PhaseLog phases;
        private final Jdk jdk;
        volatile Consumer<String> target;

        Relay(PhaseLog phases, Jdk jdk) {
            this.phases = phases;
            this.jdk = jdk;
        }

        @Override
        public void accept(String line) {
            if (line.equals(JmhHost.READY)) {
                phases.mark("host ready JDK " + jdk.feature());
                return;
            }
            Consumer<String> t = target;
            if (t != null) t.accept(line);
        }
    }

    /**
     * JMH's JSON result: the host's one file, or, when it ran the forks as interleaved rounds, its
     * parts (one fork of one benchmark each) merged into one result as if JMH had run every fork.
     */
    static String readResult(Path dir) throws IOException {
        Path whole = dir.resolve(RESULT_FILE);
        if (Files.exists(whole)) return Files.readString(whole, StandardCharsets.UTF_8);
        // numbered from 1 in run order; a part is missing when its benchmark failed under -foe false
        List<Path> parts;
        try (var files = Files.list(dir)) {
            parts = files.filter(f -> partNumber(f) > 0).sorted(Comparator.comparingInt(JmhFork::partNumber)).toList();
        }
        if (parts.isEmpty()) throw new NoSuchFileException(whole.toString());
        List<String> jsons = new ArrayList<>();
        for (Path part : parts) jsons.add(Files.readString(part, StandardCharsets.UTF_8));
        return jsons.size() == 1 ? jsons.get(0) : JmhRounds.merge(jsons);
    }

    private static int partNumber(Path f) {
        Matcher m = PART.matcher(f.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The most specific account of a failed run: the benchmark's exception, a dead fork, JMH's message, the tail. */
    private static MagicException failure(Jdk jdk, ForkResult r, JmhBenchmarkSource.Generated gen, Pipeline p) {
        var thrown = BenchmarkFailure.find(r.output().lines().toList(), gen, p.session(), p.executionCount());
        if (thrown.isPresent() && !r.timedOut()) return thrown.get();
        List<String> tail = r.lastLines(60);
        var death = ForkDeath.find(tail);
        if (death.isPresent() && !r.timedOut()) {
            return new MagicException("BenchFailed", "JMH failed on " + jdk.label() + ": " + death.get(),
                    tail.stream().map(l -> "  " + l).toList());
        }
        String mark = tail.stream().filter(l -> l.startsWith(JmhHost.FAILURE_MARK)).findFirst()
                .map(l -> l.substring(JmhHost.FAILURE_MARK.length())).orElse(null);
        if (mark != null && !r.timedOut()) {
            return new MagicException("BenchFailed", "JMH failed on " + jdk.label() + ": " + mark,
                    tail.stream().filter(l -> !l.startsWith(JmhHost.FAILURE_MARK)).map(l -> "  " + l).toList());
        }
        try {
            r.orThrow("the JMH run on " + jdk.label());
            return new MagicException("BenchFailed", "the JMH run on " + jdk.label() + " failed", r.lastLines(30));
        } catch (MagicException e) {
            return e;
        }
    }

    /**
     * The host's flags (the user's, and a private temp dir), and the measured forks' flags written to
     * the file the host hands to JMH: the user's plus every fork instrument's.
     */
    private record HostFlags(List<String> user, List<Instrument> forkInstruments) implements Instrument {
        @Override
        public List<String> jvmFlags(Path runDir) throws MagicException {
            try {
                Path tmp = Files.createDirectories(runDir.resolve("tmp"));
                // JMH and the forks write temp files; keep them inside our private directory
                List<String> host = new ArrayList<>(user);
                host.add("-Djava.io.tmpdir=" + tmp);
                List<String> forks = new ArrayList<>(host);
                for (Instrument i : forkInstruments) forks.addAll(i.jvmFlags(runDir));
                Files.write(runDir.resolve(JVM_ARGS_FILE), forks, StandardCharsets.UTF_8);
                return host;
            } catch (IOException e) {
                throw new MagicException("BenchFailed", "cannot write the run's files: " + e.getMessage(), List.of());
            }
        }

        @Override
        public boolean onLine(String line) {
            boolean stop = false;
            for (Instrument i : forkInstruments) stop |= i.onLine(line);
            return stop;
        }
    }
}

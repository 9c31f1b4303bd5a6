package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.harness.JmhHost;
import dev.perfkernel.magics.parse.jmh.ForkDeath;
import dev.perfkernel.magics.parse.jmh.JmhJsonParser;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.source.SessionSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs compiled benchmarks under JMH on one JDK: a host JVM ({@link JmhHost}) started with the
 * user's flags only, which forks JMH's measured JVMs with the same flags. Returns JMH's JSON
 * results, the empty benchmark's reference result and the environment probed in the host.
 */
public final class JmhRunner {
    /** One JDK's results. */
    public record Run(Jdk jdk, Environment environment, List<JmhResult> results, List<JmhResult> empty, String json,
               Duration wallTime) {}

    private JmhRunner() {
    }

    public static Run run(Jdk jdk, Path classes, List<Path> userClasspath, BenchOptions opts, Path dir, Duration limit,
                   CancelToken cancel, Consumer<String> onLine, JmhBenchmarkSource.Generated gen, SessionSource session,
                   int executionCount) throws MagicException {
        Path env = dir.resolve("environment.properties");
        Path jvmArgsFile = dir.resolve("jvm-args.txt");
        Path result = dir.resolve("result.json");
        Path empty = dir.resolve("empty.json");
        List<String> jvmArgs = new ArrayList<>(opts.jvmArgs());
        try {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            // JMH and the forks write temp files; keep them inside our private directory
            jvmArgs.add("-Djava.io.tmpdir=" + tmp);
            Files.write(jvmArgsFile, jvmArgs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("BenchFailed", "cannot write the run's files: " + e.getMessage(), List.of());
        }
        List<String> args = new ArrayList<>(List.of(env.toString(), jvmArgsFile.toString(),
                opts.emptyReference() ? empty.toString() : "-", "--"));
        args.add(JmhBenchmarkSource.PACKAGE.replace(".", "\\.") + "\\." + JmhBenchmarkSource.CLASS + "\\.");
        args.addAll(opts.jmhArguments());
        args.addAll(List.of("-rf", "json", "-rff", result.toString()));
        List<Path> cp = Classpaths.join(List.of(classes), userClasspath, Classpaths.jmhRuntime(),
                List.of(Classpaths.magics()));
        ForkResult r = ForkedJvm.builder(jdk).jvmFlags(jvmArgs).classpath(cp).mainClass(JmhHost.class.getName())
                .args(args).workingDirectory(dir).timeLimit(limit).cancel(cancel).onLine(onLine).run();
        if (r.cancelled()) throw new CancelToken.CancelledException();
        if (!r.ok()) {
            var failure = BenchmarkFailure.find(r.output().lines().toList(), gen, session, executionCount);
            if (failure.isPresent() && !r.timedOut()) throw failure.get();
            List<String> tail = r.lastLines(60);
            var death = ForkDeath.find(tail);
            if (death.isPresent() && !r.timedOut()) {
                throw new MagicException("BenchFailed", "JMH failed on " + jdk.label() + ": " + death.get(),
                        tail.stream().map(l -> "  " + l).toList());
            }
            String mark = tail.stream().filter(l -> l.startsWith(JmhHost.FAILURE_MARK)).findFirst()
                    .map(l -> l.substring(JmhHost.FAILURE_MARK.length())).orElse(null);
            if (mark != null && !r.timedOut()) {
                throw new MagicException("BenchFailed", "JMH failed on " + jdk.label() + ": " + mark,
                        tail.stream().filter(l -> !l.startsWith(JmhHost.FAILURE_MARK)).map(l -> "  " + l).toList());
            }
            r.orThrow("the JMH run on " + jdk.label());
        }
        try {
            Environment e = Files.exists(env) ? Environment.read(env) : null;
            String json = gen.restoreNames(Files.readString(result, StandardCharsets.UTF_8));
            List<JmhResult> results = JmhJsonParser.parse(json, "JMH's result");
            List<JmhResult> emptyResults = opts.emptyReference() && Files.exists(empty)
                    ? JmhJsonParser.parse(empty) : List.of();
            if (results.isEmpty()) {
                throw new MagicException("BenchFailed", "JMH ran but produced no results (no @Benchmark method?)",
                        r.lastLines(20));
            }
            return new Run(jdk, e, results, emptyResults, json, r.duration());
        } catch (IOException e) {
            throw new MagicException("BenchFailed", "JMH finished without a result file: " + e.getMessage(),
                    r.lastLines(30));
        }
    }
}

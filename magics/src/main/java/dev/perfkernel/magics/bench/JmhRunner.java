package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.pipeline.BenchOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.harness.JmhBenchmarkSource;
import dev.perfkernel.magics.parse.jmh.JmhProgress;
import dev.perfkernel.magics.parse.jmh.JmhResult;
import dev.perfkernel.magics.pipeline.JmhFork;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.report.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * %bench's fork stage: the compiled benchmarks under JMH on each JDK ({@link JmhFork}) with a live
 * progress line. The empty benchmark's reference (the floor of a mode, for the "too good to be true"
 * warning) depends only on the JDK, the mode, the unit and the flags, so it is measured once per
 * kernel for each of those and reused by later cells rather than measured again every time.
 */
public final class JmhRunner {
    private static final long PROGRESS_INTERVAL_NANOS = 150_000_000L;
    private static final Map<EmptyKey, Double> EMPTY_SCORES = new ConcurrentHashMap<>();

    private record EmptyKey(Path jdkHome, String mode, String timeUnit, List<String> jvmArgs) {}

    /** What every JDK's run produced. */
    public record Results(List<BenchRow> rows, List<Environment> environments, Map<String, Double> empty, JsonArray jmh) {}

    private JmhRunner() {
    }

    /**
     * Starts the first JDK's host JVM with {@code classesDir} on its class path, to be given to {@link #run}:
     * called before javac fills the directory, the host starts while the cell compiles.
     */
    public static JmhFork.Host start(Pipeline p, Jdk jdk, Path classesDir, BenchOptions opts, Duration limit)
            throws MagicException {
        return JmhFork.start(p, jdk, classesDir, settings(jdk, opts, limit));
    }

    /** Runs on every JDK, the first on {@code first} when it was started for it (else it is started here). */
    public static Results run(Pipeline p, List<Jdk> jdks, Pipeline.Compiled classes, JmhBenchmarkSource.Generated gen,
                              BenchOptions opts, Duration limit, Output.DisplayHandle progress, JmhFork.Host first)
            throws MagicException {
        List<BenchRow> rows = new ArrayList<>();
        List<Environment> envs = new ArrayList<>();
        Map<String, Double> empty = new LinkedHashMap<>();
        JsonArray jmh = new JsonArray();
        for (Jdk jdk : jdks) {
            String label = "JDK " + jdk.feature();
            EmptyKey key = emptyKey(jdk, opts);
            Double known = opts.emptyReference() ? EMPTY_SCORES.get(key) : null;
            JmhFork.Run run;
            try (JmhFork.Host host = first != null && first.jdk().equals(jdk) ? first
                    : JmhFork.start(p, jdk, classes.classes(), settings(jdk, opts, limit))) {
                first = null;
                run = host.run(gen, progressLine(jdk, progress));
            }
            for (JmhResult r : run.results()) rows.add(new BenchRow(label, jdk.feature(), r));
            if (run.environment() != null) envs.add(run.environment());
            if (!run.empty().isEmpty()) {
                known = run.empty().get(0).primary().score();
                EMPTY_SCORES.put(key, known);
            }
            if (opts.emptyReference() && known != null) empty.put(label, known);
            JsonParser.parseString(run.json()).getAsJsonArray().forEach(jmh::add);
        }
        return new Results(rows, envs, empty, jmh);
    }

    private static EmptyKey emptyKey(Jdk jdk, BenchOptions opts) {
        return new EmptyKey(jdk.home(), opts.mode(), opts.timeUnit(), opts.jvmArgs());
    }

    /** JMH's settings; the empty reference is measured only when this kernel has not measured it yet. */
    private static JmhFork.Settings settings(Jdk jdk, BenchOptions opts, Duration limit) {
        boolean known = EMPTY_SCORES.containsKey(emptyKey(jdk, opts));
        return new JmhFork.Settings(opts.jmhArguments(), opts.jvmArgs(), opts.emptyReference() && !known, limit);
    }

    /** JMH's output as a progress line, updated at most every 150 ms. */
    private static java.util.function.Consumer<String> progressLine(Jdk jdk, Output.DisplayHandle progress) {
        JmhProgress tracker = new JmhProgress();
        long[] lastUpdate = {0};
        String prefix = "%bench on " + jdk.label() + ": ";
        progress.update(MimeBundle.text(prefix + "starting JMH…"));
        return line -> {
            if (!tracker.accept(line)) return;
            long now = System.nanoTime();
            if (now - lastUpdate[0] > PROGRESS_INTERVAL_NANOS) {
                lastUpdate[0] = now;
                progress.update(MimeBundle.text(prefix + tracker.snapshot().describe()));
            }
        };
    }
}

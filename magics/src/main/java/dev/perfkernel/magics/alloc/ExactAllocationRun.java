package dev.perfkernel.magics.alloc;

import com.google.monitoring.runtime.instrumentation.AllocationRecorder;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.fork.Jdks;
import dev.perfkernel.magics.parse.jfr.AllocationAggregator;
import dev.perfkernel.magics.parse.jfr.AllocationProfile;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.parse.jfr.JfrFrame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instrumented run: the benchmarks called by {@link ExactAllocationRunner} in a JVM started
 * with {@code java-allocation-instrumenter} as agent, giving exact allocations and bytes
 * requested per operation and per site. The JVM runs C1 only ({@code -XX:TieredStopAtLevel=1}):
 * C2 replaces some JDK methods (e.g. {@code Arrays.copyOf}) by intrinsics that would bypass the
 * instrumented bytecode, and C1 does no escape analysis, so the counts are what the code asks for.
 */
public final class ExactAllocationRun {
    /** The newest class-file version the instrumenter's bundled ASM reads (JDK 21). */
    static final int MAX_INSTRUMENTABLE_FEATURE = 21;

    /** What one benchmark (and parameter combination) asked the allocator for. */
    public record Result(String method, Map<String, String> params, long ops, AllocationProfile profile) {
        public double allocsPerOp() {
            return ops == 0 ? Double.NaN : (double) profile.totalCount() / ops;
        }

        public double bytesPerOp() {
            return ops == 0 ? Double.NaN : (double) profile.totalBytes() / ops;
        }
    }

    /** Settings of the counted loop. */
    public record Budget(long warmupOps, long maxOps, long maxMillis) {
        public static final Budget NORMAL = new Budget(200, 100_000, 1000);
        public static final Budget QUICK = new Budget(50, 20_000, 300);
    }

    private ExactAllocationRun() {
    }

    /**
     * The JDK to count on: the measured one when the instrumenter can read its class files,
     * else the newest installed JDK it can (empty when there is none).
     */
    public static Optional<Jdk> jdkFor(Jdk measured) {
        if (measured.feature() <= MAX_INSTRUMENTABLE_FEATURE) return Optional.of(measured);
        return Jdks.installed().stream().filter(j -> j.feature() >= 17 && j.feature() <= MAX_INSTRUMENTABLE_FEATURE)
                .max(Comparator.comparingInt(Jdk::feature));
    }

    /** The agent jar: where the instrumenter's classes were loaded from. */
    static Path agentJar() {
        return Classpaths.of(AllocationRecorder.class);
    }

    /**
     * Counts every allocation of each benchmark method (and parameter combination) in an instrumented fork.
     *
     * @param methods the methods as the compiled class names them
     */
    public static List<Result> run(Pipeline p, Jdk jdk, Pipeline.Compiled classes, String benchmarkClass,
                                   List<String> methods, List<Map<String, String>> paramCombos, List<String> jvmArgs,
                                   List<String> userPackages, Budget budget, CellLines mapper) throws MagicException {
        String out = "exact-allocations.tsv";
        List<String> flags = new ArrayList<>();
        flags.add("-javaagent:" + agentJar());
        flags.addAll(jvmArgs);
        flags.add("-XX:TieredStopAtLevel=1");
        List<String> args = new ArrayList<>(List.of(out, benchmarkClass, String.join(",", userPackages),
                Long.toString(budget.warmupOps()), Long.toString(budget.maxOps()), Long.toString(budget.maxMillis()),
                String.join(",", methods)));
        for (Map<String, String> c : paramCombos) args.add(ExactAllocationRunner.formatCombo(c));
        Duration limit = timeLimit(methods.size(), paramCombos.size(), budget);
        Pipeline.ForkPlan plan = new Pipeline.ForkPlan(ExactAllocationRunner.class.getName(), args, flags,
                Classpaths.join(Classpaths.jmhRuntime(), List.of(Classpaths.forkSide())), false, limit, 64 * 1024);
        Pipeline.Forked f = p.fork(jdk, classes, plan, null);
        ForkResult r = f.result();
        r.orThrow("the instrumented run (exact allocation counts)");
        try {
            return parse(Files.readAllLines(f.runDir().resolve(out), StandardCharsets.UTF_8), mapper);
        } catch (IOException e) {
            throw new MagicException("AllocFailed", "the instrumented run wrote no result: " + e.getMessage(),
                    r.lastLines(20));
        }
    }

    /** Generous: a minute for the start, and twenty times the counted loop's budget per method and combination. */
    public static Duration timeLimit(int methods, int paramCombos, Budget budget) {
        long combos = (long) Math.max(1, methods) * Math.max(1, paramCombos);
        return Duration.ofMillis(60_000 + combos * (budget.maxMillis() * 20 + 5_000));
    }

    /** Reads the runner's output (see {@link SiteRecorder#write}). */
    static List<Result> parse(List<String> lines, CellLines mapper) {
        List<Result> out = new ArrayList<>();
        String method = null;
        Map<String, String> params = Map.of();
        long ops = 0;
        AllocationAggregator agg = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("B") && f.length >= 4) {
                if (agg != null) out.add(new Result(method, params, ops, agg.result()));
                method = f[1];
                params = new LinkedHashMap<>(ExactAllocationRunner.parseCombo(f[2]));
                ops = Long.parseLong(f[3]);
                agg = new AllocationAggregator(mapper, false);
            } else if (f[0].equals("S") && f.length >= 5 && agg != null) {
                List<JfrFrame> frames = new ArrayList<>();
                for (String fr : f[4].split("\u001f")) {
                    String[] p = fr.split(" ");
                    if (p.length == 3) frames.add(new JfrFrame(p[0], p[1], Integer.parseInt(p[2])));
                }
                agg.add(frames, f[3], Long.parseLong(f[2]), Long.parseLong(f[1]));
            }
        }
        if (agg != null) out.add(new Result(method, params, ops, agg.result()));
        return out;
    }
}

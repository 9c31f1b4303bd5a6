package dev.perfkernel.magics.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the machine while a measurement runs, not only when it starts: every interval it reads
 * {@code /proc/stat} (all CPU time, and steal time taken by a hypervisor), the CPU time of our own
 * process tree (the kernel, the JMH host and its forks, from {@code /proc/PID/stat}) and the forks'
 * involuntary context switches ({@code /proc/PID/task/TID/status}). CPU time used by anything
 * outside our tree competed with the measurement; so did steal; many involuntary switches mean
 * the measured threads were pushed off their core.
 *
 * <p>This is the source of the loaded-machine warning. The 1-minute load average at start is not:
 * it still counts the forks of the cell that ran just before (on an idle 2-core machine, %bench
 * cells run back to back start at a load average of about 1.1), so it stays information in the
 * report's environment, and a warning only where nothing can be sampled (no {@code /proc}).
 * Sampling runs on one daemon thread that {@link #stop()} ends within one interval.
 */
public final class LoadSampler implements AutoCloseable {
    /** Other processes' average CPU use, in cores, above which the run counts as disturbed. */
    public static final double OTHERS_CORES_LIMIT = 0.25;
    /** Steal time above this fraction of all CPU time disturbs the run. */
    public static final double STEAL_LIMIT = 0.02;
    /** Involuntary context switches of our processes per second above which the run was preempted. */
    public static final double PREEMPTIONS_PER_SECOND_LIMIT = 200;
    /** Others' CPU use, in cores, below which preemptions are our own threads competing, not load. */
    public static final double PREEMPTION_OTHERS_FLOOR = 0.1;
    /** Without /proc: a 1-minute load average at start above this per core counts as busy. */
    public static final double BUSY_LOAD_PER_CORE = 0.5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the JDK runs on

    private final ProcessHandle root;
    private final long intervalMillis;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Thread thread;
    private final boolean watched;
    private final double startLoadAverage = EnvironmentProbe.loadAverage();
    private final List<double[]> intervals = new ArrayList<>(); // {seconds, othersCores, stealFraction}
    private volatile boolean running = true;
    private long preemptions;
    private double seconds;
    private double maxLoadAverage = Double.NaN;

    private LoadSampler(ProcessHandle root, Duration interval) {
        this.root = root;
        this.watched = Files.isReadable(PROC.resolve("stat"));
        this.intervalMillis = Math.max(50, interval.toMillis());
        this.thread = new Thread(this::loop, "perfkernel-load-sampler");
        thread.setDaemon(true);
    }

    /** Starts sampling; our process tree is this JVM and its descendants. */
    public static LoadSampler start() {
        return start(ProcessHandle.current(), DEFAULT_INTERVAL);
    }

    /** Starts sampling with {@code root} and its descendants counted as ours. */
    public static LoadSampler start(ProcessHandle root, Duration interval) {
        LoadSampler s = new LoadSampler(root, interval);
        if (s.watched) s.thread.start();
        return s;
    }

    /**
     * What was seen over the whole run.
     *
     * @param watched          whether the machine could be watched at all ({@code /proc} readable)
     * @param samples          intervals in which CPU use could be attributed (none in a run shorter than one)
     * @param maxLoadAverage   the highest 1-minute load average read during the run, NaN when none
     * @param startLoadAverage the 1-minute load average when sampling started, negative when unknown
     */
    public record Load(boolean watched, double seconds, int samples, int cores, double othersCoresMean,
                       double othersCoresMax, double stealFraction, double preemptionsPerSecond, double maxLoadAverage,
                       double startLoadAverage) {

        /**
         * Warnings for a disturbed run; empty when quiet. Decided from the samples; only when the
         * machine could not be watched, from the load average at start.
         */
        public List<Warning> warnings() {
            List<Warning> w = new ArrayList<>();
            if (!watched) {
                if (startLoadAverage > BUSY_LOAD_PER_CORE * Math.max(1, cores)) {
                    w.add(new Warning(Warning.LOADED_MACHINE, String.format(Locale.ROOT, "The machine was busy "
                            + "when the run started (load average %.2f on %d cores; the load during the run cannot "
                            + "be watched on this system): other work competes for the CPU, so scores are noisier "
                            + "and slower than on a quiet machine.", startLoadAverage, cores)));
                }
                return w;
            }
            if (samples == 0) return w;
            if (othersCoresMean > OTHERS_CORES_LIMIT) {
                w.add(new Warning(Warning.LOADED_MACHINE, String.format(Locale.ROOT, "The machine was busy during "
                        + "the run: other processes used %.2f of %d cores on average (up to %.2f) over %.0f s, "
                        + "competing with the measurement; scores are slower and noisier than on a quiet machine.",
                        othersCoresMean, cores, othersCoresMax, seconds)));
            }
            if (stealFraction > STEAL_LIMIT) {
                w.add(new Warning(Warning.LOADED_MACHINE, String.format(Locale.ROOT, "The hypervisor took %.1f%% "
                        + "of the CPU time during the run (steal): the virtual machine's neighbours disturbed the "
                        + "measurement.", 100 * stealFraction)));
            }
            // Only with others present: a fresh JVM's own threads (compiler, GC, the benchmark) preempt
            // each other on a small machine, most of all in short single-shot forks that are mostly start-up.
            if (preemptionsPerSecond > PREEMPTIONS_PER_SECOND_LIMIT && othersCoresMean > PREEMPTION_OTHERS_FLOOR) {
                w.add(new Warning(Warning.LOADED_MACHINE, String.format(Locale.ROOT, "The measured JVMs were "
                        + "preempted %.0f times per second (involuntary context switches): their threads had to "
                        + "wait for a core.", preemptionsPerSecond)));
            }
            return w;
        }
    }

    /** Stops sampling and summarises; waits at most one interval for the sampler thread. */
    public Load stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(intervalMillis * 4 + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            double busy = 0;
            double max = 0;
            double steal = 0;
            for (double[] i : intervals) {
                busy += i[1] * i[0];
                max = Math.max(max, i[1]);
                steal += i[2] * i[0];
            }
            double mean = seconds > 0 ? busy / seconds : 0;
            return new Load(watched, seconds, intervals.size(), cores, mean, max, seconds > 0 ? steal / seconds : 0,
                    seconds > 0 ? preemptions / seconds : 0, maxLoadAverage, startLoadAverage);
        }
    }

    @Override
    public void close() {
        if (running) stop();
    }

    private void loop() {
        Snapshot last = Snapshot.take(root);
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                // stop() interrupts: take the last snapshot below, then end
            }
            Snapshot now = Snapshot.take(root);
            if (last != null && now != null) record(last, now);
            last = now;
        }
    }

    private synchronized void record(Snapshot a, Snapshot b) {
        double dt = (b.nanos - a.nanos) / 1e9;
        long totalTicks = b.cpu.total() - a.cpu.total();
        if (dt <= 0 || totalTicks <= 0) return;
        // a process of ours that ended in between took its last CPU time with it: skip the interval
        boolean complete = a.ours.keySet().stream().allMatch(b.ours::containsKey);
        long oursTicks = 0;
        for (Map.Entry<Long, Long> e : b.ours.entrySet()) oursTicks += e.getValue() - a.ours.getOrDefault(e.getKey(), 0L);
        for (Map.Entry<Long, Long> e : b.switches.entrySet()) {
            preemptions += Math.max(0, e.getValue() - a.switches.getOrDefault(e.getKey(), e.getValue()));
        }
        seconds += dt;
        double steal = (b.cpu.steal - a.cpu.steal) / (double) totalTicks;
        if (complete) {
            long othersTicks = Math.max(0, (b.cpu.busy() - a.cpu.busy()) - oursTicks);
            intervals.add(new double[] {dt, othersTicks / TICKS_PER_SECOND / dt, steal});
        }
        if (!Double.isNaN(b.loadAverage)) {
            maxLoadAverage = Double.isNaN(maxLoadAverage) ? b.loadAverage : Math.max(maxLoadAverage, b.loadAverage);
        }
    }

    /** The aggregate CPU line of /proc/stat, in ticks. */
    record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {
        long busy() {
            return user + nice + system + irq + softirq;
        }

        long total() {
            return busy() + idle + iowait + steal;
        }

        static Optional<CpuTimes> parse(String procStat) {
            for (String line : procStat.split("\n")) {
                if (!line.startsWith("cpu ")) continue;
                String[] f = line.trim().split("\\s+");
                if (f.length < 9) return Optional.empty();
                long[] v = new long[8];
                for (int i = 0; i < 8; i++) v[i] = Long.parseLong(f[i + 1]);
                return Optional.of(new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
            }
            return Optional.empty();
        }
    }

    /** utime + stime of /proc/PID/stat, in ticks; the command name may hold spaces and parentheses. */
    static long processTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {@code nonvoluntary_ctxt_switches} of a /proc/PID/task/TID/status file, 0 when absent. */
    static long involuntarySwitches(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    /** One reading of the machine and of our process tree. */
    private record Snapshot(long nanos, CpuTimes cpu, Map<Long, Long> ours, Map<Long, Long> switches,
                            double loadAverage) {
        static Snapshot take(ProcessHandle root) {
            try {
                long nanos = System.nanoTime();
                Optional<CpuTimes> cpu = CpuTimes.parse(Files.readString(PROC.resolve("stat")));
                if (cpu.isEmpty()) return null;
                Map<Long, Long> ours = new HashMap<>();
                Map<Long, Long> switches = new HashMap<>();
                List<ProcessHandle> tree = new ArrayList<>();
                tree.add(root);
                root.descendants().forEach(tree::add);
                for (ProcessHandle p : tree) {
                    Path dir = PROC.resolve(Long.toString(p.pid()));
                    try {
                        ours.put(p.pid(), processTicks(Files.readString(dir.resolve("stat"))));
                        // only forked JVMs: the kernel's own threads are not measured
                        if (p.pid() == root.pid()) continue;
                        try (var tasks = Files.list(dir.resolve("task"))) {
                            for (Path t : (Iterable<Path>) tasks::iterator) {
                                try {
                                    switches.put(Long.parseLong(t.getFileName().toString()),
                                            involuntarySwitches(Files.readString(t.resolve("status"))));
                                } catch (IOException | NumberFormatException ignored) {
                                    // the thread ended while we read
                                }
                            }
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // the process ended while we read: the interval is skipped as incomplete
                    }
                }
                double load = Double.NaN;
                try {
                    load = Double.parseDouble(Files.readString(PROC.resolve("loadavg")).trim().split("\\s+")[0]);
                } catch (IOException | RuntimeException ignored) {
                    // no load average: the other readings still count
                }
                return new Snapshot(nanos, cpu.get(), ours, switches, load);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}

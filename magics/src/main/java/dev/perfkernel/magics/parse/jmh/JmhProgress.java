package dev.perfkernel.magics.parse.jmh;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows JMH's human-readable output line by line and keeps where the run is: which benchmark,
 * parameters, fork, warm-up or measurement iteration, and the latest iteration's score.
 * Not thread-safe: feed it from the fork's output thread only and read {@link #snapshot()}.
 */
public final class JmhProgress {
    private static final Pattern BENCHMARK = Pattern.compile("^# Benchmark: (\\S+)");
    private static final Pattern PARAMS = Pattern.compile("^# Parameters: \\((.*)\\)");
    private static final Pattern FORK = Pattern.compile("^# Fork: (\\d+) of (\\d+)");
    private static final Pattern WARMUP = Pattern.compile("^# Warmup Iteration\\s+(\\d+): (.*)$");
    private static final Pattern ITERATION = Pattern.compile("^Iteration\\s+(\\d+): (.*)$");
    private static final Pattern RUN_PROGRESS = Pattern.compile("^# Run progress: ([\\d.]+)% complete, ETA (\\S+)");
    private static final Pattern WARMUP_COUNT = Pattern.compile("^# Warmup: (\\d+) iterations");
    /** perfkernel's host runs forks as interleaved rounds of one fork per benchmark and says so before each. */
    private static final Pattern ROUND = Pattern.compile("^# perfkernel: round (\\d+) of (\\d+), part (\\d+) of (\\d+)");
    private static final Pattern ETA = Pattern.compile("^(\\d+):(\\d{2}):(\\d{2})$");
    private static final Pattern MEASURE_COUNT = Pattern.compile("^# Measurement: (\\d+) iterations");

    /** Where a run is. */
    public record State(String benchmark, String params, int fork, int forks, boolean warmup, int iteration,
                        int iterations, String lastScore, double percent, String eta) {
        /** One line, e.g. {@code bench (n=10) · fork 1/3 · iteration 2/5 · 12.3 ns/op · 40% · ETA 00:00:12}. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(benchmark.isEmpty() ? "starting" : shortName(benchmark));
            if (!params.isEmpty()) sb.append(" (").append(params).append(')');
            if (forks > 0) sb.append(" · fork ").append(fork).append('/').append(forks);
            if (iteration > 0) {
                sb.append(warmup ? " · warm-up " : " · iteration ").append(iteration);
                if (iterations > 0) sb.append('/').append(iterations);
            }
            if (!lastScore.isEmpty()) sb.append(" · ").append(lastScore);
            if (percent >= 0) sb.append(String.format(" · %.0f%% done", percent));
            if (!eta.isEmpty()) sb.append(" · ETA ").append(eta);
            return sb.toString();
        }

        private static String shortName(String b) {
            int dot = b.lastIndexOf('.');
            return dot < 0 ? b : b.substring(dot + 1);
        }
    }

    private String benchmark = "";
    private String params = "";
    private int fork;
    private int forks;
    private boolean warmup;
    private int iteration;
    private int warmupIterations;
    private int measureIterations;
    private String lastScore = "";
    private double percent = -1;
    private String eta = "";
    private int round;
    private int rounds;
    private int part;
    private int parts;
    private long partSeconds = -1;

    /** Takes one output line; returns true when the state changed in a way worth showing. */
    public boolean accept(String line) {
        Matcher m;
        if ((m = BENCHMARK.matcher(line)).find()) {
            benchmark = m.group(1);
            params = "";
            fork = 0;
            forks = 0;
            iteration = 0;
            lastScore = "";
            return true;
        }
        if ((m = ROUND.matcher(line)).find()) {
            round = Integer.parseInt(m.group(1));
            rounds = Integer.parseInt(m.group(2));
            part = Integer.parseInt(m.group(3));
            parts = Integer.parseInt(m.group(4));
            return false;
        }
        if (line.startsWith("# perfkernel: measuring an empty benchmark")) {
            parts = 0; // the reference run after the rounds is JMH's own single run again
            return false;
        }
        if ((m = RUN_PROGRESS.matcher(line)).find()) {
            percent = Double.parseDouble(m.group(1));
            eta = m.group(2);
            if (parts > 0) overall();
            return false;
        }
        if ((m = WARMUP_COUNT.matcher(line)).find()) {
            warmupIterations = Integer.parseInt(m.group(1));
            return false;
        }
        if ((m = MEASURE_COUNT.matcher(line)).find()) {
            measureIterations = Integer.parseInt(m.group(1));
            return false;
        }
        if ((m = PARAMS.matcher(line)).find()) {
            params = m.group(1).replace(" = ", "=");
            return true;
        }
        if ((m = FORK.matcher(line)).find()) {
            // in rounds JMH sees one fork per run: the round is the fork
            fork = parts > 0 ? round : Integer.parseInt(m.group(1));
            forks = parts > 0 ? rounds : Integer.parseInt(m.group(2));
            iteration = 0;
            return true;
        }
        if ((m = WARMUP.matcher(line)).find()) {
            warmup = true;
            iteration = Integer.parseInt(m.group(1));
            lastScore = firstScore(m.group(2));
            return true;
        }
        if ((m = ITERATION.matcher(line)).find()) {
            warmup = false;
            iteration = Integer.parseInt(m.group(1));
            lastScore = firstScore(m.group(2));
            return true;
        }
        return false;
    }

    /**
     * In rounds JMH's percentage and ETA cover one part: scale them to the whole run. A part's length
     * is its ETA at 0% (all parts have the same settings); the ETA is dropped when it cannot be read.
     */
    private void overall() {
        Matcher t = ETA.matcher(eta);
        long left = t.matches() ? Long.parseLong(t.group(1)) * 3600 + Long.parseLong(t.group(2)) * 60
                + Long.parseLong(t.group(3)) : -1;
        if (percent == 0 && left >= 0) partSeconds = left;
        percent = ((part - 1) + percent / 100) / parts * 100;
        if (left < 0 || partSeconds < 0) {
            eta = "";
            return;
        }
        long all = left + (long) (parts - part) * partSeconds;
        eta = String.format("%02d:%02d:%02d", all / 3600, all / 60 % 60, all % 60);
    }

    private static final Pattern SCORE = Pattern.compile("^([\\d.,]+|NaN|≈\\s*\\S+)\\s*(?:±\\(99\\.9%\\)\\s*[\\d.,]+\\s*)?(\\S+)");

    /** {@code 12.3 ns/op}, also from sample mode's {@code 12.3 ±(99.9%) 0.4 ns/op} and lines with secondary metrics. */
    static String firstScore(String s) {
        Matcher m = SCORE.matcher(s.strip());
        return m.find() ? m.group(1) + " " + m.group(2) : s.strip();
    }

    public State snapshot() {
        return new State(benchmark, params, fork, forks, warmup, iteration,
                warmup ? warmupIterations : measureIterations, lastScore, percent, eta);
    }

    /** The score of the latest iteration line seen, if any. */
    public Optional<String> lastScore() {
        return lastScore.isEmpty() ? Optional.empty() : Optional.of(lastScore);
    }
}

package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.DurationOption;
import dev.perfkernel.magics.compile.CellLines;
import dev.perfkernel.magics.pipeline.JfrInstrument;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.harness.DriverSource;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.report.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the cell as a driver (its body called in a loop for the duration, see
 * {@link DriverSource}) and runs it in a forked JVM under JFR, leaving the recording in the
 * workspace.
 */
final class ProfileRun {
    static final String DRIVER_CLASS = "ProfiledCell";
    private static final Pattern CALLS = Pattern.compile("perfkernel-driver-calls (\\d+)");
    /** JVM and JFR housekeeping threads: their stacks are not the user's workload. */
    private static final Set<String> HOUSEKEEPING = Set.of("Reference Handler", "Finalizer", "Signal Dispatcher",
            "Common-Cleaner", "Notification Thread", "Attach Listener", "DestroyJavaVM");

    /** What the run left behind. */
    record Result(List<Path> recordings, Environment environment, long calls, ForkResult fork, CellLines lines) {}

    private ProfileRun() {
    }

    /** Threads whose samples count: everything except the JVM's and JFR's own. */
    static Predicate<String> userThreads() {
        return t -> !HOUSEKEEPING.contains(t) && !t.startsWith("JFR ") && !t.startsWith("C1 ") && !t.startsWith("C2 ");
    }

    static Result run(Pipeline p, Jdk jdk, String body, int bodyFirstLine, ProfileOptions o) throws MagicException {
        HarnessSource driver = DriverSource.generate(DRIVER_CLASS, p.session(), body, bodyFirstLine, p.executionCount());
        Pipeline.Compiled classes = p.compile(Pipeline.Harness.of(driver), jdk.feature());
        JfrInstrument jfr = new JfrInstrument(o.event());
        long[] calls = {-1};
        p.context().output().stdout("%profile: running the cell for " + DurationOption.format(o.duration()) + " on "
                + jdk.label() + " under JFR (" + o.event().optionName() + ")\n");
        Pipeline.Forked f = p.fork(jdk, classes, Pipeline.ForkPlan.driver(driver.className(), o.duration(), o.jvmArgs(),
                o.duration().plus(Duration.ofSeconds(90)), true), line -> {
                    Matcher m = CALLS.matcher(line);
                    if (m.find()) calls[0] = Long.parseLong(m.group(1));
                }, jfr);
        f.result().orThrow("the profiled cell");
        List<Path> recordings = jfr.recordings();
        if (recordings.isEmpty()) {
            throw new MagicException("NoRecording", "the profiled JVM exited without writing a JFR recording",
                    f.result().lastLines(20));
        }
        return new Result(recordings, f.environment(), calls[0], f.result(), classes.cellLines(p.session()));
    }
}

package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.compile.Classpaths;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.disasm.DriverRun;
import dev.perfkernel.magics.disasm.DriverSource;
import dev.perfkernel.magics.fork.ForkResult;
import dev.perfkernel.magics.fork.ForkedJvm;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Workspace;
import dev.perfkernel.magics.parse.jfr.JfrRecording;
import dev.perfkernel.magics.report.Environment;
import dev.perfkernel.magics.report.EnvironmentProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    record Result(List<Path> recordings, Environment environment, long calls, ForkResult fork, HarnessSource driver) {}

    private ProfileRun() {
    }

    /** Threads whose samples count: everything except the JVM's and JFR's own. */
    static Predicate<String> userThreads() {
        return t -> !HOUSEKEEPING.contains(t) && !t.startsWith("JFR ") && !t.startsWith("C1 ") && !t.startsWith("C2 ");
    }

    static Result run(MagicContext ctx, Workspace ws, Jdk jdk, String body, int bodyFirstLine, int executionCount,
                      ProfileOptions o) throws MagicException {
        HarnessSource driver = DriverSource.generate(DRIVER_CLASS, ctx.session(), body, bodyFirstLine, executionCount);
        DriverRun.Compiled compiled = DriverRun.compile(ctx, ws, jdk, driver, executionCount);
        Path classes = compiled.classes();
        Path runDir = compiled.runDir();

        JfrRecording rec = JfrRecording.prepare(o.event(), ws.dir());
        List<String> flags = new ArrayList<>(rec.jvmFlags());
        flags.addAll(o.jvmArgs());
        Path env = ws.dir().resolve("environment.properties");
        List<Path> cp = new ArrayList<>();
        cp.add(classes);
        cp.addAll(ctx.classpath());
        cp.add(Classpaths.magics());
        long[] calls = {-1};
        ctx.output().stdout("%profile: running the cell for " + DurationOption.format(o.duration()) + " on "
                + jdk.label() + " under JFR (" + o.event().optionName() + ")\n");
        ForkResult r = ForkedJvm.builder(jdk)
                .jvmFlags(flags)
                .classpath(Classpaths.join(cp))
                .mainClass(EnvironmentProbe.class.getName())
                .args(EnvironmentProbe.wrap(env, driver.className(),
                        List.of(Long.toString(o.duration().toMillis()), runDir.resolve("stop").toString())))
                .workingDirectory(runDir)
                .timeLimit(o.duration().plus(Duration.ofSeconds(90)))
                .cancel(ctx.cancel())
                .onLine(line -> {
                    Matcher m = CALLS.matcher(line);
                    if (m.find()) calls[0] = Long.parseLong(m.group(1));
                })
                .run();
        r.orThrow("the profiled cell");
        Environment environment = null;
        try {
            if (Files.isRegularFile(env)) environment = Environment.read(env);
        } catch (IOException e) {
            // the environment is a courtesy: the profile stands without it
        }
        List<Path> recordings = rec.recordings();
        if (recordings.isEmpty()) {
            throw new MagicException("NoRecording", "the profiled JVM exited without writing a JFR recording", r.lastLines(20));
        }
        return new Result(recordings, environment, calls[0], r, driver);
    }
}

package dev.perfkernel.magics.profile;

import dev.perfkernel.magics.api.DurationOption;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.parse.jfr.ProfileEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code %%profile}.
 *
 * @param event    what to sample
 * @param duration how long the cell's code is run (and recorded)
 * @param top      rows in the top tables
 * @param jvm      a JDK spec for {@code Jdks.resolve}, or null for the kernel's own
 * @param jvmArgs  extra flags for the profiled JVM
 * @param quick    quick settings (short run), by option or notebook setting
 */
record ProfileOptions(ProfileEvent event, Duration duration, int top, String jvm, List<String> jvmArgs, boolean quick) {
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    static final Duration QUICK_DURATION = Duration.ofSeconds(2);
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    static final int DEFAULT_TOP = 15;

    /** Every option of %profile, declared once (parser, help, line splitting). */
    static final OptionSpec OPTIONS = new OptionSpec()
            .value("--event", "cpu|wall|alloc|lock", "what to sample (default cpu):\n"
                    + "cpu: JFR execution samples every 1 ms (time on CPU in Java code);\n"
                    + "wall: CPU and native samples plus time parked, sleeping, waiting and blocked,\n"
                    + "  in µs (JFR has no wall-clock sampler, so this is an approximation);\n"
                    + "alloc: JFR allocation samples weighted by bytes;\n"
                    + "lock: time blocked on monitors and parked on java.util.concurrent locks, in µs")
            .value("--duration", "D", "how long the cell runs under the profiler: 10s, 500ms, 1m\n"
                    + "(default 10s; 2s in quick mode; at most 10m)")
            .value("--top", "N", "rows in the top tables (default " + DEFAULT_TOP + ")")
            .value("--jvm", "SPEC", "the JDK to run on, e.g. 17, 25 or a path (default: the kernel's)")
            .repeatable("-jvmArgs", "\"ARGS\"", "extra JVM flags for the profiled JVM, e.g. \"-Xmx1g -XX:+UseZGC\"",
                    "--jvmArgs", "-jvmArgsAppend")
            .flag("--quick", "quick settings: a 2 s run (also forced by PERFKERNEL_QUICK=1)")
            .noPositional();

    static OptionParser parser(String name, MagicHelp help) {
        return OPTIONS.parser(name, help);
    }

    static ProfileOptions parse(OptionParser parser, List<String> args, boolean quickForced) throws UsageException {
        OptionParser.Parsed p = parser.parse(args);
        ProfileEvent event = ProfileEvent.CPU;
        if (p.get("--event").isPresent()) {
            event = ProfileEvent.parse(p.get("--event").get());
            if (event == null) throw parser.usage("--event must be cpu, wall, alloc or lock, got '" + p.get("--event").get() + "'");
        }
        boolean quick = quickForced || p.has("--quick");
        Duration d = quick ? QUICK_DURATION : DEFAULT_DURATION;
        if (p.get("--duration").isPresent()) {
            Duration given = DurationOption.parse(p.get("--duration").get());
            if (given == null || given.isZero()) {
                throw parser.usage("--duration needs a duration such as 10s or 500ms, got '" + p.get("--duration").get() + "'");
            }
            if (given.compareTo(MAX_DURATION) > 0) throw parser.usage("--duration is at most 10m");
            d = quick && given.compareTo(QUICK_DURATION) > 0 ? QUICK_DURATION : given;
        }
        int top = p.integer("--top", 1).orElse(DEFAULT_TOP);
        List<String> jvmArgs = new ArrayList<>();
        for (String a : p.all("-jvmArgs")) {
            for (String w : a.strip().split("\\s+")) if (!w.isEmpty()) jvmArgs.add(w);
        }
        return new ProfileOptions(event, d, top, p.get("--jvm").orElse(null), jvmArgs, quick);
    }
}

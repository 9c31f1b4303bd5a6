package dev.perfkernel.magics.pipeline;

import dev.perfkernel.magics.api.ArgTokenizer;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.fork.Jdks;

import java.util.List;
import java.util.Optional;

/**
 * The options of a magic that runs the cell in a forked driver JVM ({@code %disasm},
 * {@code %jit}): {@code --jvm SPEC}, {@code -jvmArgs "FLAGS"}, {@code --time SECONDS} and
 * {@code --save FILE}. Each magic words the help of the last three for what it does with them.
 *
 * @param jdk       the JDK that runs the driver
 * @param userFlags the user's extra JVM flags, in order
 * @param seconds   the driver's time budget
 * @param save      where to keep the raw output, relative to the notebook's folder
 */
public record DriverOptions(Jdk jdk, List<String> userFlags, int seconds, Optional<String> save) {

    public DriverOptions {
        userFlags = List.copyOf(userFlags);
    }

    /**
     * Declares the four options on {@code spec}, each magic wording what it does with the last three.
     *
     * @param jvmArgs what the extra flags are for, e.g. {@code "extra flags for the forked JVM"}
     * @param time    what the time budget means, with its defaults
     * @param save    what {@code --save} keeps
     */
    public static OptionSpec declare(OptionSpec spec, String jvmArgs, String time, String save) {
        return spec.value("--jvm", "SPEC", "the JDK to run: a feature version (17, 25), a JDK home, or default (the kernel's)")
                .value("-jvmArgs", "\"FLAGS\"", jvmArgs, "--jvmArgs")
                .value("--time", "SECONDS", time)
                .value("--save", "FILE", save);
    }

    /** Reads them: bad values of --time, --jvm or -jvmArgs are usage errors, in that order. */
    public static DriverOptions read(OptionParser.Parsed p, int defaultSeconds) throws UsageException {
        int seconds = p.integer("--time", 1).orElse(defaultSeconds);
        Jdk jdk = Jdks.resolve(p.get("--jvm").orElse("default"));
        List<String> userFlags = ArgTokenizer.split(p.get("-jvmArgs").orElse(""));
        return new DriverOptions(jdk, userFlags, seconds, p.get("--save"));
    }
}

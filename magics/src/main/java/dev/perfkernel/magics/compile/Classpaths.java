package dev.perfkernel.magics.compile;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Finds the jar (or classes folder) a class was loaded from, so forks get JMH and our probe
 * whether the kernel runs from Maven's test classpath or from its installed {@code lib/} folder.
 */
public final class Classpaths {
    /** JMH's runtime: jmh-core and what it needs in a forked JVM. */
    static final List<String> JMH_RUNTIME = List.of("org.openjdk.jmh.infra.Blackhole", "joptsimple.OptionParser",
            "org.apache.commons.math3.stat.descriptive.StatisticalSummary");

    private Classpaths() {
    }

    /** Where {@code type} was loaded from. */
    public static Path of(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            throw new IllegalStateException(type.getName() + " has no code source (loaded by the boot loader?)");
        }
        try {
            return Paths.get(cs.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad code source for " + type.getName() + ": " + cs.getLocation(), e);
        }
    }

    private static Path of(String className) {
        try {
            return of(Class.forName(className, false, Classpaths.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("perfkernel is installed without " + className + " on its classpath", e);
        }
    }

    /** jmh-core, jopt-simple and commons-math3: what a JMH host and its forks need. */
    public static List<Path> jmhRuntime() {
        List<Path> out = new ArrayList<>();
        for (String c : JMH_RUNTIME) out.add(of(c));
        return out;
    }

    /** The magics library itself: the environment probe and harness hosts run from it in forks. */
    public static Path magics() {
        return of(Classpaths.class);
    }

    /**
     * The magics classes a forked JVM runs (environment probe, JMH host, exact-allocation runner) as a
     * small jar of their own, built once per kernel process.
     */
    public static Path forkSide() {
        return ForkSideJar.get(magics());
    }

    /** Joins lists without duplicates, keeping the first occurrence's position. */
    @SafeVarargs
    public static List<Path> join(List<Path>... parts) {
        LinkedHashSet<Path> all = new LinkedHashSet<>();
        for (List<Path> p : parts) all.addAll(p);
        return List.copyOf(all);
    }
}

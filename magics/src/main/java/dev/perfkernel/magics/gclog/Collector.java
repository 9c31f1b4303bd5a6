package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.api.UsageException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The collectors {@code --gc} selects, with the flags that select them. */
public enum Collector {
    SERIAL("serial", "Serial", "UseSerialGC", false),
    PARALLEL("parallel", "Parallel", "UseParallelGC", false),
    G1("g1", "G1", "UseG1GC", false),
    Z("z", "ZGC", "UseZGC", false),
    SHENANDOAH("shenandoah", "Shenandoah", "UseShenandoahGC", false),
    EPSILON("epsilon", "Epsilon", "UseEpsilonGC", true);

    private final String option;
    private final String displayName;
    private final String flag;
    private final boolean experimental;

    Collector(String option, String displayName, String flag, boolean experimental) {
        this.option = option;
        this.displayName = displayName;
        this.flag = flag;
        this.experimental = experimental;
    }

    public String option() { return option; }

    public String displayName() { return displayName; }

    /** The VM option name without {@code -XX:+}, e.g. {@code UseG1GC}. */
    public String flagName() { return flag; }

    /** The JVM flags that select this collector. */
    public List<String> flags() {
        return experimental ? List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+" + flag) : List.of("-XX:+" + flag);
    }

    public static Collector parse(String name) throws UsageException {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "serial" -> SERIAL;
            case "parallel", "ps" -> PARALLEL;
            case "g1", "g1gc" -> G1;
            case "z", "zgc" -> Z;
            case "shenandoah" -> SHENANDOAH;
            case "epsilon" -> EPSILON;
            default -> throw new UsageException("%gclog: unknown collector '" + name + "'",
                    "--gc takes one of: " + String.join(", ", Arrays.stream(values()).map(Collector::option).toList()));
        };
    }
}

package dev.perfkernel.magics.gclog;

import java.util.ArrayList;
import java.util.List;

/**
 * One JVM configuration to run the cell under. Null fields mean "not set here": a
 * {@code --compare} configuration is laid over the options given outside it.
 *
 * @param label    how the run is named in tables (the configuration as typed, or a description)
 * @param gc       the collector, or null for the JDK's default
 * @param xmx      e.g. {@code -Xmx256m}, or null
 * @param xms      e.g. {@code -Xms256m}, or null
 * @param jvmArgs  further JVM flags, e.g. {@code -XX:MaxGCPauseMillis=50}
 * @param jvm      the {@code --jvm} spec, or null for the kernel's own JDK
 */
public record RunConfig(String label, Collector gc, String xmx, String xms, List<String> jvmArgs, String jvm) {

    public RunConfig {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** This configuration over {@code base}: fields set here win, JVM flags are appended after the base's. */
    public RunConfig over(RunConfig base) {
        List<String> args = new ArrayList<>(base.jvmArgs);
        args.addAll(jvmArgs);
        return new RunConfig(label, gc != null ? gc : base.gc, xmx != null ? xmx : base.xmx,
                xms != null ? xms : base.xms, args, jvm != null ? jvm : base.jvm);
    }

    /** The JVM flags of this configuration, logging excluded. */
    public List<String> flags() {
        List<String> f = new ArrayList<>();
        if (gc != null) f.addAll(gc.flags());
        if (xms != null) f.add(xms);
        if (xmx != null) f.add(xmx);
        f.addAll(jvmArgs);
        return f;
    }

    /** A readable description for a run that was not given a label. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(gc == null ? "default GC" : gc.displayName());
        if (xmx != null) parts.add(xmx);
        if (xms != null) parts.add(xms);
        parts.addAll(jvmArgs);
        if (jvm != null) parts.add("--jvm " + jvm);
        return String.join(" ", parts);
    }
}

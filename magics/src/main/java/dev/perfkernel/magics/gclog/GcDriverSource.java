package dev.perfkernel.magics.gclog;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.harness.CellDriverSource;
import dev.perfkernel.magics.source.SessionSource;

/**
 * The {@code main} a forked JVM runs for {@code %%gclog}: the cell body (see {@link CellDriverSource})
 * called repeatedly for a time budget or a number of iterations. An {@link OutOfMemoryError}
 * (Epsilon's normal end) is reported on stdout with a marker line and ends the JVM with
 * {@value #OOM_EXIT}, so the kernel can tell "the heap ran out" from "the cell failed". A normal
 * end prints {@code DONE calls elapsed-µs allocated-bytes}, the bytes from the JVM's per-thread
 * allocation counter (the cell's own thread).
 */
final class GcDriverSource {
    static final String CLASS = "GcLogDriver";
    static final String DONE = "perfkernel-gclog-done ";
    static final String OOM = "perfkernel-gclog-oom ";
    static final int OOM_EXIT = 3;

    // args: "duration" MILLIS | "iterations" N. The OOM path allocates as little as it can:
    // under Epsilon nothing is ever freed, so even printing may fail; the exit code still tells.
    private static final String MAIN = """
                public static void main(String[] args) throws Throwable {
                    boolean byTime = args[0].equals("duration");
                    long limit = Long.parseLong(args[1]);
                    // the JVM's own per-thread allocation counter: exact whatever the collector
                    com.sun.management.ThreadMXBean threads =
                            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
                    long allocated0 = threads.getCurrentThreadAllocatedBytes();
                    long start = System.nanoTime();
                    long calls = 0;
                    try {
                        if (byTime) {
                            long end = start + limit * 1_000_000L;
                            do {
                                body();
                                calls++;
                            } while (System.nanoTime() - end < 0);
                        } else {
                            while (calls < limit) {
                                body();
                                calls++;
                            }
                        }
                    } catch (OutOfMemoryError e) {
                        try {
                            System.out.print("%s");
                            System.out.println(calls);
                        } catch (Throwable ignored) {
                            // nothing left to print with
                        }
                        Runtime.getRuntime().halt(%d);
                    }
                    long elapsed = System.nanoTime() - start;
                    long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
                    System.out.println("%s" + calls + " " + elapsed / 1_000L + " " + allocated);
                }
            """.formatted(OOM, OOM_EXIT, DONE);

    private GcDriverSource() {
    }

    static HarnessSource generate(SessionSource session, String body, int bodyFirstLine, int executionCount) {
        return CellDriverSource.generate(CLASS, session, body, bodyFirstLine, executionCount, MAIN);
    }
}

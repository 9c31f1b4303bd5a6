package dev.perfkernel.magics.harness;

import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.source.SessionSource;

/**
 * The {@code main} a forked JVM runs for {@code %disasm} and {@code %jit}: the cell body (see
 * {@link CellDriverSource}) called over and over until a time budget is spent or the kernel drops
 * a stop file (it does when the compilation it waits for has been printed).
 */
public final class DriverSource {
    public static final String PACKAGE = CellDriverSource.PACKAGE;

    // args: budget in ms, stop file; the stop file is looked at every 20 ms, not every call
    private static final String MAIN = """
                public static void main(String[] args) throws Throwable {
                    long budget = Long.parseLong(args[0]) * 1_000_000L;
                    java.nio.file.Path stop = java.nio.file.Path.of(args[1]);
                    long start = System.nanoTime();
                    long checked = start;
                    long calls = 0;
                    while (true) {
                        body();
                        calls++;
                        long now = System.nanoTime();
                        if (now - start > budget) break;
                        if (now - checked > 20_000_000L) {
                            checked = now;
                            if (java.nio.file.Files.exists(stop)) break;
                        }
                    }
                    System.out.println("perfkernel-driver-calls " + calls);
                }
            """;

    private DriverSource() {
    }

    /**
     * @param simpleName     the class name (in {@value #PACKAGE})
     * @param session        the session whose imports the body sees
     * @param body           statements; a last line without {@code ;} gets one
     * @param bodyFirstLine  cell line of the body's first line
     * @param executionCount the cell's {@code In [n]}
     */
    public static HarnessSource generate(String simpleName, SessionSource session, String body, int bodyFirstLine,
                                         int executionCount) {
        return CellDriverSource.generate(simpleName, session, body, bodyFirstLine, executionCount, MAIN);
    }
}

package dev.perfkernel.engine;

import java.io.PrintStream;

/**
 * Sends records to the kernel inside the engine's stdout stream, so a display keeps its place
 * among the prints around it. A record is {@code RS token ':' json US}: JSON text never holds
 * raw control characters, so RS/US cannot occur inside it, and the per-engine random token
 * (a system property set by the kernel) keeps a user's stray RS byte from being taken for one.
 */
public final class Frames {
    public static final char START = '\u001E';
    public static final char END = '\u001F';
    public static final String TOKEN_PROPERTY = "perfkernel.frameToken";

    // Captured at engine start-up so records still reach the kernel after System.setOut(...).
    private static volatile PrintStream out;

    private Frames() {
    }

    /**
     * Called by the engine agent (or the kernel's start-up snippet) before user code can replace
     * System.out. Under JShell's own agent it also puts {@link CellInput} over System.in
     * (perfkernel's agent does that itself, as it starts).
     */
    public static void init() {
        if (out == null) out = System.out;
        CellInput.install();
    }

    /** Writes one record; JSON must be a complete object. */
    public static void send(String json) {
        if (out == null) out = System.out;
        String token = System.getProperty(TOKEN_PROPERTY, "");
        PrintStream ps = out;
        synchronized (ps) {
            ps.print(START + token + ":" + json + END);
            ps.flush();
        }
    }
}

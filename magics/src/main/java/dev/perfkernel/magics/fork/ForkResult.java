package dev.perfkernel.magics.fork;

import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.MagicException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a forked JVM ended.
 *
 * @param exitCode     the process's exit code (-1 when it was killed by us)
 * @param timedOut     true when it exceeded its time limit and was killed
 * @param cancelled    true when the user interrupted and it was killed
 * @param output       the tail of its combined stdout and stderr
 * @param droppedChars how many characters of output were dropped to keep the tail bounded
 * @param duration     wall time from start to exit
 * @param timeLimit    the limit it ran under
 */
public record ForkResult(int exitCode, boolean timedOut, boolean cancelled, String output, long droppedChars,
                         Duration duration, Duration timeLimit) {

    public boolean ok() {
        return exitCode == 0 && !timedOut && !cancelled;
    }

    public List<String> lastLines(int n) {
        return OutputTail.lastLines(output, n);
    }

    /**
     * Returns normally when the fork succeeded; throws {@link CancelToken.CancelledException} when
     * interrupted, and otherwise a {@link MagicException} ({@code ForkFailed} or {@code ForkTimedOut})
     * whose details are the fork's last output lines.
     *
     * @param what what the fork was doing, e.g. {@code "the JMH run"}
     */
    public ForkResult orThrow(String what) throws MagicException {
        if (cancelled) throw new CancelToken.CancelledException();
        if (ok()) return this;
        List<String> details = new ArrayList<>();
        details.add("Last output of the forked JVM" + (droppedChars > 0 ? " (" + droppedChars
                + " earlier characters dropped)" : "") + ":");
        for (String l : lastLines(40)) details.add("  " + l);
        if (timedOut) {
            throw new MagicException("ForkTimedOut", what + " exceeded its time limit of "
                    + timeLimit.toSeconds() + " s and was stopped", details);
        }
        throw new MagicException("ForkFailed", what + " failed: the forked JVM exited with code " + exitCode
                + describe(exitCode), details);
    }

    private static String describe(int code) {
        if (code > 128 && code < 160) return " (killed by signal " + (code - 128) + ")";
        if (code == 1) return "";
        return "";
    }
}

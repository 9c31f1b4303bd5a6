package dev.perfkernel.magics.api;

import java.util.List;

/**
 * A failure the user should read, shown as the cell's error with {@link #errorName()} as
 * {@code ename} and {@link #details()} as extra traceback lines (for example compiler
 * diagnostics against cell lines, or a forked JVM's last output). Never a Java stack trace.
 */
public class MagicException extends Exception {
    private final String errorName;
    private final List<String> details;

    public MagicException(String errorName, String message, List<String> details) {
        super(message);
        this.errorName = errorName;
        this.details = List.copyOf(details);
    }

    public MagicException(String message) {
        this("MagicError", message, List.of());
    }

    public String errorName() {
        return errorName;
    }

    public List<String> details() {
        return details;
    }
}

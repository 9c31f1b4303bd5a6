package dev.perfkernel.magics.api;

import java.util.List;

/** A bad option or argument: the message says what is wrong, the details hold the usage. */
public class UsageException extends MagicException {
    public UsageException(String message, String usage) {
        super("UsageError", message, usage == null ? List.of() : usage.lines().toList());
    }
}

package dev.perfkernel.kernel.wire;

/** A received multipart message that cannot be accepted (bad framing, signature or JSON). */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }
}

package dev.perfkernel.kernel.magic;

/**
 * Marks a magic whose arguments are Java code (as for %time): quotes in them are Java's, not
 * shell quotes, so the runner does not reject them as bad quoting.
 */
public interface CodeArguments {
}

package dev.perfkernel.magics.parse.compilation;

/** One frame of a {@code <jvms bci=.. method=..>} chain (innermost first). */
public record JvmsFrame(MethodRef method, int bci) {}

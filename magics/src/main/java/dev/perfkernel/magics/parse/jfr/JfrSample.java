package dev.perfkernel.magics.parse.jfr;

import java.util.List;

/**
 * One stack-carrying event of a recording.
 *
 * @param stack      frames, innermost (top) first
 * @param objectType the allocated class for allocation samples, else null
 * @param weight     what the sample stands for, in the unit of its {@link ProfileEvent}
 *                   (bytes, samples or microseconds)
 * @param thread     the Java thread's name, or "" when unknown
 */
public record JfrSample(List<JfrFrame> stack, String objectType, long weight, String thread) {
    public JfrSample {
        stack = List.copyOf(stack);
        thread = thread == null ? "" : thread;
    }
}

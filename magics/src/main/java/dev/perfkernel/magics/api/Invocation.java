package dev.perfkernel.magics.api;

import java.util.List;

/**
 * One use of a magic in a cell.
 *
 * @param name       the magic's name as typed (without percent signs)
 * @param cellMagic  true for {@code %%name}, false for {@code %name}
 * @param args       the arguments, split like a shell would (quotes honoured, nothing expanded)
 * @param rawArgs    the argument text as typed
 * @param body       for a cell magic the lines after the first; for a line magic the rest of
 *                   the line is in {@code args} and {@code body} is empty
 * @param bodyFirstLine the 1-based cell line on which {@code body} starts (2 for a cell magic),
 *                   so errors can point at the user's own lines
 * @param executionCount the cell's execution count, or 0 when not counted
 */
public record Invocation(String name, boolean cellMagic, List<String> args, String rawArgs,
                         String body, int bodyFirstLine, int executionCount) {
    public Invocation {
        args = List.copyOf(args);
        body = body == null ? "" : body;
    }
}

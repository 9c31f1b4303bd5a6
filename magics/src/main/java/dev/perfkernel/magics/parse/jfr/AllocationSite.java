package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.source.SessionSource.CellLine;

/**
 * Where allocations happen: a type allocated at a frame, or (for cumulative rows, type null)
 * everything allocated while a frame was on the stack.
 *
 * @param type       allocated class in Java form ({@code byte[]}), null for a cumulative row
 * @param frame      {@code pkg.Class.method} of the innermost user frame (or the innermost frame
 *                   when no user code was on the stack)
 * @param sourceLine that frame's Java source line, -1 if unknown
 * @param cell       the notebook cell line, when the frame is user code from a cell
 * @param user       whether {@code frame} is the user's code
 * @param bytes      bytes attributed (JFR: the samples' weights; instrumented: bytes requested)
 * @param count      allocations (instrumented) or samples (JFR, see {@code sampled})
 * @param sampled    true for JFR samples taken after JIT; false for exact instrumented counts
 */
public record AllocationSite(String type, String frame, int sourceLine, CellLine cell, boolean user,
                             long bytes, long count, boolean sampled) {

    /** {@code Class.method} without the package. */
    public String shortFrame() {
        int name = frame.lastIndexOf('.');
        int cls = name <= 0 ? -1 : frame.lastIndexOf('.', name - 1);
        return frame.substring(cls + 1);
    }

    /** The site's location the way a user reads it: the cell line if any, else the Java line. */
    public String location() {
        if (cell != null) return cell.toString();
        return sourceLine >= 0 ? "line " + sourceLine : "";
    }
}

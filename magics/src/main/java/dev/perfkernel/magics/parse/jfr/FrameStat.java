package dev.perfkernel.magics.parse.jfr;

import dev.perfkernel.magics.source.SessionSource.CellLine;

/**
 * One row of a pprof-style top table: a method (line = -1) or one source line of a method.
 *
 * @param method  {@code pkg.Class.method}
 * @param line    Java source line, -1 for a whole-method row
 * @param cell    the notebook cell line for user code, else null
 * @param user    whether the frame is the user's code
 * @param flat    weight of samples whose innermost frame is this one
 * @param cum     weight of samples with this frame anywhere on the stack
 */
public record FrameStat(String method, int line, CellLine cell, boolean user, long flat, long cum) {

    /** {@code Class.method} without the package. */
    public String shortMethod() {
        int name = method.lastIndexOf('.');
        int cls = name <= 0 ? -1 : method.lastIndexOf('.', name - 1);
        return method.substring(cls + 1);
    }
}

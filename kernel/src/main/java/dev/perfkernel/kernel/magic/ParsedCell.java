package dev.perfkernel.kernel.magic;

import dev.perfkernel.magics.api.Invocation;

import java.util.List;

/**
 * A cell split into its magics and its code.
 *
 * @param lineMagics    leading {@code %name args} lines, in order
 * @param cellMagic     the {@code %%name args} of the first line, or null
 * @param code          what is left to run as Java (empty for a cell magic)
 * @param codeFirstLine the cell line on which {@code code} starts
 */
public record ParsedCell(List<Invocation> lineMagics, Invocation cellMagic, String code, int codeFirstLine) {
    public ParsedCell {
        lineMagics = List.copyOf(lineMagics);
    }
}

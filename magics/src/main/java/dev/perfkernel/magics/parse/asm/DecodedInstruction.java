package dev.perfkernel.magics.parse.asm;

/**
 * One instruction as the disassembler decoded it.
 *
 * @param address  absolute address
 * @param length   length in bytes (0 when unknown, e.g. hsdis text)
 * @param hex      the bytes as space-separated hex pairs (empty when unknown)
 * @param mnemonic e.g. {@code add}, {@code jl}, {@code call}
 * @param operands the rest, as the disassembler printed it
 */
public record DecodedInstruction(long address, int length, String hex, String mnemonic, String operands) {

    public long end() {
        return address + length;
    }

    public String text() {
        return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
    }
}

package dev.perfkernel.magics.parse.asm;

import java.util.List;

/**
 * One compiled version of a method, decoded and annotated.
 *
 * @param compiler  {@code c1} or {@code c2}
 * @param compileId the JVM's compile id
 * @param level     tiered level (4 = C2)
 * @param osr       on-stack-replacement version (entered in the middle of a running loop)
 * @param osrBci    bytecode index of the OSR entry, -1 otherwise
 * @param method    {@code Class::method}
 * @param bytecodeSize bytes of bytecode compiled
 * @param codeSize  bytes of main machine code (0 when the JVM did not print it)
 * @param decoder   what produced the instructions: {@code objdump} or {@code hsdis}
 * @param instructions in address order
 */
public record Compilation(String compiler, int compileId, int level, boolean osr, int osrBci, String method,
                          int bytecodeSize, int codeSize, String decoder, List<Instruction> instructions) {

    public Compilation {
        instructions = List.copyOf(instructions);
    }

    /** A short label, e.g. {@code C2 (tier 4), OSR @ bci 4, compile id 28, 448 bytes}. */
    public String label() {
        return compiler.toUpperCase(java.util.Locale.ROOT) + " (tier " + level + ")"
                + (osr ? ", OSR @ bci " + osrBci : "")
                + ", compile id " + compileId
                + (codeSize > 0 ? ", " + codeSize + " bytes of code" : "");
    }
}

package dev.perfkernel.magics.parse.asm;

import java.util.List;

/**
 * One {@code Compiled method (c2) ...} block of PrintAssembly output before decoding: the
 * header, the machine code as runs of bytes (hex form) or as text instructions (when a
 * working hsdis printed them), and the JVM's comments keyed by address.
 *
 * @param compiler   {@code c1} or {@code c2} (or whatever the JVM printed, e.g. {@code jvmci})
 * @param compileId  the JVM's compile id
 * @param osr        on-stack replacement compilation ({@code %} in the header)
 * @param osrBci     bytecode index of the OSR entry, -1 when not OSR
 * @param level      tiered compilation level (1-3 C1, 4 C2)
 * @param method     {@code Class::method} as printed, nested classes with {@code $}
 * @param bytecodeSize size of the method's bytecode
 * @param codeBegin  first address of the main code, 0 when not printed
 * @param codeSize   size of the main code in bytes ({@code main code [..] = N}), 0 when not printed
 * @param bytes      machine code in address order (empty for hsdis output)
 * @param comments   comments in print order
 * @param textInstructions instructions printed by hsdis (empty for hex output)
 */
public record RawCompilation(String compiler, int compileId, boolean osr, int osrBci, int level,
                             String method, int bytecodeSize, long codeBegin, int codeSize,
                             List<ByteRun> bytes, List<Comment> comments,
                             List<TextInstruction> textInstructions) {

    public RawCompilation {
        bytes = List.copyOf(bytes);
        comments = List.copyOf(comments);
        textInstructions = List.copyOf(textInstructions);
    }

    /** Contiguous machine code bytes starting at {@code address}. */
    public record ByteRun(long address, byte[] data) {}

    /**
     * The lines the JVM printed at one address, without the address and leading {@code ;}.
     * {@code exact} is false in hex form, where HotSpot prints a comment at the start of the
     * 4-byte group holding the address it belongs to (observed on JDK 17 and 25).
     */
    public record Comment(long address, List<String> lines, boolean exact) {
        public Comment {
            lines = List.copyOf(lines);
        }
    }

    /** An instruction as a working hsdis printed it. */
    public record TextInstruction(long address, String text) {}
}

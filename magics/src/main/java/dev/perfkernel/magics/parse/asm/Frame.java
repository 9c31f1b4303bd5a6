package dev.perfkernel.magics.parse.asm;

/**
 * One level of the JVM's debug info at a code address: {@code - Drv::sum@13 (line 11)}.
 *
 * @param holder the class in binary form with dots, e.g. {@code perfkernel.session.Session}
 * @param method the method name
 * @param bci    bytecode index, -1 at the method entry
 * @param line   source line, -1 when the JVM printed none
 */
public record Frame(String holder, String method, int bci, int line) {
    @Override
    public String toString() {
        return holder + "::" + method + "@" + bci + (line >= 0 ? " (line " + line + ")" : "");
    }
}

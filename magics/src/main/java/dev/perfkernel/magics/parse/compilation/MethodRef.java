package dev.perfkernel.magics.parse.compilation;

/**
 * A method as LogCompilation names it.
 *
 * @param holder    class name with dots, nested classes with {@code $}
 * @param name      method name ({@code <init>} for constructors)
 * @param signature JVM descriptor, e.g. {@code (II)I}; may be empty when unknown
 */
public record MethodRef(String holder, String name, String signature) {

    /** Parses the {@code method='Drv pointSum (II)I'} attribute form (holder with slashes or dots). */
    public static MethodRef parse(String s) {
        String[] p = s.trim().split(" ");
        String holder = p.length > 0 ? p[0].replace('/', '.') : "";
        return new MethodRef(holder, p.length > 1 ? p[1] : "", p.length > 2 ? p[2] : "");
    }

    /** The holder's simple name (after the last dot, nested names kept with {@code $}). */
    public String simpleHolder() {
        return holder.substring(holder.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return holder + "::" + name;
    }
}

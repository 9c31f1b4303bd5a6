package dev.perfkernel.magics.parse.jfr;

/**
 * One frame of a recorded stack, detached from the recording so it can outlive it.
 *
 * @param className  binary class name, e.g. {@code perfkernel.session.Session$Point}
 * @param methodName method name, e.g. {@code mixed} or {@code <init>}
 * @param line       source line, or -1 when the recording has none
 */
public record JfrFrame(String className, String methodName, int line) {

    /** {@code pkg.Class.method}: the key under which frames of one method are merged. */
    public String method() {
        return className + "." + methodName;
    }

    /** {@code Class.method} without the package, the way flame graphs and tables show it. */
    public String shortMethod() {
        int dot = className.lastIndexOf('.');
        return className.substring(dot + 1) + "." + methodName;
    }

    @Override
    public String toString() {
        return method() + (line >= 0 ? ":" + line : "");
    }
}

package dev.perfkernel.magics.compile;

/**
 * A generated Java source for a forked JVM.
 *
 * @param path    its path relative to a source root, e.g. {@code perfkernel/harness/Bench.java}
 * @param text    the source text
 * @param lineMap which of its lines are the user's cell lines
 */
public record HarnessSource(String path, String text, LineMap lineMap) {

    /** The fully qualified class name implied by {@link #path()}. */
    public String className() {
        return path.replaceAll("\\.java$", "").replace('/', '.');
    }
}

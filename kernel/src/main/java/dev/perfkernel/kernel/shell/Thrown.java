package dev.perfkernel.kernel.shell;

import jdk.jshell.EvalException;

/**
 * An exception thrown by user code in the engine, as JShell reports it: JShell frames have an
 * empty or wrapper-stripped class name and the file name {@code #ID} of the snippet, with lines
 * counted from the snippet's first line.
 */
record Thrown(String className, String message, StackTraceElement[] frames, Thrown cause) {

    static Thrown of(EvalException e) {
        Thrown cause = e.getCause() instanceof EvalException c ? of(c) : null;
        return new Thrown(userName(e.getExceptionClassName()), e.getMessage(), e.getStackTrace(), cause);
    }

    /** {@code REPL.$JShell$14$MyEx} (a class declared in a cell) is shown as {@code MyEx}. */
    static String userName(String className) {
        return className == null ? "" : className.replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$", "");
    }
}

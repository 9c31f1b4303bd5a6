/**
 * The session as source: {@link dev.perfkernel.kernel.session.SessionSourceBuilder} writes a
 * JShell session's active declarations as one compilation unit that measuring magics compile
 * their harness against, so code in a forked JVM can call what earlier cells defined.
 *
 * <p>What is replayed: imports, types, methods, and variables with their initializers, in
 * definition order (a field whose initializer reads a variable redefined later is moved after
 * it). What is not: statements and expressions, so state built up by statements ({@code
 * list.add(..)} in a loop, {@code x = 5}) is not in the fork; the simple cases are detected and
 * reported in {@link dev.perfkernel.magics.source.SessionSource#unreplayable()}, as are
 * variables whose inferred type cannot be written ({@code var o = new Object() { .. }}),
 * declarations that did not compile, and declarations that depend on any of these.
 */
package dev.perfkernel.kernel.session;

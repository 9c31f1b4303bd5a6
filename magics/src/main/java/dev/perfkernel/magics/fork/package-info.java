/**
 * Launching measuring JVMs, shared by every measuring magic. Magics do not call this package
 * directly: {@link dev.perfkernel.magics.pipeline.Pipeline} compiles a cell's harness and starts its
 * forks with {@link ForkedJvm}, adding the flags of the magic's instruments.
 *
 * <pre>{@code
 * try (Pipeline p = Pipeline.open("gclog", ctx, inv.executionCount())) {        // private workspace
 *     Pipeline.Compiled classes = p.compile(Pipeline.Harness.of(driver), jdk.feature());
 *     Pipeline.Forked f = p.fork(jdk, classes, plan, line -> { ... progress ... }, instrument);
 *     f.result().orThrow("the GC-logged run");   // MagicException with the last output lines
 *     Environment env = f.environment();          // written by EnvironmentProbe in the fork
 * }
 * }</pre>
 *
 * Cancel and timeout kill the whole process tree within about 1.5 s; output is merged
 * stdout+stderr, kept as a bounded tail. {@code Jdks.resolve("25")} picks a JDK (a usage error lists
 * the installed ones); {@code QuickMode.forced(ctx)} tells whether notebook CI mode
 * ({@code PERFKERNEL_QUICK=1}) asks for the quick preset.
 */
package dev.perfkernel.magics.fork;

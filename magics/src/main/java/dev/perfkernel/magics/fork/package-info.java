/**
 * Launching measuring JVMs, shared by every measuring magic.
 *
 * <pre>{@code
 * Jdk jdk = Jdks.resolve("25");                       // or Jdks.current(); UsageException lists installed JDKs
 * try (Workspace ws = Workspace.create("gclog")) {    // private temp dir, deleted with its contents
 *     Path classes = ws.subdir("classes");
 *     new HarnessCompiler().session(ctx.session()).source(harness).classpath(ctx.classpath())
 *             .target(jdk.feature()).output(classes).executionCount(inv.executionCount()).compile();
 *     Path env = ws.dir().resolve("env.properties");
 *     ForkResult r = ForkedJvm.builder(jdk)
 *             .jvmFlags(List.of("-Xlog:gc*:file=" + ws.dir().resolve("gc.log")))   // only these flags
 *             .classpath(Classpaths.join(List.of(classes), ctx.classpath(), List.of(Classpaths.magics())))
 *             .mainClass(EnvironmentProbe.class.getName())                        // probe, then the driver
 *             .args(EnvironmentProbe.wrap(env, "perfkernel.gclog.Driver", List.of()))
 *             .workingDirectory(ws.dir()).timeLimit(Duration.ofMinutes(2))
 *             .cancel(ctx.cancel()).onLine(line -> { ... progress ... })
 *             .run().orThrow("the GC-logged run");  // MagicException with the last output lines
 *     Environment e = Environment.read(env);
 * }
 * }</pre>
 *
 * Cancel and timeout kill the whole process tree within about 1.5 s; output is merged
 * stdout+stderr, kept as a bounded tail. {@code QuickMode.forced(ctx)} tells whether notebook CI
 * mode ({@code PERFKERNEL_QUICK=1}) asks for the quick preset.
 */
package dev.perfkernel.magics.fork;

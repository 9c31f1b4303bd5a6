package dev.perfkernel.magics.disasm;

import dev.perfkernel.magics.pipeline.OutputFiles;
import dev.perfkernel.magics.pipeline.OutputCapture;
import dev.perfkernel.magics.pipeline.Pipeline;
import dev.perfkernel.magics.pipeline.DriverOptions;
import dev.perfkernel.magics.source.MethodTarget;
import dev.perfkernel.magics.source.SessionSource;
import dev.perfkernel.magics.harness.DriverSource;
import dev.perfkernel.magics.compile.CellLines;

import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.AbstractMagic;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.OptionParser;
import dev.perfkernel.magics.api.OptionSpec;
import dev.perfkernel.magics.api.UsageException;
import dev.perfkernel.magics.compile.HarnessSource;
import dev.perfkernel.magics.fork.Jdk;
import dev.perfkernel.magics.harness.QuickMode;
import dev.perfkernel.magics.parse.asm.Compilation;
import dev.perfkernel.magics.parse.asm.Disassembler;
import dev.perfkernel.magics.parse.asm.Frame;
import dev.perfkernel.magics.parse.compilation.LineNumbers;
import dev.perfkernel.magics.parse.asm.ObjdumpDecoder;
import dev.perfkernel.magics.parse.asm.PrintAssemblyParser;
import dev.perfkernel.magics.parse.asm.RawCompilation;
import dev.perfkernel.magics.parse.asm.Syntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %disasm METHOD} / {@code %%disasm METHOD}: the machine code the JIT made of a method,
 * annotated with the cell's source lines. The JVM's counterpart of {@code go tool objdump -S}.
 */
public final class DisasmMagic extends AbstractMagic {

    static final String DRIVER = "PkDisasmDriver";
    private static final Pattern CALLS = Pattern.compile("^perfkernel-driver-calls (\\d+)$", Pattern.MULTILINE);

    /** Every option, declared once (parser and help). */
    private static final OptionSpec OPTIONS = DriverOptions.declare(new OptionSpec()
                    .argument("METHOD", "a method defined in the session (fib), a method of a session type "
                            + "(Point::norm) or any class's (java.lang.String::hashCode)")
                    .value("--tier", "c2|c1|all", "which compilations to show: C2 (tier 4, default), C1 (tiers 1-3) or all")
                    .value("--syntax", "att|intel", "assembly syntax (default att, as HotSpot's hsdis prints it)"),
            "extra flags for the forked JVM, e.g. \"-XX:-UseSuperWord\"",
            "longest the driver runs while waiting for the compilation (default 5, quick mode 3)",
            "also keep the JVM's raw PrintAssembly output, relative to the notebook's folder");

    private static final MagicHelp HELP = new MagicHelp(
            List.of("%disasm METHOD [options]", "%%disasm METHOD [options]\nDRIVER CODE"),
            "Shows the machine code the JIT compiled for METHOD, grouped by the cell lines it came from.",
            OPTIONS.help(),
            """
            The cell body (for %%disasm) is driver code that calls METHOD; it runs again and again in a \
            forked JVM until METHOD has been compiled at the requested tier, then the JVM stops. %disasm \
            METHOD alone calls METHOD() with no arguments. METHOD is kept out of line \
            (-XX:CompileCommand=dontinline) so that its own compiled code is what runs and what you see; \
            everything METHOD calls is inlined as usual.

            The code comes from -XX:CompileCommand=print. With a working hsdis plug-in the JVM's own \
            disassembly is used; without one (the usual case) the JVM prints hex bytes, which are decoded \
            with objdump from binutils. Each instruction is attributed to the nearest earlier debug \
            information of the JVM (it records source lines at calls, safepoint polls and traps), so lines \
            are approximate inside straight-line code. Marks: "◆ loop start" and "↺ loop back edge" for \
            backward jumps, "● safepoint poll" for the JVM's stop checks in loops and at returns, "→ call" \
            with the callee or runtime stub. application/json holds method, compilations[] (tier, osr, \
            size, instructions[] with address, text, line).""");



    /** The parsed request. */
    private record Request(MethodTarget target, String tier, Syntax syntax, DriverOptions fork, boolean quick) {}

    public DisasmMagic() {
        super("disasm", HELP);
    }

    @Override
    public void run(Invocation inv, MagicContext ctx) throws Exception {
        long t0 = System.nanoTime();
        SessionSource session = ctx.session();
        Request q = request(inv, ctx, session);
        MethodTarget target = q.target();
        int seconds = q.fork().seconds();
        Jdk jdk = q.fork().jdk();
        String body = inv.body().isBlank() ? callWithoutArguments(target) : inv.body();
        int bodyFirstLine = inv.body().isBlank() ? 1 : inv.bodyFirstLine();
        List<String> flags = new ArrayList<>(List.of("-Xmx256m", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=print," + target.compileCommandPattern(),
                "-XX:CompileCommand=dontinline," + target.compileCommandPattern()));
        OutputCapture assembly = new OutputCapture(flags, new CompiledWatcher(target, q.tier()));
        CellLines lines;
        Frame entry;
        Path saved = null;
        try (Pipeline p = Pipeline.open("disasm", ctx, session, inv.executionCount())) {
            HarnessSource driver = DriverSource.generate(DRIVER, p.session(), body, bodyFirstLine, inv.executionCount());
            Pipeline.Compiled classes = p.compile(Pipeline.Harness.of(driver), jdk.feature());
            p.fork(jdk, classes, Pipeline.ForkPlan.driver(driver.className(), Duration.ofSeconds(seconds),
                    q.fork().userFlags(), Duration.ofSeconds(seconds + 60L), false), null, assembly)
                    .result().orThrow("the driver of the cell");
            entry = entryFrame(classes.classes(), target);
            lines = classes.cellLines(p.session());
            if (q.fork().save().isPresent()) saved = p.outputFiles("disasm").saveTextAs(assembly.text(), q.fork().save().get());
        }
        ctx.cancel().check();
        List<Compilation> compilations = disassemble(assembly.text(), q, seconds);
        List<String> warnings = new ArrayList<>();
        if (q.tier().equals("c2") && compilations.stream().allMatch(Compilation::osr)) {
            warnings.add("only an OSR compilation (entered in the middle of a running loop) was made within " + seconds
                    + " s; call " + target.display() + " more often for its normal compilation");
        }
        if (assembly.truncated()) warnings.add("the JVM printed more than " + OutputCapture.MAX_CHARS / (1024 * 1024) + " MB; later compilations are missing");
        if (q.quick()) warnings.add("quick mode: the driver ran at most " + seconds + " s");
        String decoder = compilations.get(0).decoder();
        List<String> notes = List.of(
                "Machine code from -XX:CompileCommand=print, " + (decoder.equals("hsdis") ? "disassembled by the JVM's hsdis plug-in"
                        : "hex decoded with objdump (no hsdis plug-in)") + "; " + q.syntax().name().toLowerCase(Locale.ROOT) + " syntax.",
                "The driver called the cell body " + calls(assembly.text()) + " times; " + target.display()
                        + " was kept out of line (dontinline) so its own code is what ran. Total "
                        + Math.round((System.nanoTime() - t0) / 1e6) + " ms."
                        + (saved == null ? "" : " Raw output saved to " + OutputFiles.display(ctx, saved) + "."));
        String title = "%disasm " + target.display() + " — " + jdk.label() + " — " + compilations.size()
                + (compilations.size() == 1 ? " compilation" : " compilations");
        ctx.output().display(DisasmRenderer.render(target, title, notes, warnings, compilations, lines, jdk.label(), entry));
    }

    private Request request(Invocation inv, MagicContext ctx, SessionSource session) throws UsageException {
        OptionParser parser = OPTIONS.parser(name(), HELP);
        OptionParser.Parsed p = parser.parse(inv.args());
        if (p.positional().size() != 1) throw parser.usage(p.positional().isEmpty() ? "name the method to disassemble" : "one method only, got " + p.positional());
        MethodTarget target = MethodTarget.parse(p.positional().get(0), session);
        if (target == null) throw parser.usage("'" + p.positional().get(0) + "' is not a method name (use name or Class::name)");
        String tier = p.get("--tier").orElse("c2").toLowerCase(Locale.ROOT);
        if (!List.of("c1", "c2", "all").contains(tier)) throw parser.usage("--tier must be c2, c1 or all, got '" + tier + "'");
        Syntax syntax;
        try {
            syntax = Syntax.of(p.get("--syntax").orElse("att"));
        } catch (IllegalArgumentException e) {
            throw parser.usage("--" + e.getMessage());
        }
        boolean quick = QuickMode.forced(ctx);
        DriverOptions fork = DriverOptions.read(p, quick ? 3 : 5);
        if (!target.definedIn(session)) {
            throw new UsageException("%disasm: the session defines no method '" + target.method() + "'",
                    "Define it in an earlier cell, or name another class's method as Class::method.");
        }
        return new Request(target, tier, syntax, fork, quick);
    }

    /** The wanted compilations of the target, decoded; an error that says why when there are none. */
    private static List<Compilation> disassemble(String output, Request q, int seconds) throws MagicException {
        List<RawCompilation> raws = PrintAssemblyParser.parse(output).stream()
                .filter(r -> q.target().matchesHeader(r.method()))
                .filter(r -> q.tier().equals("all") || (q.tier().equals("c2") ? r.level() == 4 : r.level() < 4))
                .toList();
        if (raws.isEmpty()) {
            throw new MagicException("NotCompiled", "no " + (q.tier().equals("all") ? "" : q.tier().toUpperCase(Locale.ROOT) + " ")
                    + "compilation of " + q.target().display() + " within " + seconds + " s (the driver ran the cell body "
                    + calls(output) + " times)", List.of(
                    "Make sure the cell body calls " + q.target().display() + " (and that it is not trivially dead),",
                    "or allow more time with --time SECONDS, or look at --tier all."));
        }
        boolean hex = raws.stream().anyMatch(r -> r.textInstructions().isEmpty());
        ObjdumpDecoder objdump = hex ? new ObjdumpDecoder("objdump", ObjdumpArch.machineFor(q.fork().jdk())) : new ObjdumpDecoder();
        if (hex && !objdump.available()) {
            throw new MagicException("NoDisassembler", "the JVM printed hex machine code (no hsdis plug-in) and objdump "
                    + "is not installed to decode it", List.of("Install binutils (apt-get install binutils) or an hsdis plug-in."));
        }
        Disassembler dis = new Disassembler(objdump);
        List<Compilation> compilations = new ArrayList<>();
        for (RawCompilation r : raws) compilations.add(dis.disassemble(r, q.syntax()));
        return compilations;
    }

    /** The method's first line, from its class file: where code without debug info is attributed. */
    static Frame entryFrame(Path classes, MethodTarget t) {
        Path file = classes.resolve(t.className().replace('.', '/') + ".class");
        if (!Files.isRegularFile(file)) return null;
        try {
            return LineNumbers.read(Files.readAllBytes(file)).line(t.method(), "", 0)
                    .map(l -> new Frame(t.className(), t.method(), 0, l)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String callWithoutArguments(MethodTarget t) {
        if (t.inSession() && t.className().equals(dev.perfkernel.magics.source.SessionSource.QUALIFIED)) {
            return t.method() + "();";
        }
        String cls = t.className().replace('$', '.');
        if (cls.startsWith(dev.perfkernel.magics.source.SessionSource.QUALIFIED + ".")) {
            cls = cls.substring(dev.perfkernel.magics.source.SessionSource.QUALIFIED.length() + 1);
        }
        return cls + "." + t.method() + "();";
    }

    static long calls(String output) {
        Matcher m = CALLS.matcher(output);
        long n = 0;
        while (m.find()) n = Long.parseLong(m.group(1));
        return n;
    }

    /** Stops the driver once the wanted compilation of the target has been printed in full. */
    static final class CompiledWatcher implements java.util.function.BiPredicate<String, CharSequence> {
        private final MethodTarget target;
        private final String tier;
        private boolean inWanted;

        CompiledWatcher(MethodTarget target, String tier) {
            this.target = target;
            this.tier = tier;
        }

        @Override
        public boolean test(String line, CharSequence soFar) {
            if (line.startsWith("Compiled method (")) {
                boolean c2 = line.startsWith("Compiled method (c2)");
                boolean osr = line.contains(" % ");
                boolean named = line.contains(" " + target.compileCommandPattern() + " ");
                inWanted = named && !osr && (tier.equals("c1") ? !c2 : c2);
                return false;
            }
            return inWanted && (line.startsWith("[/MachCode]") || line.startsWith("[/Disassembly]"));
        }
    }
}

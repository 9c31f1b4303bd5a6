import dev.perfkernel.magics.api.CancelToken;
import dev.perfkernel.magics.api.Invocation;
import dev.perfkernel.magics.api.MagicContext;
import dev.perfkernel.magics.api.MagicException;
import dev.perfkernel.magics.api.MimeBundle;
import dev.perfkernel.magics.api.Output;
import dev.perfkernel.magics.bench.BenchMagic;
import dev.perfkernel.magics.source.SessionSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one %%bench cell through BenchMagic, as the kernel does, and prints
 * {@code RESULT <json of the report>} and {@code WALL_MS <ms>} for run.sh.
 * Usage: BenchDriver [--twice] CELL_FILE [%%bench options...]; with --twice the cell runs twice and
 * the second run is timed (the kernel's compiler is warm after its first cell).
 */
public final class BenchDriver {
    public static void main(String[] args) throws Exception {
        boolean twice = args[0].equals("--twice");
        int first = twice ? 1 : 0;
        String body = Files.readString(Path.of(args[first]));
        List<String> opts = Arrays.asList(args).subList(first + 1, args.length);
        String[] report = new String[1];
        MagicContext ctx = new MagicContext() {
            public SessionSource session() { return SessionSource.empty(); }
            public List<Path> classpath() { return List.of(); }
            public Output output() {
                return new Output() {
                    public void display(MimeBundle b) { }
                    public DisplayHandle displayUpdatable(MimeBundle b) { return x -> { }; }
                    public void stdout(String t) { System.err.print(t); }
                    public void stderr(String t) { System.err.print(t); }
                };
            }
            public CancelToken cancel() { return new CancelToken(); }
            public Path workingDirectory() { return Path.of("."); }
            public void publish(String variable, String json) { report[0] = json; }
        };
        Invocation inv = new Invocation("bench", true, opts, String.join(" ", opts), body, 2, 1);
        long t0 = System.nanoTime();
        try {
            if (twice) {
                new BenchMagic().run(inv, ctx);
                t0 = System.nanoTime();
            }
            new BenchMagic().run(inv, ctx);
        } catch (MagicException e) {
            System.err.println(e.errorName() + ": " + e.getMessage());
            e.details().forEach(System.err::println);
            System.exit(1);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RESULT " + report[0]);
        System.out.println("WALL_MS " + ms);
    }
}

package dev.perfkernel.magics.alloc;

import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MagicHelp.Option;

import java.util.ArrayList;
import java.util.List;

/** The documentation of %alloc shown by {@code %help alloc}. */
final class AllocHelp {
    private AllocHelp() {
    }

    static MagicHelp help() {
        List<Option> options = new ArrayList<>(List.of(
                new Option("-f N", "JMH forks (default 3; quick 1)"),
                new Option("-wi N", "warm-up iterations per fork (default 5; quick 2)"),
                new Option("-i N", "measurement iterations per fork (default 5; quick 3)"),
                new Option("-w TIME", "time per warm-up iteration, e.g. 1s, 500ms (default 1s; quick 200ms)"),
                new Option("-r TIME", "time per measurement iteration (default 1s; quick 200ms)"),
                new Option("-bm MODE", "JMH mode: avgt (default), thrpt, sample, ss"),
                new Option("-tu UNIT", "time unit of the score column: ns, us, ms, s"),
                new Option("-p NAME=V1,V2", "values for a @Param field (repeatable); one row per combination"),
                new Option("-t N", "threads running the benchmark (default 1)"),
                new Option("-prof NAME", "another JMH profiler besides gc, which %alloc always adds"),
                new Option("-jvmArgs \"FLAGS\"", "flags for the measured JVMs (and the instrumented run)"),
                new Option("--jvm SPEC", "JDK to measure on: 17, 25, 'default' or a JDK home (repeatable)"),
                new Option("--quick", "fast preset: -f 1 -wi 2 -i 3 -w 200ms -r 200ms, a short instrumented run\n"
                        + "(PERFKERNEL_QUICK=1 forces it)"),
                new Option("--timeout SECONDS", "stop each JMH run after this long (default: generous, from the settings)")));
        options.addAll(AllocOptions.ownHelp());
        options.add(new Option("--help", "this text"));
        return new MagicHelp(List.of(
                "%alloc [options] EXPR",
                "%%alloc [options]   (cell: statements, or a JMH class body with @Benchmark methods)"),
                "What the code allocates per operation, where, and what escape analysis removes.",
                options,
                """
                The cell takes the same forms as %bench. Three measurements, side by side:
                - B/op after JIT: JMH's gc profiler (gc.alloc.rate.norm), what the optimised code really
                  allocates. Exact: `new byte[1000]` is 1016 B/op (16-byte header, compressed oops).
                - allocs/op and requested B/op: an instrumented run (java-allocation-instrumenter, C1 only)
                  counts every allocation the bytecode asks for, BEFORE escape analysis. Requested minus
                  actual bytes is what escape analysis (scalar replacement) removed. The instrumenter cannot
                  read JDK 22+ class files: on JDK 25 the counts are taken on the newest JDK <= 21 installed.
                - Allocation sites, flat (where the object is created, attributed to the innermost line of your
                  code) and cumulative (everything allocated while a line of yours was on the stack), by bytes
                  or by count (--by). Exact sites come from the instrumented run; sampled sites from JFR's
                  jdk.ObjectAllocationSample during the JMH run (after JIT; bytes are estimates, counts are
                  samples, not objects).
                Also: the cell listed with allocations per line (pprof's list), a flame graph of the sampled
                allocation stacks, the .jfr recording, a pprof profile of it (.pb.gz, for go tool pprof) and
                collapsed stacks saved under perfkernel-out/, and
                the whole result as application/json (bytes_per_op, allocs_per_op, requested_bytes_per_op,
                sites[], environment, warnings[]). --no-escape measures B/op again with
                -XX:-DoEscapeAnalysis. Takes about twice as long as %bench with the same settings.
                """);
    }
}

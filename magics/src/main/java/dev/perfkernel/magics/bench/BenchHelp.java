package dev.perfkernel.magics.bench;

import dev.perfkernel.magics.api.MagicHelp;
import dev.perfkernel.magics.api.MagicHelp.Option;

import java.util.List;

/** The documentation of %bench shown by {@code %help bench}. */
final class BenchHelp {
    private BenchHelp() {
    }

    static MagicHelp help() {
        return new MagicHelp(List.of(
                "%bench [options] EXPR",
                "%%bench [options]   (cell: statements, or a JMH class body with @Benchmark methods)"),
                "Measure code under JMH in forked JVMs and compare benchmarks benchstat-style.",
                List.of(
                        new Option("-f N", "forks: fresh JVMs per benchmark (default 10; quick 1); the unit of comparison"),
                        new Option("-wi N", "warm-up iterations per fork (default 4; quick 2)"),
                        new Option("-i N", "measurement iterations per fork (default 5; quick 3)"),
                        new Option("-w TIME", "time per warm-up iteration, e.g. 1s, 500ms (default 500ms; quick 200ms)"),
                        new Option("-r TIME", "time per measurement iteration (default 200ms; quick 200ms)"),
                        new Option("-bm MODE", "avgt (time per op, default), thrpt (ops per time), sample, ss (single shot)"),
                        new Option("-tu UNIT", "ns, us, ms or s (default ns; s for thrpt; us for ss)"),
                        new Option("-p NAME=V1,V2", "values for a @Param field (repeatable); one row per combination"),
                        new Option("-t N", "threads running the benchmark (default 1; max: one per hardware thread)"),
                        new Option("-prof NAME[:OPTS]", "a JMH profiler (repeatable); -prof gc adds B/op (gc.alloc.rate.norm)"),
                        new Option("-jvmArgs \"FLAGS\"", "flags for the measured JVMs (repeatable); they get nothing else,\n"
                                + "never the kernel's own flags; -jvmArgsPrepend/-jvmArgsAppend add before/after"),
                        new Option("OTHER JMH OPTIONS", "every other option of JMH's command line, e.g. -foe false, -opi 10,\n"
                                + "-bs 100, -si false, -gc true, -wf 1, -to 30s, -wm BULK; checked by JMH's own\n"
                                + "parser before any fork starts. Not available: -rf/-rff (use --save), -jvm\n"
                                + "(use --jvm), -l/-lp/-lrf/-lprof (they list and exit), -o (ours: see below)"),
                        new Option("--jvm SPEC", "JDK to measure on: a feature version (17, 25), 'default' or a JDK home;\n"
                                + "repeatable: the same benchmarks on each JDK, compared with the first"),
                        new Option("--quick", "fast preset for exploring: -f 1 -wi 2 -i 3 -w 200ms -r 200ms\n"
                                + "(explicit options still win; PERFKERNEL_QUICK=1 caps every cell at this preset)"),
                        new Option("--baseline NAME", "the benchmark method other rows are compared with (default: the first)"),
                        new Option("--save FILE", "write JMH's own JSON result array to FILE (JMH tools open it) and the\n"
                                + "environment and report to NAME.perfkernel.json beside it (notebook dir)"),
                        new Option("--compare FILE", "compare each row with the same benchmark in a saved run\n"
                                + "(a --save file, its .perfkernel.json, or any JMH JSON result)"),
                        new Option("--budget EXPR", "[BENCH:] METRIC OP VALUE [UNIT], e.g. 'score < 50 ns/op', 'alloc == 0',\n"
                                + "'sum: score <= 2 us/op', 'fast: ratio < 0.5' (the table's ratio to the baseline)\n"
                                + "(repeatable). A missed budget fails the cell. The mean score (or the ratio)\n"
                                + "decides; 'marginal' marks an interval that straddles the limit (99.9% CI of\n"
                                + "the score; 95% CI of the ratio, always marginal with too few forks)"),
                        new Option("-o NAME", "the session variable that receives the report (default _bench);\n"
                                + "e.g. r.number(\"benchmarks\", 0, \"score\") in a later cell"),
                        new Option("--timeout SECONDS", "stop the run after this long (default: from the settings, generous)"),
                        new Option("--no-empty-reference", "skip the empty benchmark measured for the dead-code warning (~2 s)"),
                        new Option("--help", "this text")),
                """
                What the cell may hold: one expression (%bench EXPR), plain statements (the value of the last
                expression, or of a `return`, is consumed by a Blackhole so the JIT cannot drop the work), or a JMH
                class body: @Benchmark methods, @Param/@Setup/@TearDown, fields, Blackhole parameters. JMH's
                annotations and Blackhole need no import. The code may call anything defined in earlier cells:
                the session is rebuilt from its code in the forked JVM (state is re-initialised, not copied).

                Shows: one summary line per benchmark (mean ± 99.9% confidence interval), a table (score, error,
                B/op with -prof gc, and against the baseline the ratio, its 95% interval, Δ% and p), a chart
                (bars with error bars; a @Param sweep is drawn on log axes with the growth class chosen by model
                selection, or "undetermined" when no class is clearly best; the text output gives the fitted
                constants and the fit's error), the environment, warnings (also when the machine was busy during
                the run), and the whole report as application/json. Later cells read the last report from the
                session variable _bench (or the name given with -o): _bench.number("benchmarks", 0, "score"),
                _bench.json().

                Comparisons: the fork is the unit, because iterations inside one JVM share its JIT decisions and
                memory layout. Each fork is summarised by its median iteration; the ratio is the geometric mean of
                the candidate's fork medians over the baseline's; the 95% interval and p come from Welch's t on
                their logarithms. Δ shows ~ when the interval includes 1. With fewer than 3 forks per side the row
                says "too few forks" and gives no interval or p: such settings cannot support a conclusion.
                Forks are interleaved: with -f F the cell runs F rounds of one fork per benchmark, in alternating
                order (a b, b a, a b...), rather than all forks of a then all of b, so a change of machine load
                during the run falls on every benchmark alike. Warm-up forks (-wf) run in the first round only.

                Trade-off: the defaults (10 forks, each 4 × 500 ms warm-up then 5 × 200 ms measured: ~37 s per
                benchmark and parameter value, ~80 s for a cell comparing two) are chosen so that a comparison can
                support a conclusion: forks differ from each other more than iterations do, so the number of forks
                sets the precision, and each fork is kept short. Identical code is called different in about 5% of
                runs; a real 10% difference is found in most runs (bench/aa_power measures both). For code that
                compiles late or takes milliseconds per call, raise -w/-wi. --quick (1 fork, ~2 s per benchmark) is
                for exploring: its rows say "too few forks" instead of a verdict; re-run with the defaults before
                drawing conclusions.
                """);
    }
}

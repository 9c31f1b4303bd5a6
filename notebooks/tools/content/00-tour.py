TITLE = "A tour of perfkernel"
CELLS = [
("md", """
# A tour of perfkernel

perfkernel is a Jupyter kernel for Java. Cells are JShell snippets; lines that start with `%` are
*magics* that measure the code you wrote in earlier cells. This notebook shows each magic once.
The later notebooks (`01-…` to `12-…`) are full investigations.

Every measuring magic compiles your cell, together with everything the session defined so far,
into a small program and runs it in a **fresh JVM** with only the flags you asked for. The
numbers therefore describe that JVM, not the notebook's own one. State is rebuilt from code in
the forked JVM (variables are re-initialised from their initializers), never copied.

> Set `PERFKERNEL_QUICK=1` before starting Jupyter to shorten every measurement (this is how CI
> runs the notebooks). The committed outputs come from a full run.
"""),
("md", "## Plain Java\nExpressions show their value; definitions stay for later cells. The first cell below defines small helpers that later cells use to turn the magics' results into sentences."),
("helpers", ""),
("code", """
int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int fibIter(int n) {
    int a = 0, b = 1;
    for (int i = 0; i < n; i++) { int t = a + b; a = b; b = t; }
    return a;
}

fib(20)
"""),
("code", """
System.out.println("output streams while the cell runs");
display("<b>rich output</b> from a cell", "text/html");
"""),
("md", "## `%time`: one run, in the session's own JVM\nLike IPython's `%time`: wall time, CPU time and bytes allocated by a single execution. Good for a first look, not for comparisons."),
("code", "%time fib(25)"),
("md", """
## `%bench`: the cell under JMH
`%bench EXPR` benchmarks one expression; its value is consumed so the JIT cannot drop it.
A cell with several `@Benchmark` methods compares them, with the first as baseline unless
`--baseline` names another. The comparison is fork-aware: each forked JVM's median is one sample,
because iterations inside one fork share its JIT decisions and move together. The table shows the
ratio of the forks' geometric means with its confidence interval; `~` means the interval includes 1, and
with fewer than three forks a side the row says "too few forks" instead of giving a verdict. Both
cells below run with the defaults (ten forks, each with four warm-up and five measured
iterations), which are chosen so that a comparison can support a conclusion; JMH-style options
(`-f`, `-wi`, `-i`, `-w`, `-r`) change them per cell.
"""),
("code", "%bench fib(20)"),
("code", """
{
    boolean flagged = false;
    for (int i = 0; i < _bench.size("warnings"); i++) flagged |= _bench.string("warnings", i, "kind").equals("near-empty-body");
    double empty = ((Number) ((Map<?, ?>) _bench.get("empty_reference")).values().iterator().next()).doubleValue();
    display(markdown(String.format("`fib(20)` measured **%s** per call, against **%s** for an empty benchmark. %s",
        time(ns(_bench, "bench")), time(empty * nsPer(_bench.string("benchmarks", 0, "unit"))),
        flagged ? "The warning beside the table says why this is too good to be true: the argument is a literal, so "
                  + "the JIT may evaluate `fib(20)` once, at compile time (constant folding), and the benchmark then "
                  + "times only the return of a constant. Every report reads its own numbers this way. The cure is an "
                  + "input the JIT cannot see as a constant: a `@Param` field, as in the next cell."
                : "No near-empty warning this time: the JIT did not fold the literal call. It may in another run; "
                  + "an input from a `@Param` field, as in the next cell, rules it out.")));
}
"""),
("code", """
%%bench --baseline recursive
@Param({"20"}) int n;

@Benchmark public int recursive() { return fib(n); }
@Benchmark public int iterative() { return fibIter(n); }
"""),
("md", "The last `%bench` report is available to later cells as `_bench` (a `Result`: navigate it with `get`, `number`, `string`, `size`), so a cell can state the run's own figures:"),
("code", """
markdown(String.format("Recursive: %s; iterative: %s (medians). The loop against the recursive version: **%s** "
    + "(%s forks; confidence interval of the ratio, computed by %%bench from the fork medians).",
    time(med(_bench, "recursive")), time(med(_bench, "iterative")), verdict(_bench, "iterative", "recursive"),
    forks(_bench, "iterative", "recursive")))
"""),
("md", """
## `%alloc`: what a cell allocates
Bytes per operation *after* the JIT (JMH's gc profiler), allocations requested *before* escape
analysis (an instrumented run), and the allocation sites by line.
"""),
("code", """
%%alloc
byte[] buf = new byte[1000];
return buf;
"""),
("md", "## `%gclog`: what the collector does\nThe cell runs repeatedly under `-Xlog:gc*`; the log is parsed into events, pause statistics and heap over time."),
("code", """
%%gclog --duration 2s -Xmx128m
byte[][] keep = new byte[64][];
for (int i = 0; i < 10_000; i++) {
    keep[i % keep.length] = new byte[1024];
}
"""),
("md", "## `%disasm`: the JIT's machine code\nThe body drives the method until C2 compiles it; the listing is grouped by your source lines."),
("code", """
int add(int a, int b) {
    return a + b;
}
"""),
("code", """
%%disasm add
int s = 0;
for (int i = 0; i < 1000; i++) s = add(s, i);
"""),
("md", "## `%jit`: what the JIT decided\nInlining decisions with reasons, allocations removed by escape analysis, deoptimizations."),
("code", """
record Point(int x, int y) {}

int manhattan(int i) {
    Point p = new Point(i, -i);
    return Math.abs(p.x()) + Math.abs(p.y());
}
"""),
("code", """
%%jit --method manhattan
int s = 0;
for (int i = 0; i < 100_000; i++) s += manhattan(i);
"""),
("md", "## `%profile`: where the time goes\nCPU samples from JDK Flight Recorder: a flat/cumulative top table and a flame graph."),
("code", """
%%profile --duration 3s
fib(22);
fibIter(22);
"""),
("md", "## Help\n`%help` lists every magic; `%help bench` (or `%bench --help`) documents each option."),
("code", "%help"),
("md", """
## Takeaways
- Magics measure in fresh, forked JVMs; the session only supplies the code.
- Every report warns about its own weak spots (folded constants, noise, too few samples): read the warnings.
- Every report is also data (`_bench`, `_alloc`, `_gclog`, or `-o NAME`), so conclusions can be computed, not copied.
"""),
]

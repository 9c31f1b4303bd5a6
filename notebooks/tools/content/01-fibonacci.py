TITLE = "Ground rules: Fibonacci"
CELLS = [
("md", """
# 01 · Ground rules: benchmarking Fibonacci

**Question.** How much faster is an iterative Fibonacci than the recursive one, and how sure
are we? Along the way: what a sound benchmark needs (forks, warm-up, several samples, a
significance test, a recorded environment), and why set-up work must stay out of the timed region.

*Ports:* the Fibonacci benchmarks of *High Performance Go* and chapters 7–8 of *Efficient Go*.
In Go, `benchstat` over 20 + 20 samples reported the faster variant as −37.6 % with p = 0.000.
"""),
("md", "## The code, and a correctness check before any timing"),
("code", """
int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int fibIter(int n) {
    int a = 0, b = 1;
    for (int i = 0; i < n; i++) { int t = a + b; a = b; b = t; }
    return a;
}

for (int n = 0; n <= 30; n++) {
    if (fib(n) != fibIter(n)) throw new AssertionError("mismatch at " + n);
}
"both agree up to n = 30"
"""),
("md", """
## One number is not a measurement
`%time` runs the code once in the session's JVM. The first call runs in the interpreter, later
calls in compiled code, so two `%time` runs can differ several-fold. That is why JMH warms up
and repeats in fresh JVMs.
"""),
("code", "%time fib(27)"),
("code", "%time fib(27)"),
("md", """
## A sound comparison
Each `@Benchmark` becomes a row; `--baseline` picks the reference. Under the default settings
every benchmark runs in several forked JVMs with warm-up iterations first. The table's `p`
column is a Mann-Whitney U test over the per-iteration samples of the two rows: the ratio is
only claimed when the samples are unlikely to come from the same distribution.

The `--budget` line makes the notebook a regression check: if the iterative version ever stops
being at least ten times faster, this cell fails.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms --baseline recursive --budget "iterative: ratio < 0.1"
@Param({"20"}) int n;

@Benchmark public int recursive() { return fib(n); }
@Benchmark public int iterative() { return fibIter(n); }
"""),
("md", """
The environment block under the table records the JDK, the JVM flags, the CPU and the load
average when the run started. On a shared machine the load warning is expected: compare ratios
within one run, never absolute numbers across runs.

**Reading it.** The gap is far larger than Go's −37.6 %. The Go book compared two versions of
one algorithm; here the recursive version does exponentially more calls (fib(20) makes about
22 000 of them) while the loop does 20 additions. The direction is the same — and both tools
agree that the difference is significant — but the ratio depends on *n*. A sweep shows it:
"""),
("code", """
%%bench --quick -p n=5,10,15,20
@Param({"10"}) int n;

@Benchmark public int recursive() { return fib(n); }
"""),
("md", """
The fitted slope on the log-log chart is not a polynomial: recursive Fibonacci is exponential
(about φⁿ ≈ 1.6ⁿ calls), so the time grows by roughly 11× for every 5 steps of `n`.

## Set-up inside the timed region
A benchmark that builds its input inside the measured method measures the building too. Go
uses `b.ResetTimer`; JMH uses `@Setup` methods, which run outside the timed region.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms --baseline setupInside
@Param({"1000"}) int size;
int[] prepared;

@Setup public void prepare() {
    prepared = new int[size];
    for (int i = 0; i < size; i++) prepared[i] = i;
}

@Benchmark public long setupInside() {
    int[] data = new int[size];
    for (int i = 0; i < size; i++) data[i] = i;
    long s = 0;
    for (int v : data) s += v;
    return s;
}

@Benchmark public long setupOutside() {
    long s = 0;
    for (int v : prepared) s += v;
    return s;
}
"""),
("md", """
The difference between the two rows is the cost of filling the array — time the question did
not ask about.

## Exercises
1. Run the first comparison with `-f 1 -wi 0 -i 3` and compare its error column with the
   default run. Which settings made the confidence interval wide?
2. Add a memoised Fibonacci (`long[] memo`) as a third benchmark. Is it faster than the loop
   for n = 20? Explain with `%alloc`.
3. Compare JDK 17 and JDK 25 with `--jvm 17 --jvm 25`. Is any difference significant?
"""),
]

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
`%time` runs the code once in the session's JVM. In a fresh JVM the first calls run in the
interpreter and later ones in compiled code, so single timings can differ several-fold; here the
correctness loop above has already made `fib` hot, so the two runs below agree — a warm-up
that happened by accident. Neither case tells you how sure to be. That is why JMH warms up
deliberately, repeats, and does so in fresh JVMs.
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

**Reading it.** The recursive `fib(20)` takes about 22 µs in a full run on this machine,
against 52–59 µs for the Go talk's recursive `Fib(20)` on its laptop: both compile the
recursion to plain machine calls, and C2 also inlines a few levels of it. The gap to the loop (about 6 ns) is thousands of times, far beyond
Go's −37.6 %: the talk compared two versions of the *same* recursive algorithm, while here the
recursive version makes about 22 000 calls for n = 20 and the loop does 20 additions. The
direction is the same, and a full run (10 + 10 samples) reports p well below 0.05 as benchstat
did; in quick mode (3 + 3 samples) no p-value can go below 0.1, and perfkernel says so. The
ratio itself depends on *n*. A sweep shows it:
"""),
("code", """
%%bench --quick -p n=5,10,15,20
@Param({"10"}) int n;

@Benchmark public int recursive() { return fib(n); }
"""),
("md", """
The chart's fit reports a log-log slope near 6 and names the closest polynomial class it
knows — but no polynomial fits: recursive Fibonacci is *exponential*, about φⁿ ≈ 1.6ⁿ calls,
so the time grows by a constant factor of roughly φ⁵ ≈ 11 for every 5 steps of `n` (read the
table: each row is about 11× the previous). On log-log axes an exponential curves upward, and
a fitted slope keeps rising the further the sweep goes.

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
4. Reproduce the Go talk's experiment: change only the base case of `fib` (e.g. `n <= 1` as
   two `if`s returning constants) and compare old vs new with `--baseline`. Is the change
   significant, and how many samples does it take before it is?
"""),
]

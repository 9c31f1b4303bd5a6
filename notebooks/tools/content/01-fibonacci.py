TITLE = "Ground rules: Fibonacci"
CELLS = [
("md", """
# 01 · Ground rules: benchmarking Fibonacci

**Question.** How much faster is an iterative Fibonacci than the recursive one, and how sure
are we? Along the way: what a sound benchmark needs (forks, warm-up, several samples, a
comparison that treats each fork as one sample, a recorded environment), and why set-up work must stay out of the timed region.

*Ports:* the Fibonacci benchmarks of *High Performance Go* and chapters 7–8 of *Efficient Go*.
(Go: a small change to the recursive function's base case, compared by `benchstat` over 20 + 20
samples, was −37.6 % with p = 0.000.)
"""),
("helpers", ""),
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
correctness loop above has already made `fib` hot, so the two runs below are likely to agree — a warm-up
that happened by accident. Neither case tells you how sure to be. That is why JMH warms up
deliberately, repeats, and does so in fresh JVMs.
"""),
("code", "%time fib(27)"),
("code", "%time fib(27)"),
("md", """
## A sound comparison
Each `@Benchmark` becomes a row; `--baseline` picks the reference. Under the default settings
every benchmark runs in ten forked JVMs with warm-up iterations first. Iterations inside one
fork share its JIT decisions and move together, so the comparison takes each fork's median as one
sample: the ratio is the quotient of the forks' geometric means, with a confidence interval (Welch's t on
the logarithms). A difference is claimed only when the interval excludes 1.

The `--budget` line makes the notebook a regression check: if the iterative version ever stops
being at least ten times faster, this cell fails.
"""),
("code", """
%%bench --baseline recursive -o algo --budget "iterative: ratio < 0.1"
@Param({"20"}) int n;

@Benchmark public int recursive() { return fib(n); }
@Benchmark public int iterative() { return fibIter(n); }
"""),
("md", """
The environment block under the table records the JDK, the JVM flags, the CPU and the load
average when the run started: compare ratios within one run, never absolute numbers across
runs or machines.
"""),
("code", """
markdown(String.format(
    "The recursive `fib(20)` takes **%s** and the loop **%s**; the loop against the recursion: **%s** "
    + "(%s forks). This is a change of *algorithm* — the recursion makes about 22,000 calls for "
    + "n = 20, the loop 20 additions — so the gap dwarfs the Go talk's small change (Go: −37.6 %%), which compared two versions of the "
    + "same recursion. That experiment is next. (Recursive calls compile to plain machine calls; C2 inlines one "
    + "level of a recursive call, `MaxRecursiveInlineLevel=1`.)",
    time(ns(algo, "recursive")), time(ns(algo, "iterative")), verdict(algo, "iterative", "recursive"),
    forks(algo, "iterative", "recursive")))
"""),
("md", """
## A small change, and the statistics it needs
The Go talk's experiment: keep the recursion, add one more base case (`n == 2` returns 1). It
saves the calls below every `fib(2)`, a fixed share of the call tree. A change of tens of
percent needs a test to be believed; the talk used 20 + 20 runs, and so do we: 20 forks a side,
each fork one sample (its median over five iterations).
"""),
("code", """
int fibBase2(int n) {
    if (n == 0) return 0;
    if (n <= 2) return 1;   // the extra base case
    return fibBase2(n - 1) + fibBase2(n - 2);
}
for (int n = 0; n <= 30; n++) if (fibBase2(n) != fib(n)) throw new AssertionError(n);
"""),
("code", """
%%bench -f 20 --baseline original -o small
@Param({"20"}) int n;

@Benchmark public int original() { return fib(n); }
@Benchmark public int extraBaseCase() { return fibBase2(n); }
"""),
("code", """
{
    Map<?, ?> c = comparison(small, "extraBaseCase", "original");
    double r = field(c, "ratio");
    boolean faster = Boolean.TRUE.equals(c.get("significant")) && r < 1;
    display(markdown(String.format(
        "The extra base case changes the time by **%+.1f %%**: %s (%s forks, confidence interval of the ratio). "
        + "Counting calls gives the expectation: with `n == 2` as a base case, `fib(20)` makes %s of the calls it made before "
        + "(Go: −37.6 %%, p = 0.000, n = 20 + 20). %s",
        100 * (r - 1), verdict(small, "extraBaseCase", "original"), forks(small, "extraBaseCase", "original"),
        percent(calls(20, true) / calls(20, false)),
        faster ? "Same direction as Go: fewer calls, less time."
            : field(c, "ci_low") > 0 ? "Here the JVM result **differs** from Go's: fewer calls did not give a shorter time the "
              + "interval can show. The extra test runs in every call, and C2 compiles the two shapes differently (what it "
              + "inlines of the recursion depends on the method's size): predict by counting, then measure."
            : "With too few forks there is no interval and no verdict: that is why the full run uses 20 + 20.")));
}
"""),
("md", """
## Growth with *n*
The ratio depends on *n*. A sweep shows how the recursive version grows:
"""),
("code", """
%%bench -f 5 -wi 3 -i 3 -w 300ms -r 300ms -p n=5,10,15,20 -o sweep
@Param({"10"}) int n;

@Benchmark public int recursive() { return fib(n); }
"""),
("code", """
{
    int[] ns = {5, 10, 15, 20};
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < ns.length; i++) {
        double x = Math.log(ns[i]), y = Math.log(ns(sweep, "recursive", "n=" + ns[i]));
        sx += x; sy += y; sxx += x * x; sxy += x * y;
        if (i > 0) steps.append(i > 1 ? ", " : "").append(times(ns(sweep, "recursive", "n=" + ns[i]) / ns(sweep, "recursive", "n=" + ns[i - 1])));
    }
    double slope = (ns.length * sxy - sx * sy) / (ns.length * sxx - sx * sx);
    display(markdown(String.format(
        "A straight line through the log-log points has slope **%s** here, but no polynomial fits: recursive Fibonacci "
        + "makes about φⁿ calls, so each step of 5 in *n* should multiply the time by φ⁵ ≈ 11. Measured steps: %s. "
        + "On log-log axes an exponential curves upward, and a fitted slope keeps rising the further the sweep goes.",
        sig(slope), steps)));
}
"""),
("md", """
## Set-up inside the timed region
A benchmark that builds its input inside the measured method measures the building too. Go
uses `b.ResetTimer`; JMH uses `@Setup` methods, which run outside the timed region.
"""),
("code", """
%%bench --baseline setupInside
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
("code", """
markdown(String.format("Building the input inside the timed method: **%s**; with `@Setup` outside it: **%s**. "
    + "The difference, %s, is the cost of filling the array — time the question did not ask about "
    + "(outside against inside: %s).",
    time(ns(_bench, "setupInside")), time(ns(_bench, "setupOutside")),
    time(ns(_bench, "setupInside") - ns(_bench, "setupOutside")), verdict(_bench, "setupOutside", "setupInside")))
"""),
("md", """
## Exercises
1. Run the first comparison with `-f 1 -wi 0 -i 3`. What happens to the error column, and why?
2. Add a memoised Fibonacci (`long[] memo`) as a third benchmark. Is it faster than the loop
   for n = 20?
"""),
("md", "### Solution 1\nNo warm-up: the first iterations run in the interpreter and C1, so the samples spread and the confidence interval widens; one fork cannot show fork-to-fork variation at all, so a comparison run this way says \"too few forks\" and gives no verdict."),
("solution", """
%%bench -f 1 -wi 0 -i 3 -w 500ms -r 500ms -o cold
@Param({"20"}) int n;
@Benchmark public int recursive() { return fib(n); }
"""),
("solution", """
markdown(String.format("Cold, 1 fork × 3: %s ± %s (%s of the score); the warmed run above: %s ± %s (%s).",
    time(ns(cold, "recursive")), time(cold.number("benchmarks", 0, "error") * nsPer(cold.string("benchmarks", 0, "unit"))),
    percent(cold.number("benchmarks", 0, "error") / cold.number("benchmarks", 0, "score")),
    time(ns(algo, "recursive")), time(((Number) row(algo, "recursive").get("error")).doubleValue() * nsPer(String.valueOf(row(algo, "recursive").get("unit")))),
    percent(((Number) row(algo, "recursive").get("error")).doubleValue() / ((Number) row(algo, "recursive").get("score")).doubleValue())))
"""),
("md", "### Solution 2"),
("solution", """
long fibMemo(int n, long[] memo) {
    if (n < 2) return n;
    if (memo[n] != 0) return memo[n];
    return memo[n] = fibMemo(n - 1, memo) + fibMemo(n - 2, memo);
}
if (fibMemo(30, new long[31]) != fib(30)) throw new AssertionError();
"""),
("solution", """
%%bench -f 5 -wi 3 -i 3 -prof gc -o memo --baseline iterative
@Param({"20"}) int n;
@Benchmark public int iterative() { return fibIter(n); }
@Benchmark public long memoised() { return fibMemo(n, new long[n + 1]); }
"""),
("solution", """
markdown(String.format("Memoised: %s and %s per call; the loop: %s and %s. Memoised against the loop: %s. The memo "
    + "array must be allocated and filled on every call, and the recursion still makes about 2n calls.",
    time(ns(memo, "memoised")), bytes(bytesPerOp(memo, "memoised")), time(ns(memo, "iterative")), bytes(bytesPerOp(memo, "iterative")),
    verdict(memo, "memoised", "iterative")))
"""),
("seedrow", """
{
    Map<?, ?> c = comparison(small, "extraBaseCase", "original");
    double r = field(c, "ratio");
    display(seedRow(String.format("extra base case %+.1f %% (%s; %s forks)", 100 * (r - 1),
            verdict(small, "extraBaseCase", "original"), forks(small, "extraBaseCase", "original")),
        Boolean.TRUE.equals(c.get("significant")) && r < 1 ? "same direction; the size of the gain depends on how C2 compiles each shape"
            : field(c, "ci_low") > 0 ? "differs: fewer calls did not give a shorter time the interval can show on the JVM"
            : "no verdict in this run: too few forks for an interval"));
}
"""),
("md", """
## Takeaways
- Check correctness first; then measure in forked, warmed-up JVMs with several samples.
- Claim a difference only when the ratio's interval excludes 1, with the fork as the sample: iterations
  inside one fork are not independent, so only more forks make the interval narrower.
- An algorithmic change and a tuning change differ by orders of magnitude; say which one you made.
- Keep set-up out of the timed region (`@Setup`).
"""),
]

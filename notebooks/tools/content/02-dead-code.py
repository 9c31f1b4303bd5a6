TITLE = "When the JIT eats your benchmark"
CELLS = [
("md", """
# 02 · When the JIT eats your benchmark

**Question.** A population count whose result nobody uses — how fast is it? Suspiciously fast:
the JIT sees the result is dead and deletes the work. This notebook shows the symptom (a score
equal to an empty method's), the cure (return the value or hand it to a `Blackhole`, and feed a
non-constant input), and the proof in the machine code.

*Ports:* the popcount example of *High Performance Go* and chapter 8 of *Efficient Go*. (Go: the
eliminated benchmark ran at 0.23 ns/op against about 1.6 ns/op for the real work.)
"""),
("helpers", ""),
("code", """
long popcount(long x) {
    x -= (x >>> 1) & 0x5555555555555555L;
    x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
    x = (x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL;
    return (x * 0x0101010101010101L) >>> 56;
}

// correctness first: agree with the JDK on a few values
for (long v : new long[]{0, 1, 255, -1, 0x123456789abcdefL}) {
    if (popcount(v) != Long.bitCount(v)) throw new AssertionError(v);
}
popcount(0xFFL)
"""),
("md", """
## Four ways to write the benchmark
* `empty` — does nothing: the floor of what JMH can measure.
* `resultUnused` — computes and drops the result: dead code.
* `constantInput` — returns the result, but of a compile-time constant: the JIT may fold it.
* `honest` — returns the result of a value read from a field (JMH keeps field reads opaque).

perfkernel measures an empty body in the same run and warns when a score sits next to it.
The budget line asserts the finding that must hold: the cell fails if `honest` is not clearly
slower than the `empty` baseline (`ratio > 1.25`), i.e. if its work, too, were ever eliminated.
A ratio budget is judged by the ratio's confidence interval across forks: it passes when the whole
interval clears the limit, and is marked marginal when the interval straddles it.
"""),
("code", """
%%bench --baseline empty -o jit --budget "honest: ratio > 1.25"
long x = 0x123456789abcdefL;

@Benchmark public void empty() { }
@Benchmark public void resultUnused() { popcount(x); }
@Benchmark public long constantInput() { return popcount(0x123456789abcdefL); }
@Benchmark public long honest() { return popcount(x); }
"""),
("code", """
{
    StringBuilder sb = new StringBuilder();
    for (String v : List.of("resultUnused", "constantInput", "honest"))
        sb.append(String.format("- `%s`: %s; against the empty method %s%n", v, time(med(jit, v)), verdict(jit, v, "empty")));
    // "at the empty method's level": the whole interval of the ratio below 1.25 (only the ratio when there is none)
    Map<?, ?> cu = comparison(jit, "resultUnused", "empty"), cc = comparison(jit, "constantInput", "empty");
    boolean interval = !Double.isNaN(field(cu, "ci_high"));
    boolean unusedGone = field(cu, interval ? "ci_high" : "ratio") < 1.25, constantGone = field(cc, interval ? "ci_high" : "ratio") < 1.25;
    display(markdown(String.format("Median times — `empty`: %s.%n%s%n%s %s Only `honest` is meant to pay for the arithmetic "
        + "(Go: 0.23 ns eliminated against about 1.6 ns real). The ratio to `empty` is smaller than Go's because JMH's "
        + "per-call floor (the stub call and the result sink) is higher than a Go loop step; at these sizes even honest "
        + "work sits near the floor, so the near-empty warning may name `honest` too: the warning is a prompt to look, "
        + "the budget is the check.",
        time(med(jit, "empty")), sb + (interval ? "" : "(Too few forks for intervals in this run: the sentences below rest on the ratios alone.)\\n"),
        unusedGone ? "`resultUnused` sits at the empty method's level: its work was deleted."
                   : "`resultUnused` is above the empty method's level in this run: look at the machine code below.",
        constantGone ? "`constantInput` too: C2 evaluated `popcount` of a constant at compile time."
                     : "`constantInput` kept some work in this run.")));
}
"""),
("md", """
## The control: no optimisation at all
With `-Xint` the JVM only interprets, so nothing is eliminated: every variant does its work and
the scores spread apart by how much work each really contains.
"""),
("code", """
%%bench -f 5 -wi 1 -i 5 -jvmArgs "-Xint" --baseline empty -o interp
long x = 0x123456789abcdefL;

@Benchmark public void empty() { }
@Benchmark public void resultUnused() { popcount(x); }
@Benchmark public long honest() { return popcount(x); }
"""),
("code", """
{
    double unused = med(interp, "resultUnused") - med(interp, "empty"), honest = med(interp, "honest") - med(interp, "empty");
    display(markdown(String.format("Interpreted: `empty` %s, `resultUnused` %s, `honest` %s — the unused result adds %s "
        + "to the empty method, the returned one %s (`resultUnused` against `empty`: %s). %s",
        time(med(interp, "empty")), time(med(interp, "resultUnused")), time(med(interp, "honest")), time(unused), time(honest),
        verdict(interp, "resultUnused", "empty"),
        unused > 0.5 * honest
            ? "Without the JIT the unused result costs about as much as the used one: the gap in the compiled run was elimination, not cheaper work."
            : "The interpreted difference is smaller than expected in this run (the interpreter's per-call overhead is large and noisy); "
              + "the machine code below settles the question.")));
}
"""),
("md", """
## The machine code
`%disasm` compiles a method on its own (kept out of line, so its code is what runs) with
everything it calls inlined. Two loops over the same inputs: one drops each result, one adds
them up. In the dropping loop, C2 inlines `popcount`, finds its value unused and deletes it —
and with it, the loop body: look for the shifts, masks and the multiply (`imul`) by
`0x0101010101010101`, present only in the honest loop.
"""),
("code", """
void dropAll(long n) { for (long i = 0; i < n; i++) popcount(i); }
long sumAll(long n) { long s = 0; for (long i = 0; i < n; i++) s += popcount(i); return s; }
"""),
("code", """
%%disasm dropAll
for (int k = 0; k < 2_000; k++) dropAll(1_000);
"""),
("code", """
%%disasm sumAll
long s = 0;
for (int k = 0; k < 2_000; k++) s += sumAll(1_000);
"""),
("md", """
On a CPU with the `popcnt` instruction, `Long.bitCount` becomes that single instruction — an
intrinsic:
"""),
("code", """
long jdkCount(long x) { return Long.bitCount(x); }
"""),
("code", """
%%disasm jdkCount
long s = 0;
for (long i = 0; i < 200_000; i++) s += jdkCount(i);
"""),
("md", """
## Exercises
1. Replace `return popcount(x)` with `bh.consume(popcount(x))` using a `Blackhole bh`
   parameter. Same score?
2. Make `x` a `final` field. What happens to `honest`, and why?
3. Benchmark `Long.bitCount(x)` against `popcount(x)`. How large is the intrinsic's advantage?
"""),
("md", "### Solutions"),
("solution", """
%%bench -f 5 -wi 3 -i 3 --baseline honest -o solved
long x = 0x123456789abcdefL;
final long fixed = 0x123456789abcdefL;

@Benchmark public long honest() { return popcount(x); }
@Benchmark public void blackhole(Blackhole bh) { bh.consume(popcount(x)); }
@Benchmark public long finalField() { return popcount(fixed); }
@Benchmark public long intrinsic() { return Long.bitCount(x); }
"""),
("solution", """
markdown(String.format("1. `Blackhole`: %s against %s for the returned value (%s) — both keep the work. "
    + "2. A `final` field: %s — with a constant initializer it is a compile-time constant, so javac already writes "
    + "the literal into the call and it behaves like `constantInput`. "
    + "3. The `popcnt` intrinsic: %s against the hand-written version: %s.",
    time(med(solved, "blackhole")), time(med(solved, "honest")), verdict(solved, "blackhole", "honest"),
    time(med(solved, "finalField")), time(med(solved, "intrinsic")), verdict(solved, "intrinsic", "honest")))
"""),
("seedrow", """
{
    Map<?, ?> cu = comparison(jit, "resultUnused", "empty"), ch = comparison(jit, "honest", "empty");
    boolean interval = !Double.isNaN(field(cu, "ci_high"));   // without one (too few forks), the ratios alone
    boolean eliminated = field(cu, interval ? "ci_high" : "ratio") < 1.25, honestWork = field(ch, interval ? "ci_low" : "ratio") > 1.25;
    display(seedRow(String.format("unused result %s, honest %s, empty method %s", time(med(jit, "resultUnused")),
            time(med(jit, "honest")), time(med(jit, "empty"))),
        eliminated && honestWork ? "same: the unused result is deleted and runs at the empty method's cost"
                                 : "differs in this run: read the table and the warnings"));
}
"""),
("md", """
## Takeaways
- A result nobody uses is dead code to the JIT: return it or hand it to a `Blackhole`.
- Inputs must not be constants the JIT can see: read them from non-final `@State` fields.
- A score at the empty method's level is a red flag; the machine code settles it.
- `-Xint` is the no-optimisation control: there, every variant does its work.
"""),
]

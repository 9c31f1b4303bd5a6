TITLE = "When the JIT eats your benchmark"
CELLS = [
("md", """
# 02 · When the JIT eats your benchmark

**Question.** A population count whose result nobody uses — how fast is it? Suspiciously fast:
the JIT sees the result is dead and deletes the work. This notebook shows the symptom (a score
equal to an empty method's), the cure (return the value or hand it to a `Blackhole`, and feed a
non-constant input), and the proof in the machine code.

*Ports:* the popcount example of *High Performance Go* and chapter 8 of *Efficient Go*. In Go
the eliminated benchmark ran at 0.23 ns/op against about 1.6 ns/op for the real work.
"""),
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
(1.5×) slower than the `empty` baseline, i.e. if its work, too, were ever eliminated.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms --baseline empty --budget "honest: ratio > 1.5"
long x = 0x123456789abcdefL;

@Benchmark public void empty() { }
@Benchmark public void resultUnused() { popcount(x); }
@Benchmark public long constantInput() { return popcount(0x123456789abcdefL); }
@Benchmark public long honest() { return popcount(x); }
"""),
("md", """
`resultUnused` lands on the empty method's score and the warning names it; `constantInput` is
as fast or faster — C2 evaluated the whole function at compile time and returns a constant —
and is flagged too. Only `honest` pays for the arithmetic. In a full run on this machine (idle)
the empty method took 0.63 ns, `resultUnused` 0.65 ns (no significant difference), and
`honest` 1.65 ns (+138 %, p < 0.001): practically Go's figures, 0.23 ns for the eliminated
benchmark against about 1.6 ns for the real work. The ratio is smaller than Go's 7× because
JMH's per-call floor (the stub call and the result sink, the `empty` row) is higher than Go's
loop step. At these sizes even honest work sits near the floor, so the near-empty warning may
name `honest` as well: the warning is a prompt to look, the budget is the check. A result equal
to, or faster than, the empty reference is always suspect.

## The control: no optimisation at all
With `-Xint` the JVM only interprets, so nothing is eliminated: every variant does its work and
the scores spread apart by how much work each really contains. (The near-empty warning may still
fire here: everything is slow under the interpreter, including the empty reference.)
"""),
("code", """
%%bench --quick -jvmArgs "-Xint" --baseline empty
long x = 0x123456789abcdefL;

@Benchmark public void empty() { }
@Benchmark public void resultUnused() { popcount(x); }
@Benchmark public long honest() { return popcount(x); }
"""),
("md", """
## The machine code
The honest version keeps the shifts, masks and the multiply; on a CPU with the `popcnt`
instruction, `Long.bitCount` becomes that single instruction — an intrinsic.
"""),
("code", """
%%disasm popcount
long s = 0;
for (long i = 0; i < 200_000; i++) s += popcount(i);
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
]

TITLE = "Escape analysis and boxing"
CELLS = [
("md", """
# 05 · Escape analysis and boxing

**Question.** When does `new` not allocate? The JIT's escape analysis replaces objects that never
leave a compiled method by their fields (scalar replacement). We measure that, break it four
ways, and look at two everyday allocation sources: formatting and boxing.

*Ports:* the escape-analysis tutorial and chapters 4–5 of *Efficient Go*. Go decides escapes at
compile time (`-gcflags=-m`); the JVM decides at JIT time, per compiled method, after inlining.
In Go, replacing `fmt.Sprintf` by a builder took a benchmark from 402 to 101 allocs/op and
made it about 4.2× faster.
"""),
("code", """
record Vec(double x, double y) {
    Vec plus(Vec o) { return new Vec(x + o.x, y + o.y); }
}

// every Vec is born and dies inside one iteration
double sumOfSteps(int steps) {
    double s = 0;
    for (int i = 0; i < steps; i++) {
        Vec v = new Vec(i, 1).plus(new Vec(1, i));
        s += v.x() * v.y();
    }
    return s;
}

// the position is carried from one iteration to the next
double walk(int steps) {
    Vec pos = new Vec(0, 0);
    for (int i = 0; i < steps; i++) pos = pos.plus(new Vec(i, 1));
    return pos.x() + pos.y();
}
sumOfSteps(10) + walk(10)
"""),
("md", """
## (Almost) zero bytes per operation — after the JIT
`sumOfSteps` asks for three `Vec`s per step (two operands and the sum), 32 bytes each. Once C2
has inlined `plus` and proved that no `Vec` leaves the method, it keeps their fields in
registers instead. `%alloc` shows both sides: *requested* (what the bytecode asks for, counted
by instrumentation) and *B/op after JIT* (JMH's gc profiler on optimised code). With
`--no-escape` it runs a second time under `-XX:-DoEscapeAnalysis`, where every `Vec` is real.
"""),
("code", """
%%alloc --no-escape
return sumOfSteps(100);
"""),
("md", """
300 `Vec`s (9600 B) requested per call; after C2 only the cell's own boxed result is left
(a couple of dozen bytes), and with escape analysis switched off all 9600 B come back. Go makes
the same decision at compile time and reports it with `-gcflags=-m`; the JVM makes it per
compiled method, *after* inlining, which is why the same source can allocate in the
interpreter or C1 and not in C2.
"""),
("md", """
## Breaking it, 1: a loop-carried object
`walk` looks just as harmless, but its `pos` flows around the loop: each iteration's object is
the next one's input (a *phi* in the compiler's graph). C2's escape analysis in JDK 17 does not
scalar-replace objects that merge like that, so only the operand `new Vec(i, 1)` disappears and
every `pos` is a real 32-byte object. `%jit` shows the decision — the JVM's answer to Go's
`-gcflags=-m` "does not escape" lines — with exactly one eliminated allocation site:
"""),
("code", """
%%jit --method walk
double s = 0;
for (int i = 0; i < 20_000; i++) s += walk(100);
"""),
("md", "## Breaking it, 2 and 3: a field store, a large array\nA field store publishes the object; an array above C2's size limit for scalar replacement (`EliminateAllocationArraySizeLimit`, 64 elements) is always allocated."),
("code", """
Vec last;   // a field: storing into it publishes the object

double sumAndKeep(int steps) {
    double s = 0;
    for (int i = 0; i < steps; i++) {
        Vec v = new Vec(i, 1).plus(new Vec(1, i));
        last = v;
        s += v.x() * v.y();
    }
    return s;
}

double bigArray(int steps) {
    double s = 0;
    for (int i = 0; i < steps; i++) {
        double[] tmp = new double[128];   // 128 > 64 elements: never scalar-replaced
        tmp[i & 127] = i;
        s += tmp[i & 127];
    }
    return s;
}
"""),
("md", """
The budgets pin the byte counts, which do not depend on the machine: the scalar-replaced
version allocates nothing, the loop-carried walk allocates one `Vec` per step (101 × 32 B),
the field store one per step (100 × 32 B) and the big array 100 × 1040 B.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline scalarReplaced --budget "scalarReplaced: alloc < 1" --budget "loopCarried: alloc > 3000" --budget "storedInField: alloc > 3000" --budget "largeArray: alloc > 100000"
@Benchmark public double scalarReplaced() { return sumOfSteps(100); }
@Benchmark public double loopCarried() { return walk(100); }
@Benchmark public double storedInField() { return sumAndKeep(100); }
@Benchmark public double largeArray() { return bigArray(100); }
"""),
("md", "**Breaking it, 4:** a callee the JIT may not inline. The objects are then passed to, and returned from, code C2 cannot see into. Here `plus` is excluded from inlining, so all three `Vec`s of a step become real (about 9600 B/op)."),
("code", """
%%bench -prof gc --quick --budget "alloc > 9000" -jvmArgs "-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,*::plus"
@Benchmark public double notInlined() { return sumOfSteps(100); }
"""),
("md", "## Formatting: `String.format` vs `StringBuilder`"),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline format --budget "builder: ratio < 0.5"
@Param({"12345"}) int id;

@Benchmark public String format() { return String.format("order-%d-%s", id, "eu"); }
@Benchmark public String builder() { return new StringBuilder(16).append("order-").append(id).append("-eu").toString(); }
"""),
("md", """
`String.format` parses its pattern on every call (a regular expression), allocates a
`Formatter`, a `StringBuilder`, a list of parsed specifiers and boxes the `int`: about 1.2 KB per
call. The builder chain allocates exactly its result, 56 bytes (a 24-byte `String` and its
32-byte array): C2 recognises the `new StringBuilder().append(…)….toString()` shape
(`OptimizeStringConcat`) and builds the string in place. The direction matches Go's
402 → 101 allocs/op and 4.2×, but the Java gap is far larger — about 20× in time in a full run
on this machine (430 ns against 23 ns) —
because Go's `Sprintf` has no pattern-parsing regex and the JVM removes even the builder.

## Boxing: `List<Integer>` vs `int[]`
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline boxed --budget "primitive: alloc < 4100" --budget "boxed: alloc > 19000"
@Param({"1000"}) int n;

@Benchmark public long boxed() {
    java.util.List<Integer> list = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) list.add(i * 1000);
    long s = 0;
    for (int v : list) s += v;
    return s;
}

@Benchmark public long primitive() {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i * 1000;
    long s = 0;
    for (int v : a) s += v;
    return s;
}
"""),
("md", """
Values above 127 are not in the `Integer` cache, so each `add` boxes a new 16-byte object: the
boxed version allocates about 20 KB per call (the 4 KB reference array plus 999 `Integer`s),
the primitive one exactly its 4016-byte `int[]`, and it is several times faster because it
reads one contiguous array instead of chasing a pointer per element. Go has no boxing in this
sense — a `[]int` is always flat — so this is a cost Java programs must watch for themselves.

## Exercises
1. Lower the array in `bigArray` to 32 elements. Does the allocation disappear?
2. Run `%jit --method sumAndKeep`. Which allocations are still eliminated, and which is not?
4. Rewrite `walk` so no object crosses an iteration (carry two `double`s, build the `Vec` only
   inside the loop body). Does `loopCarried` reach 0 B/op?
3. Use `Integer.valueOf(i & 127)` in `boxed`. What does `gc.alloc.rate.norm` say now?
"""),
]

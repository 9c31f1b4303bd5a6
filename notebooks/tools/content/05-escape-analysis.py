TITLE = "Escape analysis and boxing"
CELLS = [
("md", """
# 05 · Escape analysis and boxing

**Question.** When does `new` not allocate? The JIT's escape analysis replaces objects that never
leave a compiled method by their fields (scalar replacement). We measure that, break it three
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

double walk(int steps) {
    Vec pos = new Vec(0, 0);
    for (int i = 0; i < steps; i++) pos = pos.plus(new Vec(i, 1));
    return pos.x() + pos.y();
}
walk(10)
"""),
("md", """
## Zero bytes per operation — after the JIT
The interpreter allocates two objects per step. Once C2 has inlined `plus` and proved no `Vec`
escapes `walk`, it allocates none. `%alloc` shows both numbers: *requested* (before escape
analysis, counted by instrumentation) and *actual* (after the JIT).
"""),
("code", """
%%alloc --no-escape --budget "gc.alloc.rate.norm < 1"
return walk(100);
"""),
("md", """
With `--no-escape` the same code runs again under `-XX:-DoEscapeAnalysis`: now every `Vec` is
a real heap object, 24 bytes each. `%jit` shows the decision itself — the JVM's answer to
Go's "does not escape":
"""),
("code", """
%%jit --method walk
double s = 0;
for (int i = 0; i < 20_000; i++) s += walk(100);
"""),
("md", "## Three ways to make it escape"),
("code", """
Vec last;   // a field: storing into it publishes the object

double walkAndKeep(int steps) {
    Vec pos = new Vec(0, 0);
    for (int i = 0; i < steps; i++) { pos = pos.plus(new Vec(i, 1)); last = pos; }
    return pos.x();
}

double bigArray(int steps) {
    double s = 0;
    for (int i = 0; i < steps; i++) {
        double[] tmp = new double[128];   // above C2's limit for scalar-replaced arrays (64 elements)
        tmp[i & 127] = i;
        s += tmp[i & 127];
    }
    return s;
}
"""),
("code", """
%%bench -prof gc --baseline inlined
@Benchmark public double inlined() { return walk(100); }
@Benchmark public double storedInField() { return walkAndKeep(100); }
@Benchmark public double largeArray() { return bigArray(100); }
"""),
("md", "A callee the JIT may not inline also breaks it: the object is passed to code C2 cannot see."),
("code", """
%%bench -prof gc --quick -jvmArgs "-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,*::plus"
@Benchmark public double notInlined() { return walk(100); }
"""),
("md", "## Formatting: `String.format` vs `StringBuilder`"),
("code", """
%%bench -prof gc --baseline format --budget "builder: ratio < 0.5"
@Param({"12345"}) int id;

@Benchmark public String format() { return String.format("order-%d-%s", id, "eu"); }
@Benchmark public String builder() { return new StringBuilder(16).append("order-").append(id).append("-eu").toString(); }
"""),
("md", """
`String.format` parses its pattern on every call and allocates a `Formatter`, a parsed
specifier list and boxes the `int`. The builder allocates the builder's array and the result.
The ratio is in the same range as Go's 4.2×.

## Boxing: `List<Integer>` vs `int[]`
"""),
("code", """
%%bench -prof gc --baseline boxed
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
Values above 127 are not in the `Integer` cache, so each `add` boxes a new 16-byte object.

## Exercises
1. Lower the array in `bigArray` to 32 elements. Does the allocation disappear?
2. Run `%jit` on `walkAndKeep`. Which allocation is still eliminated, and which is not?
3. Use `Integer.valueOf(i & 127)` in `boxed`. What does `gc.alloc.rate.norm` say now?
"""),
]

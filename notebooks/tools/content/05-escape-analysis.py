TITLE = "Escape analysis and boxing"
CELLS = [
("md", """
# 05 · Escape analysis and boxing

**Question.** When does `new` not allocate? The JIT's escape analysis replaces objects that never
leave a compiled method by their fields (scalar replacement). We measure that, break it four
ways, and look at two everyday allocation sources: formatting and boxing.

*Ports:* the escape-analysis tutorial and chapters 4–5 of *Efficient Go*. Go decides escapes at
compile time (`-gcflags=-m`); the JVM decides at JIT time, per compiled method, after inlining.
(Go: replacing `fmt.Sprintf` by a builder took a benchmark from 402 to 101 allocs/op and made it
4.2× faster.)
"""),
("helpers", ""),
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
## Zero bytes per operation — after the JIT
`sumOfSteps` asks for three `Vec`s per step (two operands and the sum). Once C2 has inlined
`plus` and proved that no `Vec` leaves the method, it keeps their fields in registers instead.
`%alloc` shows both sides: *requested* (what the bytecode asks for, counted by
instrumentation) and *B/op after JIT* (JMH's gc profiler on optimised code). With `--no-escape`
it runs a second time under `-XX:-DoEscapeAnalysis`, where every `Vec` is real.
"""),
("code", """
%%alloc --no-escape -o steps
return sumOfSteps(100);
"""),
("code", """
markdown(String.format(
    "The bytecode asks for **%s objects (%s)** per call; after C2 the call allocates **%s**%s; with "
    + "`-XX:-DoEscapeAnalysis` it is back to **%s**.",
    count(allocField(steps, "bench", "allocs_per_op")), bytes(allocField(steps, "bench", "requested_bytes_per_op")),
    bytes(bytesPerOp(steps, "bench")),
    bytesPerOp(steps, "bench") >= 0.5 && bytesPerOp(steps, "bench") <= 32 ? " (the boxed `Double` the cell returns, not a `Vec`)" : "",
    bytes(allocField(steps, "bench", "no_escape_bytes_per_op"))))
"""),
("md", """
Go makes the same decision at compile time and reports it with `-gcflags=-m`; the JVM makes it
per compiled method, *after* inlining, which is why the same source can allocate in the
interpreter or C1 and not in C2.

## Breaking it, 1: a loop-carried object
`walk` looks just as harmless, but its `pos` flows around the loop: each iteration's object is
the next one's input (a *phi* in the compiler's graph). C2's escape analysis in JDK 17 does not
scalar-replace objects that merge like that, so only the operand `new Vec(i, 1)` disappears.
`%jit` shows the decision — the JVM's answer to Go's `-gcflags=-m` "does not escape" lines:
"""),
("code", """
%%jit --method walk
double s = 0;
for (int i = 0; i < 20_000; i++) s += walk(100);
"""),
("md", "## Breaking it, 2 and 3: a field store, a large array\nA field store publishes the object. An array longer than C2's limit for scalar replacement (`EliminateAllocationArraySizeLimit`, 64 elements by default) is not scalar-replaced."),
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
        double[] tmp = new double[128];   // 128 > 64 elements: too large to scalar-replace
        tmp[i & 127] = i;
        s += tmp[i & 127];
    }
    return s;
}
"""),
("md", """
The budgets pin the byte counts, which do not depend on the machine: the scalar-replaced
version allocates nothing; the loop-carried walk, the field store and the big array allocate
per step.
"""),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc -o broken --budget "scalarReplaced: alloc < 1" --budget "loopCarried: alloc > 3000" --budget "storedInField: alloc > 3000" --budget "largeArray: alloc > 90000"
@Benchmark public double scalarReplaced() { return sumOfSteps(100); }
@Benchmark public double loopCarried() { return walk(100); }
@Benchmark public double storedInField() { return sumAndKeep(100); }
@Benchmark public double largeArray() { return bigArray(100); }
"""),
("code", """
{   // inputs: 32 bytes
    double vec = 32, arr = 16 + 8 * 128;   // object sizes with compressed references
    double arrays = bytesPerOp(broken, "largeArray") / arr;
    display(markdown(String.format(
        "Per call of 100 steps: `scalarReplaced` **%s**; `loopCarried` **%s**, i.e. %s `Vec`s of 32 bytes "
        + "(one `pos` per step plus the first); `storedInField` **%s** (%s `Vec`s: only the stored sum escapes, "
        + "its two operands are still scalar-replaced); `largeArray` **%s**, i.e. %s arrays of %s. %s",
        bytes(bytesPerOp(broken, "scalarReplaced")), bytes(bytesPerOp(broken, "loopCarried")),
        count(bytesPerOp(broken, "loopCarried") / vec), bytes(bytesPerOp(broken, "storedInField")),
        count(bytesPerOp(broken, "storedInField") / vec), bytes(bytesPerOp(broken, "largeArray")), count(arrays), bytes(arr),
        Math.round(arrays) < 100
            ? "Fewer than 100: C2 removed some arrays *without* scalar replacing them. The likely path: in a peeled "
              + "first iteration the index is a constant, the load reads the value just stored, and an array that "
              + "nothing reads any more is dead — the size limit applies to scalar replacement, not to dead "
              + "allocations (`%jit --method bigArray` lists what was eliminated)."
            : "One per step: the size limit keeps every array real.")));
}
"""),
("md", "**Breaking it, 4:** a callee the JIT may not inline. The objects are then passed to, and returned from, code C2 cannot see into. Here `plus` is excluded from inlining, so all three `Vec`s of a step become real."),
("code", """
%%bench -f 1 -wi 3 -i 3 -w 500ms -r 500ms -prof gc -o notInlined --budget "alloc > 9000" -jvmArgs "-XX:CompileCommand=quiet -XX:CompileCommand=dontinline,*::plus"
@Benchmark public double notInlined() { return sumOfSteps(100); }
"""),
("code", """
markdown(String.format("Without inlining `plus`: **%s** per call, %s `Vec`s per step.",
    bytes(bytesPerOp(notInlined, "notInlined")), count(bytesPerOp(notInlined, "notInlined") / 32 / 100)))
"""),
("md", "## Formatting: `String.format` vs `StringBuilder`"),
("code", """
%%bench -prof gc --baseline format -o fmt --budget "builder: ratio < 0.5"
@Param({"12345"}) int id;

@Benchmark public String format() { return String.format("order-%d-%s", id, "eu"); }
@Benchmark public String builder() { return new StringBuilder(16).append("order-").append(id).append("-eu").toString(); }
"""),
("code", """
markdown(String.format(
    "`String.format` allocates **%s** per call and takes **%s**; the builder chain **%s** and **%s** — "
    + "the builder against `String.format`: %s (%s forks) (Go: 402 → 101 allocs/op, 4.2× faster).",
    bytes(bytesPerOp(fmt, "format")), time(ns(fmt, "format")), bytes(bytesPerOp(fmt, "builder")),
    time(ns(fmt, "builder")), verdict(fmt, "builder", "format"), forks(fmt, "builder", "format")))
"""),
("md", """
Why: `String.format` builds a `Formatter` and a `StringBuilder` on every call, parses the
pattern into a list of specifiers (JDK 17 parses plain `%d`/`%s` with a hand-written fast path;
other specifiers still go through a regular expression) and boxes the `int`. The builder chain
allocates its result only: C2 recognises the `new StringBuilder().append(…)….toString()` shape
(`OptimizeStringConcat`) and builds the string in place.

## Boxing: `List<Integer>` vs `int[]`
"""),
("code", """
%%bench -prof gc --baseline boxed -o box --budget "primitive: alloc < 4100" --budget "boxed: alloc > 19000"
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
("code", """
markdown(String.format(
    "Boxed: **%s** and **%s** per call; primitive: **%s** (exactly its `int[]`) and **%s**; against boxed: %s.",
    bytes(bytesPerOp(box, "boxed")), time(ns(box, "boxed")), bytes(bytesPerOp(box, "primitive")),
    time(ns(box, "primitive")), verdict(box, "primitive", "boxed")))
"""),
("md", """
Values above 127 are not in the `Integer` cache, so each `add` boxes a new object, and the sum
chases a pointer per element instead of reading one contiguous array. Go has no boxing in this
sense — a `[]int` is always flat — so this is a cost Java programs must watch for themselves.

## Exercises
1. Lower the array in `bigArray` to 32 elements (and index it with `i & 31`). Does the
   allocation disappear?
2. Run `%jit --method sumAndKeep`. Which allocations are still eliminated, and which is not?
3. Rewrite `walk` so no object crosses an iteration (carry two `double`s, build the `Vec` only
   inside the loop body). Does it stop allocating?
4. Use `Integer.valueOf(i & 127)` in `boxed`. What does `gc.alloc.rate.norm` say now?
"""),
("md", "### Solutions 1, 3 and 4"),
("solution", """
double smallArray(int steps) {
    double s = 0;
    for (int i = 0; i < steps; i++) {
        double[] tmp = new double[32];
        tmp[i & 31] = i;
        s += tmp[i & 31];
    }
    return s;
}

double walkFlat(int steps) {
    double x = 0, y = 0;
    for (int i = 0; i < steps; i++) { Vec p = new Vec(x, y).plus(new Vec(i, 1)); x = p.x(); y = p.y(); }
    return x + y;
}
if (walkFlat(100) != walk(100)) throw new AssertionError();
"""),
("solution", """
%%bench -f 1 -wi 3 -i 3 -w 500ms -r 500ms -prof gc -o solved
@Param({"1000"}) int n;
@Benchmark public double smallArrays() { return smallArray(100); }
@Benchmark public double flatWalk() { return walkFlat(100); }
@Benchmark public long boxedCached() {
    java.util.List<Integer> list = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) list.add(Integer.valueOf(i & 127));
    long s = 0;
    for (int v : list) s += v;
    return s;
}
"""),
("solution", """
markdown(String.format(
    "1: 32-element arrays, **%s** per call — small enough to scalar-replace. 3: the flat walk, **%s** — nothing "
    + "crosses an iteration. 4: cached `Integer`s, **%s** — only the list's reference array is left "
    + "(16 + 4·n bytes with compressed references).",
    bytes(bytesPerOp(solved, "smallArrays")), bytes(bytesPerOp(solved, "flatWalk")), bytes(bytesPerOp(solved, "boxedCached"))))
"""),
("md", "### Solution 2\nThe stored sum escapes through the field; its two operands do not, and appear among the eliminated allocations:"),
("solution", """
%%jit --method sumAndKeep
double s = 0;
for (int i = 0; i < 20_000; i++) s += sumAndKeep(100);
"""),
("seedrow", """
display(seedRow(String.format("`String.format` %s and %s per call, builder %s and %s (%s)", time(med(fmt, "format")),
        bytes(bytesPerOp(fmt, "format")), time(med(fmt, "builder")), bytes(bytesPerOp(fmt, "builder")),
        verdict(fmt, "builder", "format")),
    verdict(fmt, "builder", "format").startsWith("no verdict") ? "no verdict in this run: too few forks for an interval"
    : verdict(fmt, "builder", "format").startsWith("faster") ? "same direction, larger gap: the JIT builds the concatenation in place" : "differs in this run"));
"""),
("md", """
## Takeaways
- On the JVM, "does it allocate?" is answered after inlining, per compiled method: measure B/op
  after the JIT, and compare with the requested count and with `-XX:-DoEscapeAnalysis`.
- Escape analysis breaks on objects carried around a loop, stored in fields, arrays above the
  size limit, and calls that are not inlined.
- `String.format` costs far more than a builder chain; boxing costs an object per element.
"""),
]

TITLE = "Which line allocates?"
CELLS = [
("md", """
# 04 · Which line allocates?

**Question.** Encoding a small record as JSON allocates a little. Add one large buffer and a
thousand encodes: which line is "the" allocation problem? It depends on whether you count
*bytes* or *objects* — and the two views point at different lines.

*Ports:* the benchmem/pprof blog post and the escape-analysis tutorial. (Go: one encode took
443 ns with 32 B in 2 allocations; with a 100 KB buffer and 1000 encodes the buffer led by
bytes while the encodes led by count, 264 vs 264,000 objects.)
"""),
("md", "We use Gson from Maven Central; `%maven` puts it on the session's classpath *and* on every measuring fork's. The next cell defines the helpers that the conclusion cells use to read this run's results."),
("code", "%maven com.google.code.gson:gson:2.11.0"),
("helpers", ""),
("code", """
import com.google.gson.Gson;

record Order(String item, int quantity, double price) {}

Gson gson = new Gson();
Order order = new Order("widget", 3, 9.5);
gson.toJson(order)
"""),
("md", "## One encode"),
("code", """
%%alloc --top 5 -o one
return gson.toJson(order);
"""),
("code", """
markdown(String.format(
    "One Gson encode asks for **%s objects and %s** before escape analysis; after the JIT it allocates **%s** "
    + "per call and takes **%s** (Go's `encoding/json`: 443 ns, 32 B in 2 allocations). Gson builds a "
    + "`StringWriter`, a `JsonWriter` with its state stacks and the result `String` on every call.",
    count(allocField(one, "bench", "allocs_per_op")), bytes(allocField(one, "bench", "requested_bytes_per_op")),
    bytes(bytesPerOp(one, "bench")), time(ns(one, "bench"))))
"""),
("md", """
The sites table credits everything to the one line of the cell (the innermost line of *your*
code on the stack); the flame graph underneath shows which library frames did the allocating.

## A large buffer and many encodes
Gson allocates far more per encode than Go's encoder (see above), so to reproduce the seed's
situation — one big buffer that outweighs a thousand encodes in bytes — the buffer here is
1 MB instead of 100 KB. <!-- inputs: 1 MB; 100 KB -->

The buffer must really exist. A buffer of which only `.length` is read is dead to C2: escape
analysis removes it, and then it leads only in the *requested* (pre-JIT) count. Here the
buffer leaves the cell as its return value, so it is allocated in the optimised code too.

`--by bytes` ranks sites by bytes allocated, `--by count` by number of objects. Both views
come from the same kind of run; only the ranking differs.
"""),
("code", """
%%alloc --by bytes --top 5 -o byBytes
byte[] buffer = new byte[1_000_000];
int total = 0;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
buffer[0] = (byte) total;
return buffer;
"""),
("code", """
%%alloc --by count --top 5 -o byCount
byte[] buffer = new byte[1_000_000];
int total = 0;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
buffer[0] = (byte) total;
return buffer;
"""),
("code", """
// exact sites (instrumented, per operation), summed per cell line: 2 is the buffer, 4 the encodes
double[] perLine(Result r, int line) {
    double bytes = 0, count = 0;
    for (int i = 0; i < r.size("sites"); i++) {
        if (r.get("sites", i, "sampled").equals(Boolean.TRUE) || r.number("sites", i, "line") != line) continue;
        bytes += r.number("sites", i, "bytes");
        count += r.number("sites", i, "count");
    }
    return new double[]{bytes, count};
}

double sampledShare(Result r, int line) {
    double share = 0;
    for (int i = 0; i < r.size("sites"); i++)
        if (r.get("sites", i, "sampled").equals(Boolean.TRUE) && r.number("sites", i, "line") == line)
            share += r.number("sites", i, "share");
    return share;
}

{
    double[] buf = perLine(byCount, 2), enc = perLine(byCount, 4);
    double afterJit = bytesPerOp(byCount, "bench");
    display(markdown(String.format(
        "**By bytes** the buffer line leads: %s in %s object, against %s for the thousand encodes. "
        + "**By count** the order flips: %s objects for the encodes against %s for the buffer "
        + "(Go's flip: 264 vs 264,000). After the JIT the cell allocates %s per call, so the buffer, "
        + "which escapes, is %s of the bytes the collector really sees. The sampled JFR view (after the JIT) "
        + "credits %s of the sampled bytes to the buffer line and %s to the encode line.",
        bytes(buf[0]), count(buf[1]), bytes(enc[0]), count(enc[1]), count(buf[1]), bytes(afterJit),
        percent(Math.min(1, buf[0] / afterJit)), percent(sampledShare(byBytes, 2)), percent(sampledShare(byBytes, 4)))
        + (Math.abs(Math.log(sampledShare(byBytes, 2) / (buf[0] / afterJit))) > Math.log(2)
            ? " The sampled shares differ from the exact ones: JFR throttles allocation samples and weights each by "
              + "the bytes allocated since the previous sample, so one rare large object is easily under- or "
              + "over-represented. Use the exact counts when the ranking matters."
            : "")));
}
"""),
("md", """
Which view matters? *Bytes* fill the young generation, so they set how often the collector
runs; *object counts* set the allocation work itself and, for objects that survive, the
marking work. The buffer decides GC frequency here, the encodes decide allocation work: fix
the one that matches the symptom.

## Sampled vs exact
The JFR sites are *sampled* (after the JIT; cheap; statistically representative; shares, not
counts), the counts are *exact* (an instrumented run; before escape analysis; slower). Go's
`-memprofilerate=1` makes the same trade: exact, but it changes what it measures.

## Exercises
1. Replace Gson with a hand-written `StringBuilder` encoder. How many allocations remain?
2. Reuse one `StringBuilder` across encodes (reset with `setLength(0)`). What does `%alloc` say?
"""),
("md", "### Solution 1 and 2"),
("solution", """
String encodeByHand(Order o) {
    return new StringBuilder(64).append("{\\"item\\":\\"").append(o.item()).append("\\",\\"quantity\\":")
            .append(o.quantity()).append(",\\"price\\":").append(o.price()).append('}').toString();
}
StringBuilder reused = new StringBuilder(64);
String encodeReusing(Order o) {
    reused.setLength(0);
    return reused.append("{\\"item\\":\\"").append(o.item()).append("\\",\\"quantity\\":")
            .append(o.quantity()).append(",\\"price\\":").append(o.price()).append('}').toString();
}
if (!encodeByHand(order).equals(gson.toJson(order)) || !encodeReusing(order).equals(gson.toJson(order)))
    throw new AssertionError(encodeByHand(order));
"""),
("solution", """
%%alloc -o hand
return encodeByHand(order);
"""),
("solution", """
%%alloc -o reusing
return encodeReusing(order);
"""),
("solution", """
markdown(String.format(
    "By hand: **%s allocations** (%s requested, %s after the JIT) against Gson's %s. Reusing the builder: "
    + "%s allocations, %s after the JIT — the result `String` (object and bytes) remains, and `append(double)` "
    + "formats through its own temporary objects.",
    count(allocField(hand, "bench", "allocs_per_op")), bytes(allocField(hand, "bench", "requested_bytes_per_op")),
    bytes(bytesPerOp(hand, "bench")), count(allocField(one, "bench", "allocs_per_op")),
    count(allocField(reusing, "bench", "allocs_per_op")), bytes(bytesPerOp(reusing, "bench"))))
"""),
("seedrow", """
{
    double[] buf = perLine(byCount, 2), enc = perLine(byCount, 4);
    display(seedRow(String.format("buffer %s in %s object vs encodes %s in %s objects", bytes(buf[0]), count(buf[1]),
            bytes(enc[0]), count(enc[1])),
        buf[0] > enc[0] && enc[1] > buf[1] ? "same flip: bytes name the buffer, counts name the encodes (Gson allocates more per encode than Go)"
                                           : "differs: no flip in this run"));
}
"""),
("md", """
## Takeaways
- Rank allocation sites both by bytes and by count: they can name different lines.
- Bytes set GC frequency, counts set allocation work; choose the view that matches the symptom.
- A benchmarked object that nothing reads may be removed by escape analysis: make it escape, or
  you measure the pre-JIT count only.
- Sampled sites (JFR) describe the optimised code; exact counts describe the bytecode.
"""),
]

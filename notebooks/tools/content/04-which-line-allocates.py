TITLE = "Which line allocates?"
CELLS = [
("md", """
# 04 · Which line allocates?

**Question.** Encoding a small record as JSON allocates a little. Add one large buffer and a
thousand encodes: which line is "the" allocation problem? It depends on whether you count
*bytes* or *objects* — and the two views point at different lines.

*Ports:* the benchmem/pprof blog post and the escape-analysis tutorial. In Go, one encode took
about 443 ns with 32 B in 2 allocations; with a 100 KB buffer and 1000 encodes, the buffer
led by bytes while the encodes led by count (264 vs 264 000 objects).
"""),
("md", "We use Gson from Maven Central; `%maven` puts it on the session's classpath *and* on every measuring fork's."),
("code", "%maven com.google.code.gson:gson:2.11.0"),
("code", """
import com.google.gson.Gson;

record Order(String item, int quantity, double price) {}

Gson gson = new Gson();
Order order = new Order("widget", 3, 9.5);
gson.toJson(order)
"""),
("md", "## One encode"),
("code", """
%%alloc --top 5
return gson.toJson(order);
"""),
("md", """
One Gson encode: about 21 objects and 780 bytes requested, a little less after the JIT (escape
analysis removes a few temporaries), where Go's `encoding/json` needed 2 allocations and 32 B
for a similar record. Gson allocates a `StringWriter`, a `JsonWriter` and its state stacks, and
looks up type adapters (`TypeToken`s) on every call. The time per encode is a microsecond or
more against Go's 443 ns. The sites table credits everything to the one line of the cell;
the flame graph underneath shows which library frames did the allocating.
"""),
("md", """
## A large buffer and many encodes
Gson allocates far more per encode than Go's `encoding/json` (the first cell shows about 21
objects and 784 bytes per call, against Go's 2 allocations and 32 B), so to reproduce the
seed's situation — one big buffer that outweighs a thousand encodes in bytes — the buffer here
is 1 MB instead of 100 KB: 1000 encodes then come to about 0.78 MB.

`--by bytes` ranks sites by bytes allocated, `--by count` by number of objects. Both views
come from the same kind of run; only the ranking differs.
"""),
("code", """
%%alloc --by bytes --top 5
byte[] buffer = new byte[1_000_000];
int total = buffer.length;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
return total;
"""),
("code", """
%%alloc --by count --top 5
byte[] buffer = new byte[1_000_000];
int total = buffer.length;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
return total;
"""),
("md", """
By bytes the 1 MB array is the largest site (about three times the largest site inside
`toJson`); by count it is a single object against some 21 000 made by the encodes — the same
flip as Go's 264 vs 264 000, with the Java counts higher because Gson's writer, reflection
adapters and `StringWriter` are allocated per call. The exact counts are deterministic, so
the flip does not depend on the machine. Which
one matters? Bytes drive how often the young generation fills (GC frequency); object counts
drive allocation work and, for objects that survive, marking work.

## Sampled vs exact
The JFR sites are *sampled* (after the JIT; cheap; statistically representative), the counts
are *exact* (an instrumented run; before escape analysis; slower). Go's
`-memprofilerate=1` makes the same trade: exact, but it changes what it measures.

## Exercises
1. Replace Gson with a hand-written `StringBuilder` encoder. How many allocations remain?
2. Reuse one `StringBuilder` across encodes. Does `%alloc` agree with your expectation?
"""),
]

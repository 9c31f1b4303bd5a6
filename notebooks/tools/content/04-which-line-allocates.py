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
## A large buffer and many encodes
`--by bytes` ranks sites by bytes allocated, `--by count` by number of objects. The same run
gives both; only the ranking differs.
"""),
("code", """
%%alloc --by bytes --top 5
byte[] buffer = new byte[100_000];
int total = buffer.length;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
return total;
"""),
("code", """
%%alloc --by count --top 5
byte[] buffer = new byte[100_000];
int total = buffer.length;
for (int i = 0; i < 1000; i++) total += gson.toJson(order).length();
return total;
"""),
("md", """
By bytes the 100 KB array is the largest single site; by count the objects made inside
`toJson` dominate by three orders of magnitude — the same flip as Go's 264 vs 264 000. Which
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

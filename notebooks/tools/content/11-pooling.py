TITLE = "Pooling; micro vs macro"
CELLS = [
("md", """
# 11 · Pooling; micro vs macro

**Question.** Should a hot path reuse its buffers? Four strategies — allocate every time, reuse
one buffer, one buffer per thread, a shared pool — measured in a micro benchmark, then two ways
pooling goes wrong (a stale buffer, and a pool pinning memory), then a program-level run in which
the pool's micro-level win turns into a loss.

*Ports:* chapter 11 of *Efficient Go* and the tutorial's `sync.Pool` section. (Go: a pooled
structure that once grew kept 15.8 MB alive where 190 KB was needed.)
"""),
("helpers", ""),
("code", """
import java.util.concurrent.*;

int work(byte[] buf, int len, int seed) {
    for (int i = 0; i < len; i++) buf[i] = (byte) (seed + i);
    int h = 0;
    for (int i = 0; i < len; i++) h = 31 * h + buf[i];
    return h;
}

byte[] shared = new byte[4096];
ThreadLocal<byte[]> perThread = ThreadLocal.withInitial(() -> new byte[4096]);
ArrayBlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(64);

byte[] borrow() { byte[] b = pool.poll(); return b != null ? b : new byte[4096]; }
void giveBack(byte[] b) { pool.offer(b); }
"""),
("code", """
%%bench -prof gc --baseline allocate -o micro --budget "allocate: alloc > 4000" --budget "reuseOne: alloc < 1" --budget "threadLocal: alloc < 1" --budget "pooled: alloc < 1"
int seed = 17;

@Benchmark public int allocate() { return work(new byte[4096], 4096, seed); }
@Benchmark public int reuseOne() { return work(shared, 4096, seed); }
@Benchmark public int threadLocal() { return work(perThread.get(), 4096, seed); }
@Benchmark public int pooled() { byte[] b = borrow(); try { return work(b, 4096, seed); } finally { giveBack(b); } }
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| strategy | B/op | time/op | vs allocate (over forks) |\\n|---|---|---|---|\\n");
    List<String> same = new ArrayList<>(), differ = new ArrayList<>(), open = new ArrayList<>();
    for (String s : List.of("allocate", "reuseOne", "threadLocal", "pooled")) {
        sb.append(String.format("| %s | %s | %s | %s |%n", s, bytes(bytesPerOp(micro, s)), time(ns(micro, s)),
            s.equals("allocate") ? "" : verdict(micro, s, "allocate")));
        if (s.equals("allocate")) continue;
        Map<?, ?> c = comparison(micro, s, "allocate");
        (Double.isNaN(field(c, "ci_low")) ? open : Boolean.TRUE.equals(c.get("significant")) ? differ : same).add(s);
    }
    display(markdown(sb + String.format("%nThe bytes are the certain part (the budgets pin them): `allocate` pays for a "
        + "4096-byte array and its header per call, the reusing strategies nothing. In time, %s. %s",
        !open.isEmpty() ? "this run gives no verdict for " + String.join(", ", open) + " (too few forks for an interval)"
            : (differ.isEmpty() ? "none" : String.join(", ", differ)) + (differ.size() == 1 ? " differs" : " differ")
              + " from `allocate` (the ratio's confidence interval over forks excludes 1)"
              + (same.isEmpty() ? "" : "; " + String.join(", ", same) + ": no difference shown"),
        !open.isEmpty() ? "" : differ.isEmpty() ? "Allocation in a TLAB is a pointer bump; the array must be zeroed, but `work` writes all of it "
                           + "anyway, and a young collection that finds nothing alive costs little: the hashing loop dominates."
                         : "Where reuse is faster, the saving is the zeroing of a fresh array and the young collections it "
                           + "feeds; read the ratio against the cost of the work itself.")));
}
"""),
("md", """
## Pooling bug 1: a stale buffer
A borrowed buffer comes back with the previous user's bytes. Code that assumes a fresh, zeroed
array reads garbage:
"""),
("code", """
int sumOfFirst(int n) {
    byte[] b = borrow();
    try {
        // BUG: assumes b is all zeros beyond the n bytes we write
        for (int i = 0; i < n; i++) b[i] = 1;
        int s = 0;
        for (int i = 0; i < 8; i++) s += b[i];
        return s;
    } finally { giveBack(b); }
}
pool.clear();
int fresh = sumOfFirst(8);     // fills 8 bytes: 8
int next = sumOfFirst(2);      // fills 2, but reads 8 stale ones
"first call " + fresh + ", second call " + next + " (expected 2)"
"""),
("md", "## Pooling bug 2: a pool pins memory\nOne oversized request grows a pooled buffer; the pool keeps it forever. This is an *in-use* question — what stays reachable — not an allocation-rate one."),
("code", """
java.util.ArrayDeque<StringBuilder> builders = new java.util.ArrayDeque<>();

StringBuilder take() { StringBuilder sb = builders.poll(); return sb != null ? sb : new StringBuilder(256); }
void release(StringBuilder sb) { sb.setLength(0); builders.push(sb); }

for (int i = 0; i < 8; i++) release(new StringBuilder(256));
StringBuilder huge = take();
huge.append("x".repeat(2_000_000));   // one big request, e.g. a huge log line
release(huge);
long pinned = 0;
for (StringBuilder sb : builders) pinned += sb.capacity();
"pool holds " + pinned / 1024 + " KB of capacity for " + builders.size() + " builders"
"""),
("md", """
Resetting the length keeps the capacity: the pool pins megabytes to serve requests of a few
hundred bytes — the shape of the Go example. A fix: drop buffers above a size limit instead of
returning them (exercise 1).

## Micro vs macro
The micro benchmark served one request size from a warm pool. A program serves a mix. Below,
a handler needs a 4 KB buffer for most requests and 1 MB for one request in fifty, with 16
requests in flight at a time; the pooled handler keeps whatever comes back, as a simple pool does. First the
allocation view: each cell runs the *program* (a stream of requests) under `%gclog` with the
same heap. <!-- inputs: 4 KB; 1 MB -->
"""),
("code", """
ArrayBlockingQueue<byte[]> sizedPool = new ArrayBlockingQueue<>(64);
int requestNo = 0;

// Requests arrive in batches of 16 in flight at once; each takes a buffer from the pool (or a new
// one when the pooled one is too small, dropping it) and all go back when the batch is done.
int requests(int n, boolean pooled) {
    int h = 0;
    byte[][] inFlight = new byte[16][];
    for (int i = 0; i < n; i += 16) {
        for (int k = 0; k < 16; k++, requestNo++) {
            int size = requestNo % 50 == 0 ? 1 << 20 : 4096;   // one request in fifty needs 1 MB
            byte[] b = pooled ? sizedPool.poll() : null;
            if (b == null || b.length < size) b = new byte[size];
            inFlight[k] = b;
            h += work(b, Math.min(size, 4096), size);
        }
        if (pooled) for (byte[] b : inFlight) sizedPool.offer(b);
    }
    return h;
}
"""),
("code", """
%%gclog --duration 3s --gc g1 -Xmx256m
requests(160, false);
"""),
("code", "keep(\"allocating\", _gclog);"),
("code", """
%%gclog --duration 3s --gc g1 -Xmx256m
requests(160, true);
"""),
("code", """
{
    keep("pooling", _gclog);
    Result a = kept.get("allocating"), p = kept.get("pooling");
    display(markdown(String.format(
        "| program | allocation rate | collections | time paused | time per 160 requests |%n|---|---|---|---|---|%n"
        + "| allocating | %s MB/s | %s | %s | %s |%n| pooling | %s MB/s | %s | %s | %s |%n%n"
        + "By allocation the pool still wins at the program level: it %s the allocation rate (%s of the allocating "
        + "version's). The cost is elsewhere: in what stays reachable.",
        sig(gc(a, 0, "alloc_rate_mb_s")), count(gc(a, 0, "gc_count")), time(gc(a, 0, "pause", "total_ms") * 1e6),
        time(gc(a, 0, "wall_s") / gc(a, 0, "calls") * 1e9),
        sig(gc(p, 0, "alloc_rate_mb_s")), count(gc(p, 0, "gc_count")), time(gc(p, 0, "pause", "total_ms") * 1e6),
        time(gc(p, 0, "wall_s") / gc(p, 0, "calls") * 1e9),
        gc(p, 0, "alloc_rate_mb_s") < gc(a, 0, "alloc_rate_mb_s") ? "lowered" : "did not lower",
        percent(gc(p, 0, "alloc_rate_mb_s") / gc(a, 0, "alloc_rate_mb_s")))));
}
"""),
("md", """
## The in-use view: what stays reachable
Go's `inuse_space` profile answers "what is alive now", not "what was allocated". The JVM's
equivalent here: the heap still used after a full collection (the live set), measured in the
notebook's own JVM before and after serving the same request stream with and without the pool,
and the bytes the pool itself holds.
"""),
("code", """
long liveAfterGc() {
    System.gc();   // the session JVM runs the serial collector: a full, stop-the-world collection
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
}

long[] liveSets() {
    sizedPool.clear();
    long base = liveAfterGc();
    requests(8_000, false);
    long allocating = liveAfterGc() - base;
    requests(8_000, true);
    long pooling = liveAfterGc() - base;
    long held = 0;
    for (byte[] b : sizedPool) held += b.length;
    return new long[]{allocating, pooling, held, sizedPool.size()};
}
"""),
("code", """
{   // inputs: 4 KB
    long[] live = liveSets();
    display(markdown(String.format(
        "Live set after serving the requests, over the notebook's own baseline (a full collection before and after; "
        + "a negative difference shows as 0): **%s** without the pool, **%s** with "
        + "it; the pool holds **%s** in %d buffers, to serve a stream in which 16 buffers of 4 KB are in flight at a "
        + "time. In the micro benchmark the pool removed every allocation; in the "
        + "program it keeps the rare big buffers alive, because whatever comes back stays, and small requests then use "
        + "them. A larger live set means more to mark at each old collection and a heap that cannot shrink — the micro "
        + "result does not survive. Decide at the macro level: the real program, its request mix, its live set.",
        bytes(Math.max(0, live[0])), bytes(live[1]), bytes(live[2]), live[3])));
}
"""),
("md", """
## Exercises
1. Make `release` drop builders whose capacity exceeds 64 KB. Rerun the pinning cell.
2. Give the request pool a size limit in the same way. What happens to the live set?
<!-- inputs: 64 KB -->
"""),
("md", "### Solution 1"),
("solution", """
void releaseBounded(StringBuilder sb) { if (sb.capacity() <= 64 * 1024) { sb.setLength(0); builders.push(sb); } }

builders.clear();
for (int i = 0; i < 8; i++) releaseBounded(new StringBuilder(256));
StringBuilder big2 = take();
big2.append("x".repeat(2_000_000));
releaseBounded(big2);
long pinnedBounded = 0;
for (StringBuilder sb : builders) pinnedBounded += sb.capacity();
"bounded pool holds " + pinnedBounded / 1024 + " KB of capacity for " + builders.size() + " builders"
"""),
("md", "### Solution 2\nBig buffers are used once and dropped; the pool keeps only the small ones:"),
("solution", """
int requestsBounded(int n) {
    int h = 0;
    byte[][] inFlight = new byte[16][];
    for (int i = 0; i < n; i += 16) {
        for (int k = 0; k < 16; k++, requestNo++) {
            int size = requestNo % 50 == 0 ? 1 << 20 : 4096;
            byte[] b = sizedPool.poll();
            if (b == null || b.length < size) b = new byte[size];
            inFlight[k] = b;
            h += work(b, Math.min(size, 4096), size);
        }
        for (byte[] b : inFlight) if (b.length <= 4096) sizedPool.offer(b);   // big buffers are not kept
    }
    return h;
}
"""),
("solution", """
{
    sizedPool.clear();
    long base = liveAfterGc();
    requestsBounded(8_000);
    long bounded = liveAfterGc() - base, held = 0;
    for (byte[] b : sizedPool) held += b.length;
    display(markdown(String.format("With the size limit the live set after serving the same requests is **%s**, and the "
        + "pool holds %s in %d buffers: only small buffers are kept, the rare big ones are used once and collected.",
        bytes(Math.max(0, bounded)), bytes(held), sizedPool.size())));
}
"""),
("seedrow", """
{
    long[] live = liveSets();
    display(seedRow(String.format("one grown builder leaves the pool holding %s of capacity; the pooled program's live set is %s vs %s without the pool",
            bytes(pinned), bytes(live[1]), bytes(Math.max(0, live[0]))),
        "same: a pool keeps what grew, and the live set shows it"));
}
"""),
("md", """
## Takeaways
- Reuse removes allocation for certain; whether it saves time must be measured, and often it does not.
- Pools bring bugs allocation cannot have: stale contents and memory pinned by one large request.
- Look at the live set (in-use heap), not only the allocation rate: a pool trades one for the other.
- Confirm a micro-benchmark win in the program, with its real mix of requests.
"""),
]

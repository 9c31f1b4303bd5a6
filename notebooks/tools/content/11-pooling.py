TITLE = "Pooling; micro vs macro"
CELLS = [
("md", """
# 11 · Pooling; micro vs macro

**Question.** Should a hot path reuse its buffers? Four strategies — allocate every time, reuse
one buffer, one buffer per thread, a shared pool — measured in a micro benchmark, then two ways
pooling goes wrong (a stale buffer, and a pool pinning memory), then a case where the micro
result does not survive contact with a bigger workload.

*Ports:* chapter 11 of *Efficient Go* and the tutorial's `sync.Pool` section. In Go a pooled
structure that once grew kept 15.8 MB alive where 190 KB was needed.
"""),
("code", """
import java.util.concurrent.*;

int work(byte[] buf, int seed) {
    for (int i = 0; i < buf.length; i++) buf[i] = (byte) (seed + i);
    int h = 0;
    for (byte b : buf) h = 31 * h + b;
    return h;
}

byte[] shared = new byte[4096];
ThreadLocal<byte[]> perThread = ThreadLocal.withInitial(() -> new byte[4096]);
ArrayBlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(64);

byte[] borrow() { byte[] b = pool.poll(); return b != null ? b : new byte[4096]; }
void giveBack(byte[] b) { pool.offer(b); }
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline allocate --budget "allocate: alloc > 4000" --budget "reuseOne: alloc < 1" --budget "threadLocal: alloc < 1" --budget "pooled: alloc < 1"
int seed = 17;

@Benchmark public int allocate() { return work(new byte[4096], seed); }
@Benchmark public int reuseOne() { return work(shared, seed); }
@Benchmark public int threadLocal() { return work(perThread.get(), seed); }
@Benchmark public int pooled() { byte[] b = borrow(); try { return work(b, seed); } finally { giveBack(b); } }
"""),
("md", """
The bytes column is the certain part, and the budgets pin it: `allocate` pays 4112 B per call
(a 4096-byte array plus its 16-byte header), the three reusing strategies nothing. The time
column is the surprise: all four land within noise of each other. Allocation in a TLAB is a
pointer bump; the new array must be zeroed, but `work` writes all 4096 bytes anyway, and a
young collection that finds nothing alive costs almost nothing. The hashing loop dominates.
Go's seed saw pooling pay off mainly where objects were large or long-lived enough to make
its collector work; for a short-lived buffer on the JVM, reuse buys little time — and the next
two cells show what it costs in correctness.

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
("md", "## Pooling bug 2: a pool pins memory\nOne oversized request grows a pooled buffer; the pool keeps it forever."),
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
Resetting the length keeps the capacity: the pool now pins megabytes to serve requests of a
few hundred bytes — the same shape as Go's 15.8 MB vs 190 KB. A fix: drop buffers above a size
limit instead of returning them.

## Micro vs macro
The micro benchmark used one thread and a hot cache. With two threads, `reuseOne` is simply
wrong (both threads write the same array), so it is left out; `threadLocal` and the shared pool
remain:
"""),
("code", """
%%bench -t 2 --quick --baseline allocate
int seed = 17;

@Benchmark public int allocate() { return work(new byte[4096], seed); }
@Benchmark public int threadLocal() { return work(perThread.get(), seed); }
@Benchmark public int pooled() { byte[] b = borrow(); try { return work(b, seed); } finally { giveBack(b); } }
"""),
("md", """
Still no clear winner: each call spends microseconds hashing and touches the pool's lock only
twice, too rarely to contend — while on 2 cores shared with other jobs, two benchmark threads
mostly take turns. A pool that looked neutral in the micro benchmark would still carry its
costs into a real program: the stale-data bug, the pinned memory, and a lock that *does*
contend once calls get short and threads many. Decide at the macro level — the real program,
its real concurrency and its GC log (`%gclog`) — before keeping the added complexity.

## Exercises
1. Make `release` drop builders whose capacity exceeds 64 KB. Rerun the pinning cell.
2. Run the 2-thread benchmark with `-prof gc`. Which strategy allocates least, and is it the
   fastest?
"""),
]

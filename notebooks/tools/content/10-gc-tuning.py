TITLE = "GC logs and tuning"
CELLS = [
("md", """
# 10 · GC logs and tuning

**Question.** What drives how often the collector runs? With a fixed live set, GC frequency
tracks the *allocation rate*. Then: the same workload under different collectors and heap
sizes, a soft heap limit (the JVM's `GOMEMLIMIT`), a collector that never collects, and the
difference between heap that is reserved and memory that is really used.

*Ports:* the GC sections of *High Performance Go*, the tutorial and chapter 5 of *Efficient Go*
(`GODEBUG=gctrace=1`, `GOGC`, `GOMEMLIMIT`). (Go: 40 times the allocation rate gave about 40 times
the collections.) On the JVM the knobs are the collector, `-Xmx`/`-Xms`, `SoftMaxHeapSize` and
pause goals, and the trace is `-Xlog:gc*`.
"""),
("helpers", ""),
("code", """
byte[][] live = new byte[256][];

// Allocates `kilobytes` 1 KB arrays, then pauses for a millisecond: %gclog calls the cell over
// and over, so the pause fixes the pace and `kilobytes` sets the allocation rate.
void churn(int kilobytes) {
    for (int i = 0; i < kilobytes; i++) {
        byte[] b = new byte[1024];
        b[0] = 1;
        if ((i & 1023) == 0) live[(i >>> 10) & 255] = b;   // a small, steady live set
    }
    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
}
"""),
("md", """
## Allocation rate drives GC frequency
Both runs use the serial collector with a fixed young generation, so a young collection
happens each time eden fills. The second cell allocates 40 times more per step.
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
churn(50);
"""),
("code", "keep(\"slow\", _gclog);"),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
churn(2_000);
"""),
("code", """
{
    keep("fast", _gclog);
    Result slow = kept.get("slow"), fast = kept.get("fast");
    double rate = gc(fast, 0, "alloc_rate_mb_s") / gc(slow, 0, "alloc_rate_mb_s");
    double collections = gc(fast, 0, "gc_count") / Math.max(1, gc(slow, 0, "gc_count"));
    display(markdown(String.format(
        "The allocation rate went from **%s to %s MB/s** (%s; under 40 times, because allocating "
        + "takes time of its own beside the fixed pause) and the collections from **%s to %s** (%s). "
        + "Median pauses: %s vs %s — a young collection's cost depends on what *survives*, and the live set is "
        + "the same, so total pause time grows with the count. This is the seed's central GC fact "
        + "(Go: 40 times the rate, about 40 times the collections) and the reason to reduce the allocation rate "
        + "before touching any GC setting.",
        sig(gc(slow, 0, "alloc_rate_mb_s")), sig(gc(fast, 0, "alloc_rate_mb_s")), times(rate),
        count(gc(slow, 0, "gc_count")), count(gc(fast, 0, "gc_count")), times(collections),
        time(gc(slow, 0, "pause", "p50_ms") * 1e6), time(gc(fast, 0, "pause", "p50_ms") * 1e6))));
}
"""),
("md", """
## Collectors and heap sizes
`--compare` runs the same code under each configuration and puts the runs side by side.
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx256m" "--gc parallel -Xmx256m" "--gc serial -Xmx256m" "--gc z -Xmx256m"
churn(1_000);
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| collector | collections | pause p50 | pause max | total paused |\\n|---|---|---|---|---|\\n");
    for (int i = 0; i < _gclog.size("runs"); i++)
        sb.append(String.format("| %s | %s | %s | %s | %s |%n", _gclog.string("runs", i, "collector"),
            count(gc(_gclog, i, "gc_count")), time(gc(_gclog, i, "pause", "p50_ms") * 1e6),
            time(gc(_gclog, i, "pause", "max_ms") * 1e6), time(gc(_gclog, i, "pause", "total_ms") * 1e6)));
    display(markdown(sb + "\\nZGC does its marking and relocation concurrently: its stop-the-world pauses stay short, "
        + "paid for with GC threads running beside the application and a larger heap footprint."));
}
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx64m" "--gc g1 -Xmx256m" "--gc g1 -Xmx1g"
churn(1_000);
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| heap | collections | pause p50 | pause p99 | total paused |\\n|---|---|---|---|---|\\n");
    for (int i = 0; i < _gclog.size("runs"); i++)
        sb.append(String.format("| %s | %s | %s | %s | %s |%n", _gclog.string("runs", i, "config"),
            count(gc(_gclog, i, "gc_count")), time(gc(_gclog, i, "pause", "p50_ms") * 1e6),
            time(gc(_gclog, i, "pause", "p99_ms") * 1e6), time(gc(_gclog, i, "pause", "total_ms") * 1e6)));
    int last = _gclog.size("runs") - 1;
    boolean fewer = gc(_gclog, last, "gc_count") < gc(_gclog, 0, "gc_count");
    boolean longer = gc(_gclog, last, "pause", "p50_ms") > gc(_gclog, 0, "pause", "p50_ms");
    display(markdown(sb + "\\nA larger heap lets G1 size a larger young generation: "
        + (fewer ? "fewer collections" : "no fewer collections in this run")
        + (longer ? ", but each median pause is longer — G1 scans and evacuates more regions and remembered-set "
                    + "entries per young collection, so 'same live set, same pause' holds only roughly. "
                  : ", with median pauses no longer. ")
        + "This is the JVM's version of raising `GOGC`: memory traded for fewer collections."));
}
"""),
("md", """
## A soft limit: `SoftMaxHeapSize`, the JVM's `GOMEMLIMIT`
Go's `GOMEMLIMIT` makes the collector work harder as the heap approaches a limit, without
failing when it is crossed. On JDK 17 the closest flag is `-XX:SoftMaxHeapSize`, honoured by
ZGC: the collector aims to keep the heap under it, and may still grow up to `-Xmx` when it must.
"""),
("code", """
%%gclog --duration 3s --compare "--gc z -Xmx512m" "--gc z -Xmx512m -XX:SoftMaxHeapSize=64m"
churn(1_000);
"""),
("code", """
markdown(String.format(
    "Without the soft limit ZGC let the heap peak at **%s MB** with %s collections; with `SoftMaxHeapSize=64m` "
    + "it peaked at **%s MB** with %s collections — %s.",
    sig(gc(_gclog, 0, "peak_heap_mb")), count(gc(_gclog, 0, "gc_count")),
    sig(gc(_gclog, 1, "peak_heap_mb")), count(gc(_gclog, 1, "gc_count")),
    gc(_gclog, 1, "peak_heap_mb") < gc(_gclog, 0, "peak_heap_mb")
        ? "less memory, paid for with more collector work, as with `GOMEMLIMIT`"
        : "no smaller in this run: the soft goal is a hint, and a short run may not reach it"))
"""),
("md", """
## Epsilon: a collector that never collects
Epsilon allocates and never reclaims. It is the control for "what would this cost without
any GC" and a way to measure a workload's total allocation: the run lasts until the heap is full.
"""),
("code", """
%%gclog --duration 3s --gc epsilon -Xmx128m
churn(1_000);
"""),
("code", """
// inputs: 128 MB
markdown(String.format(
    "Under Epsilon with a 128 MB heap the run %s after **%s MB** allocated in %s s — with no collection at all "
    + "(%s in the log). With a collector the same cell runs indefinitely in a fraction of that heap.",
    _gclog.get("runs", 0, "out_of_memory").equals(Boolean.TRUE) ? "ran out of memory" : "ended",
    sig(gc(_gclog, 0, "allocated_mb")), sig(gc(_gclog, 0, "wall_s")), count(gc(_gclog, 0, "gc_count"))))
"""),
("md", """
## Reserved, committed, resident
Go's seed example allocates a large array without touching it: the Go runtime gets fresh pages
from the OS, which stay out of the resident set until written. The JVM has three numbers:
address space *reserved* for the heap (`-Xmx`, up front), heap *committed* (grown and shrunk
by the collector) and pages *resident*. Allocating an array differs from Go: the JVM must hand
out zeroed memory and zeroes a large array itself, so its pages are touched at allocation.
This cell runs in the notebook's own JVM (serial collector), not in a fork.
"""),
("code", """
long[] memory() {
    long vm = 0, rss = 0;
    try {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) vm = Long.parseLong(line.replaceAll("\\\\D", ""));
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\\\D", ""));
        }
    } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
    Runtime rt = Runtime.getRuntime();
    return new long[]{rt.maxMemory() >> 20, rt.totalMemory() >> 20, vm >> 10, rss >> 10};   // MB
}

List<String> stages = new ArrayList<>();
List<long[]> readings = new ArrayList<>();
void reading(String stage) { stages.add(stage); readings.add(memory()); }
"""),
("code", """
{   // a block: `big` stays local, so no later fork re-creates it
    reading("start");
    byte[] big = new byte[200 << 20];
    reading("after `new byte[200 MB]`");
    for (int i = 0; i < big.length; i += 4096) big[i] = 1;
    reading("after writing one byte per page");
    big = null;
    System.gc();
    reading("after dropping it and `System.gc()`");
}
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| stage | reserved heap | committed heap | virtual | resident |\\n|---|---|---|---|---|\\n");
    for (int i = 0; i < stages.size(); i++) {
        long[] r = readings.get(i);
        sb.append(String.format("| %s | %d MB | %d MB | %d MB | %d MB |%n", stages.get(i), r[0], r[1], r[2], r[3]));
    }
    long jumpAlloc = readings.get(1)[3] - readings.get(0)[3], jumpWrite = readings.get(2)[3] - readings.get(1)[3];
    display(markdown(sb + String.format("%nThe resident set grew by **%d MB at allocation** and by **%d MB at the first "
        + "writes**: the JVM's zeroing touched the pages, so an untouched Java array is resident anyway — one place "
        + "where the seed's advice does not carry over. It can grow by more than the array: the collector grows "
        + "the committed heap to make room, and memory it has worked in stays resident.", jumpAlloc, jumpWrite)));
}
"""),
("md", """
After the array is dropped, whether the memory goes back to the OS depends on the collector.
The serial and parallel collectors shrink the committed heap only after a full collection,
when more than `MaxHeapFreeRatio` of it is free, and by default only part of the way at a time
(`ShrinkHeapInSteps`); G1 also uncommits after full collections and, with
`G1PeriodicGCInterval`, when idle; ZGC uncommits unused memory after `ZUncommitDelay`.

## Exercises
1. Run Epsilon with a larger heap. How long does the run last, and why does that tell you the
   cell's allocation rate?
2. Add `-XX:MaxGCPauseMillis=5` to G1. What happens to the count and the pauses?
"""),
("md", "### Solution 1\nThe run lasts until the heap is full, so heap size divided by run time is the allocation rate; doubling the heap doubles the time:"),
("solution", """
%%gclog --duration 5s --gc epsilon -Xmx256m
churn(1_000);
"""),
("solution", """
// inputs: 256 MB
markdown(String.format("Epsilon with 256 MB: **%s MB** allocated in %s s, i.e. %s MB/s — the rate the collector "
    + "would have to keep up with.", sig(gc(_gclog, 0, "allocated_mb")), sig(gc(_gclog, 0, "wall_s")),
    sig(gc(_gclog, 0, "allocated_mb") / gc(_gclog, 0, "wall_s"))))
"""),
("md", "### Solution 2"),
("solution", """
%%gclog --duration 3s --compare "--gc g1 -Xmx256m" "--gc g1 -Xmx256m -XX:MaxGCPauseMillis=5"
churn(1_000);
"""),
("solution", """
markdown(String.format("Default pause goal: %s collections, p99 pause %s; `MaxGCPauseMillis=5`: %s collections, "
    + "p99 pause %s. A tighter goal makes G1 choose a smaller young generation to meet it: %s, %s. A pause goal is a "
    + "target G1 steers towards from its own predictions, not a guarantee.",
    count(gc(_gclog, 0, "gc_count")), time(gc(_gclog, 0, "pause", "p99_ms") * 1e6),
    count(gc(_gclog, 1, "gc_count")), time(gc(_gclog, 1, "pause", "p99_ms") * 1e6),
    gc(_gclog, 1, "gc_count") > gc(_gclog, 0, "gc_count") ? "more collections" : "no more collections in this run",
    gc(_gclog, 1, "pause", "p99_ms") < gc(_gclog, 0, "pause", "p99_ms") ? "with shorter p99 pauses" : "but no shorter p99 pauses in this run"))
"""),
("seedrow", """
{
    Result slow = kept.get("slow"), fast = kept.get("fast");
    double rate = gc(fast, 0, "alloc_rate_mb_s") / gc(slow, 0, "alloc_rate_mb_s");
    double collections = gc(fast, 0, "gc_count") / Math.max(1, gc(slow, 0, "gc_count"));
    display(seedRow(String.format("%s the allocation rate, %s the collections", times(rate), times(collections)),
        collections > rate / 2 && collections < rate * 2 ? "same: collections follow the allocation rate" : "differs in this run"));
}
"""),
("md", """
## Takeaways
- With a fixed live set, GC frequency follows the allocation rate: cut allocation first.
- A bigger heap means fewer collections; pause length depends on survivors and on the
  collector's per-collection overhead, not on the heap size alone.
- `SoftMaxHeapSize` (ZGC) is the closest JVM counterpart to `GOMEMLIMIT`; Epsilon is the no-GC control.
- Java arrays are zeroed at allocation, so "allocated but untouched" memory is resident anyway.
"""),
]

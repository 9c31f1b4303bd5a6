TITLE = "GC logs and tuning"
CELLS = [
("md", """
# 10 · GC logs and tuning

**Question.** What drives how often the collector runs? With a fixed live set, GC frequency
tracks the *allocation rate*: allocate 40× faster and you get about 40× more young
collections. Then: the same workload under different collectors and heap sizes, and the
difference between heap that is reserved and memory that is really used.

*Ports:* the GC sections of *High Performance Go*, the tutorial and chapter 5 of *Efficient Go*
(`GODEBUG=gctrace=1`, `GOGC`, `GOMEMLIMIT`). On the JVM the knobs are the collector, `-Xmx`/
`-Xms` and pause goals, and the trace is `-Xlog:gc*`.
"""),
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
Both runs use the serial collector with a fixed 16 MB young generation, so a young collection
happens each time about 13 MB of eden fills. The second cell allocates 40× more per step.
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
churn(50);
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
churn(2_000);
"""),
("md", """
Compare the *Collections* and *Allocation rate* rows: the rate goes up by roughly 30–40× (a
little less than 40× because allocating 2 MB takes time of its own next to the 1 ms pause) and
the collection count follows it (a quick run here: 40 MB/s → 1250 MB/s, 3 → 98 collections). Pauses per collection stay similar — a young collection's cost
depends on what *survives*, and the live set is the same — so total pause time grows with the
count. This is the seed's central GC fact (about 40× the rate, about 40× the collections), and
the reason to reduce the allocation rate before touching any GC setting.

## Collectors and heap sizes
`--compare` runs the same code under each configuration and puts the runs side by side.
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx256m" "--gc parallel -Xmx256m" "--gc serial -Xmx256m" "--gc z -Xmx256m"
churn(1_000);
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx64m" "--gc g1 -Xmx256m" "--gc g1 -Xmx1g"
churn(1_000);
"""),
("md", """
A larger heap means a larger young generation, fewer collections and (for this live set) the
same cost per collection — the JVM's version of raising `GOGC` (a quick run: 18 collections at
64 MB, 6 at 256 MB, 4 at 1 GB). Among collectors, ZGC does its work concurrently: its pauses are
microseconds instead of milliseconds, paid for with GC threads running beside the application
and a larger heap footprint.

## Reserved, committed, resident
Go's seed example allocates a large array without touching it: the Go runtime gets fresh pages
from the OS, which stay out of the resident set until written. The JVM has three numbers:
address space *reserved* for the heap (`-Xmx`, up front), heap *committed* (grown and shrunk
by the collector) and pages *resident*. Allocating an array is different from Go: the JVM
must hand out zeroed memory, and it zeroes a large array itself — so a new 200 MB array is
resident at once, touched or not. This cell runs in the notebook's own JVM, not in a fork.
"""),
("code", """
String memory(String label) {
    long vm = 0, rss = 0;
    try {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) vm = Long.parseLong(line.replaceAll("\\\\D", ""));
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\\\D", ""));
        }
    } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
    Runtime rt = Runtime.getRuntime();
    return String.format("%-34s reserved heap %5d MB  committed %5d MB  virtual %6d MB  resident %5d MB%n",
            label, rt.maxMemory() >> 20, rt.totalMemory() >> 20, vm >> 10, rss >> 10);
}
"""),
("code", """
StringBuilder report = new StringBuilder(memory("start"));
byte[] big = new byte[200 << 20];
report.append(memory("after new byte[200 MB]"));
for (int i = 0; i < big.length; i += 4096) big[i] = 1;
report.append(memory("after writing one byte per page"));
big = null;
System.gc();
report.append(memory("after dropping it and System.gc()"));
System.out.print(report);
"""),
("md", """
The resident set jumps at allocation, not at first write, and writing one byte per page adds
nothing: the JVM's zeroing already touched every page. It may jump by much more than 200 MB:
to make room for the array the collector grows the committed heap (here to its `-Xmx`), and
memory the collector has worked in stays resident. On the quick run that produced these notes
resident memory went from about 50 MB to about 960 MB. In Go the untouched array would not
count until written — one of the places where the seed's advice does not carry over. After the array is
dropped, whether the memory goes back to the OS depends on the collector (the serial collector
of this kernel shrinks the committed heap only after full collections, and only down to
`MinHeapFreeRatio`). The JVM's answers to `GOMEMLIMIT` are a hard `-Xmx`, plus
`-XX:SoftMaxHeapSize` for ZGC and G1's periodic uncommit.

## Exercises
1. Add `--gc epsilon -Xmx64m`: a collector that never collects. When does it run out?
2. Try `-jvmArgs "-XX:MaxGCPauseMillis=5"` with G1. What happens to the count and the pauses?
"""),
]

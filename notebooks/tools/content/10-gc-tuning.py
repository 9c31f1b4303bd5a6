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

void churn(int allocationsPerRound, int size) {
    for (int i = 0; i < allocationsPerRound; i++) {
        byte[] b = new byte[size];
        b[0] = 1;
        live[i & 255] = (i & 1023) == 0 ? b : live[i & 255];   // keeps a small, steady live set
    }
}
"""),
("md", "## Allocation rate drives GC frequency"),
("code", """
%%gclog --duration 3s -Xmx256m --gc g1
churn(2_000, 256);
"""),
("code", """
%%gclog --duration 3s -Xmx256m --gc g1
churn(80_000, 256);
"""),
("md", """
Compare the collection counts: the second cell allocates 40× more per round. Pauses per
collection stay similar (young GC cost depends on what *survives*, and the live set is the
same), so total pause time grows with the count.

## Collectors and heap sizes
`--compare` runs the same code under each configuration and puts the runs side by side.
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx256m" "--gc parallel -Xmx256m" "--gc serial -Xmx256m" "--gc z -Xmx256m"
churn(40_000, 512);
"""),
("code", """
%%gclog --duration 3s --compare "--gc g1 -Xmx64m" "--gc g1 -Xmx256m" "--gc g1 -Xmx1g"
churn(40_000, 512);
"""),
("md", """
A larger heap means a larger young generation, fewer collections and (for this live set) the
same cost per collection — the JVM's version of raising `GOGC`.

## Reserved is not used
An array that is allocated but never written costs address space, not resident memory, until
its pages are touched. (Java zeroes new arrays, but the OS hands out zero pages lazily for large
allocations.)
"""),
("code", """
long rssKb() throws Exception {
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")))
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\\\D", ""));
    return -1;
}
"""),
("code", """
long base = rssKb();
byte[] big = new byte[200 * 1024 * 1024];
long untouched = rssKb();
for (int i = 0; i < big.length; i += 4096) big[i] = 1;
long touched = rssKb();
big = null;
String.format("RSS: start %d MB, after new byte[200 MB] %d MB, after touching every page %d MB",
              base / 1024, untouched / 1024, touched / 1024)
"""),
("md", """
## Exercises
1. Add `--gc epsilon -Xmx64m`: a collector that never collects. When does it run out?
2. Try `-jvmArgs "-XX:MaxGCPauseMillis=5"` with G1. What happens to the count and the pauses?
"""),
]

TITLE = "Sum II: constant memory"
CELLS = [
("md", """
# 08 · Sum II: constant memory

**Question.** Can the sum use the same, small amount of memory whatever the file size? Reading
line by line still makes a `String` per line; a fixed byte buffer makes nothing per line. The
check is that bytes per operation do **not** grow with *N*, and that the GC log shows the
collector (almost) idle while summing — where the line-by-line version keeps it busy.

*Ports:* chapter 10 of *Efficient Go*. (Go: a fixed-buffer version used about 8.3 KB per call
for 10 M and for 100 M lines alike.)
"""),
("helpers", ""),
("code", """
import java.nio.file.*;
import java.io.*;

Path makeInput(int lines) throws IOException {
    Path p = Files.createTempFile("sum-", ".txt");
    p.toFile().deleteOnExit();
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < lines; i++) { w.write(Integer.toString(r.nextInt(1_000_000))); w.write('\\n'); }
    }
    return p;
}

long sumLines(Path file) throws IOException {
    long sum = 0;
    try (BufferedReader r = Files.newBufferedReader(file)) {
        for (String line; (line = r.readLine()) != null; ) sum += Long.parseLong(line);
    }
    return sum;
}

long sumBuffered(Path file) throws IOException {
    byte[] buf = new byte[8192];
    long sum = 0, v = 0;
    try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\\n') { sum += v; v = 0; } else v = v * 10 + (b - '0');
            }
        }
    }
    return sum + v;
}

Path check = makeInput(50_000);
if (sumLines(check) != sumBuffered(check)) throw new AssertionError();
"both agree"
"""),
("md", "## Bytes per operation against *N*"),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc -tu ms --baseline lineByLine -p lines=1000,100000,1000000 -o sizes --budget "buffered: gc.alloc.rate.norm < 20000"
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
@Benchmark public long buffered() throws IOException { return sumBuffered(file); }
"""),
("code", """
{   // inputs: 8 KB
    StringBuilder sb = new StringBuilder("| lines | lineByLine B/op | buffered B/op | lineByLine time | buffered time |\\n|---|---|---|---|---|\\n");
    for (String n : List.of("1000", "100000", "1000000")) {
        String p = "lines=" + n;
        sb.append(String.format("| %s | %s | %s | %s | %s |%n", n, bytes(bytesPerOp(sizes, "lineByLine", p)),
            bytes(bytesPerOp(sizes, "buffered", p)), time(med(sizes, "lineByLine", p)), time(med(sizes, "buffered", p))));
    }
    double perLine = bytesPerOp(sizes, "lineByLine", "lines=1000000") / 1e6;
    display(markdown(sb + String.format("%n`lineByLine` grows linearly, %s per line (a `String` and its bytes); "
        + "`buffered` stays between %s and %s whatever the size — its 8 KB buffer plus the stream (Go: 8.3 KB at 10 M and "
        + "100 M lines). Time still grows linearly for both, since every byte is read once; at a million lines the "
        + "buffered version, which creates nothing per line, against `lineByLine`: %s.",
        bytes(perLine), bytes(Math.min(bytesPerOp(sizes, "buffered", "lines=1000"), bytesPerOp(sizes, "buffered", "lines=1000000"))),
        bytes(Math.max(bytesPerOp(sizes, "buffered", "lines=1000"), bytesPerOp(sizes, "buffered", "lines=1000000"))),
        verdict(sizes, "buffered", "lineByLine", "lines=1000000"))));
}
"""),
("md", """
## The GC's view
`%gclog` calls a cell over and over for a fixed time and parses the JVM's `-Xlog:gc*` output
(`GODEBUG=gctrace=1` in Go). Both cells sum the same 50 000-line file, created once when the
forked JVM rebuilds the session's `check` variable, so the log shows the summing alone. The
serial collector with a fixed young generation makes the counts comparable.
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
sumBuffered(check);
"""),
("code", "keep(\"buffered\", _gclog);"),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
sumLines(check);
"""),
("code", """
{
    Result b = kept.get("buffered"), l = _gclog;
    display(markdown(String.format("Same file, same time: the buffered sum ran **%s collections** (allocating %s MB/s), "
        + "the line-by-line sum **%s** (%s MB/s). Each of those collections is cheap, since nothing survives, but it is "
        + "work the buffered version never causes, and it grows with the file.",
        count(gc(b, 0, "gc_count")), sig(gc(b, 0, "alloc_rate_mb_s")), count(gc(l, 0, "gc_count")), sig(gc(l, 0, "alloc_rate_mb_s")))));
}
"""),
("md", """
## Exercises
1. Vary the buffer size. Where does time stop improving?
2. Sum a large file with both versions under a small heap (`-Xmx32m`). Which one still works?
"""),
("md", "### Solution 1"),
("solution", """
long sumWith(Path file, int size) throws IOException {
    byte[] buf = new byte[size];
    long sum = 0, v = 0;
    try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buf)) > 0; )
            for (int i = 0; i < n; i++) { byte b = buf[i]; if (b == '\\n') { sum += v; v = 0; } else v = v * 10 + (b - '0'); }
    }
    return sum + v;
}
"""),
("solution", """
%%bench -f 5 -wi 3 -i 3 -tu ms -p size=512,8192,131072,1048576 -o buffers
@Param({"8192"}) int size;
@Benchmark public long sum() throws IOException { return sumWith(check, size); }
"""),
("solution", """
{
    StringBuilder sb = new StringBuilder();
    for (String n : List.of("512", "8192", "131072", "1048576"))
        sb.append(String.format("- %s-byte buffer: %s%n", n, time(med(buffers, "sum", "size=" + n))));
    display(markdown(sb + "\\nPast a few kilobytes each `read` call already moves enough bytes that the per-call "
        + "cost disappears in the parsing loop; larger buffers only cost memory."));
}
"""),
("md", "### Solution 2\nThe buffered sum needs its buffer only; the line reader needs one line at a time too, so both work under a small heap — it is `Files.readString` (notebook 07's naive version) that needs the whole file in memory:"),
("solution", """
%%gclog --duration 2s --gc serial -Xmx32m
sumLines(check);
"""),
("solution", """
markdown(String.format("Under `-Xmx32m` the line-by-line sum ran %s calls with %s collections and %s.",
    count(gc(_gclog, 0, "calls")), count(gc(_gclog, 0, "gc_count")),
    _gclog.get("runs", 0, "out_of_memory").equals(Boolean.TRUE) ? "ran out of memory" : "no out-of-memory error"))
"""),
("seedrow", """
{
    double small = bytesPerOp(sizes, "buffered", "lines=1000"), large = bytesPerOp(sizes, "buffered", "lines=1000000");
    display(seedRow(String.format("buffered %s at a thousand lines, %s at a million", bytes(small), bytes(large)),
        Math.abs(large - small) < 0.1 * small ? "same: flat in N, at nearly Go's figure" : "differs: B/op grew with N"));
}
"""),
("md", """
## Takeaways
- Constant memory means B/op flat in N: check it across sizes, and pin it with a budget.
- A fixed buffer removes per-line objects, and with them most of the collector's work.
- Time still grows with the input; memory need not.
"""),
]

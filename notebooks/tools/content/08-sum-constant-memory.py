TITLE = "Sum II: constant memory"
CELLS = [
("md", """
# 08 · Sum II: constant memory

**Question.** Can the sum use the same, small amount of memory whatever the file size? Reading
line by line still makes a `String` per line; a fixed byte buffer makes nothing per line. The
check is that bytes per operation do **not** grow with *N*, and that the GC log shows the
collector (almost) idle while summing — where the line-by-line version keeps it busy.

*Ports:* chapter 10 of *Efficient Go*: a fixed-buffer Go version used about 8.3 KB per call for
10 M and for 100 M lines alike.
"""),
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
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc -tu ms -p lines=1000,100000,1000000 --budget "buffered: gc.alloc.rate.norm < 20000"
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
@Benchmark public long buffered() throws IOException { return sumBuffered(file); }
"""),
("md", """
`lineByLine` grows linearly (a `String` and its bytes per line, about 48 B); `buffered` stays
flat at about 8.6 KB — its 8 KB buffer plus the stream — at every size, practically the same
figure as Go's 8.3 KB at 10 M and 100 M lines. Time still grows linearly for both (every byte
is read once), but the buffered version is several times faster because it creates nothing
per line. The budget holds
for every size, so this cell fails if a change ever makes the sum allocate per line.

## The GC's view
`%gclog` calls a cell over and over for a fixed time and parses the JVM's `-Xlog:gc*` output
(`GODEBUG=gctrace=1` in Go). Both cells sum the same 50 000-line file, created once when the
forked JVM rebuilds the session's `check` variable, so the log shows the summing alone. The
serial collector with a fixed 16 MB young generation makes the counts comparable.
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
sumBuffered(check);
"""),
("code", """
%%gclog --duration 3s --gc serial -Xmx64m -XX:NewSize=16m -XX:MaxNewSize=16m
sumLines(check);
"""),
("md", """
The buffered sum allocates one 8 KB buffer and a stream per call, so eden fills slowly: few
collections, or none, in the whole run. The line-by-line sum makes a `String` per line —
about 2.4 MB per call for this file — and the young collector runs many times a second. Each of
those collections is cheap (nothing survives), but it is work the buffered version never
causes, and it grows with the file.

## Exercises
1. Vary the buffer size (512 B … 1 MB). Where does time stop improving?
2. Use `FileChannel` with a direct `ByteBuffer`. Does B/op change? Does time?
3. Sum a 10 M-line file with both versions under `-Xmx32m`. Which one still works?
"""),
]

TITLE = "Sum II: constant memory"
CELLS = [
("md", """
# 08 · Sum II: constant memory

**Question.** Can the sum use the same, small amount of memory whatever the file size? Reading
line by line still makes a `String` per line; a fixed byte buffer makes nothing per line. The
check is that bytes per operation do **not** grow with *N*, and that the GC log shows no
collections while summing.

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
`lineByLine` grows linearly (a `String` and its bytes per line); `buffered` stays flat at about
the size of its 8 KB buffer plus the stream — the same figure as Go's 8.3 KB. The budget holds
for every size, so this cell fails if a change ever makes the sum allocate per line.

## The GC's view
"""),
("code", """
%%gclog --duration 3s -Xmx64m
Path p = makeInput(300_000);
for (int i = 0; i < 3; i++) sumBuffered(p);
Files.deleteIfExists(p);
"""),
("md", """
Creating the input allocates (and may trigger a few young collections); the summing loops do
not. Swap `sumBuffered` for `sumLines` and the collections continue while summing.

## Exercises
1. Vary the buffer size (512 B … 1 MB). Where does time stop improving?
2. Use `FileChannel` with a direct `ByteBuffer`. Does B/op change? Does time?
"""),
]

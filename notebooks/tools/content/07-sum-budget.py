TITLE = "Sum I: optimise to a budget"
CELLS = [
("md", """
# 07 · Sum I: optimise to a budget

**Question.** A function sums the integers in a file, one per line. The requirement, written
*before* optimising (Efficient Go's RAER): **for files up to 2 million lines, at most 30 ns and
no more than 40 bytes allocated per line**. How far is the obvious version from that budget,
where does its time go, and which single changes bring it inside?

*Ports:* chapters 3, 7, 8 and 10 of *Efficient Go*. In Go the naive sum took 2.79 µs and 872 B
for an empty file and 78.4 ms and 60.8 MB for 2 M lines; one change per step took it from
101 ms to 50, 25 and 13.6 ms.
"""),
("code", """
import java.nio.file.*;
import java.io.*;

Path makeInput(int lines) throws IOException {
    Path p = Files.createTempFile("sum-", ".txt");
    p.toFile().deleteOnExit();
    StringBuilder sb = new StringBuilder(lines * 8);
    java.util.Random r = new java.util.Random(42);
    for (int i = 0; i < lines; i++) sb.append(r.nextInt(1_000_000)).append('\\n');
    Files.writeString(p, sb);
    return p;
}

long sumNaive(Path file) throws IOException {
    long sum = 0;
    for (String line : Files.readString(file).split("\\n")) {
        if (!line.isEmpty()) sum += Long.parseLong(line);
    }
    return sum;
}

long sumLines(Path file) throws IOException {
    long sum = 0;
    try (BufferedReader r = Files.newBufferedReader(file)) {
        for (String line; (line = r.readLine()) != null; ) sum += Long.parseLong(line);
    }
    return sum;
}

long sumBytes(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long sum = 0, v = 0;
    for (byte b : all) {
        if (b == '\\n') { sum += v; v = 0; } else v = v * 10 + (b - '0');
    }
    return sum + v;
}
"""),
("md", "## A test first: every version must agree"),
("code", """
Path sample = makeInput(10_000);
long expected = sumNaive(sample);
if (sumLines(sample) != expected || sumBytes(sample) != expected) throw new AssertionError();
expected
"""),
("md", """
## The baseline against the budget, across sizes
Divide the score by the number of lines for the cost per line. The sweep chart fits the
scores on log-log axes and names a complexity class. Read it with care: the fixed cost of one
call (opening and reading a file at all) flattens the small sizes, so the fitted slope comes
out below 1 although the cost per line is roughly constant from 100 000 lines on — check
ns/line at the large sizes, where the fixed cost no longer matters. The one-line file stands in for Go's empty file
(a log axis has no room for 0). The budget itself is checked further down, at the largest size.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc -tu ms -p lines=1,1000,100000,2000000
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
"""),
("md", """
Linear, as expected, but far over budget per line: reading the whole file into one `String`,
splitting it into an array of `String`s and parsing each costs several objects per line —
about 82 bytes per line (164 MB per call at 2 M lines, where Go's naive version needed
60.8 MB, about 30 B per line). Java pays more per line because each line becomes a `String`
*object* with its own byte array (24 + 24 bytes), where a Go string is a 16-byte header that can
point into the file's buffer. The fixed cost of one call (a few hundred bytes, some
microseconds) is of the same order as Go's 872 B and 2.79 µs.

Absolute times from this 2-core machine are slower than the book's laptop, and slower still
when other work shares the CPU (the load warning under the table); compare within one table.

## Where does the time go?
"""),
("code", """
%%profile --duration 5s --top 8
Path p = makeInput(200_000);
for (int i = 0; i < 5; i++) sumNaive(p);
Files.deleteIfExists(p);
"""),
("md", """
The profile puts most samples under `String.split` and `Long.parseLong` — object creation and
character-by-character checks, not arithmetic — with the input generation (`makeInput`) visible
as well: profile what the measurement would include, and read past set-up work.

## One change at a time
Each version changes one thing. Scaled to 2 M lines the requirement is 30 ns × 2 M = 60 ms
and 40 B × 2 M = 80 MB per call. The byte limit is exact arithmetic and holds on any machine,
so it is a budget line as written. Absolute time is not: on this shared 2-core machine the
same code varies by 2× or more between runs, so a `score < 60 ms/op` line would fail for
reasons unrelated to the code. The notebook therefore pins the *relative* gain (the byte
version at most a quarter of the naive one's time) and leaves the absolute line for the
machine the requirement is about: there, add `--budget "bytes: score < 60 ms/op"`.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc -tu ms --baseline naive -p lines=2000000 --budget "bytes: alloc < 80000000" --budget "bytes: ratio < 0.25"
@Param({"2000000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
@Benchmark public long bytes() throws IOException { return sumBytes(file); }
"""),
("md", """
Each step removes a layer of objects: no giant `String` and array of substrings (naive), then
no `String` per line (bytes). The byte version meets the byte budget and, at
some 25–30 ms per call even in a quick run on a busy machine, the time requirement too — time
to stop, as the book says, rather than keep optimising. Its remaining allocation is the file itself, read into
one array (about 7 bytes per line); notebook 08 removes even that.

**Against Go.** The Go book went 101 → 50 → 25 → 13.6 ms over four steps (7× in all); the Java
steps go the same way but the overall factor is larger — the byte version is some 20–30×
faster than the naive one here, and `lineByLine` sits in between. The naive Java version starts
further behind because it allocates more per line (see above) and has to copy and collect all
of it; compact strings (one byte per Latin-1 character) and a cheap young collection soften
that, but do not remove it. The byte version ends in the same place as Go's last step: a
single pass over the bytes, a few nanoseconds per line.

## Exercises
1. `sumBytes` still reads the whole file into memory. Notebook 08 fixes that; what is its
   B/op at 2 M lines now?
2. Add negative numbers to the input. Which versions break, and what does the test cell say?
"""),
]

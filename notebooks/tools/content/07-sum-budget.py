TITLE = "Sum I: optimise to a budget"
CELLS = [
("md", """
# 07 · Sum I: optimise to a budget

**Question.** A function sums the integers in a file, one per line. The requirement, written
*before* optimising (Efficient Go's RAER): **for files up to 2 million lines, at most 30 ns and
no more than 40 bytes allocated per line**. How far is the obvious version from that budget,
where does its time go, and which single changes bring it inside?
<!-- inputs: 30 ns; 40 bytes -->

*Ports:* chapters 3, 7, 8 and 10 of *Efficient Go*. (Go: the naive sum took 2.79 µs and 872 B
for an empty file and 78.4 ms and 60.8 MB for 2 M lines; one change per step took it from
101 ms to 50, 25 and 13.6 ms.)
"""),
("helpers", ""),
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

// Version 0, the obvious one: the whole file as one String, split into lines, each parsed.
long sumNaive(Path file) throws IOException {
    long sum = 0;
    for (String line : Files.readString(file).split("\\n")) {
        if (!line.isEmpty()) sum += Long.parseLong(line);
    }
    return sum;
}

// Version 1 changes the I/O only: stream the lines instead of one String and an array of them.
long sumLines(Path file) throws IOException {
    long sum = 0;
    try (BufferedReader r = Files.newBufferedReader(file)) {
        for (String line; (line = r.readLine()) != null; ) sum += Long.parseLong(line);
    }
    return sum;
}

// Version 2 changes the parsing only: a digit loop instead of Long.parseLong's general checks.
long digits(String line) {
    long v = 0;
    for (int i = 0; i < line.length(); i++) v = v * 10 + (line.charAt(i) - '0');
    return v;
}

long sumLinesDigits(Path file) throws IOException {
    long sum = 0;
    try (BufferedReader r = Files.newBufferedReader(file)) {
        for (String line; (line = r.readLine()) != null; ) sum += digits(line);
    }
    return sum;
}

// Version 3 changes the representation only: the same digit loop over the bytes of a buffer the
// reader fills, instead of over the chars of a String per line.
long sumBytes(Path file) throws IOException {
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
"""),
("md", "## A test first: every version must agree"),
("code", """
Path sample = makeInput(10_000);
long expected = sumNaive(sample);
if (sumLines(sample) != expected || sumLinesDigits(sample) != expected || sumBytes(sample) != expected)
    throw new AssertionError();
expected
"""),
("md", """
## The baseline against the budget, across sizes
The sweep fits the scores on log-log axes. The one-line file stands in for Go's empty file (a
log axis has no room for 0). Divide by the number of lines for the cost per line, which is what
the budget is about.
"""),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc -tu ms -p lines=1,1000,100000,2000000 -o sweep
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
"""),
("code", """
{
    int[] sizes = {1, 1000, 100_000, 2_000_000};
    StringBuilder sb = new StringBuilder("| lines | time/op | per line | B/op | B per line |\\n|---|---|---|---|---|\\n");
    for (int n : sizes) {
        String p = "lines=" + n;
        sb.append(String.format("| %,d | %s | %s | %s | %s |%n", n, time(ns(sweep, "naive", p)), time(ns(sweep, "naive", p) / n),
            bytes(bytesPerOp(sweep, "naive", p)), bytes(bytesPerOp(sweep, "naive", p) / n)));
    }
    double small = ns(sweep, "naive", "lines=100000") / 100_000, large = ns(sweep, "naive", "lines=2000000") / 2_000_000;
    display(markdown(sb + String.format("%n(Go: 2.79 µs and 872 B for an empty file; 78.4 ms and 60.8 MB at 2 M lines.) "
        + "The fixed cost of one call (opening and reading a file at all) dominates the small sizes, which is why a "
        + "straight line through all four points has a slope below 1 — the fit's complexity label means little here. "
        + "From 100,000 to 2,000,000 lines the cost per line went from %s to %s: %s. Bytes per line are about "
        + "constant at the large sizes, and far over the budget: each line becomes a `String` object with its own "
        + "array, where a Go string is a header pointing into the file's buffer.",
        time(small), time(large),
        large / small > 1.5 ? "it *grows* with the file, most likely because the strings of a large file no longer fit in "
            + "cache or in the young generation, so the collector copies them and memory traffic dominates"
            : "roughly constant: linear from there on")));
}
"""),
("md", """
Absolute times depend on the machine and on what else runs on it (the load figure in the
environment block): compare within one table.

## Where does the time go?
"""),
("code", """
%%profile --duration 5s --top 8
for (int i = 0; i < 5; i++) sumNaive(sample);
"""),
("md", """
The profile puts the samples under `String.split`, `Long.parseLong` and the copying of the
file into a `String` — object creation and character checks, not arithmetic.

And what does the collector see? The naive version's cost is allocation, so its GC log is the
second view:
"""),
("code", """
%%gclog --duration 3s -Xmx256m
sumNaive(sample);
"""),
("code", """
markdown(String.format("Summing the 10,000-line sample over and over, the naive version allocates **%s MB/s** and "
    + "triggers **%s collections** in %s s (pauses total %s).", sig(gc(_gclog, 0, "alloc_rate_mb_s")),
    sig(gc(_gclog, 0, "gc_count")), sig(gc(_gclog, 0, "wall_s")), time(gc(_gclog, 0, "pause", "total_ms") * 1e6)))
"""),
("md", """
## One change at a time
Scaled to 2 M lines the requirement is a time and a byte limit per call. Each cell below
compares one version with the previous one, so each gain is attributed to one change; each
runs with the default ten forks a side, so the verdict of each step rests on an interval.
"""),
("md", "### Step 1: stream lines instead of one big `String` (I/O)"),
("code", """
%%bench -prof gc -tu ms --baseline naive -o step1
@Param({"2000000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
"""),
("md", "### Step 2: a digit loop instead of `Long.parseLong` (parsing)"),
("code", """
%%bench -prof gc -tu ms --baseline lineByLine -o step2
@Param({"2000000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
@Benchmark public long digitLoop() throws IOException { return sumLinesDigits(file); }
"""),
("md", "### Step 3: bytes instead of `String`s (representation), checked against the budget"),
("code", """
%%bench -prof gc -tu ms --baseline digitLoop -o step3 --budget "bytes: alloc < 80000000"
@Param({"2000000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long digitLoop() throws IOException { return sumLinesDigits(file); }
@Benchmark public long bytes() throws IOException { return sumBytes(file); }
"""),
("code", """
{
    double n = 2_000_000;
    String[][] steps = {{"step1", "naive", "lineByLine"}, {"step2", "lineByLine", "digitLoop"}, {"step3", "digitLoop", "bytes"}};
    Map<String, Result> runs = Map.of("step1", step1, "step2", step2, "step3", step3);
    StringBuilder sb = new StringBuilder("| step | from → to | time per call | new vs previous (over forks) | B per line |\\n|---|---|---|---|---|\\n");
    for (String[] s : steps) {
        Result r = runs.get(s[0]);
        sb.append(String.format("| %s | `%s` → `%s` | %s → %s | %s | %s → %s |%n", s[0], s[1], s[2], time(med(r, s[1])),
            time(med(r, s[2])), verdict(r, s[2], s[1], "lines=2000000"),
            bytes(bytesPerOp(r, s[1]) / n), bytes(bytesPerOp(r, s[2]) / n)));
    }
    double perLine = med(step3, "bytes") / n, bytesLine = bytesPerOp(step3, "bytes") / n;
    display(markdown(sb + String.format("%nOverall, `bytes` takes %s of the naive version's time (Go's four steps: "
        + "101 → 50 → 25 → 13.6 ms). The final version costs **%s and %s per line**: the byte budget is %s, and "
        + "the time budget is %s on this machine. %s",
        percent(med(step3, "bytes") / med(step1, "naive")), time(perLine), bytes(bytesLine),
        bytesLine <= 40 ? "met (the budget line pins it)" : "missed",
        perLine <= 30 ? "met" : "missed",
        perLine <= 30 ? "Time to stop, as the book says, rather than keep optimising."
                      : "The next step would be to avoid copying through the stream (a `FileChannel` and a direct buffer) or to split the work.")));
}
"""),
("md", """
The byte limit is exact arithmetic and holds on any machine, so it is a budget line as written.
Absolute time is not: on a shared machine the same code can vary severalfold between runs, so
a time budget line belongs on the machine the requirement is about (there, add
`--budget "bytes: score < 60 ms/op"`).

## Exercises
1. Notebook 08 removes the last per-call buffer growth. What does `sumBytes` allocate per call,
   and does it depend on the number of lines?
2. Add negative numbers to the input. Which versions break, and what does the test cell say?
"""),
("md", "### Solution 1\nOnly its 8 KB buffer and the stream: the same bytes at every size. <!-- inputs: 8 KB -->"),
("solution", """
%%bench -f 5 -wi 3 -i 3 -prof gc -tu ms -p lines=1000,100000 -o flat
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long bytes() throws IOException { return sumBytes(file); }
"""),
("solution", """
markdown(String.format("`sumBytes`: %s per call at 1,000 lines, %s at 100,000.",
    bytes(bytesPerOp(flat, "bytes", "lines=1000")), bytes(bytesPerOp(flat, "bytes", "lines=100000"))))
"""),
("md", "### Solution 2\nThe digit loops treat `-` as a digit (`'-' - '0'` is negative), so they return wrong sums; `Long.parseLong` handles the sign. The test cell catches it:"),
("solution", """
String signedSums() throws IOException {
    Path signed = Files.writeString(Files.createTempFile("signed-", ".txt"), "5\\n-3\\n10\\n");
    try {
        return "naive " + sumNaive(signed) + ", lineByLine " + sumLines(signed) + ", digitLoop " + sumLinesDigits(signed)
                + ", bytes " + sumBytes(signed) + " (expected 12)";
    } finally { Files.delete(signed); }
}
signedSums()
"""),
("seedrow", """
display(seedRow(String.format("naive %s → bytes %s at 2 M lines (%s of the time), %s per line",
        time(med(step1, "naive")), time(med(step3, "bytes")), percent(med(step3, "bytes") / med(step1, "naive")),
        bytes(bytesPerOp(step3, "bytes") / 2e6)),
    med(step3, "bytes") < med(step1, "naive") ? "same: one change per step reaches the byte budget" : "differs in this run"));
"""),
("md", """
## Takeaways
- Write the budget first (per line, in time and bytes), then measure against it across sizes.
- Read per-line cost at the sizes that matter; a log-log fit over sizes dominated by fixed cost misleads.
- Change one thing per step and compare each step with the previous one, fork by fork: claim a gain only when the ratio's interval excludes 1.
- Stop when the budget is met.
"""),
]

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
`ns/line` is the score divided by the number of lines; the sweep's fitted slope tells the
complexity class. The budget is checked for the largest size.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc -tu ms -p lines=0,1000,100000,2000000
@Param({"1000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
"""),
("md", """
Linear, as expected, but far over budget per line: reading the whole file into one `String`,
splitting it into an array of `String`s and parsing each costs several objects per line.

## Where does the time go?
"""),
("code", """
%%profile --duration 5s --top 8
Path p = makeInput(200_000);
for (int i = 0; i < 5; i++) sumNaive(p);
Files.deleteIfExists(p);
"""),
("md", "## One change at a time"),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc -tu ms --baseline naive -p lines=2000000 --budget "bytes: score < 60 ms/op"
@Param({"2000000"}) int lines;
Path file;

@Setup public void write() throws IOException { file = makeInput(lines); }
@TearDown public void delete() throws IOException { Files.deleteIfExists(file); }

@Benchmark public long naive() throws IOException { return sumNaive(file); }
@Benchmark public long lineByLine() throws IOException { return sumLines(file); }
@Benchmark public long bytes() throws IOException { return sumBytes(file); }
"""),
("md", """
Each step removes a layer of objects: no giant `String`, then no array of lines, then no line
`String`s at all. The byte version meets the budget with room to spare — time to stop, as the
book says, rather than keep optimising.

## Exercises
1. `sumBytes` still reads the whole file into memory. Notebook 08 fixes that; what is its
   B/op at 2 M lines now?
2. Add negative numbers to the input. Which versions break, and what does the test cell say?
"""),
]

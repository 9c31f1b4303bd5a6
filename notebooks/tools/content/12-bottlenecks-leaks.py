TITLE = "Bottlenecks and leaks"
CELLS = [
("md", """
# 12 · Bottlenecks and leaks

**Question.** A program is slow and its memory grows. Profiles answer *where*: flat vs
cumulative time, a flame graph, a custom JFR event that counts open files (the JVM's version
of a custom pprof profile), lock contention, and a resource that is never closed.

*Ports:* the profiling part of *High Performance Go* and chapters 9 and 11 of *Efficient Go*.
"""),
("helpers", ""),
("code", """
import java.util.*;

long checksum(int[] data) {
    long s = 0;
    for (int v : data) s += (v * 31L) ^ (v >>> 3);
    return s;
}

int[] prepare(int n) {
    int[] a = new int[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) a[i] = r.nextInt();
    Arrays.sort(a);
    return a;
}

long job() {
    int[] a = prepare(200_000);
    long s = 0;
    for (int i = 0; i < 20; i++) s += checksum(a);
    return s;
}
job()
"""),
("md", """
## Flat vs cumulative
*Flat* is time in a method's own code; *cumulative* includes what it calls. `job` has almost
no flat time but all of the cumulative; `checksum` and the sort have the flat time.
"""),
("code", """
%%profile --duration 4s --top 10
job();
"""),
("md", """
## A custom event: open files, by stack
Go's runtime lets a program define its own pprof profile; the seed tracks open files that way,
adding a file's stack at open and removing it at close, so the profile shows the stacks of
the files *still open*. The JVM's counterpart is a custom JDK Flight Recorder event: a class
extending `jdk.jfr.Event`, committed with its stack trace. Here one event at open and one at
close, matched by an id, give the same view. Any recording holds them, so the `.jfr` files
that `%profile` saves can be opened in JDK Mission Control too.
"""),
("code", """
import jdk.jfr.*;
import jdk.jfr.consumer.*;

@Name("perfkernel.OpenFile") @Label("Open file") @StackTrace(true)
class OpenFile extends Event { @Label("Id") long id; @Label("Path") String path; }

@Name("perfkernel.CloseFile") @Label("Close file") @StackTrace(false)
class CloseFile extends Event { @Label("Id") long id; }

/** A stream that reports its close, so opens without a close can be found. */
class TrackedStream extends java.io.FilterInputStream {
    final long id;
    TrackedStream(java.io.InputStream in, long id) { super(in); this.id = id; }
    @Override public void close() throws java.io.IOException {
        super.close();
        CloseFile e = new CloseFile();
        e.id = id;
        e.commit();
    }
}

long nextId = 0;
List<java.io.InputStream> leaked = new ArrayList<>();

java.io.InputStream open(java.nio.file.Path p) throws java.io.IOException {
    OpenFile e = new OpenFile();
    e.id = ++nextId;
    e.path = p.getFileName().toString();
    e.commit();
    return new TrackedStream(java.nio.file.Files.newInputStream(p), e.id);
}

void loadSettings(java.nio.file.Path p) throws java.io.IOException {
    try (var in = open(p)) { in.read(); }
}

void loadPlugin(java.nio.file.Path p) throws java.io.IOException {
    var in = open(p);
    in.read();
    leaked.add(in);   // BUG: never closed
}
"""),
("code", """
// Files.list keeps a directory open until its stream is closed: count inside try-with-resources,
// or the counting itself leaks a descriptor
long openFds() {
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
        return fds.count();
    } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
}

List<RecordedEvent> fileEvents = new ArrayList<>();

String runAndRecord() throws Exception {
    java.nio.file.Path cfg = java.nio.file.Files.createTempFile("cfg", ".txt");
    java.nio.file.Path rec = java.nio.file.Files.createTempFile("open-files", ".jfr");
    try (Recording r = new Recording()) {
        r.enable("perfkernel.OpenFile").withStackTrace();
        r.enable("perfkernel.CloseFile");
        java.nio.file.Files.writeString(cfg, "x=1");
        long before = openFds();
        r.start();
        for (int i = 0; i < 50; i++) {   // every tenth call forgets to close
            if (i % 10 == 0) loadPlugin(cfg); else loadSettings(cfg);
        }
        r.stop();
        long after = openFds();
        r.dump(rec);
        fileEvents.clear();
        fileEvents.addAll(RecordingFile.readAllEvents(rec));
        return "open file descriptors grew by " + (after - before) + " (expected 5 leaked)";
    } finally {
        java.nio.file.Files.deleteIfExists(rec);
        java.nio.file.Files.deleteIfExists(cfg);
    }
}
runAndRecord()
"""),
("code", """
{
    Set<Long> closed = new HashSet<>();
    for (RecordedEvent e : fileEvents) if (e.getEventType().getName().equals("perfkernel.CloseFile")) closed.add(e.getLong("id"));
    Map<String, int[]> byStack = new TreeMap<>();
    for (RecordedEvent e : fileEvents) {
        if (!e.getEventType().getName().equals("perfkernel.OpenFile")) continue;
        List<String> frames = new ArrayList<>();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String m = f.getMethod().getName();   // the notebook's own frames only (JShell puts them in REPL.*)
            if (frames.size() < 2 && f.getMethod().getType().getName().startsWith("REPL") && !m.equals("open")) frames.add(m);
        }
        int[] c = byStack.computeIfAbsent(String.join(" ← ", frames), k -> new int[2]);
        c[0]++;
        if (!closed.contains(e.getLong("id"))) c[1]++;
    }
    StringBuilder sb = new StringBuilder("| stack (innermost first) | opened | still open |\\n|---|---|---|\\n");
    byStack.forEach((k, c) -> sb.append(String.format("| `%s` | %d | %d |%n", k, c[0], c[1])));
    display(markdown(sb + "\\nThe descriptor count says *that* files leak; the events say *where*: every file still "
        + "open was opened from `loadPlugin`. Closing what was opened — `try`-with-resources, as `loadSettings` "
        + "does — fixes it."));
}
"""),
("code", """
for (var in : leaked) in.close();
leaked.clear();
"leaked streams closed"
"""),
("md", "## Lock contention\nTwo threads fighting over one monitor: the `lock` profile shows where they wait."),
("code", """
Object lock = new Object();
long counter = 0;

/** Increments the shared counter under one monitor: two of these fight over it. */
class Incrementer implements Runnable {
    final int rounds;
    Incrementer(int rounds) { this.rounds = rounds; }
    public void run() {
        for (int i = 0; i < rounds; i++) synchronized (lock) { counter++; Thread.onSpinWait(); }
    }
}

void contend(int rounds) throws InterruptedException {
    Thread a = new Thread(new Incrementer(rounds)), b = new Thread(new Incrementer(rounds));
    a.start(); b.start(); a.join(); b.join();
}
"""),
("code", """
%%profile --event lock --duration 3s --top 5
contend(200_000);
"""),
("md", """
The lock profile names `Incrementer.run`, the method whose monitor enter blocked. The contended
lines sit in that session method, not in the profiled cell, so the per-line listing of the cell
has nothing to show: read the top table and the flame graph.
"""),
("md", """
## Exercises
1. Replace the `synchronized` counter with a `LongAdder`. What does the lock profile show now?
2. Use `%profile --event wall` on a cell that sleeps half the time. Where does the idle time go?
"""),
("md", "### Solution 1\nNo monitor is taken any more, so there is nothing to record: the lock profile comes back empty (or shows only the JVM's own locks), and the threads spend their time in `LongAdder.add`."),
("solution", """
java.util.concurrent.atomic.LongAdder adder = new java.util.concurrent.atomic.LongAdder();

void contendAdder(int rounds) throws InterruptedException {
    Runnable r = () -> { for (int i = 0; i < rounds; i++) { adder.increment(); Thread.onSpinWait(); } };
    Thread a = new Thread(r), b = new Thread(r);
    a.start(); b.start(); a.join(); b.join();
}
"""),
("solution", """
%%profile --event lock --duration 3s --top 5
contendAdder(200_000);
"""),
("md", "### Solution 2\nIn the wall-clock view the sleeping half appears under `Thread.sleep`; a CPU profile would show only the working half."),
("solution", """
long halfAsleep() throws InterruptedException {
    long s = checksum(prepare(50_000));
    Thread.sleep(20);
    return s;
}
"""),
("solution", """
%%profile --event wall --duration 3s --top 5
halfAsleep();
"""),
("seedrow", """
{
    long opens = fileEvents.stream().filter(e -> e.getEventType().getName().equals("perfkernel.OpenFile")).count();
    long closes = fileEvents.stream().filter(e -> e.getEventType().getName().equals("perfkernel.CloseFile")).count();
    display(seedRow(String.format("%d opens, %d closes recorded; the open ones traced to their stack", opens, closes),
        "same capability: custom JFR events with stacks play the role of a custom pprof profile"));
}
"""),
("md", """
## Takeaways
- Flat time says where the CPU is; cumulative time says which call is responsible for it.
- A custom JFR event, committed with its stack, is the JVM's custom pprof profile: match opens
  and closes to see the stacks of resources still open.
- Count what leaks (descriptors, threads) before and after, and close in `try`-with-resources.
- Lock and wall-clock profiles show waiting, which a CPU profile cannot.
"""),
]

TITLE = "Bottlenecks and leaks"
CELLS = [
("md", """
# 12 · Bottlenecks and leaks

**Question.** A program is slow and its memory grows. Profiles answer *where*: flat vs
cumulative time, a flame graph, a custom JFR event that counts open files (the JVM's version
of a custom pprof profile), lock contention, and a resource that is never closed.

*Ports:* the profiling part of *High Performance Go* and chapters 9 and 11 of *Efficient Go*.
"""),
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
## A custom event: open files
Go's runtime lets a program define its own pprof profile (the seed counts open files this way).
The JVM's counterpart is a custom JDK Flight Recorder event: a class extending `jdk.jfr.Event`,
committed at each open. Any recording then holds every open with its stack trace — the `.jfr`
files that `%profile` saves can be opened in JDK Mission Control or printed with
`jfr print --events perfkernel.OpenFile`. Below, the same leak is also caught directly, by
counting the process's file descriptors.
"""),
("code", """
import jdk.jfr.*;

@Name("perfkernel.OpenFile") @Label("Open file")
class OpenFile extends Event { @Label("Path") String path; }

List<java.io.InputStream> leaked = new ArrayList<>();

void readConfig(java.nio.file.Path p, boolean close) throws Exception {
    OpenFile e = new OpenFile();
    e.path = p.toString();
    e.commit();
    var in = java.nio.file.Files.newInputStream(p);
    in.read();
    if (close) in.close(); else leaked.add(in);
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

java.nio.file.Path cfg = java.nio.file.Files.createTempFile("cfg", ".txt");
java.nio.file.Files.writeString(cfg, "x=1");
long openBefore = openFds();
for (int i = 0; i < 50; i++) readConfig(cfg, i % 10 != 0);   // every tenth call forgets to close
long openAfter = openFds();
"open file descriptors grew by " + (openAfter - openBefore) + " (expected 5 leaked)"
"""),
("md", "The descriptor count exposes the leak; closing what was opened — `try`-with-resources — fixes it. (A first draft of this cell counted with a bare `Files.list(...).count()` and saw 7 instead of 5: the counting stream was itself an unclosed resource.)"),
("code", """
for (var in : leaked) in.close();
leaked.clear();
java.nio.file.Files.delete(cfg);
openFds() - openBefore
"""),
("md", "## Lock contention\nTwo threads fighting over one monitor: the `lock` profile shows where they wait."),
("code", """
Object lock = new Object();
long counter = 0;

void contend(int rounds) throws InterruptedException {
    Runnable r = () -> { for (int i = 0; i < rounds; i++) synchronized (lock) { counter++; Thread.onSpinWait(); } };
    Thread a = new Thread(r), b = new Thread(r);
    a.start(); b.start(); a.join(); b.join();
}
"""),
("code", """
%%profile --event lock --duration 3s --top 5
contend(200_000);
"""),
("md", """
## Exercises
1. Replace the `synchronized` counter with a `LongAdder`. What does the lock profile show now?
2. Use `%profile --event wall` on a cell that sleeps half the time. Where does the idle time go?
3. Record `perfkernel.OpenFile` events with `%profile` and open the saved `.jfr` in JDK Mission
   Control.
"""),
]

TITLE = "Sum III: concurrency"
CELLS = [
("md", """
# 09 · Sum III: concurrency

**Question.** Will more threads make the sum faster? Only if each thread gets enough work to
pay for its coordination. We go from a task per line (far too fine) to a worker queue,
to shards of the file, to shards read with positional reads — and check that no thread leaks.

*Ports:* chapters 4, 10 and 11 of *Efficient Go*. (Go on 4 CPUs: 540 ms for a goroutine per
line, 207 ms for a worker queue, 6.9 ms sharded, 4.5 ms with positional reads.) The environment
block under each table says how many cores this run had.

Every version takes its thread pool as an argument: the pool is created once, outside the
timed region, as a server would, so the benchmarks time the work and its coordination, not
thread start-up.
"""),
("helpers", ""),
("code", """
import java.nio.file.*;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.io.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

int CPUS = Runtime.getRuntime().availableProcessors();

Path makeInput(int lines) throws IOException {
    Path p = Files.createTempFile("sum-", ".txt");
    p.toFile().deleteOnExit();
    try (BufferedWriter w = Files.newBufferedWriter(p)) {
        for (int i = 0; i < lines; i++) { w.write(Integer.toString(i % 1000)); w.write('\\n'); }
    }
    return p;
}

// Step 1: a task per line (Go: a goroutine per line)
long sumTaskPerLine(Path file, ExecutorService pool) throws Exception {
    LongAdder sum = new LongAdder();
    List<Future<?>> done = new ArrayList<>();
    for (String line : Files.readAllLines(file)) done.add(pool.submit(() -> sum.add(Long.parseLong(line))));
    for (Future<?> f : done) f.get();
    return sum.sum();
}

// Step 2: a worker queue: CPUS workers take lines from one queue; each keeps a private sum
long sumWorkerQueue(Path file, ExecutorService pool) throws Exception {
    BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    String end = new String("end");   // a unique marker object, compared by identity
    List<Future<Long>> parts = new ArrayList<>();
    for (int w = 0; w < CPUS; w++) parts.add(pool.submit(() -> {
        long s = 0;
        for (String l; (l = lines.take()) != end; ) s += Long.parseLong(l);
        return s;
    }));
    try (BufferedReader r = Files.newBufferedReader(file)) {
        for (String l; (l = r.readLine()) != null; ) lines.put(l);
    }
    for (int w = 0; w < CPUS; w++) lines.put(end);
    long total = 0;
    for (Future<Long> f : parts) total += f.get();
    return total;
}

long sumShard(byte[] data, int from, int to) {
    while (from > 0 && from < data.length && data[from - 1] != '\\n') from++;
    while (to < data.length && data[to - 1] != '\\n') to++;
    long sum = 0, v = 0;
    for (int i = from; i < to; i++) {
        byte b = data[i];
        if (b == '\\n') { sum += v; v = 0; } else v = v * 10 + (b - '0');
    }
    return sum + v;
}

// Step 3: shards of the bytes. The whole file is read first, on one thread: only the parsing is parallel.
long sumSharded(Path file, ExecutorService pool) throws Exception {
    byte[] data = Files.readAllBytes(file);
    List<Future<Long>> parts = new ArrayList<>();
    int step = data.length / CPUS + 1;
    for (int s = 0; s < data.length; s += step) {
        int from = s, to = Math.min(data.length, s + step);
        parts.add(pool.submit(() -> sumShard(data, from, to)));
    }
    long total = 0;
    for (Future<Long> f : parts) total += f.get();
    return total;
}

// Step 4: positional reads: each worker reads only its own byte range of the file, with its own small
// buffer, so the file is never loaded whole. A line belongs to the shard in which it starts.
long sumRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    boolean skipping = false;
    if (from > 0) {
        ByteBuffer prev = ByteBuffer.allocate(1);
        ch.read(prev, from - 1);
        skipping = prev.get(0) != '\\n';   // the line in progress belongs to the previous shard
    }
    boolean atLineStart = !skipping;
    long sum = 0, v = 0, pos = from;
    for (int n; (n = ch.read(buf.clear(), pos)) > 0; pos += n) {
        for (int i = 0; i < n; i++) {
            byte b = buf.get(i);
            if (skipping) { if (b == '\\n') { skipping = false; atLineStart = true; } continue; }
            if (atLineStart && pos + i >= to) return sum;
            atLineStart = false;
            if (b == '\\n') { sum += v; v = 0; atLineStart = true; } else v = v * 10 + (b - '0');
        }
    }
    return sum + v;
}

long sumPositional(Path file, ExecutorService pool) throws Exception {
    try (FileChannel ch = FileChannel.open(file)) {
        long size = ch.size(), step = size / CPUS + 1;
        List<Future<Long>> parts = new ArrayList<>();
        for (long s = 0; s < size; s += step) {
            long from = s, to = Math.min(size, s + step);
            parts.add(pool.submit(() -> sumRange(ch, from, to)));
        }
        long total = 0;
        for (Future<Long> f : parts) total += f.get();
        return total;
    }
}

long sumSequential(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    return sumShard(data, 0, data.length);
}

Path sample = makeInput(100_000);
long want = sumSequential(sample);
String checkAll() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CPUS);
    try {
        if (sumTaskPerLine(sample, pool) != want || sumWorkerQueue(sample, pool) != want
                || sumSharded(sample, pool) != want || sumPositional(sample, pool) != want)
            throw new AssertionError();
        // shard boundaries in awkward places: every file size from 0 to 40 bytes
        for (int k = 0; k <= 12; k++) {
            Path small = makeInput(k);
            long seq = sumSequential(small);
            if (sumPositional(small, pool) != seq || sumSharded(small, pool) != seq || sumWorkerQueue(small, pool) != seq)
                throw new AssertionError("mismatch for " + k + " lines");
            Files.delete(small);
        }
        return "all agree: " + want;
    } finally { pool.shutdownNow(); }
}
checkAll()
"""),
("md", "## Fine-grained tasks vs shards"),
("code", """
%%bench -tu ms --baseline sequential -o steps --budget "taskPerLine: ratio > 10"
@Param({"200000"}) int lines;
Path file;
ExecutorService pool;

@Setup public void start() throws IOException { file = makeInput(lines); pool = Executors.newFixedThreadPool(CPUS); }
@TearDown public void stop() throws IOException { pool.shutdownNow(); Files.deleteIfExists(file); }

@Benchmark public long sequential() throws IOException { return sumSequential(file); }
@Benchmark public byte[] readOnly() throws IOException { return Files.readAllBytes(file); }
@Benchmark public long taskPerLine() throws Exception { return sumTaskPerLine(file, pool); }
@Benchmark public long workerQueue() throws Exception { return sumWorkerQueue(file, pool); }
@Benchmark public long sharded() throws Exception { return sumSharded(file, pool); }
@Benchmark public long positional() throws Exception { return sumPositional(file, pool); }
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| version | median time/op | vs sequential (over forks) |\\n|---|---|---|\\n");
    for (String v : List.of("sequential", "readOnly", "taskPerLine", "workerQueue", "sharded", "positional")) {
        boolean base = v.equals("sequential");
        sb.append(String.format("| %s | %s | %s |%n", v, time(med(steps, v)), base ? "" : verdict(steps, v, "sequential")));
    }
    int cores = (int) steps.number("environment", 0, "cores");
    double readShare = med(steps, "readOnly") / med(steps, "sharded");
    display(markdown(sb + String.format("%nA task per line costs %s the plain loop and a worker queue %s (Go: 540 and 207 ms "
        + "against 4.5 ms): coordination per line costs far more than the addition. With %d cores in this run, "
        + "`sharded` against the loop: %s. Reading the file (the `readOnly` row) is done on one thread before any shard "
        + "starts, so sharding cannot speed it up, and it %s. `positional` reads in parallel and never "
        + "holds the whole file; against the loop: %s.",
        times(ratio(steps, "taskPerLine", "sequential")), times(ratio(steps, "workerQueue", "sequential")), cores,
        verdict(steps, "sharded", "sequential"),
        readShare >= 0.9 ? "takes about as long as the whole sharded sum (median times): the parallel part is small"
                         : "takes " + percent(readShare) + " of the sharded sum's median time",
        verdict(steps, "positional", "sequential"))));
}
"""),
("md", """
Parallelism pays when each task carries enough work *and* cores are idle; on a machine with
few cores, or one shared with other jobs, the fixed cost of handing out and joining tasks can
eat the gain. Measure on the machine that will run the code.

## CPU time vs waiting
A CPU profile shows where threads *run*; a wall-clock profile also counts the time they wait
(parked, blocked, sleeping). For fine-grained tasks the two disagree, and the difference is
the coordination cost.
"""),
("code", """
// categories for reading the saved stacks: the executor and its queue, the counter, the parsing
String[] EXECUTOR = {"BlockingQueue", "AbstractQueuedSynchronizer", "LockSupport", "ThreadPoolExecutor", "FutureTask", "ReentrantLock"};
String[] ADDER = {"LongAdder", "Striped64"};
String[] PARSE = {"Long.parseLong"};
"""),
("code", """
%%profile --event cpu --duration 4s --top 10
ExecutorService pool = Executors.newFixedThreadPool(CPUS);
try { for (int i = 0; i < 3; i++) sumTaskPerLine(sample, pool); } finally { pool.shutdownNow(); }
"""),
("code", """
{
    Map<String, Long> cpu = latestStacks();
    keepShares("cpu", innermostShares(cpu, EXECUTOR, ADDER, PARSE));
}
"""),
("code", """
%%profile --event wall --duration 4s --top 10
ExecutorService pool = Executors.newFixedThreadPool(CPUS);
try { for (int i = 0; i < 3; i++) sumTaskPerLine(sample, pool); } finally { pool.shutdownNow(); }
"""),
("code", """
{
    Map<String, Long> wall = latestStacks();
    keepShares("wall", innermostShares(wall, EXECUTOR, ADDER, PARSE));
    double[] c = shares.get("cpu"), w = shares.get("wall");
    display(markdown(String.format(
        "| profile | executor and queue frames | `LongAdder` | `parseLong` |%n|---|---|---|---|%n"
        + "| CPU | %s | %s | %s |%n| wall clock | %s | %s | %s |%n%n"
        + "Shares of the samples, each counted for the innermost of these parts on its stack (from the collapsed stacks "
        + "the two runs saved). "
        + "On CPU, the task-per-line version spends %s in the executor's queue and its synchronisation, against "
        + "%s in `LongAdder`: the coordination, not the counter, is the cost. The wall-clock view adds the time "
        + "workers spend parked waiting for work.",
        percent(c[0]), percent(c[1]), percent(c[2]), percent(w[0]), percent(w[1]), percent(w[2]),
        percent(c[0]), percent(c[1]))));
}
"""),
("md", "## No leaked threads\nEvery pool is shut down in `finally`; the thread count returns to where it was."),
("code", """
int before = Thread.activeCount();
for (int i = 0; i < 5; i++) {
    ExecutorService pool = Executors.newFixedThreadPool(CPUS);
    try { sumSharded(sample, pool); } finally { pool.shutdownNow(); }
}
Thread.sleep(200);
int after = Thread.activeCount();
if (after > before) throw new AssertionError("leaked threads: " + (after - before));
"threads before " + before + ", after " + after
"""),
("md", """
## Exercises
1. Drop `pool.shutdownNow()` from the leak check's loop and rerun it. What does it report?
2. Run the comparison with `-prof gc`. How many bytes per operation does each version allocate?
"""),
("md", "### Solution 1\nFive pools of `CPUS` threads each stay alive: the check fails, naming the leak."),
("solution", """
int before2 = Thread.activeCount();
List<ExecutorService> forgotten = new ArrayList<>();
for (int i = 0; i < 5; i++) { ExecutorService p = Executors.newFixedThreadPool(CPUS); forgotten.add(p); sumSharded(sample, p); }
Thread.sleep(200);
int leakedThreads = Thread.activeCount() - before2;
forgotten.forEach(ExecutorService::shutdownNow);   // clean up after the demonstration
"leaked " + leakedThreads + " threads (" + 5 * CPUS + " expected)"
"""),
("md", "### Solution 2"),
("solution", """
%%bench -f 1 -wi 2 -i 3 -w 500ms -r 500ms -tu ms -prof gc -o allocs
@Param({"200000"}) int lines;
Path file;
ExecutorService pool;

@Setup public void start() throws IOException { file = makeInput(lines); pool = Executors.newFixedThreadPool(CPUS); }
@TearDown public void stop() throws IOException { pool.shutdownNow(); Files.deleteIfExists(file); }

@Benchmark public long sequential() throws IOException { return sumSequential(file); }
@Benchmark public long taskPerLine() throws Exception { return sumTaskPerLine(file, pool); }
@Benchmark public long workerQueue() throws Exception { return sumWorkerQueue(file, pool); }
@Benchmark public long sharded() throws Exception { return sumSharded(file, pool); }
@Benchmark public long positional() throws Exception { return sumPositional(file, pool); }
"""),
("solution", """
{
    StringBuilder sb = new StringBuilder();
    for (String v : List.of("sequential", "taskPerLine", "workerQueue", "sharded", "positional"))
        sb.append(String.format("- `%s`: %s per call%n", v, bytes(bytesPerOp(allocs, v))));
    display(markdown(sb + "\\nThe line-based versions pay a `String` per line (and a task object per line); the "
        + "sharded one the whole file as one array; the positional one only its per-worker buffers."));
}
"""),
("seedrow", """
display(seedRow(String.format("task per line %s the loop, worker queue %s; positional against the loop: %s (%d cores)",
        times(ratio(steps, "taskPerLine", "sequential")), times(ratio(steps, "workerQueue", "sequential")),
        verdict(steps, "positional", "sequential"), (int) steps.number("environment", 0, "cores")),
    "same for fine-grained tasks; the parallel gain depends on idle cores"));
"""),
("md", """
## Takeaways
- Give each task enough work: a task per line is dominated by coordination, on any number of cores.
- Find the serial part first (here, reading the file) — it bounds what parallelism can gain.
- CPU profiles show where threads run; wall-clock profiles also show where they wait.
- Create pools once, shut them down in `finally`, and check the thread count.
"""),
]

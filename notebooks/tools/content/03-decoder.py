TITLE = "The decoder: squashing allocations"
CELLS = [
("md", """
# 03 · The decoder: squashing allocations

**Question.** A tiny decoder turns `"79 75"` into `"OK"`: space-separated numbers become
characters. The first version is obvious and allocates freely. How fast can we make it by
removing allocations one at a time — and what does each step cost in readability and safety?

*Ports:* the allocation-squashing blog post. (Go: five versions at about 2040 → 1270 → 296 →
312 → 553 ns/op, with 9 → 2 → 0 allocations per operation.)
"""),
("helpers", ""),
("code", """
import java.io.*;
import java.nio.charset.StandardCharsets;

String MESSAGE = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.";

byte[] encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
        if (i > 0) sb.append(' ');
        sb.append((int) s.charAt(i));
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
}

byte[] INPUT = encode(MESSAGE);
new String(INPUT, StandardCharsets.US_ASCII).substring(0, 40) + "…  (" + MESSAGE.length() + " numbers)"
"""),
("md", "## Version 1: simple\nRead everything, make a `String`, split it, parse each token, append to a growing buffer."),
("code", """
byte[] decodeSimple(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String token : text.split(" ")) {
        out.write(Integer.parseInt(token));
    }
    return out.toByteArray();
}
"""),
("md", "## Version 2: preallocated buffers\nReuse one input and one output buffer: fewer allocations, but no longer safe to call from two threads."),
("code", """
byte[] IN_BUF = new byte[4096];
byte[] OUT_BUF = new byte[4096];

int decodePrealloc(InputStream in) throws IOException {
    int n = in.read(IN_BUF);
    String text = new String(IN_BUF, 0, n, StandardCharsets.US_ASCII);
    String[] tokens = text.split(" ");
    for (int i = 0; i < tokens.length; i++) OUT_BUF[i] = (byte) Integer.parseInt(tokens[i]);
    return tokens.length;
}
"""),
("md", "## Version 3: no allocation\nParse the digits straight from the bytes: no `String`, no array of tokens."),
("code", """
int decodeNoAlloc(InputStream in) throws IOException {
    int n = in.read(IN_BUF);
    int count = 0, value = 0;
    for (int i = 0; i < n; i++) {
        byte c = IN_BUF[i];
        if (c == ' ') { OUT_BUF[count++] = (byte) value; value = 0; }
        else value = value * 10 + (c - '0');
    }
    OUT_BUF[count++] = (byte) value;
    return count;
}
"""),
("md", "## Version 4: dynamic output\nNo fixed limit on the output: grow the buffer when needed (rarely)."),
("code", """
byte[] dynOut = new byte[16];

int decodeDynamic(InputStream in) throws IOException {
    int n = in.read(IN_BUF);
    int count = 0, value = 0;
    for (int i = 0; i <= n; i++) {
        if (i == n || IN_BUF[i] == ' ') {
            if (count == dynOut.length) dynOut = java.util.Arrays.copyOf(dynOut, count * 2);
            dynOut[count++] = (byte) value;
            value = 0;
        } else {
            value = value * 10 + (IN_BUF[i] - '0');
        }
    }
    return count;
}
"""),
("md", "## Version 5: per-thread buffers\nThread safety back, through one buffer pair per thread. (The Go post's fifth version also kept a buffer per goroutine, but handed the work to goroutines over channels, and blamed that hand-off for its slower time.) Here the calling thread keeps its own buffers in a `ThreadLocal`: no hand-off at all."),
("code", """
ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[][]{new byte[4096], new byte[4096]});

int decodePerThread(InputStream in) throws IOException {
    byte[][] bufs = BUFFERS.get();
    byte[] inBuf = bufs[0], outBuf = bufs[1];
    int n = in.read(inBuf);
    int count = 0, value = 0;
    for (int i = 0; i < n; i++) {
        byte c = inBuf[i];
        if (c == ' ') { outBuf[count++] = (byte) value; value = 0; }
        else value = value * 10 + (c - '0');
    }
    outBuf[count++] = (byte) value;
    return count;
}
"""),
("md", "### Correctness before speed"),
("code", """
String viaSimple = new String(decodeSimple(new ByteArrayInputStream(INPUT)), StandardCharsets.US_ASCII);
int k = decodeNoAlloc(new ByteArrayInputStream(INPUT));
String viaNoAlloc = new String(OUT_BUF, 0, k, StandardCharsets.US_ASCII);
int d = decodeDynamic(new ByteArrayInputStream(INPUT));
if (!viaSimple.equals(MESSAGE) || !viaNoAlloc.equals(MESSAGE)
        || !new String(dynOut, 0, d, StandardCharsets.US_ASCII).equals(MESSAGE)) throw new AssertionError();
viaSimple
"""),
("md", """
## Time and bytes per operation
One `ByteArrayInputStream` per benchmark state, rewound before each call, so the stream itself is
not part of the allocation count. `-prof gc` adds bytes per operation (after the JIT). The budget
asserts the two findings that must hold: the no-allocation version allocates nothing, and it is
faster than the simple one: the ratio's confidence interval across forks lies below one half.
"""),
("code", """
%%bench -prof gc --baseline simple -o versions --budget "noAlloc: gc.alloc.rate.norm < 1" --budget "noAlloc: ratio < 0.5"
ByteArrayInputStream in = new ByteArrayInputStream(INPUT);

@Benchmark public byte[] simple() throws IOException { in.reset(); return decodeSimple(in); }
@Benchmark public int prealloc() throws IOException { in.reset(); return decodePrealloc(in); }
@Benchmark public int noAlloc() throws IOException { in.reset(); return decodeNoAlloc(in); }
@Benchmark public int dynamic() throws IOException { in.reset(); return decodeDynamic(in); }
@Benchmark public int perThread() throws IOException { in.reset(); return decodePerThread(in); }
"""),
("code", """
{
    String[] names = {"simple", "prealloc", "noAlloc", "dynamic", "perThread"};
    double[] go = {2040, 1270, 296, 312, 553};
    StringBuilder sb = new StringBuilder("| version | time/op | B/op | vs simple (ratio, confidence interval over forks) | (Go: ns/op) |\\n|---|---|---|---|---|\\n");
    for (int i = 0; i < names.length; i++) {
        String v = names[i];
        sb.append(String.format("| %s | %s | %s | %s | %s |%n", v, time(ns(versions, v)), bytes(bytesPerOp(versions, v)),
            i == 0 ? "" : verdict(versions, v, "simple"), sig(go[i])));
    }
    display(markdown(sb + String.format("%nThe big step is the same in both languages: parsing the bytes directly, "
        + "against the simple version, is %s (Go: about 7 times faster), and it allocates nothing. Preallocation moved the "
        + "simple version from %s to %s per call, and its time: %s (Go saved over a third): `split` still "
        + "makes a `String` per token, and those dominate. The per-thread version's median is %s the no-allocation one's: a "
        + "`ThreadLocal` lookup is a probe in the thread's own map, with no hand-off between threads.",
        verdict(versions, "noAlloc", "simple"), bytes(bytesPerOp(versions, "simple")),
        bytes(bytesPerOp(versions, "prealloc")), verdict(versions, "prealloc", "simple"),
        times(med(versions, "perThread") / med(versions, "noAlloc")))));
}
"""),
("md", """
## Which lines allocate?
`%alloc` lists the allocation sites of the simple version by line — pprof's `list` view.
"""),
("code", """
%%alloc --by count
ByteArrayInputStream in = new ByteArrayInputStream(INPUT);
return decodeSimple(in);
"""),
("md", """
## An average hides a one-off cost
`decodeDynamic` grows its output buffer only on the first call that needs more room. Averaged
over millions of calls that allocation vanishes. Single-shot mode (`-bm ss`) measures *one*
call per iteration on a fresh state: the cold call's time, with everything a first call sets off.
"""),
("code", """
%%bench -bm ss -f 3 -i 5 -wi 0 -o cold
ByteArrayInputStream in = new ByteArrayInputStream(INPUT);

@Setup(Level.Iteration) public void fresh() { in.reset(); dynOut = new byte[16]; }

@Benchmark public int firstCall() throws IOException { return decodeDynamic(in); }
"""),
("md", """
The cold call's bytes are dominated by what any first call sets off (class initialisation,
interpreter profiling), so a growth of a few dozen bytes is lost in them. The thread's exact
allocation counter shows it, against a control: the same call once the buffer has grown.
"""),
("code", """
long allocatedBy(java.util.concurrent.Callable<?> work) throws Exception {
    var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    work.call();
    return mx.getThreadAllocatedBytes(id) - before;
}

long[] firstAndLater() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(INPUT);
    java.util.concurrent.Callable<Integer> call = () -> { in.reset(); return decodeDynamic(in); };
    dynOut = new byte[16];
    long first = allocatedBy(call);    // grows the buffer
    long later = allocatedBy(call);    // the control: same call, buffer already large enough
    return new long[]{first, later};
}
firstAndLater();   // once to load and link everything the measurement touches
"""),
("code", """
{   // inputs: 64 bytes
    long[] b = firstAndLater();
    display(markdown(String.format(
        "A cold call costs **%s** against %s per call in steady state (the earlier table). By the thread's allocation "
        + "counter, the first call on a 16-byte buffer allocates **%s** and the next, identical call **%s**: the "
        + "difference is the growth (two doublings, to 32 and to 64 bytes, each a new array). Averaged over a "
        + "million calls it is a fraction of a byte per call, and the steady-state B/op reports 0. When a service "
        + "handles few requests per process, or latency tails matter, single-shot numbers and percentiles are the "
        + "honest ones.",
        time(ns(cold, "firstCall")), time(ns(versions, "dynamic")), bytes(b[0]), bytes(b[1]))));
}
"""),
("md", """
## Latency percentiles
`-bm sample` times individual calls and reports percentiles: the tail a mean hides.
"""),
("code", """
%%bench -bm sample -f 5 -wi 3 -i 3 -o tail
ByteArrayInputStream in = new ByteArrayInputStream(INPUT);

@Benchmark public byte[] simple() throws IOException { in.reset(); return decodeSimple(in); }
@Benchmark public int noAlloc() throws IOException { in.reset(); return decodeNoAlloc(in); }
"""),
("code", """
{
    StringBuilder sb = new StringBuilder("| version | p50 | p99 | p99.9 | max |\\n|---|---|---|---|---|\\n");
    for (String v : List.of("simple", "noAlloc"))
        sb.append(String.format("| %s | %s | %s | %s | %s |%n", v, time(secondaryNs(tail, v, "p0.50")),
            time(secondaryNs(tail, v, "p0.99")), time(secondaryNs(tail, v, "p0.999")), time(secondaryNs(tail, v, "p1.00"))));
    display(markdown(sb + String.format("%nThe allocating version's p99.9 is %s its median (the allocation-free one: %s): "
        + "the rare calls that meet a young collection, a safepoint or the timer's own resolution make the tail. "
        + "Timer resolution limits the short calls' percentiles, so compare tails, not medians, here.",
        times(secondaryNs(tail, "simple", "p0.999") / secondaryNs(tail, "simple", "p0.50")),
        times(secondaryNs(tail, "noAlloc", "p0.999") / secondaryNs(tail, "noAlloc", "p0.50")))));
}
"""),
("md", """
## Exercises
1. Call `decodeNoAlloc` from two threads at once. Which versions still give correct output when
   threads share the static buffers?
2. Replace `text.split(" ")` with a `StringTokenizer` in version 2. Fewer allocations?
"""),
("md", "### Solution 1\nTwo threads decode different messages through the shared buffers and check their own output; the per-thread version is the control:"),
("solution", """
byte[] OTHER = encode("The quick brown fox jumps over the lazy dog, again and again!!");

int raceMismatches(boolean perThread) throws Exception {
    java.util.concurrent.atomic.AtomicInteger bad = new java.util.concurrent.atomic.AtomicInteger();
    Thread[] ts = new Thread[2];
    for (int t = 0; t < 2; t++) {
        byte[] input = t == 0 ? INPUT : OTHER;
        String want = new String(decodeSimple(new ByteArrayInputStream(input)), StandardCharsets.US_ASCII);
        ts[t] = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    String got;
                    if (perThread) {
                        int k = decodePerThread(new ByteArrayInputStream(input));
                        got = new String(BUFFERS.get()[1], 0, k, StandardCharsets.US_ASCII);
                    } else {
                        int k = decodeNoAlloc(new ByteArrayInputStream(input));
                        got = new String(OUT_BUF, 0, k, StandardCharsets.US_ASCII);
                    }
                    if (!got.equals(want)) bad.incrementAndGet();
                }
            } catch (IOException e) { throw new UncheckedIOException(e); }
        });
        ts[t].start();
    }
    for (Thread t : ts) t.join();
    return bad.get();
}
"shared buffers: " + raceMismatches(false) + " wrong results of 40000; per-thread buffers: " + raceMismatches(true)
"""),
("md", "### Solution 2"),
("solution", """
int decodeTokenizer(InputStream in) throws IOException {
    int n = in.read(IN_BUF);
    java.util.StringTokenizer st = new java.util.StringTokenizer(new String(IN_BUF, 0, n, StandardCharsets.US_ASCII), " ");
    int count = 0;
    while (st.hasMoreTokens()) OUT_BUF[count++] = (byte) Integer.parseInt(st.nextToken());
    return count;
}
"""),
("solution", """
%%bench -f 5 -wi 3 -i 3 -prof gc -o tok --baseline prealloc
ByteArrayInputStream in = new ByteArrayInputStream(INPUT);
@Benchmark public int prealloc() throws IOException { in.reset(); return decodePrealloc(in); }
@Benchmark public int tokenizer() throws IOException { in.reset(); return decodeTokenizer(in); }
"""),
("solution", """
markdown(String.format("`split`: %s per call; `StringTokenizer`: %s. The tokenizer avoids `split`'s list and array of tokens, "
    + "but each token is still a `String`. Time, tokenizer against `split`: %s.",
    bytes(bytesPerOp(tok, "prealloc")), bytes(bytesPerOp(tok, "tokenizer")), verdict(tok, "tokenizer", "prealloc")))
"""),
("seedrow", """
display(seedRow(String.format("simple %s, no allocation %s (%s; %s per call)", time(med(versions, "simple")),
        time(med(versions, "noAlloc")), verdict(versions, "noAlloc", "simple"), bytes(bytesPerOp(versions, "noAlloc"))),
    "same for the big step (parse bytes, allocate nothing); differs for preallocation, which gains little while `split` allocates per token"));
"""),
("md", """
## Takeaways
- Remove allocations one change at a time and measure each: the big win came from parsing bytes
  directly, not from preallocating around an allocating `split`.
- Reused buffers trade allocation for thread safety; per-thread buffers buy it back cheaply on the JVM.
- Averages hide one-off costs: use single-shot runs against a control, and percentiles for tails.
"""),
]

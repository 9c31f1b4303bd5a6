TITLE = "Preallocation"
CELLS = [
("md", """
# 06 · Preallocation

**Question.** Growing collections copy their storage as they grow. How much does giving them
the right size up front save, in time and bytes, and how does it scale with *N*?

*Ports:* *High Performance Go*, chapter 11 of *Efficient Go* and the tutorial. In Go a
presized slice was about 8× faster to fill, a presized map took 57 MB instead of 123 MB, and
reading a file into a right-sized buffer cut 5.24 MB to 1.01 MB.
"""),
("md", "## `ArrayList`: default vs presized, over sizes"),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline grown -p n=100,10000,1000000 --budget "presized: alloc < 4100000"
@Param({"1000"}) int n;

@Benchmark public java.util.List<Integer> grown() {
    java.util.List<Integer> list = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) list.add(i & 127);
    return list;
}

@Benchmark public java.util.List<Integer> presized() {
    java.util.List<Integer> list = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) list.add(i & 127);
    return list;
}
"""),
("md", """
`i & 127` keeps the values in the `Integer` cache so only the list's own storage is measured,
and bytes per operation can be predicted exactly. With compressed references a presized list
is its 24-byte `ArrayList` plus one array of 16 + 4·n bytes: 440 B, 40 040 B and 4 000 040 B
for the three sizes. The budget pins that, with a little room for the gc profiler's
bookkeeping at the largest size (it fails if presizing ever stops avoiding the copies).
A default list starts at 10 slots and grows by half each time it is full; summing every array
it allocates on the way gives 1 400 B, 169 KB and 14.6 MB — 3.2×, 4.2× and 3.6× the presized
bytes, and every element is copied about twice on top.

The chart plots the score against *N*: both lines are straight with slope ≈ 1 on log axes —
O(n) — with the presized one below, and the gap widening with *N*: in a full run on this
machine presizing saved about 9 % at 100 elements, 27 % at 10 000 and 50 % at a million (all
significant, p < 0.01). Go's presized slice was about 8× faster to fill; the Java gap in time
is smaller because `ArrayList` growth copies with `System.arraycopy`, which is a
fast bulk copy, and the young collector reclaims the discarded arrays almost for free. The
bytes ratio is the robust part of the finding.

## `HashMap`
A `HashMap` doubles its table and rehashes every entry each time it passes its load factor.
Presizing needs `n / 0.75` buckets; `HashMap.newHashMap(n)` (JDK 19+) does the arithmetic.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline grown -p n=100000
@Param({"1000"}) int n;

@Benchmark public java.util.Map<Integer, Integer> grown() {
    java.util.Map<Integer, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) m.put(i, i);
    return m;
}

@Benchmark public java.util.Map<Integer, Integer> presized() {
    java.util.Map<Integer, Integer> m = new java.util.HashMap<>((int) (n / 0.75f) + 1);
    for (int i = 0; i < n; i++) m.put(i, i);
    return m;
}
"""),
("md", """
Here presizing saves much less than Go's 123 MB → 57 MB. A Java `HashMap` is a table of
*references* to separately allocated entries: for 100 000 entries the entries (32-byte nodes)
and the boxed keys and values (16 bytes each) come to about 6.4 MB whatever the table does, and
the growing table only adds its discarded smaller copies (about 1 MB on top of the final 1 MB
table). A Go map keeps keys and values inline in its buckets, so each growth step copies all
the data, and presizing saves about half. The time gain here comes mostly from not rehashing
every entry at each doubling.
"""),
("md", """
## Reading a whole stream
The stream is wrapped in a `BufferedInputStream` so it behaves like a file or socket: the
reader cannot know the size up front. `transferTo` into a `ByteArrayOutputStream` grows the
output by doubling (32 B … 128 KB) and then copies it once more in `toByteArray`; when the size
is known (a file's length, a `Content-Length` header) one exact array is enough.
"""),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline grown --budget "presized: alloc < 120000" --budget "grown: alloc > 300000"
@Param({"100000"}) int n;
byte[] data;

@Setup public void make() { data = new byte[n]; java.util.Arrays.fill(data, (byte) 'x'); }

@Benchmark public byte[] grown() throws java.io.IOException {
    var in = new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(data));
    var out = new java.io.ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
}

@Benchmark public byte[] presized() throws java.io.IOException {
    var in = new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(data));
    byte[] all = new byte[n];
    if (in.readNBytes(all, 0, n) != n) throw new java.io.EOFException();
    return all;
}
"""),
("md", """
The grown version allocates about 3.5× the data (every doubling step, an 8 KB transfer buffer
and the final copy); the presized one the 100 KB result plus the stream's own 8 KB buffer.
That is the same effect as Go's `io.ReadAll` at 5.24 MB against 1.01 MB for a presized read
(5×): Go's `ReadAll` grows in smaller steps, so it wastes a little more.

## Exercises
1. Add `new StringBuilder()` vs `new StringBuilder(n)` appending `n` characters.
2. At what *N* does presizing stop mattering for time (not bytes)? Use the sweep chart.
"""),
]

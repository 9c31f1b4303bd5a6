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
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline grown -p n=100,10000,1000000 --budget "presized: gc.alloc.rate.norm < grown"
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
`i & 127` keeps the values in the `Integer` cache so only the list's own storage is measured.
A growing `ArrayList` grows by half each time, so it allocates about 2.5× the final array's
bytes in total (the final array plus every smaller copy) and copies the elements about twice.
The chart plots bytes/op against *N*: both lines are straight on log axes with slope ≈ 1 —
O(n) — and the presized one sits below.

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
("md", "## `StringBuilder` and reading a whole stream"),
("code", """
%%bench -f 2 -wi 3 -i 5 -w 500ms -r 500ms -prof gc --baseline grown
@Param({"100000"}) int n;
byte[] data;

@Setup public void make() { data = new byte[n]; java.util.Arrays.fill(data, (byte) 'x'); }

@Benchmark public byte[] grown() throws java.io.IOException {
    var in = new java.io.ByteArrayInputStream(data);
    var out = new java.io.ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
}

@Benchmark public byte[] presized() throws java.io.IOException {
    var in = new java.io.ByteArrayInputStream(data);
    byte[] all = new byte[n];
    int off = 0, r;
    while (off < n && (r = in.read(all, off, n - off)) > 0) off += r;
    return all;
}
"""),
("md", """
The grown version allocates the stream's doubling buffer *and* a final copy; the presized one
allocates exactly the result — the same effect as Go's 5.24 MB → 1.01 MB.

## Exercises
1. Add `new StringBuilder()` vs `new StringBuilder(n)` appending `n` characters.
2. At what *N* does presizing stop mattering for time (not bytes)? Use the sweep chart.
"""),
]

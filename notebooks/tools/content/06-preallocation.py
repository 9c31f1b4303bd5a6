TITLE = "Preallocation"
CELLS = [
("md", """
# 06 · Preallocation

**Question.** Growing collections copy their storage as they grow. How much does giving them
the right size up front save, in time and bytes, and how does it scale with *N*?

*Ports:* *High Performance Go*, chapter 11 of *Efficient Go* and the tutorial. (Go: a presized
slice was about 8× faster to fill, a presized map took 57 MB instead of 123 MB, and reading a
file into a right-sized buffer cut 5.24 MB to 1.01 MB.)
"""),
("helpers", ""),
("md", "## `ArrayList`: default vs presized, over sizes"),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc --baseline grown -p n=100,10000,1000000 -o lists --budget "presized: alloc < 4100000"
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
`i & 127` keeps the values in the `Integer` cache, so only the list's own storage is measured.
With compressed references a presized list is its `ArrayList` object plus one array of
16 + 4·n bytes; a default list starts at 10 slots and grows by half each time it is full,
allocating every intermediate array and copying the elements into each.
"""),
("code", """
String[] SIZES = {"100", "10000", "1000000"};

// a log-log chart of B/op against N, one line per benchmark (the seeds' chart)
RichOutput bytesChart(Result r, String title, String... names) {
    int w = 420, h = 240, left = 60, bottom = 30;
    double minX = Math.log10(100), maxX = Math.log10(1_000_000), minY = 2, maxY = 8;
    String[] colours = {"#d62728", "#1f77b4", "#2ca02c"};
    StringBuilder svg = new StringBuilder(String.format(
        "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>"
        + "<text x='%d' y='14'>%s</text>", w, h, left, title));
    for (int e = 2; e <= 8; e += 2) {
        double y = h - bottom - (e - minY) / (maxY - minY) * (h - bottom - 30);
        svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/><text x='8' y='%.1f'>1e%d B</text>", left, w - 10, y, y, y + 4, e));
    }
    for (String n : SIZES) {
        double x = left + (Math.log10(Double.parseDouble(n)) - minX) / (maxX - minX) * (w - left - 20);
        svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>N=%s</text>", x, h - 10, n));
    }
    for (int k = 0; k < names.length; k++) {
        StringBuilder pts = new StringBuilder();
        for (String n : SIZES) {
            double x = left + (Math.log10(Double.parseDouble(n)) - minX) / (maxX - minX) * (w - left - 20);
            double y = h - bottom - (Math.log10(Math.max(1, bytesPerOp(r, names[k], "n=" + n))) - minY) / (maxY - minY) * (h - bottom - 30);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append(String.format("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/><text x='%d' y='%d' fill='%s'>%s</text>",
            colours[k], pts, w - 110, 30 + 14 * k, colours[k], names[k]));
    }
    return svg(svg.append("</svg>").toString());
}

String bytesTable(Result r, String grown, String presized) {
    StringBuilder sb = new StringBuilder("| N | grown B/op | presized B/op | bytes ratio | grown time | presized time | presized vs grown (time, over forks) |\\n|---|---|---|---|---|---|---|\\n");
    for (String n : SIZES) {
        String p = "n=" + n;
        sb.append(String.format("| %s | %s | %s | %s | %s | %s | %s |%n", n, bytes(bytesPerOp(r, grown, p)), bytes(bytesPerOp(r, presized, p)),
            times(bytesPerOp(r, grown, p) / bytesPerOp(r, presized, p)), time(med(r, grown, p)), time(med(r, presized, p)),
            verdict(r, presized, grown, p)));
    }
    return sb.toString();
}
"""),
("code", """
display(bytesChart(lists, "ArrayList: B/op against N", "grown", "presized"));
display(markdown(bytesTable(lists, "grown", "presized") + "\\nBoth lines are straight on log axes: bytes grow linearly "
    + "with N, the grown list's a constant factor above (each growth step allocates a new array half again as big, "
    + "and the old ones add up to about twice the final size). The time column compares presized with grown "
    + "fork by fork and gives a direction only where the ratio's confidence interval excludes 1. Go's presized slice was about 8 times faster to fill; in Java the copies "
    + "are `System.arraycopy`, a fast bulk copy. At a million elements the arrays reach megabytes: an array of at least "
    + "half a G1 region (the region size depends on the heap size) is a *humongous* object, allocated outside the young "
    + "generation and reclaimed only by a collection, so growth then costs GC work as well."));
"""),
("md", """
## `HashMap`
A `HashMap` doubles its table and rehashes every entry each time it passes its load factor.
Presizing needs `n / 0.75` buckets; `HashMap.newHashMap(n)` (JDK 19+) does the arithmetic.
"""),
("code", """
%%bench -prof gc --baseline grown -p n=100000 -o maps
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
("code", """
markdown(String.format("For N = 100,000: grown %s and %s per call, presized %s and %s — %s of the bytes (Go: 123 → 57 MB, "
    + "about half). Time, presized against grown: %s.",
    bytes(bytesPerOp(maps, "grown")), time(med(maps, "grown")), bytes(bytesPerOp(maps, "presized")), time(med(maps, "presized")),
    percent(bytesPerOp(maps, "presized") / bytesPerOp(maps, "grown")), verdict(maps, "presized", "grown", "n=100000")))
"""),
("md", """
A Java `HashMap` is a table of *references* to separately allocated entries: the entry nodes
and the boxed keys and values cost the same whatever the table does, and growth only adds the
discarded smaller tables. A Go map keeps keys and values inline in its buckets, so each growth
step copies all the data, and presizing saves more. The time gain comes mostly from not
rehashing every entry at each doubling.
"""),
("md", """
## Reading a whole stream
The stream is wrapped in a `BufferedInputStream` so it behaves like a file or socket: the
reader cannot know the size up front. `transferTo` into a `ByteArrayOutputStream` grows the
output by doubling and then copies it once more in `toByteArray`; when the size
is known (a file's length, a `Content-Length` header) one exact array is enough.
"""),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc --baseline grown -o streams --budget "presized: alloc < 120000" --budget "grown: alloc > 300000"
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
("code", """
// inputs: 100,000 bytes
markdown(String.format("Reading 100,000 bytes: grown %s per call (%s the data), presized %s (%s the data): every "
    + "doubling step, the transfer buffer and the final copy, against the result and the stream's own buffer "
    + "(Go: `io.ReadAll` 5.24 MB against 1.01 MB presized).",
    bytes(bytesPerOp(streams, "grown")), times(bytesPerOp(streams, "grown") / 100_000),
    bytes(bytesPerOp(streams, "presized")), times(bytesPerOp(streams, "presized") / 100_000)))
"""),
("md", """
## `StringBuilder`
The seeds' third everyday case: building a string of known length. A default builder starts at
16 characters and doubles (plus two) as it fills.
"""),
("code", """
%%bench -f 5 -wi 3 -i 3 -prof gc --baseline grown -p n=100,10000,1000000 -o builders
@Param({"1000"}) int n;

@Benchmark public String grown() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append((char) ('a' + (i & 15)));
    return sb.toString();
}

@Benchmark public String presized() {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append((char) ('a' + (i & 15)));
    return sb.toString();
}
"""),
("code", """
display(bytesChart(builders, "StringBuilder: B/op against N", "grown", "presized"));
display(markdown(bytesTable(builders, "grown", "presized") + "\\nBoth versions also pay for `toString()`, which "
    + "copies the characters into the `String`: presizing removes the growth steps, not that copy."));
"""),
("md", """
## Exercises
1. Predict the grown `ArrayList`'s B/op from its growth rule (start at 10, grow by half) and
   compare with the measurement.
2. Presize a `HashSet` of 100,000 `Integer`s. How much does it save?
"""),
("md", "### Solution 1\nSum the arrays the growth rule allocates (each `16 + 4·capacity` bytes) plus the list object:"),
("solution", """
double predictedGrown(int n) {
    double bytes = 24;   // the ArrayList object
    int cap = 0;
    while (cap < n) {
        cap = cap == 0 ? 10 : cap + (cap >> 1);
        bytes += 16 + 4L * cap;
    }
    return bytes;
}
"""),
("solution", """
{
    StringBuilder sb = new StringBuilder("| N | predicted | measured |\\n|---|---|---|\\n");
    for (String n : SIZES)
        sb.append(String.format("| %s | %s | %s |%n", n, bytes(predictedGrown(Integer.parseInt(n))), bytes(bytesPerOp(lists, "grown", "n=" + n))));
    display(markdown(sb.toString()));
}
"""),
("md", "### Solution 2"),
("solution", """
%%bench -f 5 -wi 3 -i 3 -prof gc --baseline grown -o sets
@Param({"100000"}) int n;
@Benchmark public java.util.Set<Integer> grown() { var s = new java.util.HashSet<Integer>(); for (int i = 0; i < n; i++) s.add(i); return s; }
@Benchmark public java.util.Set<Integer> presized() { var s = new java.util.HashSet<Integer>((int) (n / 0.75f) + 1); for (int i = 0; i < n; i++) s.add(i); return s; }
"""),
("solution", """
markdown(String.format("`HashSet`: grown %s, presized %s per call (%s of the bytes); time, presized against grown: %s.",
    bytes(bytesPerOp(sets, "grown")), bytes(bytesPerOp(sets, "presized")),
    percent(bytesPerOp(sets, "presized") / bytesPerOp(sets, "grown")), verdict(sets, "presized", "grown", "n=100000")))
"""),
("seedrow", """
display(seedRow(String.format("`ArrayList` at a million: presized %s of the bytes, time against grown: %s; `HashMap` presized %s of the bytes",
        percent(bytesPerOp(lists, "presized", "n=1000000") / bytesPerOp(lists, "grown", "n=1000000")),
        verdict(lists, "presized", "grown", "n=1000000"), percent(bytesPerOp(maps, "presized") / bytesPerOp(maps, "grown"))),
    "same direction; smaller gains than Go's: bulk copies are cheap and a Java map's entries dominate its bytes"));
"""),
("md", """
## Takeaways
- Presizing removes the growth copies: bytes per operation fall by a constant factor at every N.
- The time gain is smaller than Go's for `ArrayList` (fast bulk copies), larger where growth rehashes.
- Collections of references (`HashMap`) save less than Go's inline maps, since entries dominate.
- Arrays of half a G1 region or more are humongous objects: growing them costs collector work too.
"""),
]

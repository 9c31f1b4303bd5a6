import java.util.*;

// Helpers for the conclusion cells. They read this run's results (%bench/%alloc -o NAME,
// _alloc, _gclog), so every figure the prose states was measured in this run.
// A row is picked by benchmark name and optional "param=value" filters.
Map<?, ?> row(Result r, String name, String... params) {
    for (int i = 0; i < r.size("benchmarks"); i++) {
        Map<?, ?> m = (Map<?, ?>) r.get("benchmarks", i);
        Object n = m.containsKey("name") ? m.get("name") : m.get("benchmark");
        Map<?, ?> ps = (Map<?, ?>) m.get("params");
        boolean match = name.equals(n);
        for (String p : params) {
            String[] kv = p.split("=", 2);
            match &= ps != null && kv[1].equals(String.valueOf(ps.get(kv[0])));
        }
        if (match) return m;
    }
    throw new IllegalArgumentException("no row " + name + " " + Arrays.toString(params));
}

double nsPer(String unit) {
    if (unit.equals("ns/op")) return 1;
    if (unit.equals("us/op")) return 1e3;
    if (unit.equals("ms/op")) return 1e6;
    if (unit.equals("s/op")) return 1e9;
    throw new IllegalArgumentException("not a time unit: " + unit);
}

/** Primary score converted to nanoseconds per operation (time modes only). */
double ns(Result r, String name, String... params) {
    Map<?, ?> m = row(r, name, params);
    String unit = String.valueOf(m.containsKey("unit") ? m.get("unit") : m.get("score_unit"));
    return ((Number) m.get("score")).doubleValue() * nsPer(unit);
}

/** Per-iteration samples of a %bench row, in nanoseconds per operation. */
double[] samplesNs(Result r, String name, String... params) {
    Map<?, ?> m = row(r, name, params);
    double k = nsPer(String.valueOf(m.get("unit")));
    return ((List<?>) m.get("samples")).stream().mapToDouble(v -> ((Number) v).doubleValue() * k).toArray();
}

double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The comparison %bench itself made of candidate against baseline (the report's "comparisons"):
 * each fork's median is one sample, so fork-to-fork variance is accounted for. %bench compares
 * every benchmark with the --baseline (default: the first benchmark method) and nothing else.
 */
Map<?, ?> comparison(Result r, String candidate, String baseline, String... params) {
    for (int i = 0; i < r.size("comparisons"); i++) {
        Map<?, ?> c = (Map<?, ?>) r.get("comparisons", i);
        if (!candidate.equals(c.get("name")) || !baseline.equals(c.get("baseline_name"))) continue;
        Map<?, ?> ps = (Map<?, ?>) c.get("params");
        boolean match = true;
        for (String p : params) {
            String[] kv = p.split("=", 2);
            match &= ps != null && kv[1].equals(String.valueOf(ps.get(kv[0])));
        }
        if (match) return c;
    }
    throw new IllegalArgumentException("%bench made no comparison of " + candidate + " with " + baseline + " "
            + Arrays.toString(params) + " (it compares each benchmark with the --baseline)");
}

double field(Map<?, ?> m, String key) { return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN; }

/** candidate ÷ baseline as %bench computed it: the ratio of the geometric means of the fork medians. */
double ratio(Result r, String candidate, String baseline, String... params) {
    return field(comparison(r, candidate, baseline, params), "ratio");
}

/** A ratio with enough digits to be read even when it is far below 1. */
String ratioText(double v) {
    return Double.isNaN(v) ? "–" : Math.abs(v) >= 0.1 ? sig(v) : String.format(Locale.ROOT, "%.2g", v);
}

/**
 * The comparison in words, following the 95% interval of the ratio: "faster: ratio X [lo, hi]",
 * "slower: …", "no difference shown: … includes 1", or "too few forks" (quick mode) with no verdict.
 */
String verdict(Result r, String candidate, String baseline, String... params) {
    Map<?, ?> c = comparison(r, candidate, baseline, params);
    double q = field(c, "ratio"), lo = field(c, "ci_low"), hi = field(c, "ci_high");
    if (!"different".equals(c.get("status")) && !"same".equals(c.get("status")))
        return "no verdict: too few forks (" + count(field(c, "forks_baseline")) + "+" + count(field(c, "forks_candidate"))
                + ") for an interval; ratio " + ratioText(q);
    String interval = "ratio " + ratioText(q) + " [" + ratioText(lo) + ", " + ratioText(hi) + "]";
    if (!Boolean.TRUE.equals(c.get("significant"))) return "no difference shown: " + interval + " includes 1";
    boolean higherIsBetter = "thrpt".equals(row(r, candidate, params).get("mode"));
    return ((q < 1) != higherIsBetter ? "faster" : "slower") + ": " + interval;
}

/** The comparison's forks per side, "10 + 10": the sample sizes of the test. */
String forks(Result r, String candidate, String baseline, String... params) {
    Map<?, ?> c = comparison(r, candidate, baseline, params);
    return count(field(c, "forks_candidate")) + " + " + count(field(c, "forks_baseline"));
}

/** B/op: %bench's gc.alloc.rate.norm (needs -prof gc) or %alloc's bytes after the JIT. */
double bytesPerOp(Result r, String name, String... params) {
    Map<?, ?> m = row(r, name, params);
    if (m.containsKey("bytes_per_op")) return ((Number) m.get("bytes_per_op")).doubleValue();
    Map<?, ?> norm = (Map<?, ?>) ((Map<?, ?>) m.get("secondary")).get("gc.alloc.rate.norm");
    return ((Number) norm.get("score")).doubleValue();
}

/** A %bench secondary metric's score, e.g. a percentile "p0.99" of -bm sample, in ns. */
double secondaryNs(Result r, String name, String metric, String... params) {
    Map<?, ?> s = (Map<?, ?>) ((Map<?, ?>) row(r, name, params).get("secondary")).get(metric);
    return ((Number) s.get("score")).doubleValue() * nsPer(String.valueOf(s.get("unit")));
}

/** A %alloc row's number field: "allocs_per_op", "requested_bytes_per_op", ... */
double allocField(Result r, String name, String field) {
    return ((Number) row(r, name).get(field)).doubleValue();
}

/** A %gclog run's number at a path (NaN when the log has none, e.g. no collection happened), e.g. gc(_gclog, 0, "pause", "p50_ms"). */
double gc(Result r, int run, String... path) {
    Object[] full = new Object[path.length + 2];
    full[0] = "runs"; full[1] = run;
    System.arraycopy(path, 0, full, 2, path.length);
    Object v = r.get(full);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;   // null: e.g. no collection, no pause
}

String sig(double v) {
    if (Double.isNaN(v)) return "–";
    if (v == 0) return "0";
    double a = Math.abs(v);
    return a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
            : String.format(Locale.ROOT, "%.2f", v);
}

/** An object count: whole numbers without decimals. */
String count(double v) {
    if (Double.isNaN(v)) return "–";
    return Math.abs(v - Math.rint(v)) < 0.05 ? String.format(Locale.ROOT, "%,d", Math.round(v)) : sig(v);
}

String time(double ns) {
    if (Double.isNaN(ns)) return "–";
    double a = Math.abs(ns);
    return a < 1e3 ? sig(ns) + " ns" : a < 1e6 ? sig(ns / 1e3) + " µs" : a < 1e9 ? sig(ns / 1e6) + " ms" : sig(ns / 1e9) + " s";
}

String bytes(double b) {
    if (Double.isNaN(b)) return "–";
    double a = Math.abs(b);
    if (a < 0.5) return "0 B";
    return a < 10_000 ? String.format(Locale.ROOT, "%,.0f B", b) : a < 1e6 ? sig(b / 1e3) + " kB" : sig(b / 1e6) + " MB";
}

String times(double ratio) { return sig(ratio) + "×"; }

String percent(double fraction) { return sig(100 * fraction) + " %"; }

boolean quick() { return "1".equals(System.getenv("PERFKERNEL_QUICK")); }

// Results of magics without -o (%%gclog publishes _gclog only) are kept here by name.
Map<String, Result> kept = new HashMap<>();

void keep(String name, Result r) { kept.put(name, r); }

/** The newest collapsed-stack file a %profile run saved (profile-*.collapsed under perfkernel-out, subfolders included): stack to weight. */
Map<String, Long> latestStacks() throws java.io.IOException {
    java.nio.file.Path newest;
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("perfkernel-out"), 3)) {   // subfolders too
        newest = files.filter(f -> f.getFileName().toString().startsWith("profile") && f.toString().endsWith(".collapsed"))
                .max(Comparator.comparingLong(f -> f.toFile().lastModified())).orElseThrow();
    }
    Map<String, Long> stacks = new LinkedHashMap<>();
    for (String line : java.nio.file.Files.readAllLines(newest)) {
        int sp = line.lastIndexOf(' ');
        if (sp > 0) stacks.merge(line.substring(0, sp), Long.parseLong(line.substring(sp + 1).trim()), Long::sum);
    }
    return stacks;
}

/**
 * Shares of the samples per category: each stack counts for the category of its innermost frame
 * that contains one of that category's fragments (so a lock taken inside the executor counts for
 * the executor even though every worker stack also passes through the task's own code).
 */
double[] innermostShares(Map<String, Long> stacks, String[]... categories) {
    double[] hit = new double[categories.length];
    long all = 0;
    for (var e : stacks.entrySet()) {
        all += e.getValue();
        String[] frames = e.getKey().split(";");
        search:
        for (int f = frames.length - 1; f >= 0; f--)
            for (int c = 0; c < categories.length; c++)
                for (String frag : categories[c])
                    if (frames[f].contains(frag)) { hit[c] += e.getValue(); break search; }
    }
    for (int c = 0; c < hit.length; c++) hit[c] = all == 0 ? 0 : hit[c] / all;
    return hit;
}

Map<String, double[]> shares = new HashMap<>();

void keepShares(String name, double... values) { shares.put(name, values); }

/** Calls a recursive Fibonacci makes for n, with base cases n < 2 (or also n == 2). */
double calls(int n, boolean base2) {
    if (n < 2 || (base2 && n == 2)) return 1;
    return 1 + calls(n - 1, base2) + calls(n - 2, base2);
}

/** Median of a %bench row's per-iteration samples, in nanoseconds per operation: a description, not a test. */
double med(Result r, String name, String... params) { return median(samplesNs(r, name, params)); }

/** The notebook's result against the seed's Go figure; tools/readme.py copies it into the README table. */
RichOutput seedRow(String java, String verdict) {
    return markdown("**Against the seed.** Java (this run): " + java + "<br>**Verdict:** " + verdict);
}

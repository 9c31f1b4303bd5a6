"""Writes the table of notebooks/README.md from the notebooks' own outputs.

Each notebook 01-12 has one code cell tagged "seed-row" that renders, from that run's results,
"**Against the seed.** Java (this run): ...<br>**Verdict:** ...". This tool copies those two
parts into the README table between the markers below, next to the fixed columns (seed, Go tool
and perfkernel magic, what it shows, the seed's Go figure). Run it after a full run
(tools/nbrun.py), so the README states the figures of the committed outputs and nothing else.

Usage: /usr/bin/python3 notebooks/tools/readme.py [--check]
  --check  exit 1 when the README table differs from what the notebooks' outputs give.
"""
import pathlib
import re
import sys

import nbformat

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent
README = NOTEBOOKS / "README.md"
START, END = "<!-- table:start -->", "<!-- table:end -->"

CHENEY = "[High Performance Go](https://dave.cheney.net/training#high-performance-go)"
EFFICIENT = "[Efficient Go](https://github.com/efficientgo/examples)"
SQUASH = "[Squashing allocations](https://github.com/cavaliercoder/memtest)"
HEAP = "Go Heap Allocations (blog, seed 002)"
TUTORIAL = "escape-analysis tutorial (seed 004)"

# notebook stem -> (seed it ports, Go tool -> perfkernel magic, what it shows, the seed's Go figure)
ROWS = {
    "01-fibonacci": (f"{CHENEY}; {EFFICIENT} ch. 7–8", "`go test -bench`, `benchstat` → `%%bench` forks, fork-aware interval",
                     "forks, warm-up, a small change that needs statistics, set-up outside the timed region",
                     "small change −37.6 %, p = 0.000, n = 20 + 20"),
    "02-dead-code": (f"{CHENEY}; {EFFICIENT} ch. 8", "sinks, `objdump` → `%%bench` empty reference, `%%disasm`, `-Xint`",
                     "a benchmark the JIT deletes; the machine code of both loops", "0.23 ns eliminated vs about 1.6 ns real"),
    "03-decoder": (SQUASH, "`-benchmem`, pprof `list` → `%%bench -prof gc`, `%%alloc`, `-bm ss`, `-bm sample`",
                   "five decoders; sites by line; a first-call allocation; latency percentiles",
                   "2040 → 1270 → 296 → 312 → 553 ns/op; 9 → 2 → 0 allocs/op"),
    "04-which-line-allocates": (f"{HEAP}; {TUTORIAL}", "pprof `-sample_index` → `%%alloc --by bytes/count`",
                                "bytes vs count rankings name different lines; sampled vs exact",
                                "443 ns, 32 B, 2 allocs; 264 vs 264,000 objects"),
    "05-escape-analysis": (f"{TUTORIAL}; {EFFICIENT} ch. 4–5", "`-gcflags=-m` → `%%alloc --no-escape`, `%%jit`",
                           "scalar replacement and four ways to break it; formatting; boxing",
                           "`Sprintf` → builder: 402 → 101 allocs/op, 4.2× faster"),
    "06-preallocation": (f"{CHENEY}; {EFFICIENT} ch. 11; {TUTORIAL}", "`-benchmem` over sizes → `%%bench -p` sweeps, B/op against N",
                         "presized `ArrayList`, `HashMap`, streams, `StringBuilder`",
                         "slice 8× faster; map 123 → 57 MB; ReadAll 5.24 → 1.01 MB"),
    "07-sum-budget": (f"{EFFICIENT} ch. 3, 7, 8, 10", "RAER budget, pprof → `%%bench --budget`, `%%profile`, `%%gclog`",
                      "a budget per line; one change per step", "78.4 ms, 60.8 MB at 2 M lines; 101 → 50 → 25 → 13.6 ms"),
    "08-sum-constant-memory": (f"{EFFICIENT} ch. 10", "`-benchmem`, `gctrace` → `%%bench -prof gc`, `%%gclog`",
                               "B/op flat in N; the collector idle", "about 8.3 KB at 10 M and 100 M lines"),
    "09-sum-concurrency": (f"{EFFICIENT} ch. 4, 10, 11", "pprof CPU vs wall → `%%profile --event cpu/wall`",
                           "task per line, worker queue, shards, positional reads; thread-leak check",
                           "540 → 207 → 6.9 → 4.5 ms on 4 CPUs"),
    "10-gc-tuning": (f"{CHENEY}; {TUTORIAL}; {EFFICIENT} ch. 5", "`GODEBUG=gctrace=1`, `GOGC`, `GOMEMLIMIT` → `%%gclog`, `SoftMaxHeapSize`, Epsilon",
                     "allocation rate drives GC frequency; collectors, heap sizes, soft limit; heap vs RSS",
                     "40× the rate, about 40× the collections"),
    "11-pooling": (f"{EFFICIENT} ch. 11; {TUTORIAL}", "`sync.Pool`, `inuse_space` → `%%bench`, `%%gclog` live set",
                   "reuse strategies; a stale buffer; pinned memory; a micro win lost at macro level",
                   "15.8 MB pinned where 190 KB was needed"),
    "12-bottlenecks-leaks": (f"{CHENEY}; {EFFICIENT} ch. 9, 11", "pprof flat/cum, custom profile → `%%profile`, custom JFR events",
                             "flat vs cumulative, flame graph, open files by stack, lock and wall profiles",
                             "a custom profile of open files"),
}
SEED_ROW = re.compile(r"Java \(this run\): (.*?)<br>\*\*Verdict:\*\* (.*)", re.S)


def seed_row(path):
    """(java, verdict) from the notebook's seed-row cell output, or None when it has no output."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "seed-row" in cell.metadata.get("tags", []):
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/markdown")
                m = SEED_ROW.search(text if isinstance(text, str) else "".join(text or []))
                if m:
                    return m.group(1).strip(), m.group(2).strip()
            return None
    raise SystemExit(f"{path.name}: no cell tagged seed-row")


def table():
    lines = ["| notebook | seed it ports | Go tool → perfkernel | what it shows | Go figure (seed) | Java figure (committed run) | verdict |",
             "|---|---|---|---|---|---|---|"]
    for stem, (seed, tool, shows, go) in ROWS.items():
        row = seed_row(NOTEBOOKS / f"{stem}.ipynb")
        java, verdict = row if row else ("(not run yet)", "(not run yet)")
        cells = [f"[{stem}]({stem}.ipynb)", seed, tool, shows, go, java, verdict]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def main(argv):
    text = README.read_text()
    start, end = text.index(START) + len(START), text.index(END)
    new = text[:start] + "\n" + table() + "\n" + text[end:]
    if "--check" in argv:
        if new != text:
            print("notebooks/README.md: the table differs from the notebooks' outputs; run notebooks/tools/readme.py")
            return 1
        return 0
    README.write_text(new)
    print("wrote", README.relative_to(NOTEBOOKS.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

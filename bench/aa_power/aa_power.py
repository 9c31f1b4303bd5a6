#!/usr/bin/python3
"""A/A and power benchmark of %bench's comparisons (a benchmark, not a test).

Runs, through the real kernel (jupyter_client, kernelspec installed privately from the build),
%%bench cells with DEFAULT settings (no options except --baseline a):

  A/A:   a() and b() both sum an int[1000] defined in an earlier cell. Identical code: any
         "different" verdict (95% interval of the ratio excluding 1) is a false positive.
  power: a() sums an int[1000], b() an int[1100] (10% more work). Detected when the interval
         excludes 1 with b slower (ratio > 1).

Targets (issue 10): false-positive rate <= 5% over >= 40 A/A runs; detection >= 80% over >= 20
runs. For contrast, the old iteration-level Mann-Whitney test (every iteration a sample) is
computed from the same runs' per-iteration samples.

Resumable: every run appends one JSON line to --results (default bench/aa_power/results.jsonl);
a re-start runs only what is missing. A/A and power runs alternate, so a cut-short session still
has both kinds. Each run takes ~80 s at the defaults (10 forks x 2 benchmarks + the empty
reference), so 40 + 20 runs take ~80 min on a 2-core machine. Run it alone: other load disturbs
the figures (each run's load warnings are recorded).

Usage:
    mvn -B -ntp -q -pl kernel -am package -DskipTests -DskipPyTests
    /usr/bin/python3 bench/aa_power/aa_power.py [--runs 40] [--power-runs 20] [--results FILE]
                                                [--build kernel/target] [--summary-only]
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "kernel", "src", "test", "python"))

DATA_CELL = """int[] data1000 = new java.util.Random(1).ints(1000, 0, 1000).toArray();
int[] data1100 = new java.util.Random(1).ints(1100, 0, 1000).toArray();"""

BODY = """@Benchmark public long a() { long s = 0; for (int v : data1000) s += v; return s; }
@Benchmark public long b() { long s = 0; for (int v : %s) s += v; return s; }"""

CELLS = {"aa": "%%bench --baseline a\n" + BODY % "data1000",
         "power": "%%bench --baseline a\n" + BODY % "data1100"}


def install(build):
    prefix = tempfile.mkdtemp(prefix="perfkernel-aa-")
    subprocess.run([os.path.join(REPO, "install", "install.sh"), "--prefix", prefix, "--build-dir", build,
                    "--no-build", "--quiet", "--no-cds"], check=True, timeout=300)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(prefix, "user-data")
    return prefix


def load_results(path):
    out = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    out.append(json.loads(line))
    return out


def mann_whitney_p(x, y):
    """Two-sided Mann-Whitney U, normal approximation with tie correction (the old per-iteration test)."""
    pooled = sorted([(v, 0) for v in x] + [(v, 1) for v in y])
    ranks = [0.0] * len(pooled)
    i = 0
    ties = 0.0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    n1, n2 = len(x), len(y)
    r1 = sum(r for r, (_, side) in zip(ranks, pooled) if side == 0)
    u = r1 - n1 * (n1 + 1) / 2
    n = n1 + n2
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))))
    if sigma == 0:
        return 1.0
    z = (abs(u - n1 * n2 / 2) - 0.5) / sigma
    return math.erfc(max(z, 0) / math.sqrt(2))


def one_run(kc, kind, run_fn, displays, error_text, options=""):
    started = time.monotonic()
    cell = CELLS[kind].replace("%%bench ", "%%bench " + options + " ", 1) if options else CELLS[kind]
    reply, msgs = run_fn(kc, cell, timeout=1800)
    wall = time.monotonic() - started
    rec = {"kind": kind, "options": options, "wall_s": round(wall, 1), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "loadavg_end": open("/proc/loadavg").read().split()[0]}
    if reply["status"] != "ok":
        rec["error"] = error_text(msgs)[-2000:]
        return rec
    report = [d["application/json"] for d in displays(msgs) if "application/json" in d][0]
    rec["warnings"] = [w["kind"] + ": " + w["message"] for w in report["warnings"]]
    rows = {b["name"]: b for b in report["benchmarks"]}
    rec["scores"] = {k: v["score"] for k, v in rows.items()}
    # per-fork medians in run order, to see drift (JMH runs all of a's forks, then all of b's)
    rec["fork_medians"] = {}
    for k, v in rows.items():
        it = v["iterations"]
        forks = [sorted(v["samples"][i:i + it]) for i in range(0, len(v["samples"]), it)]
        rec["fork_medians"][k] = [round((f[(len(f) - 1) // 2] + f[len(f) // 2]) / 2, 3) for f in forks]
    if not report["comparisons"]:
        rec["error"] = "no comparison in the report"
        return rec
    c = report["comparisons"][0]
    for key in ("ratio", "ci_low", "ci_high", "p_value", "status", "forks_baseline", "forks_candidate",
                "fork_cv_baseline", "fork_cv_candidate"):
        rec[key] = c.get(key)
    if "a" in rows and "b" in rows:
        rec["iteration_mw_p"] = mann_whitney_p(rows["a"]["samples"], rows["b"]["samples"])
    return rec


def wilson(k, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def summary(results):
    aa = [r for r in results if r["kind"] == "aa" and "status" in r]
    pw = [r for r in results if r["kind"] == "power" and "status" in r]
    failed = [r for r in results if "error" in r]
    lines = []
    fp = sum(1 for r in aa if r["status"] == "different")
    lo, hi = wilson(fp, len(aa))
    lines.append(f"A/A runs: {len(aa)}; false positives (95% interval excludes 1): {fp} = "
                 f"{100 * fp / max(1, len(aa)):.1f}% (Wilson 95%: {100 * lo:.1f}-{100 * hi:.1f}%); target <= 5%")
    mw = [r for r in aa if r.get("iteration_mw_p") is not None]
    mw_fp = sum(1 for r in mw if r["iteration_mw_p"] < 0.05)
    lines.append(f"  contrast, old iteration-level Mann-Whitney on the same runs: {mw_fp} of {len(mw)} = "
                 f"{100 * mw_fp / max(1, len(mw)):.1f}% at p < 0.05")
    det = sum(1 for r in pw if r["status"] == "different" and r["ratio"] > 1)
    wrong = sum(1 for r in pw if r["status"] == "different" and r["ratio"] < 1)
    lo, hi = wilson(det, len(pw))
    lines.append(f"10% difference runs: {len(pw)}; detected with the right sign: {det} = "
                 f"{100 * det / max(1, len(pw)):.1f}% (Wilson 95%: {100 * lo:.1f}-{100 * hi:.1f}%), wrong sign: "
                 f"{wrong}; target >= 80%")
    if pw:
        ratios = sorted(r["ratio"] for r in pw)
        lines.append(f"  measured ratio b/a: median {ratios[len(ratios) // 2]:.3f} "
                     f"(min {ratios[0]:.3f}, max {ratios[-1]:.3f})")
    cvs = sorted(v for r in aa + pw for v in (r.get("fork_cv_baseline"), r.get("fork_cv_candidate")) if v)
    if cvs:
        lines.append(f"fork-to-fork spread (CV of fork medians): median {100 * cvs[len(cvs) // 2]:.1f}%, "
                     f"max {100 * cvs[-1]:.1f}%")
    walls = sorted(r["wall_s"] for r in results if "wall_s" in r)
    if walls:
        lines.append(f"wall time per run (two benchmarks, defaults): median {walls[len(walls) // 2]:.0f} s")
    disturbed = sum(1 for r in results if any(w.startswith("loaded-machine") for w in r.get("warnings", [])))
    lines.append(f"runs with a loaded-machine warning: {disturbed} of {len(results)}; failed runs: {len(failed)}")
    for r in failed[:5]:
        lines.append(f"  failed {r['kind']} at {r['date']}: {r['error'][:300]}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=40, help="A/A runs wanted in total (default 40)")
    ap.add_argument("--power-runs", type=int, default=None,
                    help="10%%-difference runs wanted in total (default: half of --runs, at least 20 when --runs "
                         ">= 40)")
    ap.add_argument("--results", default=os.path.join(HERE, "results.jsonl"))
    ap.add_argument("--build", default=os.path.join(REPO, "kernel", "target"))
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--options", default="",
                    help="extra %%%%bench options, for a functional check only (e.g. '-f 3 -wi 1 -i 2 -w 100ms "
                         "-r 100ms'); figures are taken at the defaults, with this empty")
    args = ap.parse_args()
    power_runs = args.power_runs if args.power_runs is not None else max(args.runs // 2, 20 if args.runs >= 40 else 0)
    results = load_results(args.results)
    if args.summary_only:
        print(summary(results))
        return
    done = {"aa": sum(1 for r in results if r["kind"] == "aa" and "error" not in r),
            "power": sum(1 for r in results if r["kind"] == "power" and "error" not in r)}
    todo = []
    need = {"aa": max(0, args.runs - done["aa"]), "power": max(0, power_runs - done["power"])}
    while need["aa"] or need["power"]:
        for kind in ("aa", "power"):
            if need[kind]:
                todo.append(kind)
                need[kind] -= 1
    print(f"# done: {done}; to run: {len(todo)} ({todo.count('aa')} A/A, {todo.count('power')} power); "
          f"results: {args.results}", flush=True)
    if todo:
        from jupyter_client.manager import KernelManager
        from conftest import displays, error_text, run
        prefix = install(args.build)
        km = KernelManager(kernel_name="java-perf")
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            reply, msgs = run(kc, DATA_CELL, timeout=120)
            if reply["status"] != "ok":
                sys.exit("the data cell failed: " + error_text(msgs))
            for i, kind in enumerate(todo):
                rec = one_run(kc, kind, run, displays, error_text, args.options)
                with open(args.results, "a", encoding="utf-8") as f:
                    f.write(json.dumps(rec) + "\n")
                print(f"[{i + 1}/{len(todo)}] {kind}: {rec.get('status', rec.get('error', '?'))[:80]} "
                      f"ratio {rec.get('ratio')} [{rec.get('ci_low')}, {rec.get('ci_high')}] "
                      f"wall {rec['wall_s']} s", flush=True)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
            shutil.rmtree(prefix, ignore_errors=True)
    print(summary(load_results(args.results)))


if __name__ == "__main__":
    main()

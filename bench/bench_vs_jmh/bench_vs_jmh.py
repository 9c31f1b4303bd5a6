#!/usr/bin/python3
"""Agreement of %%bench with plain JMH (a benchmark, not a test).

Each cell in cells/*.txt is measured two ways, one fork at a time, alternating sides:

  %%bench  through the real kernel (jupyter_client; kernelspec installed privately from the build),
           `%%bench -f 1 --jvm FEATURE --no-empty-reference SETTINGS` with the cell as its body;
  JMH      the same class body as an ordinary JMH project (jmh-project/pom.xml, built offline with
           Maven into a temp dir), run with JMH's own launcher: java -cp ... org.openjdk.jmh.Main
           (the Main-Class of a `java -jar benchmarks.jar`), `-f 1 SETTINGS`, same JDK.

Every fork is summarised by its median iteration (as %bench's comparisons do). Per cell it reports
the ratio of the medians of the fork medians (%bench / JMH) with a 95% percentile bootstrap
interval (10,000 resamples of forks on each side, fixed seed: re-running the summary gives the
same interval). Target (issue 10): every interval inside [0.95, 1.05].

Rounds alternate the order of the two sides (round 0: %bench first, round 1: JMH first, ...), so
a drift of the machine over time does not favour one side.

--overhead instead measures the wall time of `%%bench --quick` for each cell through the kernel
(the second of two runs, as in a kernel whose compiler is warm) minus the configured warm-up and
measurement time (1 fork x (2 x 200 ms + 3 x 200 ms) = 1.0 s). Target: <= 2 s.

Resumable: each fork appends a JSON line to --results; a restart measures only what is missing.
Time: ~5 s per fork, 5 cells x 2 sides x 10 rounds ~ 10 min on 2 cores. Run it alone.

Usage:
    mvn -B -ntp -q -pl kernel -am package -DskipTests -DskipPyTests
    /usr/bin/python3 bench/bench_vs_jmh/bench_vs_jmh.py [--rounds 10] [--jdk 17] [--cells Sum,Fib]
        [--settings "-wi 4 -w 500ms -i 5 -r 200ms"] [--results FILE] [--summary-only]
"""
import argparse
import glob
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "kernel", "src", "test", "python"))

# %bench's defaults without -f (each side runs one fork per round)
DEFAULT_SETTINGS = "-wi 4 -w 500ms -i 5 -r 200ms"
COMMON = "-bm avgt -tu ns"


def cells(selected):
    out = {}
    for path in sorted(glob.glob(os.path.join(HERE, "cells", "*.txt"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if not selected or name in selected:
            with open(path, encoding="utf-8") as f:
                out[name] = f.read()
    return out


def build_jmh_project(work, bodies, jdk, home):
    """The cells as classes of an ordinary JMH project, compiled by Maven; returns the run classpath."""
    proj = os.path.join(work, "jmh-project")
    src = os.path.join(proj, "src", "main", "java", "bvj")
    os.makedirs(src)
    shutil.copy(os.path.join(HERE, "jmh-project", "pom.xml"), proj)
    for name, body in bodies.items():
        with open(os.path.join(src, name + ".java"), "w", encoding="utf-8") as f:
            # the same shape as %bench's class: @State(Scope.Thread) around the cell, JMH imports
            f.write("package bvj;\nimport org.openjdk.jmh.annotations.*;\nimport org.openjdk.jmh.infra.Blackhole;\n"
                    f"@State(Scope.Thread)\npublic class {name} {{\n{body}\n}}\n")
    cp_file = os.path.join(work, "jmh.cp")
    # javac --release JDK on that JDK, as %bench compiles for the JDK it measures on
    env = dict(os.environ, JAVA_HOME=home)
    subprocess.run(["mvn", "-B", "-q", "-o", "-f", os.path.join(proj, "pom.xml"), "package", "-DskipTests",
                    "-Dbvj.release=" + jdk], check=True, timeout=600, env=env)
    subprocess.run(["mvn", "-B", "-q", "-o", "-f", os.path.join(proj, "pom.xml"), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + cp_file, "-Dmdep.includeScope=runtime"], check=True, timeout=600, env=env)
    with open(cp_file, encoding="utf-8") as f:
        return os.path.join(proj, "target", "classes") + os.pathsep + f.read().strip()


def jdk_home(feature):
    env = os.environ.get("JAVA_HOME")
    if env and os.path.exists(os.path.join(env, "release")):
        with open(os.path.join(env, "release"), encoding="utf-8") as f:
            if f'JAVA_VERSION="{feature}' in f.read():
                return env
    for home in sorted(glob.glob("/usr/lib/jvm/*")):
        rel = os.path.join(home, "release")
        if os.path.exists(rel) and os.path.exists(os.path.join(home, "bin", "java")):
            with open(rel, encoding="utf-8") as f:
                if f'JAVA_VERSION="{feature}' in f.read():
                    return home
    sys.exit(f"no JDK {feature} under /usr/lib/jvm (set JAVA_HOME)")


def jmh_fork(java, cp, name, settings, work):
    out = os.path.join(work, "jmh.json")
    subprocess.run([java, "-cp", cp, "org.openjdk.jmh.Main", f"bvj\\.{name}\\.", "-f", "1"] + settings.split()
                   + COMMON.split() + ["-rf", "json", "-rff", out], check=True, timeout=900,
                   stdout=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        return json.load(f)[0]["primaryMetric"]["rawData"][0]


def bench_fork(kc, run, displays, error_text, jdk, body, settings):
    cell = f"%%bench -f 1 --jvm {jdk} --no-empty-reference {settings} {COMMON}\n{body}"
    reply, msgs = run(kc, cell, timeout=900)
    if reply["status"] != "ok":
        raise RuntimeError(error_text(msgs)[-1500:])
    report = [d["application/json"] for d in displays(msgs) if "application/json" in d][0]
    return report["benchmarks"][0]["samples"], [w["kind"] for w in report["warnings"]]


def load(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def bootstrap_ratio_of_medians(num, den, resamples=10_000, seed=0x5EED):
    rnd = random.Random(seed)
    ratios = []
    for _ in range(resamples):
        a = [num[rnd.randrange(len(num))] for _ in num]
        b = [den[rnd.randrange(len(den))] for _ in den]
        ratios.append(statistics.median(a) / statistics.median(b))
    ratios.sort()
    return statistics.median(num) / statistics.median(den), ratios[int(0.025 * resamples)], \
        ratios[int(0.975 * resamples) - 1]


def summary(records):
    lines = [f"{'benchmark':<18} {'forks':>9} {'%bench ns':>11} {'JMH ns':>11} {'ratio':>7} {'95% interval':>17}  "
             f"inside [0.95, 1.05]"]
    inside_all = True
    for name in sorted({r["cell"] for r in records}):
        pk = [r["fork_median"] for r in records if r["cell"] == name and r["side"] == "bench"]
        jm = [r["fork_median"] for r in records if r["cell"] == name and r["side"] == "jmh"]
        if len(pk) < 2 or len(jm) < 2:
            lines.append(f"{name:<18} {len(pk):>4}+{len(jm):<4} too few forks")
            inside_all = False
            continue
        ratio, lo, hi = bootstrap_ratio_of_medians(pk, jm)
        inside = 0.95 <= lo and hi <= 1.05
        inside_all &= inside
        lines.append(f"{name:<18} {len(pk):>4}+{len(jm):<4} {statistics.median(pk):>11.2f} "
                     f"{statistics.median(jm):>11.2f} {ratio:>7.3f} [{lo:>6.3f}, {hi:>6.3f}]  "
                     f"{'yes' if inside else 'NO'}   (fork spread: %bench {spread(pk)}, JMH {spread(jm)})")
    loaded = sum(1 for r in records if "loaded-machine" in r.get("warnings", []))
    lines.append(f"every interval inside [0.95, 1.05]: {'yes' if inside_all else 'no'}; "
                 f"%bench forks with a loaded-machine warning: {loaded}")
    return "\n".join(lines)


def spread(xs):
    return f"{100 * statistics.stdev(xs) / statistics.mean(xs):.1f}%" if len(xs) > 1 else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10, help="forks per side and cell (default 10)")
    ap.add_argument("--jdk", default="17", help="JDK feature version for both sides (default 17)")
    ap.add_argument("--cells", default="", help="comma-separated cell names (default: all in cells/)")
    ap.add_argument("--settings", default=DEFAULT_SETTINGS)
    ap.add_argument("--results", default=os.path.join(HERE, "results.jsonl"))
    ap.add_argument("--build", default=os.path.join(REPO, "kernel", "target"))
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--overhead", action="store_true", help="measure %%%%bench --quick's overhead instead")
    args = ap.parse_args()
    bodies = cells([c for c in args.cells.split(",") if c])
    records = load(args.results)
    if args.summary_only:
        print(summary(records))
        return
    have = {}
    for r in records:
        if r.get("settings") == args.settings and r.get("jdk") == args.jdk:
            have[(r["cell"], r["side"])] = have.get((r["cell"], r["side"]), 0) + 1
    home = jdk_home(args.jdk)
    java = os.path.join(home, "bin", "java")
    work = tempfile.mkdtemp(prefix="perfkernel-bvj-")
    try:
        cp = build_jmh_project(work, bodies, args.jdk, home)
        from conftest import displays, error_text, run
        from jupyter_client.manager import KernelManager
        subprocess.run([os.path.join(REPO, "install", "install.sh"), "--prefix", os.path.join(work, "kernel"),
                        "--build-dir", args.build, "--no-build", "--quiet", "--no-cds"], check=True, timeout=300)
        os.environ["JUPYTER_PATH"] = os.path.join(work, "kernel", "share", "jupyter")
        os.environ["JUPYTER_DATA_DIR"] = os.path.join(work, "user-data")
        km = KernelManager(kernel_name="java-perf")
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            if args.overhead:
                for name, body in bodies.items():
                    walls = []
                    for _ in range(2):
                        t0 = time.monotonic()
                        reply, msgs = run(kc, f"%%bench --quick --jvm {args.jdk}\n{body}", timeout=300)
                        walls.append(time.monotonic() - t0)
                        if reply["status"] != "ok":
                            raise RuntimeError(error_text(msgs)[-1500:])
                    print(f"{name:<18} wall {walls[1]:.2f} s, overhead {walls[1] - 1.0:.2f} s (first run "
                          f"{walls[0]:.2f} s)", flush=True)
                return
            print(f"# {args.rounds} rounds, settings '{args.settings} {COMMON}', JDK {args.jdk} ({java}); "
                  f"load average at start: {open('/proc/loadavg').read().split()[0]}", flush=True)
            for rnd in range(args.rounds):
                for name, body in bodies.items():
                    sides = ["bench", "jmh"] if rnd % 2 == 0 else ["jmh", "bench"]
                    for side in sides:
                        if have.get((name, side), 0) > rnd:
                            continue
                        warnings = []
                        if side == "bench":
                            samples, warnings = bench_fork(kc, run, displays, error_text, args.jdk, body,
                                                           args.settings)
                        else:
                            samples = jmh_fork(java, cp, name, args.settings, work)
                        rec = {"cell": name, "side": side, "round": rnd, "settings": args.settings, "jdk": args.jdk,
                               "samples": samples, "fork_median": statistics.median(samples),
                               "warnings": warnings}
                        with open(args.results, "a", encoding="utf-8") as f:
                            f.write(json.dumps(rec) + "\n")
                        print(f"round {rnd} {name:<18} {side:<5} fork median {rec['fork_median']:.2f} ns",
                              flush=True)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(summary([r for r in load(args.results) if r.get("settings") == args.settings
                   and r.get("jdk") == args.jdk]))


if __name__ == "__main__":
    main()

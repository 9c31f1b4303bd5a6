#!/usr/bin/python3
"""Long-session soak of perfkernel (a benchmark, not a test): does a cell get slower, does the
kernel's memory grow, as a session goes on?

Usage:
    /usr/bin/python3 bench/soak.py [--build kernel/target] [--cells 1000] [--samples 10] [--names 50]
    /usr/bin/python3 bench/soak.py --cells 10000        # the soak whose figures go in the README
    /usr/bin/python3 bench/soak.py --cells 1000 --histogram --heap-dump /tmp/k.hprof   # what grows
    /usr/bin/python3 bench/soak.py --cells 1000 --statements   # also print statements, assignments

Installs the kernelspec into a private temp JUPYTER_PATH from the build folder (as the Python
tests do), starts one kernel and runs --cells cells through jupyter_client. The mix of a notebook
being worked on: small declarations and expressions alternating, a method every 50 cells, a
compile error and a runtime exception every 100. Names cycle over --names variables and methods,
as when cells are edited and re-run (use --names 0 for a fresh name in every cell).

Reports:
  latency    median wall time (execute_request -> idle) of the first 100 and the last 100 cells
             and their ratio (target: last/first <= 1.2)
  heap       heap in use after a full GC (jcmd GC.run, then GC.heap_info) of the kernel JVM and
             of the engine JVM, at --samples points; growth per cell from the first sample after
             start to the last (target: kernel <= 5 KB/cell); --histogram shows which classes grew
  RSS        the kernel process tree's resident set at the same points
The figures depend on the machine: run it on an idle one, alone.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "kernel", "src", "test", "python"))

from jupyter_client.manager import KernelManager  # noqa: E402

from conftest import descendant_pids, kernel_pid, rss_kib, run  # noqa: E402

USED = re.compile(r"used (\d+)K")


def install(build):
    prefix = tempfile.mkdtemp(prefix="perfkernel-soak-")
    subprocess.run([os.path.join(REPO, "install", "install.sh"), "--prefix", prefix, "--build-dir", build,
                    "--no-build", "--quiet"], check=True, timeout=600)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(prefix, "user-data")
    return prefix


def cells(count, names, statements=False):
    """The cells of the mix, as (code, meant_to_fail) pairs. With ``statements`` two expression
    cells in ten become a print statement and an assignment (kinds JShell keeps apart)."""
    declared = "v0"
    for i in range(1, count + 1):
        n = i % names if names else i
        if statements and i % 10 == 3:
            yield f'System.out.print("");', False
        elif statements and i % 10 == 7:
            yield f"{declared} = {declared} + 1;", False
        elif i % 100 == 50:
            yield f'int broken{n} = "not an int";', True
        elif i % 100 == 99:
            yield f'Integer.parseInt("no number {i}")', True
        elif i % 50 == 25:
            yield f"static long m{n}(long a) {{\n    return a * {i} + 1;\n}}", False
        elif i % 2 == 0:
            declared = f"v{n}"
            yield f"int {declared} = {i};", False
        else:
            yield f"{declared} + {i}", False


def jcmd_for(pid):
    """jcmd of the JDK that runs ``pid`` (beside its java binary)."""
    java = os.path.realpath(f"/proc/{pid}/exe")
    jcmd = os.path.join(os.path.dirname(java), "jcmd")
    return jcmd if os.path.exists(jcmd) else shutil.which("jcmd")


def is_java(pid):
    try:
        return os.path.basename(os.path.realpath(f"/proc/{pid}/exe")) == "java"
    except OSError:
        return False


def heap_after_gc_kib(pid):
    """Heap in use after a full GC, in KiB (all generations; metaspace not included), or None."""
    jcmd = jcmd_for(pid)
    if jcmd is None:
        return None
    try:
        subprocess.run([jcmd, str(pid), "GC.run"], check=True, timeout=60, capture_output=True)
        out = subprocess.run([jcmd, str(pid), "GC.heap_info"], check=True, timeout=60,
                             capture_output=True, text=True).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    used = 0
    for line in out.splitlines():
        s = line.strip()
        if s.startswith(("Metaspace", "class space")) or "total" not in s:
            continue
        m = USED.search(s)
        if m:
            used += int(m.group(1))
    return used


def histogram(pid):
    """Live objects per class after a full GC: {class: (instances, bytes)}."""
    jcmd = jcmd_for(pid)
    out = subprocess.run([jcmd, str(pid), "GC.class_histogram"], check=True, timeout=120,
                         capture_output=True, text=True).stdout
    h = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].endswith(":"):
            h[parts[3]] = (int(parts[1]), int(parts[2]))
    return h


def print_growth(before, after, cells, top=25):
    """The classes whose live bytes grew most between two histograms."""
    rows = []
    for cls, (n, b) in after.items():
        n0, b0 = before.get(cls, (0, 0))
        rows.append((b - b0, n - n0, cls))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"  kernel heap growth by class over {cells} cells (bytes, instances); all classes: "
          f"{total:+,d} B, {total / max(1, cells):+.0f} B/cell")
    for db, dn, cls in rows[:top]:
        print(f"    {db:+12,d} B {dn:+9,d}  {db / max(1, cells):+8.0f} B/cell  {cls}")


def sample(km, done):
    pid = kernel_pid(km)
    tree = [pid] + descendant_pids(pid)
    engines = [p for p in tree[1:] if is_java(p)]
    return {
        "cells": done,
        "kernel_heap": heap_after_gc_kib(pid),
        "engine_heap": heap_after_gc_kib(engines[0]) if engines else None,
        "rss": sum(rss_kib(p) for p in tree),
    }


def slope(points):
    """Least-squares slope of y over x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def fmt_kib(k):
    return "?" if k is None else f"{k / 1024:7.1f} MiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.environ.get("PERFKERNEL_BUILD", os.path.join(REPO, "kernel", "target")))
    ap.add_argument("--cells", type=int, default=1000)
    ap.add_argument("--samples", type=int, default=10, help="memory samples over the run (plus one at the start)")
    ap.add_argument("--names", type=int, default=50, help="distinct variable/method names (0: a new one per cell)")
    ap.add_argument("--statements", action="store_true",
                    help="mix in print statements and assignments (2 cells in 10)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    ap.add_argument("--heap-dump", metavar="FILE.hprof",
                    help="at the end, write the kernel JVM's heap (live objects) to this file for a heap analyser")
    ap.add_argument("--histogram", action="store_true",
                    help="also print which classes of the kernel's heap grew (jcmd GC.class_histogram)")
    args = ap.parse_args()
    if args.cells < 200:
        print("note: fewer than 200 cells: the first-100 and last-100 windows overlap", file=sys.stderr)
    prefix = install(os.path.abspath(args.build))
    km = KernelManager(kernel_name="java-perf")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    latencies, samples, wrong = [], [], []
    try:
        kc.wait_for_ready(timeout=120)
        run(kc, "int v0 = 0;", timeout=120)
        samples.append(sample(km, 0))
        hist0 = histogram(kernel_pid(km)) if args.histogram else None
        every = max(1, args.cells // max(1, args.samples))
        for i, (code, should_fail) in enumerate(cells(args.cells, args.names, args.statements), start=1):
            t = time.perf_counter()
            reply, _ = run(kc, code, timeout=120)
            latencies.append((time.perf_counter() - t) * 1000)
            if (reply["status"] == "error") != should_fail:
                wrong.append((i, code, reply.get("evalue")))
            if i % every == 0 or i == args.cells:
                samples.append(sample(km, i))
                if not args.quiet:
                    s = samples[-1]
                    print(f"  {i:6d} cells  median of last {every}: {statistics.median(latencies[-every:]):6.1f} ms"
                          f"  kernel heap {fmt_kib(s['kernel_heap'])}  engine heap {fmt_kib(s['engine_heap'])}"
                          f"  tree RSS {fmt_kib(s['rss'])}", flush=True)
        if args.histogram:
            print_growth(hist0, histogram(kernel_pid(km)), args.cells)
        if args.heap_dump:
            pid = kernel_pid(km)
            subprocess.run([jcmd_for(pid), str(pid), "GC.heap_dump", os.path.abspath(args.heap_dump)],
                           check=True, timeout=300, capture_output=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        shutil.rmtree(prefix, ignore_errors=True)

    first = statistics.median(latencies[:100])
    last = statistics.median(latencies[-100:])
    print(f"perfkernel soak: {args.cells} cells, {args.names or 'fresh'} names"
          f"{', with statements' if args.statements else ''}, {os.cpu_count()} cpus, build {args.build}")
    print(f"  median latency  first 100: {first:.1f} ms   last 100: {last:.1f} ms   ratio {last / first:.2f}"
          f"  (target <= 1.2: {'ok' if last / first <= 1.2 else 'MISSED'})")
    # Growth is measured from the first sample after start-up (the kernel's own warm-up garbage
    # and lazily loaded classes are not per-cell state) to the last.
    a, b = (samples[1] if len(samples) > 2 else samples[0]), samples[-1]
    for key, label in (("kernel_heap", "kernel heap after GC"), ("engine_heap", "engine heap after GC"),
                       ("rss", "kernel tree RSS")):
        if a[key] is None or b[key] is None:
            print(f"  {label:22s} not measured (no jcmd?)")
            continue
        per_cell = (b[key] - a[key]) * 1024 / max(1, b["cells"] - a["cells"])
        target = "  (target <= 5 KB/cell: " + ("ok)" if per_cell <= 5000 else "MISSED)") if key == "kernel_heap" else ""
        # Heap after a full GC still moves by a MB or two between samples (javac's caches), so
        # the slope of a least-squares line through all samples is given too.
        points = [(s["cells"], s[key]) for s in samples[1:] if s[key] is not None]
        fit = f", fitted slope {slope(points) * 1024 / 1000:+.2f} KB/cell" if len(points) >= 3 else ""
        print(f"  {label:22s} {fmt_kib(a[key])} -> {fmt_kib(b[key])}   {per_cell / 1000:+.2f} KB/cell{target}{fit}")
    if wrong:
        print(f"  {len(wrong)} cells did not end as intended, e.g. {wrong[:3]}")
        sys.exit(1)


if __name__ == "__main__":
    main()

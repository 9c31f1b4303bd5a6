#!/usr/bin/python3
"""Kernel latency benchmark (not a test): measures perfkernel over the wire with jupyter_client.

Usage:
    /usr/bin/python3 bench/kernel_latency.py [--build kernel/target] [--n 50] [--starts 3]
        [--kernel-opts "JVM options of the kernel process"]

--kernel-opts (default: $PERFKERNEL_KERNEL_OPTS) is passed to install/perfkernel, whose own
defaults it follows, so it overrides them. Compare the kernel JVM's C1-only default with full
tiered compilation (run alone on an idle machine, one after the other):
    /usr/bin/python3 bench/kernel_latency.py --n 100 --starts 5
    /usr/bin/python3 bench/kernel_latency.py --n 100 --starts 5 --kernel-opts "-XX:TieredStopAtLevel=4"

Installs the kernelspec into a private temp JUPYTER_PATH (install/install.sh --prefix) from the
build folder, then reports:
  start -> kernel_info_reply   wall time from launching the kernel process to the first reply
  start -> first `1+1` result  wall time from launching to the execute_result of `1+1`
  warm execute median          a one-snippet cell (`x = x + 1`), n runs, reply + idle
  two-snippet cell median      `int y = 1; y + 1` (a declaration and an expression), n runs
  completion / inspect median  n requests each (inspect: the same name again, as a front end
                               asks while the cursor rests on it; first inspect reported apart)
  kernel_info round trip       the wire layer alone (no backend work), for comparison
  kernel tree RSS              sum of VmRSS over the kernel process and its descendants
Targets (issue 13, idle 2-core machine): first result <= 1.0 s, one-snippet cell <= 15 ms,
two-snippet cell <= 25 ms, completion and inspect <= 10 ms.

Profiling the kernel (where a cell's time goes):
    PERFKERNEL_KERNEL_OPTS="-XX:StartFlightRecording=filename=/tmp/k.jfr,settings=profile,dumponexit=true" \
        /usr/bin/python3 bench/kernel_latency.py --starts 1 --n 200
    jfr print --events jdk.ExecutionSample --stack-depth 64 /tmp/k.jfr
PERFKERNEL_TRACE_STARTUP=1 logs the start-up steps (sockets, engine JVM connected, start-up
snippets done) in ms after main().
"""
import argparse
import os
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

from conftest import descendant_pids, kernel_pid, result_text, rss_kib, run  # noqa: E402

TARGETS = {"start_to_kernel_info_s": 0.6, "start_to_first_result_s": 1.0,
           "warm_execute_median_ms": 15.0, "two_snippet_median_ms": 25.0,
           "complete_median_ms": 10.0, "inspect_median_ms": 10.0}


def install(build):
    prefix = tempfile.mkdtemp(prefix="perfkernel-bench-")
    subprocess.run([os.path.join(REPO, "install", "install.sh"), "--prefix", prefix, "--build-dir", build,
                    "--no-build", "--quiet"], check=True)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(prefix, "user-data")
    return prefix


def first_reply(kc, send, deadline):
    """Sends with ``send()`` every 5 ms until a reply arrives (the kernel may not be bound yet)."""
    msg_id = send()
    while time.monotonic() < deadline:
        try:
            reply = kc.get_shell_msg(timeout=0.005)
        except Exception:  # noqa: BLE001 - queue.Empty: not answered yet
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply
    raise TimeoutError("no reply")


def one_start():
    km = KernelManager(kernel_name="java-perf")
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        # ZeroMQ queues the request until the kernel binds, so one send is enough.
        first_reply(kc, kc.kernel_info, t0 + 60)
        t_info = time.monotonic() - t0
        reply, msgs = run(kc, "1+1", timeout=60)
        t_result = time.monotonic() - t0
        if result_text(msgs) != "2":
            raise RuntimeError(f"1+1 did not give 2: {reply} {msgs}")
        return km, kc, t_info, t_result
    except BaseException:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise


def jvm_flags(pid):
    """The kernel process's -X/-XX options as launched (so a report says what it measured)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().decode(errors="replace").split("\0")
    except OSError:
        return ["?"]
    return [a for a in args if a.startswith("-X")]


def median_ms(fn, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.environ.get("PERFKERNEL_BUILD", os.path.join(REPO, "kernel", "target")))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--starts", type=int, default=3, help="cold starts to measure (median reported)")
    ap.add_argument("--kernel-opts", default=os.environ.get("PERFKERNEL_KERNEL_OPTS", ""),
                    help="extra JVM options of the kernel process (PERFKERNEL_KERNEL_OPTS of install/perfkernel)")
    args = ap.parse_args()
    os.environ["PERFKERNEL_KERNEL_OPTS"] = args.kernel_opts
    prefix = install(os.path.abspath(args.build))
    try:
        infos, firsts = [], []
        for i in range(args.starts):
            km, kc, t_info, t_result = one_start()
            infos.append(t_info)
            firsts.append(t_result)
            if i < args.starts - 1:
                kc.stop_channels()
                km.shutdown_kernel(now=False)
        try:
            t = time.perf_counter()
            kc.inspect("Math.abs", reply=True, timeout=30)
            first_inspect_ms = (time.perf_counter() - t) * 1000
            run(kc, "int x = 0;")
            for _ in range(5):  # warm up the JIT of both JVMs a little
                run(kc, "x = x + 1")
                kc.complete("Math.ma", reply=True, timeout=30)
                kc.inspect("Math.max", reply=True, timeout=30)
            wire_ms = median_ms(lambda: kc.kernel_info(reply=True, timeout=30), args.n)
            exec_ms = median_ms(lambda: run(kc, "x = x + 1"), args.n)
            two_ms = median_ms(lambda: run(kc, "int y = 1; y + 1"), args.n)
            comp_ms = median_ms(lambda: kc.complete("Math.ma", reply=True, timeout=30), args.n)
            insp_ms = median_ms(lambda: kc.inspect("Math.max", reply=True, timeout=30), args.n)
            pid = kernel_pid(km)
            kernel_flags = jvm_flags(pid)
            tree = [pid] + descendant_pids(pid)
            rss = {p: rss_kib(p) for p in tree}
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)

    figures = {
        "start_to_kernel_info_s": statistics.median(infos),
        "start_to_first_result_s": statistics.median(firsts),
        "warm_execute_median_ms": exec_ms[0],
        "two_snippet_median_ms": two_ms[0],
        "complete_median_ms": comp_ms[0],
        "inspect_median_ms": insp_ms[0],
    }
    print(f"perfkernel latency ({os.cpu_count()} cpus, build {args.build}, n={args.n}, starts={args.starts})")
    print(f"  kernel JVM flags: {' '.join(kernel_flags)}")
    for k, v in figures.items():
        target = TARGETS[k]
        print(f"  {k:26s} {v:9.3f}   target <= {target:<5}  {'ok' if v <= target else 'MISSED'}")
    print(f"  cold starts: kernel_info {[round(x, 3) for x in infos]} s, first result {[round(x, 3) for x in firsts]} s")
    print(f"  kernel_info round trip (wire layer only, no backend work) median {wire_ms[0]:.2f} ms, "
          f"min/max {wire_ms[1]:.2f}/{wire_ms[2]:.2f} ms")
    print(f"  first inspect of a name (javadoc read from the JDK's sources) {first_inspect_ms:.1f} ms")
    print(f"  execute min/max {exec_ms[1]:.1f}/{exec_ms[2]:.1f} ms; two-snippet {two_ms[1]:.1f}/{two_ms[2]:.1f} ms; complete {comp_ms[1]:.1f}/{comp_ms[2]:.1f} ms; "
          f"inspect {insp_ms[1]:.1f}/{insp_ms[2]:.1f} ms")
    print(f"  kernel tree RSS            {sum(rss.values()) / 1024:9.1f} MiB over {len(rss)} processes "
          f"({', '.join(f'{p}: {r // 1024} MiB' for p, r in rss.items())})")


if __name__ == "__main__":
    main()

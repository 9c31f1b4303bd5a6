#!/usr/bin/python3
"""Output flood benchmark (not a test): how big prints reach a jupyter_client subscriber.

Usage:
    /usr/bin/python3 bench/output_flood.py [--build kernel/target] [--repeat 3]

Installs the kernelspec into a private temp JUPYTER_PATH from the build folder, starts one kernel
and runs each case --repeat times, reading iopub in a tight loop (jupyter_client's own):
  lines   for (int i = 0; i < 500_000; i++) System.out.println("x".repeat(99));   (50 MB)
  single  System.out.print("y".repeat(20_000_000));                               (20 MB)
Reports per case: seconds from execute to idle (median), stdout bytes received against bytes
printed, stream messages, largest message. Targets (issue 13): every byte, < 5000 messages.
Run it alone on an idle machine; figures taken under load are not figures.
"""
import argparse
import os
import shutil
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "kernel", "src", "test", "python"))

from jupyter_client.manager import KernelManager  # noqa: E402

from conftest import run  # noqa: E402
from kernel_latency import install  # noqa: E402

CASES = {
    "lines": ('for (int i = 0; i < 500_000; i++) System.out.println("x".repeat(99));', 50_000_000),
    "single": ('System.out.print("y".repeat(20_000_000));', 20_000_000),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(REPO, "kernel", "target"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    prefix = install(os.path.abspath(args.build))
    km = KernelManager(kernel_name="java-perf")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        run(kc, "1+1", timeout=120)
        print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"{'case':8} {'seconds':>8} {'bytes received / printed':>28} {'messages':>9} {'largest':>9}")
        for name, (code, expected) in CASES.items():
            secs, counts, largest, received = [], [], [], []
            for _ in range(args.repeat):
                t0 = time.monotonic()
                reply, msgs = run(kc, code, timeout=900)
                secs.append(time.monotonic() - t0)
                out = [m for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"]
                counts.append(len(out))
                sizes = [len(m["content"]["text"].encode()) for m in out]
                largest.append(max(sizes) if sizes else 0)
                received.append(sum(sizes))
            print(f"{name:8} {statistics.median(secs):8.2f} {f'{min(received)} / {expected}':>28} "
                  f"{max(counts):9d} {max(largest):9d}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Executes notebooks through the installed java-perf kernel and saves them with outputs.

Usage: /usr/bin/python3 notebooks/tools/nbrun.py [--quick] [--timeout S] [NAME ...]
Without names, runs every notebook in order. --quick sets PERFKERNEL_QUICK=1 for the kernel.
"""
import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent


def run(path, timeout, quick):
    nb = nbformat.read(path, as_version=4)
    env_before = os.environ.get("PERFKERNEL_QUICK")
    if quick:
        os.environ["PERFKERNEL_QUICK"] = "1"
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="java-perf",
                                resources={"metadata": {"path": str(NOTEBOOKS)}})
        start = time.monotonic()
        client.execute()
        took = time.monotonic() - start
    finally:
        if env_before is None:
            os.environ.pop("PERFKERNEL_QUICK", None)
        else:
            os.environ["PERFKERNEL_QUICK"] = env_before
    nbformat.write(nb, path)
    return took


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if args.names:
        paths = [p for p in paths if p.stem in args.names]
    for p in paths:
        took = run(p, args.timeout, args.quick)
        print(f"{p.name}: {took:.0f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())

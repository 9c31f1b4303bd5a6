#!/usr/bin/env bash
# %bench vs plain JMH: see bench_vs_jmh.py (a benchmark, not a test). Arguments are passed on.
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/bench_vs_jmh.py" "$@"

#!/usr/bin/env bash
# The main job in one command: install the java-perf kernel (building it if needed), then execute
# the tour notebook headless and write it as HTML to perfkernel-out/00-tour.html.
# Arguments are passed to install.sh (e.g. --install-deps as root on Debian/Ubuntu).
# PERFKERNEL_QUICK defaults to 1 here so the demo takes a couple of minutes; set it to 0 for the
# full, sound measurement settings. PERFKERNEL_PYTHON picks the Python whose Jupyter runs it
# (default /usr/bin/python3, Debian's packages), the same one install.sh uses.
set -euo pipefail
cd "$(dirname "$0")/.."

bash install/install.sh "$@"

out="$PWD/perfkernel-out"
mkdir -p "$out"
export PERFKERNEL_QUICK="${PERFKERNEL_QUICK:-1}"
PYTHON="${PERFKERNEL_PYTHON:-/usr/bin/python3}"
# The perfkernel template shows image/svg+xml charts as images: nbconvert 6 (Debian 12) would run
# them through its HTML sanitizer, which empties them.
"$PYTHON" -m jupyter nbconvert --to html --execute \
  --TemplateExporter.extra_template_basedirs="$PWD/install/nbconvert" --template perfkernel \
  --ExecutePreprocessor.kernel_name=java-perf \
  --ExecutePreprocessor.timeout=1200 \
  --output-dir "$out" notebooks/00-tour.ipynb
echo "Executed notebooks/00-tour.ipynb -> $out/00-tour.html"

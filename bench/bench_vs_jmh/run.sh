#!/usr/bin/env bash
# Fidelity and overhead of %bench (a benchmark script, not a test).
#
# 1. For three benchmarks (cells/*.txt), the %bench score divided by the score of the same code
#    built as an ordinary JMH project (jmh-project/) and run with JMH's CLI, same settings,
#    alternating the two ROUNDS times. Target: ratio 1.00 ± 0.05.
# 2. Wall time of `%%bench --quick` (through BenchMagic, as the kernel runs it) minus the
#    configured warm-up + measurement time. Target: <= 2 s.
#
# Needs: the magics module compiled into magics/${PK_TARGET:-target}; Maven with JMH in ~/.m2.
# Usage: bench/bench_vs_jmh/run.sh [ROUNDS]     (env: JAVA_HOME, PK_TARGET, SETTINGS)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROUNDS="${1:-3}"
PK_TARGET="${PK_TARGET:-target}"
SETTINGS="${SETTINGS:--f 1 -wi 3 -i 5 -w 500ms -r 500ms -bm avgt -tu ns}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
JAVAC="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/javac"
WORK="$(mktemp -d /tmp/perfkernel-bvj-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
PY=/usr/bin/python3

# The JMH project's sources are the cells, wrapped as %bench wraps them.
for cell in "$HERE"/cells/*.txt; do
  name="$(basename "$cell" .txt)"
  {
    echo "package bvj;"
    echo "import org.openjdk.jmh.annotations.*;"
    echo "import org.openjdk.jmh.infra.Blackhole;"
    echo "@State(Scope.Thread)"
    echo "public class $name {"
    cat "$cell"
    echo "}"
  } > "$HERE/jmh-project/src/main/java/bvj/$name.java"
done
(cd "$HERE/jmh-project" && mvn -q -o package -DskipTests \
   && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/jmh.cp" -Dmdep.includeScope=runtime) >/dev/null
JMH_CP="$HERE/jmh-project/target/classes:$(cat "$WORK/jmh.cp")"

(cd "$REPO" && mvn -q -o -Dpk.target="$PK_TARGET" -pl magics dependency:build-classpath \
   -Dmdep.outputFile="$WORK/magics.cp") >/dev/null
PK_CP="$REPO/magics/$PK_TARGET/classes:$(cat "$WORK/magics.cp")"
mkdir -p "$WORK/driver"
"$JAVAC" -d "$WORK/driver" -cp "$PK_CP" "$HERE/BenchDriver.java"

pk_score() {  # cell-file options... -> score
  "$JAVA" -Xmx256m -cp "$WORK/driver:$PK_CP" BenchDriver "$@" 2>/dev/null \
    | $PY -c 'import sys,json
for l in sys.stdin:
    if l.startswith("RESULT "): print(json.loads(l[7:])["benchmarks"][0]["score"])'
}
jmh_score() {  # class options... -> score
  local cls="$1"; shift
  "$JAVA" -cp "$JMH_CP" org.openjdk.jmh.Main "bvj\\.$cls\\." "$@" -rf json -rff "$WORK/jmh.json" >/dev/null
  $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$WORK/jmh.json"
}

echo "# settings: $SETTINGS, $ROUNDS alternated rounds, java: $("$JAVA" -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %12s %12s %8s\n' benchmark "%bench ns" "JMH CLI ns" ratio
for cell in "$HERE"/cells/*.txt; do
  name="$(basename "$cell" .txt)"
  pk=(); jm=()
  for ((r = 0; r < ROUNDS; r++)); do
    # shellcheck disable=SC2086
    pk+=("$(pk_score "$cell" $SETTINGS --no-empty-reference)")
    # shellcheck disable=SC2086
    jm+=("$(jmh_score "$name" $SETTINGS)")
  done
  $PY - "$name" "${pk[*]}" "${jm[*]}" <<'PYEOF'
import statistics, sys
name, pk, jm = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
a, b = statistics.median(pk), statistics.median(jm)
print(f"{name:<8} {a:12.2f} {b:12.2f} {a / b:8.3f}   (%bench {pk}, JMH {jm})")
PYEOF
done

echo
echo "# %%bench --quick overhead (configured: 1 fork x (2 x 200 ms warm-up + 3 x 200 ms) = 1.0 s)"
for cell in "$HERE"/cells/*.txt; do
  # --twice: the second run is timed, as in a kernel where javac has already warmed up
  wall=$("$JAVA" -Xmx256m -cp "$WORK/driver:$PK_CP" BenchDriver --twice "$cell" --quick 2>/dev/null | sed -n 's/^WALL_MS //p')
  echo "$(basename "$cell" .txt): wall ${wall} ms, overhead $((wall - 1000)) ms"
done

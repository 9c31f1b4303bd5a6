#!/usr/bin/env bash
# Benchmark (not a test): parse a synthetic ~1 GB unified GC log, made by concatenating the real
# JDK 17 and JDK 25 logs under magics/src/test/resources/gclogs, in a JVM limited to -Xmx256m.
# Targets: <= 10 s and <= 256 MB heap. The big file lives in a private temp dir, deleted on exit.
#
#   bench/gclog_parse/run.sh            # uses magics/${PK_TARGET:-target}/classes (build it first)
#   SIZE_MB=2048 bench/gclog_parse/run.sh
#   CLASSES=/path/to/classes bench/gclog_parse/run.sh   # any folder holding the compiled parser
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
classes="${CLASSES:-$repo/magics/${PK_TARGET:-target}/classes}"
java_home="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
size_mb="${SIZE_MB:-1024}"
[[ -d "$classes/dev/perfkernel/magics/parse/gclog" ]] || {
  echo "missing $classes: run  mvn -o -q -Dpk.target=${PK_TARGET:-target} -pl magics compile" >&2; exit 2; }

work="$(mktemp -d /tmp/perfkernel-gclog-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

cat "$repo"/magics/src/test/resources/gclogs/jdk17/*.log "$repo"/magics/src/test/resources/gclogs/jdk25/*.log > "$work/chunk.log"
chunk=$(stat -c %s "$work/chunk.log")
: > "$work/block.log"
for _ in $(seq 1 $(( 64 * 1048576 / chunk + 1 ))); do cat "$work/chunk.log" >> "$work/block.log"; done
block=$(stat -c %s "$work/block.log")
: > "$work/big.log"
for _ in $(seq 1 $(( size_mb * 1048576 / block + 1 ))); do cat "$work/block.log" >> "$work/big.log"; done
rm -f "$work/block.log" "$work/chunk.log"

"$java_home/bin/javac" -d "$work" -cp "$classes" "$here/ParseBench.java"
echo "JDK: $("$java_home/bin/java" -version 2>&1 | head -1)"
/usr/bin/time -f "wall %e s, max RSS %M KB" \
  "$java_home/bin/java" -Xmx256m -cp "$work:$classes" ParseBench "$work/big.log"

#!/usr/bin/env bash
# Runs the benchmarks: bench/run.sh [JMH regex or harness class] (no argument: everything listed in bench/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/benchmarks.jar"
(cd "$root" && mvn -q -B --no-transfer-progress -Dstyle.color=never -DskipTests -pl bench -am package) >&2
if [[ $# -gt 0 && "$1" == io.palisade.bench.* && "$1" != *Benchmark* ]]; then
  exec java -cp "$jar" "$@"
fi
exec java -jar "$jar" "$@"

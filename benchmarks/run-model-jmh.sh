#!/usr/bin/env bash
# Runs the model JMH benchmarks once and writes docs/benchmarks/model-jmh.csv: comment lines naming the machine
# and the exact command, then JMH's CSV (Score = operations per second = messages per second on one thread).
# Build first: mvn -B -q install -pl bundles/dropcopy-model,benchmarks
# Usage: benchmarks/run-model-jmh.sh [JMH options]   (default: a brief run, -f 1 -wi 2 -i 3 -w 1s -r 1s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
out="$root/docs/benchmarks/model-jmh.csv"
[ -f "$jar" ] || { echo "missing $jar: build it with mvn -B -q install -pl bundles/dropcopy-model,benchmarks" >&2; exit 1; }
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 2 -i 3 -w 1s -r 1s
fi
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$jar" "$@" -rf csv -rff "$raw"
mkdir -p "$(dirname "$out")"
{
  echo "# dropcopy-model JMH results ($(date -u +%Y-%m-%dT%H:%M:%SZ)); Score = ops/s = messages/s, one thread"
  echo "# command: java -jar benchmarks/target/benchmarks.jar $*"
  echo "# machine: nproc=$(nproc), memory=$(free -g | awk '/^Mem:/ {print $2}') GiB (free -g total), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//;s/,/;/g')"
  echo "# java: $(java -version 2>&1 | head -1 | tr -d '"' | sed 's/,/;/g'); load average before the run: $load_before (other builds may share the machine)"
  cat "$raw"
} > "$out"
echo "wrote $out"

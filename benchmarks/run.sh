#!/usr/bin/env bash
# Builds the benchmarks, runs them with short settings and prints the table of issue 5.
#
#   benchmarks/run.sh                 # everything (about 5 minutes on 2 cores)
#   benchmarks/run.sh 'SyncSum'       # extra arguments go to JMH: a filter, -p, -jvmArgs ...
#   WARMUP=3 ITERATIONS=3 benchmarks/run.sh
#
# Writes benchmarks/results/sum.{json,md,svg} and the results section of benchmarks/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

warmup="${WARMUP:-5}"
iterations="${ITERATIONS:-5}"
results="benchmarks/results"
jar="benchmarks/target/benchmarks.jar"

echo "== building (mvn -pl benchmarks -am package)" >&2
# The reactor builds annotations and the processor first; nothing is installed into ~/.m2.
mvn -B -q -pl benchmarks -am package -DskipTests

echo "== finding the largest N the naive thenCompose loop survives (sync mode)" >&2
naive_n="$(java -cp "$jar" dev.aiter.benchmarks.NaiveDepthProbe | tail -n 1)"
echo "naive loop: N = $naive_n" >&2

mkdir -p "$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== running JMH (load average before: $load_before)" >&2
java -jar "$jar" \
  -f 1 -wi "$warmup" -w 1s -i "$iterations" -r 1s \
  -prof gc \
  -p naiveN="$naive_n" \
  -rf json -rff "$results/sum.json" \
  "$@" >&2
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 benchmarks/report.py "$results/sum.json" \
  --md "$results/sum.md" --svg "$results/sum.svg" --readme benchmarks/README.md \
  --load-before "$load_before" --load-after "$load_after" \
  --command "benchmarks/run.sh${*:+ $*}"

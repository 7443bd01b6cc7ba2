#!/usr/bin/env bash
# Builds the benchmarks, runs them with short settings and prints the table of issue 5.
#
#   benchmarks/run.sh                 # everything (about 5 minutes on 2 cores)
#   benchmarks/run.sh 'SyncSum'       # extra arguments go to JMH: a filter, -p, -jvmArgs ...
#   WARMUP=3 ITERATIONS=3 benchmarks/run.sh
#   FORKS=3 benchmarks/run.sh         # more forks: JIT outcomes differ between JVMs by up to 10%
#   BENCH=concurrency benchmarks/run.sh   # issue 10: mapAsync vs Reactor, generators (about 3 minutes)
#
# Writes benchmarks/results/sum.{json,md,svg} and the results section of benchmarks/README.md;
# with BENCH=concurrency, benchmarks/results/concurrency-jdk<N>.json (one per JDK the script ran
# on: run it once with JDK 17 and once with JDK 25 on the PATH), concurrency.md and the
# concurrency section of benchmarks/README.md, which shows every JDK's JSON side by side.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

forks="${FORKS:-1}"
warmup="${WARMUP:-5}"
iterations="${ITERATIONS:-5}"
results="benchmarks/results"
jar="benchmarks/target/benchmarks.jar"

echo "== building (mvn -pl benchmarks -am package)" >&2
# The reactor builds annotations and the processor first; nothing is installed into ~/.m2.
mvn -B -q -pl benchmarks -am package -DskipTests

# The benchmarks of issue 10 are a separate run with their own table.
concurrency_benchmarks='MapAsyncBenchmark|GeneratorBenchmark'

if [ "${BENCH:-sum}" = "concurrency" ]; then
  jdk="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  mkdir -p "$results"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== running JMH on JDK $jdk (load average before: $load_before)" >&2
  java -jar "$jar" \
    -f "$forks" -wi "$warmup" -w 1s -i "$iterations" -r 1s \
    -prof gc \
    -rf json -rff "$results/concurrency-jdk$jdk.json" \
    "$@" "$concurrency_benchmarks" >&2
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  python3 benchmarks/report_concurrency.py "$results"/concurrency-jdk*.json \
    --md "$results/concurrency.md" --readme benchmarks/README.md \
    --load-before "$load_before" --load-after "$load_after" \
    --command "BENCH=concurrency ${FORKS:+FORKS=$FORKS }${WARMUP:+WARMUP=$WARMUP }${ITERATIONS:+ITERATIONS=$ITERATIONS }benchmarks/run.sh${*:+ $*}"
  exit 0
fi

echo "== finding the largest N the naive thenCompose loop survives (sync mode)" >&2
naive_max="$(java -cp "$jar" dev.aiter.benchmarks.NaiveDepthProbe | tail -n 1)"
# How deep the recursion gets before it overflows depends on which frames are interpreted,
# C1- or C2-compiled at that moment, so a JMH fork can overflow a little below the probe's
# answer (seen here: the probe found 1,626, a JMH fork overflowed at it). Three quarters of it
# leaves room for that.
naive_n=$((naive_max * 3 / 4))
echo "naive loop: largest N without overflow in the probe $naive_max, measured at N = $naive_n" >&2

mkdir -p "$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== running JMH (load average before: $load_before)" >&2
java -jar "$jar" \
  -f "$forks" -wi "$warmup" -w 1s -i "$iterations" -r 1s \
  -prof gc \
  -p naiveN="$naive_n" \
  -e "$concurrency_benchmarks" \
  -rf json -rff "$results/sum.json" \
  "$@" >&2
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 benchmarks/report.py "$results/sum.json" \
  --md "$results/sum.md" --svg "$results/sum.svg" --readme benchmarks/README.md \
  --load-before "$load_before" --load-after "$load_after" --naive-max "$naive_max" \
  --command "${FORKS:+FORKS=$FORKS }${WARMUP:+WARMUP=$WARMUP }${ITERATIONS:+ITERATIONS=$ITERATIONS }benchmarks/run.sh${*:+ $*}"

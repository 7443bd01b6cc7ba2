#!/usr/bin/env bash
# Builds the benchmarks, runs them with short settings and prints their tables.
#
#   benchmarks/run.sh                 # every group (about 12 minutes on 2 cores with FORKS=2)
#   BENCH=loop benchmarks/run.sh      # one group: loop (issue 5), chain (issue 9),
#                                     # jdk25 (the loop on JDK 25 with a virtual-thread anchor),
#                                     # bridges (the Flow bridges of issue 11),
#                                     # concurrency (issue 10: mapAsync vs Reactor, generators;
#                                     # on the default JDK and on JDK 25)
#   BENCH=loop benchmarks/run.sh 'SyncSum'   # extra arguments go to JMH (loop group only)
#   WARMUP=3 ITERATIONS=3 benchmarks/run.sh
#   FORKS=2 benchmarks/run.sh         # the published tables: JIT outcomes differ between JVMs
#   JDK25=/path/to/jdk benchmarks/run.sh     # where the jdk25 group finds its JDK
#
# Writes benchmarks/results/{sum,chain,sum-jdk25,bridges}.{json,md} (and sum.svg),
# concurrency-jdk<N>.json (one per JDK) with concurrency.md, and the result sections of
# benchmarks/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

forks="${FORKS:-1}"
warmup="${WARMUP:-5}"
iterations="${ITERATIONS:-5}"
results="benchmarks/results"
jar="benchmarks/target/benchmarks.jar"
groups="${BENCH:-loop chain jdk25 bridges concurrency}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
settings=(-f "$forks" -wi "$warmup" -w 1s -i "$iterations" -r 1s -prof gc)
reproduce="${FORKS:+FORKS=$FORKS }${WARMUP:+WARMUP=$WARMUP }${ITERATIONS:+ITERATIONS=$ITERATIONS }"

echo "== building (mvn -pl benchmarks -am package)" >&2
# The reactor builds annotations and the processor first; nothing is installed into ~/.m2.
mvn -B -q -pl benchmarks -am package -DskipTests

mkdir -p "$results"

run_loop() {
  echo "== finding the largest N the naive thenCompose loop survives (sync mode)" >&2
  naive_max="$(java -cp "$jar" dev.aiter.benchmarks.NaiveDepthProbe | tail -n 1)"
  # How deep the recursion gets before it overflows depends on which frames are interpreted,
  # C1- or C2-compiled at that moment, so a JMH fork can overflow a little below the probe's
  # answer (seen here: the probe found 1,626, a JMH fork overflowed at it). Three quarters of it
  # leaves room for that.
  naive_n=$((naive_max * 3 / 4))
  echo "naive loop: largest N without overflow in the probe $naive_max, measured at N = $naive_n" >&2

  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== running JMH (load average before: $load_before)" >&2
  # The virtual-thread contender needs JDK 21+: it runs in the jdk25 group.
  java -jar "$jar" 'SyncSum|AsyncSum' -e virtualThread \
    "${settings[@]}" \
    -p naiveN="$naive_n" \
    -rf json -rff "$results/sum.json" \
    "$@" >&2
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

  python3 benchmarks/report.py "$results/sum.json" \
    --md "$results/sum.md" --svg "$results/sum.svg" --readme benchmarks/README.md \
    --load-before "$load_before" --load-after "$load_after" --naive-max "$naive_max" \
    --command "${reproduce}BENCH=loop benchmarks/run.sh${*:+ $*}"
}

# One JMH run of a group other than the loop, and its table: tables.py GROUP, or the group's
# own reporter (report_bridges.py).
run_group() {
  local group="$1" java_bin="$2" pattern="$3" out="$4" reporter="${5:-tables.py $1}"
  local load_before load_after
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== $group: running JMH on $("$java_bin" -version 2>&1 | head -n 1) (load average before: $load_before)" >&2
  "$java_bin" -jar "$jar" "$pattern" "${settings[@]}" -rf json -rff "$results/$out.json" >&2
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  # shellcheck disable=SC2086 # the reporter is a script and its arguments
  python3 benchmarks/$reporter "$results/$out.json" --md "$results/$out.md" \
    --readme benchmarks/README.md --load-before "$load_before" --load-after "$load_after" \
    --command "${reproduce}BENCH=$group benchmarks/run.sh"
}

# Issue 10's benchmarks on one JDK; the table shows every JDK's JSON side by side.
run_concurrency() {
  local java_bin="$1" jdk load_before load_after
  jdk="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== concurrency: running JMH on JDK $jdk (load average before: $load_before)" >&2
  "$java_bin" -jar "$jar" 'MapAsyncBenchmark|GeneratorBenchmark' "${settings[@]}" \
    -rf json -rff "$results/concurrency-jdk$jdk.json" >&2
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  python3 benchmarks/report_concurrency.py "$results"/concurrency-jdk*.json \
    --md "$results/concurrency.md" --readme benchmarks/README.md \
    --load-before "$load_before" --load-after "$load_after" \
    --command "${reproduce}BENCH=concurrency benchmarks/run.sh"
}

for group in $groups; do
  case "$group" in
    loop) run_loop "$@" ;;
    chain) run_group chain java 'ChainBenchmark' chain ;;
    jdk25)
      if [ ! -x "$jdk25/bin/java" ]; then
        echo "== jdk25: no JDK at $jdk25 (set JDK25): skipped" >&2
        continue
      fi
      run_group jdk25 "$jdk25/bin/java" '(SyncSum|AsyncSum)\.(handWritten|aiter|virtualThread)$' sum-jdk25
      ;;
    bridges) run_group bridges java 'BridgeBenchmark' bridges report_bridges.py ;;
    concurrency)
      run_concurrency java
      if [ -x "$jdk25/bin/java" ]; then
        run_concurrency "$jdk25/bin/java"
      fi
      ;;
    *) echo "unknown benchmark group '$group' (loop, chain, jdk25, bridges, concurrency)" >&2; exit 2 ;;
  esac
done

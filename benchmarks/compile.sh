#!/usr/bin/env bash
# What the aiter processor costs at compile time (issue 5, item 5).
#
# Generates 1,000 @AsyncIterable classes, the same 1,000 without the annotation, and 1,000
# @AutoValue classes of similar size, then times `javac --release 17` on each set, interleaved
# over several rounds (the order rotates every round), and prints the medians and ratios:
#
#   plain      the 1,000 classes without annotation, no processor
#   aiter      the 1,000 annotated classes with the aiter processor
#   output     javac -proc:none over the 1,000 annotated classes plus the 1,000 files the aiter
#              processor generated: compiling the output, without any processing
#   autovalue  the 1,000 @AutoValue classes with the AutoValue processor (the reference)
#   mixed      999 of the classes without annotation and one annotated, with the aiter processor:
#              the fixed cost of having the processor in a build at all (against plain)
# and two stand-in processors (benchmarks/src/.../compile/ReferenceProcessors.java) that split
# those costs into javac's part and the aiter processor's own:
#   copy       the annotated classes, with a processor that writes the files aiter generated
#              (read from disk): javac's work on aiter's output and its extra round, no more
#   tiny       the mixed set, with a processor that writes an empty class: the least a
#              processor that generates one file costs
#
#   benchmarks/compile.sh [rounds] [classes]      # defaults: 5 rounds, 1,000 classes
#
# Writes benchmarks/results/compile.md and the compile section of benchmarks/README.md.
set -euo pipefail

rounds="${1:-5}"
classes="${2:-1000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

work="benchmarks/target/compile"
rm -rf "$work"
mkdir -p "$work/lib" benchmarks/results

echo "== building the processor (mvn -pl processor -am package) and resolving class paths" >&2
# One reactor invocation: the annotations jar comes from this checkout, nothing from ~/.m2's
# installed snapshots. build-classpath writes the processor's runtime class path.
mvn -B -q -pl benchmarks -am package -DskipTests >&2
mvn -B -q -pl processor -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile="$PWD/$work/processor.cp" >&2
# The jars of this checkout's version, not a stale one of another version left in target/.
version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)"
annotations_jar="annotations/target/aiter-annotations-$version.jar"
processor_jar="processor/target/aiter-processor-$version.jar"
processor_path="$processor_jar:$(cat "$work/processor.cp")"

auto_value_version="$(sed -n 's:.*<auto-value.version>\(.*\)</auto-value.version>.*:\1:p' pom.xml)"
for artifact in auto-value auto-value-annotations; do
  mvn -B -q -N dependency:copy -Dartifact="com.google.auto.value:$artifact:$auto_value_version" \
    -DoutputDirectory="$PWD/$work/lib" >&2
done
auto_value_jar="$work/lib/auto-value-$auto_value_version.jar"
auto_value_annotations_jar="$work/lib/auto-value-annotations-$auto_value_version.jar"

echo "== generating 3 x $classes classes" >&2
python3 - "$work/src" "$classes" <<'EOF'
import os, sys

out, count = sys.argv[1], int(sys.argv[2])

ANNOTATED = """package gen.{pkg};

{imports}import dev.aiter.StopAsyncIteration;
import java.util.concurrent.CompletableFuture;

/** Pages of listing {i}: a source of the compile-time benchmark. */
{annotation}public final class Pager{i:04d} {{
  private final String name;
  private final int pages;
  private int page;

  public Pager{i:04d}(String name, int pages) {{
    this.name = name;
    this.pages = pages;
  }}

  public String name() {{
    return name;
  }}

  public int pages() {{
    return pages;
  }}

  public CompletableFuture<String> anext() {{
    if (page == pages) {{
      return CompletableFuture.failedFuture(new StopAsyncIteration());
    }}
    return CompletableFuture.completedFuture(name + " page " + page++);
  }}
}}
"""

AUTOVALUE = """package gen.autovalue;

import com.google.auto.value.AutoValue;

/** Page {i} of a listing: a value class of the compile-time benchmark. */
@AutoValue
public abstract class Page{i:04d} {{
  public abstract String name();

  public abstract int pages();

  public abstract int page();

  public static Page{i:04d} create(String name, int pages, int page) {{
    return new AutoValue_Page{i:04d}(name, pages, page);
  }}

  public Page{i:04d} next() {{
    return create(name(), pages(), page() + 1);
  }}
}}
"""

def write(kind, name, text):
    d = os.path.join(out, kind, "gen", kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".java"), "w") as f:
        f.write(text)

for i in range(count):
    write("annotated", "Pager%04d" % i, ANNOTATED.format(
        i=i, pkg="annotated", imports="import dev.aiter.AsyncIterable;\n",
        annotation="@AsyncIterable\n"))
    write("plain", "Pager%04d" % i, ANNOTATED.format(
        i=i, pkg="plain", imports="", annotation=""))
    write("autovalue", "Page%04d" % i, AUTOVALUE.format(i=i))
EOF
for kind in annotated plain autovalue; do
  find "$work/src/$kind" -name '*.java' | sort > "$work/$kind.files"
done
# One annotated class in place of the first plain one.
{ head -n 1 "$work/annotated.files"; tail -n +2 "$work/plain.files"; } > "$work/mixed.files"

javac_version="$(javac -version 2>&1)"

# Runs one configuration once into fresh output directories; prints the elapsed seconds.
run() {
  local config="$1"
  rm -rf "$work/out/$config" "$work/gen/$config"
  mkdir -p "$work/out/$config" "$work/gen/$config"
  local args=(--release 17 -d "$work/out/$config" -s "$work/gen/$config")
  case "$config" in
    plain) args+=(-cp "$annotations_jar" "@$work/plain.files") ;;
    aiter) args+=(-cp "$annotations_jar" -processorpath "$processor_path" "@$work/annotated.files") ;;
    mixed) args+=(-cp "$annotations_jar" -processorpath "$processor_path" "@$work/mixed.files") ;;
    copy) args+=(-J-Daiter.copy.from="$work/gen/reference" -cp "$annotations_jar"
      -processorpath benchmarks/target/classes
      -processor dev.aiter.benchmarks.compile.ReferenceProcessors\$Copy "@$work/annotated.files") ;;
    tiny) args+=(-cp "$annotations_jar" -processorpath benchmarks/target/classes
      -processor dev.aiter.benchmarks.compile.ReferenceProcessors\$Tiny "@$work/mixed.files") ;;
    output) args+=(-proc:none -cp "$annotations_jar" "@$work/annotated.files" "@$work/generated.files") ;;
    autovalue) args+=(-cp "$auto_value_annotations_jar" -processorpath "$auto_value_jar" "@$work/autovalue.files") ;;
  esac
  # bash's time keyword: wall-clock, and the CPU time (user + sys) of javac and its threads,
  # which other processes on a shared machine disturb much less than the wall-clock time.
  local TIMEFORMAT='%R %U %S' status=0
  { time javac "${args[@]}" >"$work/$config.log" 2>&1 || status=$?; } 2>"$work/time.txt"
  if [ "$status" -ne 0 ]; then
    cat "$work/$config.log" >&2
    exit 1
  fi
  awk '{ printf "%.3f\t%.3f\n", $1, $2 + $3 }' "$work/time.txt"
}

echo "== warm-up: one untimed run of each (also produces the files 'output' compiles)" >&2
run plain >/dev/null
run aiter >/dev/null
generated="$(find "$work/gen/aiter" -name '*.java' | sort)"
generated_count="$(printf '%s\n' "$generated" | grep -c . || true)"
if [ "$generated_count" -ne "$classes" ]; then
  echo "the aiter processor generated $generated_count files, expected $classes" >&2
  exit 1
fi
printf '%s\n' "$generated" > "$work/generated.files"
rm -rf "$work/gen/reference"
cp -r "$work/gen/aiter" "$work/gen/reference" # what the copy processor writes
run output >/dev/null
run autovalue >/dev/null
run mixed >/dev/null
run copy >/dev/null
run tiny >/dev/null

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
configs=(plain aiter output autovalue mixed copy tiny)
: > "$work/times.tsv"
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < ${#configs[@]}; k++)); do
    config="${configs[$(((k + r) % ${#configs[@]}))]}"
    seconds="$(run "$config")"
    printf '%s\t%s\t%s\n' "$r" "$config" "$seconds" >> "$work/times.tsv"
    echo "round $((r + 1))/$rounds  $config  wall, cpu (s): $(echo "$seconds" | tr '\t' ' ')" >&2
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work/times.tsv" "$classes" "$rounds" "$javac_version" "$load_before" "$load_after" \
  "benchmarks/results/compile.md" "benchmarks/README.md" "benchmarks/compile.sh${*:+ $*}" <<'EOF'
import os, platform, re, statistics, sys
from datetime import datetime, timezone

tsv, classes, rounds, javac, load_before, load_after, md_path, readme, command = sys.argv[1:]
wall, cpu = {}, {}
for line in open(tsv):
    _, config, w, c = line.rstrip("\n").split("\t")
    wall.setdefault(config, []).append(float(w))
    cpu.setdefault(config, []).append(float(c))
mw = {k: statistics.median(v) for k, v in wall.items()}
mc = {k: statistics.median(v) for k, v in cpu.items()}

def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()

rows = [
    ("plain", "plain javac: %s classes without annotation" % classes),
    ("aiter", "javac + aiter processor: the %s annotated classes" % classes),
    ("output", "javac -proc:none: the %s annotated classes + the %s files aiter generated"
     % (classes, classes)),
    ("autovalue", "javac + AutoValue processor: %s @AutoValue classes (reference)" % classes),
    ("mixed", "javac + aiter processor: one annotated class among %d without annotation"
     % (int(classes) - 1)),
    ("copy", "javac + a stand-in that writes aiter's output from disk: javac's share of the "
     "aiter run"),
    ("tiny", "javac + a stand-in that writes one empty class, over the mixed set: any "
     "generating processor's floor"),
]
ok = lambda b: "✅ pass" if b else "❌ FAIL"
now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

def targets(m):
    processing = m["aiter"] / m["output"]
    aiter_ratio = m["aiter"] / m["plain"]
    av_ratio = m["autovalue"] / m["plain"]
    fixed = m["mixed"] / m["plain"]
    return processing, aiter_ratio, av_ratio, fixed

pw, aw, vw, fw = targets(mw)
pc, ac, vc, fc = targets(mc)
lines = [
    "### Compile time (%s)" % now,
    "",
    "| target (issue 13) | wall-clock | result | CPU time (cross-check) |",
    "|---|---|---|---|",
    "| javac + aiter ≤ 1.10× javac -proc:none over sources + generated | %.2f× | %s | %.2f× %s |"
    % (pw, ok(pw <= 1.10), pc, ok(pc <= 1.10)),
    "| aiter's ratio to plain javac ≤ AutoValue's | %.2f× vs %.2f× | %s | %.2f× vs %.2f× %s |"
    % (aw, vw, ok(aw <= vw), ac, vc, ok(ac <= vc)),
    "| (moonshot) aiter's ratio < half of AutoValue's | %.2f× vs %.2f× | %s | %.2f× vs %.2f× %s |"
    % (aw, vw / 2, ok(aw < vw / 2), ac, vc / 2, ok(ac < vc / 2)),
    "| one annotated class among %d plain ones ≤ 1.05× plain javac | %.2f× | %s | %.2f× %s |"
    % (int(classes) - 1, fw, ok(fw <= 1.05), fc, ok(fc <= 1.05)),
    "",
    "Where the time goes (CPU medians): of the aiter run's %.2f× -proc:none over its output, "
    "javac's extra round and its work on the generated files are %.2f× (the copy stand-in), and "
    "the aiter processor's own work is the rest, %.2f×. Of the fixed cost (%.2f× plain javac "
    "for one annotated class), a processor that only writes one empty class already costs "
    "%.2f×: javac's second round over every source."
    % (pc, mc["copy"] / mc["output"], mc["aiter"] / mc["copy"], fc, mc["tiny"] / mc["plain"]),
    "",
    "| `javac --release 17` run | wall median s (min – max) | ratio to plain "
    "| CPU median s | ratio to plain |",
    "|---|--:|--:|--:|--:|",
]
for key, label in rows:
    v = wall[key]
    lines.append("| %s | %.2f (%.2f – %.2f) | %.2f× | %.2f | %.2f× |"
                 % (label, mw[key], min(v), max(v), mw[key] / mw["plain"], mc[key],
                    mc[key] / mc["plain"]))
lines += [
    "",
    "Each figure is a whole `javac` process (JVM start-up included), %s rounds interleaved with "
    "the order rotated every round, after one untimed warm-up run of each. CPU time is user + "
    "sys of javac and all its threads (its JIT compiler and GC threads too), which other "
    "processes on a shared machine disturb less than the wall-clock time. "
    "%s; %s, %d cores (`nproc`). Load average (1, 5, 15 min) before: %s; after: %s."
    % (rounds, javac, cpu_model(), os.cpu_count() or 0, load_before, load_after),
    "",
    "Reproduce: `%s`" % command,
    "",
]
table = "\n".join(lines)
with open(md_path, "w") as f:
    f.write(table)
begin, end = "<!-- compile:begin -->", "<!-- compile:end -->"
text = open(readme).read()
if begin in text and end in text:
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end),
                  lambda m: "%s\n%s%s" % (begin, table, end), text, flags=re.S)
    with open(readme, "w") as f:
        f.write(text)
print(table)
EOF

#!/usr/bin/env bash
# Reproducible jars: builds the published artifacts twice, each from its own copy of the
# checkout's tracked files in another directory, the second in another time zone and locale (as
# another machine would), and compares the SHA-256 of every jar that would be published: those
# of aiter-annotations and aiter-processor, with their sources and Javadoc jars. The build fixes
# the timestamps inside them (project.build.outputTimestamp in the parent pom); this proves that
# nothing else varies. Prints one line per jar; exits non-zero on the first difference, after
# listing the entries whose CRC differs.
#
#   .ci/reproducible.sh        # about a minute on two cores
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() {
  local copy="$work/$1"
  mkdir -p "$copy"
  git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$copy"
  (cd "$copy" && mvn -B -q -pl processor -am package -DskipTests)
}

echo "== building twice into $work/a and $work/b"
build a
TZ=Pacific/Chatham LC_ALL=C.UTF-8 LANG=C.UTF-8 build b

status=0
count=0
for module in annotations processor; do
  for jar in "$work/a/$module/target/"*.jar; do
    name="$(basename "$jar")"
    other="$work/b/$module/target/$name"
    first="$(sha256sum < "$jar" | cut -d' ' -f1)"
    second="$(sha256sum < "$other" 2>/dev/null | cut -d' ' -f1 || true)"
    count=$((count + 1))
    if [ "$first" = "$second" ]; then
      echo "same     $first  $name"
    else
      echo "DIFFERS  $first  ${second:-missing}  $name" >&2
      diff <(unzip -lv "$jar" | awk 'NR > 3 { print $7, $8 }') \
           <(unzip -lv "$other" | awk 'NR > 3 { print $7, $8 }') >&2 || true
      status=1
    fi
  done
done
if [ "$count" -lt 6 ]; then
  echo "expected 6 jars (binary, sources, javadoc for 2 modules), found $count" >&2
  status=1
fi
exit "$status"

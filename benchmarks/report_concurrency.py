#!/usr/bin/env python3
"""Turns JMH's JSON output of MapAsyncBenchmark and GeneratorBenchmark into the tables of issue 10.

One JSON file per JDK (run.sh names them concurrency-jdk<N>.json); every file given becomes a
column group, so the JDK 17 and JDK 25 runs sit side by side. Writes a Markdown table and, with
--readme, replaces the section of benchmarks/README.md between its concurrency markers.

    report_concurrency.py RESULT.json [RESULT.json ...] --md OUT.md [--readme README.md]
                          [--load-before "..."] [--load-after "..."] [--command "..."]
"""

import argparse
import json
import math
import os
import platform
import re
import sys
from datetime import datetime, timezone

MAP_CONTENDERS = [
    ("aiterMapAsync", "**aiter** `mapAsync(c, fn)`"),
    ("reactorFlatMapSequential", "Reactor `flatMapSequential(fn, c)`"),
]
GENERATOR_CONTENDERS = [
    ("aiterAsyncFor", "**aiter** `Async.generator(body)` drained by `asyncFor`"),
    ("aiterJoinEach", "aiter `Async.generator(body)`, each element `anext().join()` on another thread"),
    ("synchronousQueue", "hand-written `SynchronousQueue` producer thread (anchor)"),
]
# Issue 10: the speed-up of mapAsync over concurrency 1 that each concurrency must reach.
TARGETS = {4: 3.5, 16: 12.0}

TIME_UNITS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load(path):
    """Returns (jdk, {(name, concurrency or None): row}, meta)."""
    with open(path) as f:
        runs = json.load(f)
    rows, meta, jdk = {}, {}, None
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        params = run.get("params", {})
        primary = run["primaryMetric"]
        scale = TIME_UNITS[primary["scoreUnit"]]
        error = primary.get("scoreError")
        if not isinstance(error, (int, float)) or math.isnan(error):
            error = 0.0  # JMH writes "NaN" when there was a single iteration
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        n = int(params.get("n", 1))
        c = int(params["concurrency"]) if "concurrency" in params else None
        rows[(name, c)] = {
            "n": n,
            "ns": primary["score"] * scale,
            "ns_err": error * scale,
            "bytes": alloc["score"] if alloc else None,
        }
        jdk = run.get("jdkVersion")
        meta = {
            "vm": "%s %s" % (run.get("vmName"), run.get("vmVersion")),
            "jmh": run.get("jmhVersion"),
            "forks": run.get("forks"),
            "warmup": "%s x %s" % (run.get("warmupIterations"), run.get("warmupTime")),
            "measurement": "%s x %s" % (run.get("measurementIterations"), run.get("measurementTime")),
        }
    return jdk, rows, meta


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mark(passed):
    return {True: "✅ pass", False: "❌ FAIL", None: "– not measured"}[passed]


def speedup(rows, name, c):
    one, at = rows.get((name, 1)), rows.get((name, c))
    if not one or not at:
        return None
    return one["ns"] / at["ns"]


def markdown(results, args):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["### Concurrency and generators (%s)" % now, ""]
    out += ["| target (issue 10) | JDK | measured | result |", "|---|---|---|---|"]
    for jdk, rows, _ in results:
        for c, limit in TARGETS.items():
            s = speedup(rows, "aiterMapAsync", c)
            out.append("| aiter `mapAsync(%d, fn)` ≥ %.1f× `mapAsync(1, fn)` | %s | %s | %s |" % (
                c, limit, jdk, "%.2f×" % s if s else "not measured",
                mark(None if s is None else s >= limit)))
    out.append("")

    concurrencies = sorted({c for _, rows, _ in results for (_, c) in rows if c is not None})
    out.append("`mapAsync`: one operation maps 200 elements whose stage completes 1 ms later "
               "(`CompletableFuture.delayedExecutor`), results in source order (an order-sensitive "
               "checksum is verified). ms per operation; speed-up = the same contender's time at "
               "c = 1 ÷ its time at c. ± is JMH's 99.9% confidence half-width.")
    out.append("")
    header = "| contender | JDK |" + "".join(" c = %d ms/op | speed-up |" % c for c in concurrencies)
    out += [header, "|---|---|" + "--:|--:|" * len(concurrencies)]
    for jdk, rows, _ in results:
        for name, label in MAP_CONTENDERS:
            if not any((name, c) in rows for c in concurrencies):
                continue
            cells = [label, str(jdk)]
            for c in concurrencies:
                row = rows.get((name, c))
                s = speedup(rows, name, c)
                cells.append("%.1f ± %.1f" % (row["ns"] / 1e6, row["ns_err"] / 1e6) if row else "n/a")
                cells.append("%.2f×" % s if s else "n/a")
            out.append("| " + " | ".join(cells) + " |")
    out.append("")

    out.append("Generators: ns and bytes per element; `asyncFor` drains 1,000,000 elements per "
               "operation, the two hand-off contenders 100,000. ratio = ns/element ÷ the "
               "`SynchronousQueue` anchor's on the same JDK.")
    out.append("")
    out += ["| contender | JDK | ns/elem | B/elem | ratio |", "|---|---|--:|--:|--:|"]
    for jdk, rows, _ in results:
        anchor = rows.get(("synchronousQueue", None))
        for name, label in GENERATOR_CONTENDERS:
            row = rows.get((name, None))
            if not row:
                continue
            ns = row["ns"] / row["n"]
            err = row["ns_err"] / row["n"]
            b = "%.1f" % (row["bytes"] / row["n"]) if row["bytes"] is not None else "n/a"
            ratio = "%.3f×" % (ns / (anchor["ns"] / anchor["n"])) if anchor else "n/a"
            out.append("| %s | %s | %.1f ± %.1f | %s | %s |" % (label, jdk, ns, err, b, ratio))
    out.append("")

    for jdk, _, meta in results:
        out.append("JDK %s: %s; JMH %s, forks: %s, warm-up %s, measurement %s, `-prof gc`." % (
            jdk, meta.get("vm"), meta.get("jmh"), meta.get("forks"), meta.get("warmup"),
            meta.get("measurement")))
    out.append("Machine: %s, %d cores (`nproc`), %s." % (
        cpu_model(), os.cpu_count() or 0, platform.platform(terse=True)))
    if args.load_before or args.load_after:
        out.append("Load average (1, 5, 15 min) before the last run: %s; after: %s. The machine is "
                   "shared, so other processes may have run during the measurement."
                   % (args.load_before or "?", args.load_after or "?"))
    if args.command:
        out += ["", "Reproduce (once per JDK): `%s`" % args.command]
    out.append("")
    return "\n".join(out)


BEGIN, END = "<!-- concurrency:begin -->", "<!-- concurrency:end -->"


def update_readme(path, table):
    with open(path) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("%s has no %s ... %s markers" % (path, BEGIN, END))
    body = "%s\n%s%s" % (BEGIN, table, END)
    text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: body, text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("json", nargs="+")
    p.add_argument("--md", required=True)
    p.add_argument("--readme")
    p.add_argument("--load-before")
    p.add_argument("--load-after")
    p.add_argument("--command")
    args = p.parse_args()
    results = sorted((load(path) for path in args.json), key=lambda r: str(r[0]))
    table = markdown(results, args)
    with open(args.md, "w") as f:
        f.write(table)
    if args.readme:
        update_readme(args.readme, table)
    print(table)


if __name__ == "__main__":
    main()

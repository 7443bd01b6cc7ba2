#!/usr/bin/env python3
"""Turns JMH's JSON output of BridgeBenchmark (run with -prof gc) into the bridges table.

Writes a Markdown table (ns and bytes per element, each aiter bridge next to Reactor's
JdkFlowAdapter doing the same job) and replaces the bridges section of benchmarks/README.md
between its markers.

    report_bridges.py RESULT.json --md OUT.md [--readme README.md]
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

from report import TIME_UNITS, cpu_model, fmt_bytes, fmt_count, fmt_ns

# (job, aiter contender, label, Reactor contender, label); the ratio is aiter / Reactor.
ROWS = [
    ("iterator → `Flow.Publisher`, subscriber requests everything",
     "toPublisher", "`AsyncIterator.range(0, n).toPublisher()`",
     "reactorToFlowPublisher", "`JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, n))`"),
    ("the same over a generated adapter (a `CompletableFuture` per element)",
     "toPublisherAdapter", "`IntSourceAsync.aiter(src).toPublisher()`", None, None),
    ("the same, `request(1)` from inside each `onNext`",
     "toPublisherOneByOne", "`AsyncIterator.range(0, n).toPublisher()`", None, None),
    ("`Flow.Publisher` → consumer, over a synchronous range publisher",
     "fromPublisher", "`asyncFor(Async.fromPublisher(range), ...)`",
     "reactorFromFlowPublisher", "`JdkFlowAdapter.flowPublisherToFlux(range).doOnNext(..).blockLast()`"),
    ("the same, pulled: an iterator over the publisher",
     "fromPublisher", "`asyncFor(Async.fromPublisher(range), ...)`",
     "reactorToIterable", "`JdkFlowAdapter.flowPublisherToFlux(range).toIterable()`"),
    ("round trip",
     "roundTrip", "`Async.fromPublisher(AsyncIterator.range(0, n).toPublisher())`",
     "reactorRoundTrip", "`flowPublisherToFlux(publisherToFlowPublisher(Flux.range(0, n)))`"),
]

BEGIN, END = "<!-- bridges:begin -->", "<!-- bridges:end -->"


def load(path):
    with open(path) as f:
        runs = json.load(f)
    rows, meta = {}, {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        n = int(run.get("params", {})["n"])
        primary = run["primaryMetric"]
        scale = TIME_UNITS[primary["scoreUnit"]]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        error = primary.get("scoreError")
        if not isinstance(error, (int, float)) or math.isnan(error):
            error = 0.0  # JMH writes "NaN" when there was a single iteration
        rows[name] = {
            "n": n,
            "ns": primary["score"] * scale / n,
            "ns_err": error * scale / n,
            "bytes": alloc["score"] / n if alloc else None,
        }
        meta = {
            "jdk": run.get("jdkVersion"),
            "vm": "%s %s" % (run.get("vmName"), run.get("vmVersion")),
            "jmh": run.get("jmhVersion"),
            "forks": run.get("forks"),
            "warmup": "%s x %s" % (run.get("warmupIterations"), run.get("warmupTime")),
            "measurement": "%s x %s" % (run.get("measurementIterations"), run.get("measurementTime")),
        }
    return rows, meta


def markdown(rows, meta, args):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    n = next((r["n"] for r in rows.values()), None)
    lines = ["### Bridge cost per element (%s)" % now, "",
             "Sum of N = %s elements through one bridge, everything synchronous. ns and bytes are "
             "per element (bytes: `gc.alloc.rate.norm` / N, including the boxed `Integer`); "
             "ratio = aiter ÷ Reactor for the same job. ± is JMH's 99.9%% confidence half-width."
             % fmt_count(n), "",
             "| job | aiter | ns/elem | B/elem | Reactor `JdkFlowAdapter` | ns/elem | B/elem | ratio |",
             "|---|---|--:|--:|---|--:|--:|--:|"]
    for job, mine, mine_label, theirs, theirs_label in ROWS:
        a, r = rows.get(mine), rows.get(theirs) if theirs else None
        if a is None and r is None:
            continue
        ratio = "%.2f×" % (a["ns"] / r["ns"]) if a and r else "–"
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            job, mine_label, fmt_ns(a), fmt_bytes(a), theirs_label or "–",
            fmt_ns(r) if theirs else "–", fmt_bytes(r) if theirs else "–", ratio))
    lines.append("")
    lines.append("Machine: %s, %d cores (`nproc`), %s; %s (JDK %s); JMH %s, forks: %s, "
                 "warm-up %s, measurement %s, `-prof gc`." % (
                     cpu_model(), os.cpu_count() or 0, platform.platform(terse=True),
                     meta.get("vm"), meta.get("jdk"), meta.get("jmh"), meta.get("forks"),
                     meta.get("warmup"), meta.get("measurement")))
    if args.load_before or args.load_after:
        lines.append("Load average (1, 5, 15 min) before: %s; after: %s. The machine is shared, "
                     "so other processes may have run during the measurement."
                     % (args.load_before or "?", args.load_after or "?"))
    if args.command:
        lines += ["", "Reproduce: `%s`" % args.command]
    lines.append("")
    return "\n".join(lines)


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
    p.add_argument("json")
    p.add_argument("--md", required=True)
    p.add_argument("--readme")
    p.add_argument("--load-before")
    p.add_argument("--load-after")
    p.add_argument("--command")
    args = p.parse_args()
    rows, meta = load(args.json)
    table = markdown(rows, meta, args)
    with open(args.md, "w") as f:
        f.write(table)
    if args.readme:
        update_readme(args.readme, table)
    print(table)


if __name__ == "__main__":
    main()

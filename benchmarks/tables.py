#!/usr/bin/env python3
"""Turns JMH's JSON output (run with -prof gc) into the tables of the benchmark groups other than
the loop: the operator chain (issue 9) and the loop on JDK 25 with the virtual-thread anchor
(issue 13), so far.

    tables.py GROUP RESULT.json --md OUT.md [--readme README.md] [--load-before ..]
              [--load-after ..] [--command ..]

Each group says which contenders it shows, how to turn a score into a per-element number, which
contender is the anchor of the ratios, and which targets it checks. The README section of a
group sits between <!-- GROUP:begin --> and <!-- GROUP:end -->.
"""

import argparse
import json
import math
import os
import platform
import re
import sys
from datetime import datetime, timezone

TIME_UNITS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}

# The chain reads this many source elements per operation: up to the 500,000th that passes
# filter(m % 3 != 0) out of 1,000,000 (ChainContenders.sourceElementsRead, checked by a test).
CHAIN_SOURCE_ELEMENTS = 750_000

GROUPS = {
    "chain": {
        "title": "Operator chain: `map → filter → limit(500,000) → sum`",
        "anchor": "handFused",
        "per_element": lambda run: CHAIN_SOURCE_ELEMENTS,
        "modes": lambda cls: "sync",
        "contenders": [
            ("stream", "floor: `java.util.stream` over a plain `Iterator`"),
            ("handFused", "the same logic fused by hand in one `asyncFor` body with `breakLoop()` (anchor)"),
            ("aiter", "**aiter** `aiter(src).map(..).filter(..).limit(..).forEach(..)`"),
            ("aiterIdentityMap", "aiter, the same chain with `map(x -> x)` and the doubling in "
             "the filter and the body: no function allocates, so this is the chain's own cost"),
            ("asyncUtil", "IBM async-util `thenApply → filter → take → fold`"),
            ("reactor", "Reactor `Flux.generate(..).concatMap(fromFuture, 0).map.filter.take.reduce`"),
            ("rxjava", "RxJava `Flowable.generate(..).concatMapSingle(..).map.filter.take.reduce`"),
        ],
        "note": (
            "Over 1,000,000 already-complete elements of the generated `IntSource` adapter; "
            "the chain reads %s of them. ns and bytes are per source element read; ratio = ÷ "
            "the hand-fused loop. The map function `x -> 2 * x` returns a boxed `Integer`: "
            "that is the user's function allocating (16 B per element, also in the stream "
            "floor); the hand-fused body computes `2 * x` as an `int` and allocates nothing."
            % "{:,}".format(CHAIN_SOURCE_ELEMENTS)),
    },
    "jdk25": {
        "title": "The loop on JDK 25, with the virtual-thread anchor",
        "anchor": "handWritten",
        "per_element": lambda run: int(run["params"]["n"]),
        "modes": lambda cls: "async" if cls.startswith("Async") else "sync",
        "contenders": [
            ("handWritten", "hand-written `isDone` + WIP loop (anchor)"),
            ("aiter", "**aiter** `FooAsync.asyncFor(src, x -> ...)`"),
            ("virtualThread", "a virtual thread blocking on `source.anext().join()` per element"),
        ],
        "note": (
            "The workload of the loop table above (sync N = 1,000,000, async N = 100,000), "
            "run on the Temurin 25 JDK. The virtual-thread contender starts one virtual thread "
            "per operation and blocks it on every element: what a Java 21+ user writes instead "
            "of an asynchronous loop."),
    },
}


def load(path, group):
    with open(path) as f:
        runs = json.load(f)
    rows, meta = {}, {}
    for run in runs:
        cls, name = run["benchmark"].rsplit(".", 2)[-2:]
        mode = group["modes"](cls)
        per = group["per_element"](run)
        primary = run["primaryMetric"]
        scale = TIME_UNITS[primary["scoreUnit"]]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        error = primary.get("scoreError")
        if not isinstance(error, (int, float)) or math.isnan(error):
            error = 0.0
        rows[(mode, name)] = {
            "ns": primary["score"] * scale / per,
            "ns_err": error * scale / per,
            "bytes": alloc["score"] / per if alloc else None,
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


def targets(group_name, rows):
    out = []
    if group_name == "chain":
        a, h = rows.get(("sync", "aiter")), rows.get(("sync", "handFused"))
        if a and h:
            r = a["ns"] / h["ns"]
            out.append(("aiter's chain ≤ 1.30× the hand-fused loop", "%.2f×" % r, r <= 1.30))
            if a["bytes"] is not None and h["bytes"] is not None:
                own = a["bytes"] - h["bytes"] - 16.0  # the map function's boxed Integer
                out.append(("no bytes per element of the chain's own (aiter − hand-fused − the "
                            "map function's 16 B `Integer`)", "%+.1f B" % own, abs(own) <= 0.1))
        for rival in ("reactor", "rxjava", "asyncUtil"):
            f = rows.get(("sync", rival))
            if a and f:
                out.append(("aiter faster than %s" % rival, "%.1f vs %.1f ns" % (a["ns"], f["ns"]),
                            a["ns"] < f["ns"]))
    if group_name == "jdk25":
        for mode in ("sync", "async"):
            a, v = rows.get((mode, "aiter")), rows.get((mode, "virtualThread"))
            if a and v:
                out.append(("aiter vs the virtual thread, %s" % mode,
                            "%.1f vs %.1f ns (%.2f×)" % (a["ns"], v["ns"], a["ns"] / v["ns"]),
                            a["ns"] <= v["ns"]))
    return out


def mark(passed):
    return {True: "✅ pass", False: "❌ FAIL", None: "– not measured"}[passed]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def markdown(group_name, group, rows, meta, args):
    modes = sorted({m for m, _ in rows}, key=lambda m: ("sync", "async").index(m))
    anchor = group["anchor"]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = ["### %s (%s)" % (group["title"], now), ""]
    checks = targets(group_name, rows)
    if checks:
        lines += ["| target | measured | result |", "|---|---|---|"]
        lines += ["| %s | %s | %s |" % (t, m, mark(p)) for t, m, p in checks]
        lines.append("")
    lines += [group["note"], ""]
    header = "| contender |" + "".join(" %s ns/elem | %s B/elem | %s ratio |" % (m, m, m) for m in modes)
    lines += [header, "|---|" + "--:|--:|--:|" * len(modes)]
    for name, label in group["contenders"]:
        if not any((m, name) in rows for m in modes):
            continue
        cells = [label]
        for m in modes:
            row, base = rows.get((m, name)), rows.get((m, anchor))
            cells.append("%.1f ± %.1f" % (row["ns"], row["ns_err"]) if row else "n/a")
            cells.append("%.1f" % row["bytes"] if row and row["bytes"] is not None else "n/a")
            cells.append("%.2f×" % (row["ns"] / base["ns"]) if row and base else "n/a")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Machine: %s, %d cores, %s; %s (JDK %s); JMH %s, forks: %s, warm-up %s, "
                 "measurement %s, `-prof gc`." % (
                     cpu_model(), os.cpu_count() or 0, platform.platform(terse=True),
                     meta.get("vm"), meta.get("jdk"), meta.get("jmh"), meta.get("forks"),
                     meta.get("warmup"), meta.get("measurement")))
    if args.load_before or args.load_after:
        lines.append("Load average (1, 5, 15 min) before: %s; after: %s (a shared machine)."
                     % (args.load_before or "?", args.load_after or "?"))
    if args.command:
        lines += ["", "Reproduce: `%s`" % args.command]
    lines.append("")
    return "\n".join(lines)


def update_readme(path, group_name, table):
    begin, end = "<!-- %s:begin -->" % group_name, "<!-- %s:end -->" % group_name
    with open(path) as f:
        text = f.read()
    if begin not in text or end not in text:
        sys.exit("%s has no %s ... %s markers" % (path, begin, end))
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end),
                  lambda m: "%s\n\n%s%s" % (begin, table, end), text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("group", choices=sorted(GROUPS))
    p.add_argument("json")
    p.add_argument("--md", required=True)
    p.add_argument("--readme")
    p.add_argument("--load-before")
    p.add_argument("--load-after")
    p.add_argument("--command")
    args = p.parse_args()
    group = GROUPS[args.group]
    rows, meta = load(args.json, group)
    table = markdown(args.group, group, rows, meta, args)
    with open(args.md, "w") as f:
        f.write(table)
    if args.readme:
        update_readme(args.readme, args.group, table)
    print(table)


if __name__ == "__main__":
    main()

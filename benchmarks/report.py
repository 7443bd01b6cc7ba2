#!/usr/bin/env python3
"""Turns JMH's JSON output (run with -prof gc) into the benchmark table of issue 5.

Writes a Markdown table (targets first, then every contender in both modes), an SVG bar chart
of ns/element, and replaces the results section of benchmarks/README.md between its markers.

    report.py RESULT.json --md OUT.md --svg OUT.svg [--readme README.md]
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

# Contenders in table order: (JMH method name, label).
CONTENDERS = [
    ("floor", "floor: plain `for` over an `Iterator`"),
    ("handWritten", "hand-written `isDone` + WIP loop (anchor)"),
    ("aiter", "**aiter** `FooAsync.asyncFor(src, x -> ...)`"),
    ("aiterBreakable", "aiter `asyncFor(src, (x, loop) -> ...)`"),
    ("aiterAwait", "aiter `asyncForAwait(src, x -> stage)`"),
    ("aiterOptional", "aiter, Optional shape source"),
    ("naive", "naive recursive `thenCompose`"),
    ("asyncUtil", "IBM async-util `AsyncIterator.forEach`"),
    ("reactorRepeat", "Reactor `Mono.fromFuture(src::anext).repeat()`"),
    ("reactorConcatMap", "Reactor `Flux.generate(..).concatMap(fromFuture, 0)`"),
    ("rxjavaConcatMapSingle", "RxJava `Flowable.generate(..).concatMapSingle(..)`"),
    ("rxjavaRepeat", "RxJava `Single.defer(..).repeat()`"),
]
MODES = ("sync", "async")
ANCHOR = "handWritten"
# Per-loop constant allocations (the loop object, its future, lambdas) spread over N elements,
# and the gc profiler's own noise, stay far below this; a real per-element allocation does not.
BYTES_TOLERANCE = 0.1

TIME_UNITS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load(path):
    """Returns {(mode, name): row} with per-element numbers."""
    with open(path) as f:
        runs = json.load(f)
    rows = {}
    meta = {}
    for run in runs:
        cls, name = run["benchmark"].rsplit(".", 2)[-2:]
        mode = "async" if cls.startswith("Async") else "sync"
        params = run.get("params", {})
        n = int(params.get("n") or params.get("naiveN"))
        primary = run["primaryMetric"]
        scale = TIME_UNITS[primary["scoreUnit"]]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        error = primary.get("scoreError")
        if not isinstance(error, (int, float)) or math.isnan(error):
            error = 0.0  # JMH writes "NaN" when there was a single iteration
        rows[(mode, name)] = {
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
            "jvmArgs": " ".join(run.get("jvmArgs") or []),
        }
    return rows, meta


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def fmt_ns(row):
    if row is None:
        return "n/a"
    return "%.1f ± %.1f" % (row["ns"], row["ns_err"])


def fmt_bytes(row):
    if row is None or row["bytes"] is None:
        return "n/a"
    return "%.1f" % row["bytes"]


def fmt_ratio(row, anchor):
    if row is None or anchor is None:
        return "n/a"
    return "%.2f×" % (row["ns"] / anchor["ns"])


def fastest(rows, mode, names):
    present = [rows[(mode, n)] | {"name": n} for n in names if (mode, n) in rows]
    return min(present, key=lambda r: r["ns"]) if present else None


def targets(rows):
    """Returns [(text, measured, passed)] for issue 5's targets; passed is None when unmeasured."""
    out = []
    for mode, limit in (("sync", 1.10), ("async", 1.15)):
        a, h = rows.get((mode, "aiter")), rows.get((mode, ANCHOR))
        if a and h:
            r = a["ns"] / h["ns"]
            out.append(("aiter ≤ %.2f× hand-written, %s" % (limit, mode), "%.2f×" % r, r <= limit))
        else:
            out.append(("aiter ≤ %.2f× hand-written, %s" % (limit, mode), "not measured", None))
    for mode in MODES:
        a, h = rows.get((mode, "aiter")), rows.get((mode, ANCHOR))
        text = "aiter bytes/element ≤ hand-written, %s" % mode
        if a and h and a["bytes"] is not None and h["bytes"] is not None:
            d = a["bytes"] - h["bytes"]
            out.append((text, "%.1f vs %.1f B (%+.1f)" % (a["bytes"], h["bytes"], d),
                        d <= BYTES_TOLERANCE))
        else:
            out.append((text, "not measured", None))
    rivals = [
        ("async-util", ["asyncUtil"]),
        ("Reactor (fastest form)", ["reactorRepeat", "reactorConcatMap"]),
        ("RxJava (fastest form)", ["rxjavaConcatMapSingle", "rxjavaRepeat"]),
    ]
    for mode in MODES:
        a = rows.get((mode, "aiter"))
        for label, names in rivals:
            text = "aiter faster than %s, %s" % (label, mode)
            f = fastest(rows, mode, names)
            if a and f:
                out.append((text, "%.1f vs %.1f ns (%s)" % (a["ns"], f["ns"], f["name"]),
                            a["ns"] < f["ns"]))
            else:
                out.append((text, "not measured", None))
    return out


def mark(passed):
    return {True: "✅ pass", False: "❌ FAIL", None: "– not measured"}[passed]


def markdown(rows, meta, args):
    lines = []
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines.append("### Loop cost per element (%s)" % now)
    lines.append("")
    lines.append("| target (issue 5) | measured | result |")
    lines.append("|---|---|---|")
    for text, measured, passed in targets(rows):
        lines.append("| %s | %s | %s |" % (text, measured, mark(passed)))
    lines.append("")
    ns = {m: rows.get((m, "naive"), {}).get("n") for m in MODES}
    lines.append(
        "Sum of N elements from a source whose `anext()` returns `CompletableFuture<Integer>`; "
        "`sync`: every future already complete, N = %s; `async`: completed by a single-thread "
        "executor, N = %s. ns and bytes are per element (bytes: `gc.alloc.rate.norm` / N, "
        "including the source's own future and `Integer`); ratio = ns/element ÷ the "
        "hand-written loop's in the same mode. ± is JMH's 99.9%% confidence half-width."
        % (fmt_count(first_n(rows, "sync")), fmt_count(first_n(rows, "async"))))
    lines.append("")
    lines.append("| contender | sync ns/elem | sync B/elem | sync ratio | async ns/elem "
                 "| async B/elem | async ratio |")
    lines.append("|---|--:|--:|--:|--:|--:|--:|")
    for name, label in CONTENDERS:
        if not any((m, name) in rows for m in MODES):
            continue
        if name == "naive":
            label += " (sync: N = %s%s; async: N = %s)" % (
                fmt_count(ns["sync"]),
                ", ¾ of %s, the largest N the probe found not to overflow" % fmt_count(
                    int(args.naive_max)) if args.naive_max else "",
                fmt_count(ns["async"]))
        cells = [label]
        for m in MODES:
            row = rows.get((m, name))
            cells += [fmt_ns(row), fmt_bytes(row), fmt_ratio(row, rows.get((m, ANCHOR)))]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Machine: %s, %d cores (`nproc`), %s; %s (JDK %s); JMH %s, forks: %s, "
                 "warm-up %s, measurement %s, `-prof gc`%s." % (
                     cpu_model(), os.cpu_count() or 0, platform.platform(terse=True),
                     meta.get("vm"), meta.get("jdk"), meta.get("jmh"), meta.get("forks"),
                     meta.get("warmup"), meta.get("measurement"),
                     (", JVM args `%s`" % meta["jvmArgs"]) if meta.get("jvmArgs") else ""))
    if args.load_before or args.load_after:
        lines.append("Load average (1, 5, 15 min) before: %s; after: %s. The machine is shared, "
                     "so other processes may have run during the measurement."
                     % (args.load_before or "?", args.load_after or "?"))
    if args.command:
        lines.append("")
        lines.append("Reproduce: `%s`" % args.command)
    lines.append("")
    return "\n".join(lines)


def first_n(rows, mode):
    for (m, name), row in rows.items():
        if m == mode and name != "naive":
            return row["n"]
    return None


def fmt_count(n):
    return "{:,}".format(n) if n else "n/a"


def svg(rows):
    """Two panels (sync, async) of horizontal bars, ns/element, each on its own linear scale."""
    names = [(n, l) for n, l in CONTENDERS if any((m, n) in rows for m in MODES)]
    short = {
        "floor": "floor (Iterator)", "handWritten": "hand-written", "aiter": "aiter asyncFor",
        "aiterBreakable": "aiter (x, loop)", "aiterAwait": "aiter asyncForAwait",
        "aiterOptional": "aiter Optional", "naive": "naive thenCompose",
        "asyncUtil": "async-util forEach", "reactorRepeat": "Reactor repeat",
        "reactorConcatMap": "Reactor concatMap", "rxjavaConcatMapSingle": "RxJava concatMapSingle",
        "rxjavaRepeat": "RxJava repeat",
    }
    label_w, bar_w, row_h, top = 170, 250, 20, 40
    panel_w = label_w + bar_w + 60
    height = top + row_h * len(names) + 30
    width = panel_w * 2
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="12">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>']
    for p, mode in enumerate(MODES):
        x0 = p * panel_w
        vals = [rows[(mode, n)]["ns"] for n, _ in names if (mode, n) in rows]
        vmax = max(vals) if vals else 1.0
        n_elems = first_n(rows, mode)
        out.append('<text x="%d" y="18" font-weight="bold">%s mode (N = %s): ns per element, '
                   'shorter is better</text>' % (x0 + 10, mode, fmt_count(n_elems)))
        for i, (name, _) in enumerate(names):
            y = top + i * row_h
            out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                       % (x0 + label_w - 6, y + 13, short.get(name, name)))
            row = rows.get((mode, name))
            if row is None:
                out.append('<text x="%d" y="%d" fill="#888">n/a</text>' % (x0 + label_w, y + 13))
                continue
            w = max(1.0, bar_w * row["ns"] / vmax)
            color = ("#d9480f" if name == "aiter" else "#f08c00" if name.startswith("aiter")
                     else "#1971c2" if name == ANCHOR else "#868e96")
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                       % (x0 + label_w, y + 3, w, row_h - 6, color))
            out.append('<text x="%.1f" y="%d">%.1f</text>'
                       % (x0 + label_w + w + 4, y + 13, row["ns"]))
    out.append('<text x="10" y="%d" fill="#555">orange: aiter; blue: the hand-written anchor; '
               'naive sync runs at a smaller N (stack overflow beyond it)</text>' % (height - 8))
    out.append("</svg>")
    return "\n".join(out) + "\n"


BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def update_readme(path, table, svg_name):
    with open(path) as f:
        text = f.read()
    if BEGIN not in text or END not in text:
        sys.exit("%s has no %s ... %s markers" % (path, BEGIN, END))
    body = "%s\n\n![ns per element](%s)\n\n%s%s" % (BEGIN, svg_name, table, END)
    text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: body, text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("json")
    p.add_argument("--md", required=True)
    p.add_argument("--svg", required=True)
    p.add_argument("--readme")
    p.add_argument("--load-before")
    p.add_argument("--load-after")
    p.add_argument("--command")
    p.add_argument("--naive-max", help="the naive loop's largest N without overflow (probe)")
    args = p.parse_args()
    rows, meta = load(args.json)
    table = markdown(rows, meta, args)
    with open(args.md, "w") as f:
        f.write(table)
    with open(args.svg, "w") as f:
        f.write(svg(rows))
    if args.readme:
        update_readme(args.readme, table,
                      os.path.relpath(args.svg, os.path.dirname(os.path.abspath(args.readme))))
    print(table)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compares dnn-translate --evaluate-timeloop output with a timeloop-model
stats.txt: every count the reference prints that dnn-opt also prints must
be equal (computes, cycles, utilization; per level its cycles and bandwidth
throttling; per level and kept data space the partition size, utilized
capacity and instances, reads, fills, updates, temporal reductions and
address generations). Energy lines are not compared. Levels are matched by
name; every level and data space of the reference must be present.

With --map REFERENCE_MAP, OURS must also start with the reference map.txt
(the loop nest that --print-loop-nest prints), character for character.

usage: compare_stats.py REFERENCE_STATS OURS [--map REFERENCE_MAP]
"""
import re
import sys

FIELDS = [
    "Cycles", "Bandwidth throttling", "Utilized instances",
    "Computes (total)", "Partition size", "Utilized capacity",
    "Utilized instances (max)", "Scalar reads (per-instance)",
    "Scalar fills (per-instance)", "Scalar updates (per-instance)",
    "Temporal reductions (per-instance)",
    "Address generations (per-cluster)",
]


def parse(path):
    """Returns {(level, space, field): value} and the summary."""
    values = {}
    level = space = None
    in_stats = False
    summary = {}
    for line in open(path):
        line = line.rstrip("\n")
        m = re.match(r"^=== (.+) ===$", line)
        if m:
            level, space, in_stats = m.group(1), None, False
            continue
        if line.strip() == "STATS":
            in_stats = True
            continue
        if line.startswith("Summary Stats") or line.startswith("Networks") \
                or line.startswith("Operational Intensity"):
            level, in_stats = None, False
        m = re.match(r"^(Utilization|Cycles): ([0-9.]+)%?$", line)
        if m:
            summary[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^Computes = ([0-9]+)$", line)
        if m:
            summary["Computes"] = m.group(1)
            continue
        if level is None or not in_stats:
            continue
        m = re.match(r"^    (\w+):$", line)
        if m:
            space = m.group(1)
            continue
        m = re.match(r"^ +(.+?) +: ([-0-9.e+]+)", line)
        if m and m.group(1) in FIELDS:
            indent = len(line) - len(line.lstrip())
            key_space = space if indent >= 8 else None
            values[(level, key_space, m.group(1))] = m.group(2)
    return values, summary


def main():
    ref, ref_summary = parse(sys.argv[1])
    ours, our_summary = parse(sys.argv[2])
    errors = []
    compared = 0
    for key, value in sorted(ref.items(), key=lambda kv: str(kv[0])):
        if key not in ours:
            errors.append("missing %s (reference %s)" % (key, value))
            continue
        compared += 1
        if float(ours[key]) != float(value):
            errors.append("%s: ours %s, reference %s" % (key, ours[key], value))
    for key, value in sorted(ref_summary.items()):
        compared += 1
        if float(our_summary.get(key, "nan")) != float(value):
            errors.append("summary %s: ours %s, reference %s"
                          % (key, our_summary.get(key), value))
    if len(sys.argv) == 5 and sys.argv[3] == "--map":
        expected = open(sys.argv[4]).read()
        if not open(sys.argv[2]).read().startswith(expected):
            errors.append("the loop nest differs from " + sys.argv[4])
        else:
            print("MAP MATCH")
    for e in errors:
        print("MISMATCH " + e)
    if errors:
        sys.exit(1)
    print("MATCH %d values" % compared)


if __name__ == "__main__":
    main()

"""Checks that a CSV written by `dnn-translate --export-csv` holds exactly the
scalars of the statistics JSON of the same input (written by --export-json):
one record per op in order, then the totals; every key flattened to a column
by the rules of docs/reports.md, with the same value; no other cell set.

Usage: csv_matches_json.py STATS.json STATS.csv
Prints `ok: R records, K values` or the first mismatches, and exits 1.
"""
import csv
import json
import sys


def is_shapes(v):
    return bool(v) and all(
        isinstance(s, list) and all(d is None or isinstance(d, int) for d in s)
        for s in v)


def flatten(v, prefix, out):
    if isinstance(v, dict):
        for k, x in v.items():
            flatten(x, f"{prefix}.{k}" if prefix else k, out)
    elif isinstance(v, list):
        if not v:
            out[prefix] = ""
        elif is_shapes(v):
            out[prefix] = ";".join(
                "x".join("?" if d is None else str(d) for d in s) or "scalar"
                for s in v)
        else:
            key = next((k for k in ("name", "level") if all(
                isinstance(e, dict) and isinstance(e.get(k), str) for e in v)),
                None)
            for i, e in enumerate(v):
                if key:
                    sub = {k: x for k, x in e.items() if k != key}
                    flatten(sub, f"{prefix}.{e[key]}", out)
                else:
                    flatten(e, f"{prefix}.{i + 1}", out)
    else:
        out[prefix] = v


def same(cell, value):
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        try:
            return float(cell) == float(value)
        except ValueError:
            return False
    return cell == value


def main():
    doc = json.load(open(sys.argv[1]))
    with open(sys.argv[2], newline="") as f:
        records = list(csv.DictReader(f))
    expected = []
    for op in doc["ops"]:
        flat = {}
        flatten(op, "", flat)
        expected.append(flat)
    if "totals" in doc:
        flat = {}
        flatten(doc["totals"], "", flat)
        flat.setdefault("name", "(totals)")
        expected.append(flat)
    errors = []
    if len(records) != len(expected):
        errors.append(f"{len(records)} records, expected {len(expected)}")
    checked = 0
    for i, (rec, flat) in enumerate(zip(records, expected)):
        for k, v in flat.items():
            if k not in rec:
                errors.append(f"record {i + 1}: no column {k}")
            elif not same(rec[k], v):
                errors.append(f"record {i + 1}: {k} is {rec[k]!r}, "
                              f"expected {v!r}")
            checked += 1
        for k, cell in rec.items():
            if cell != "" and k not in flat:
                errors.append(f"record {i + 1}: {k} = {cell!r} not in JSON")
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"ok: {len(records)} records, {checked} values")


main()

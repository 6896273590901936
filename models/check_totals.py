#!/usr/bin/python3
"""Compare a model's totals with expected figures.

Input: the JSON of `dnn-translate --export-json`
    {"ops": [{"name", "kind", "macs", "weights", ...}, ...],
     "totals": {"macs", "weights", "activations", "ops", "unmodeled_ops"}}
or an .onnx file, counted independently of dnn-opt by models/onnx_count.py
(MACs and weights only).

    check_totals.py stats.json --macs 3.9e9 --weights 25.5e6 \\
        --tolerance 0.02 --max-unmodeled 0

Prints one line per check and exits 1 if any fails. Options:

  --macs X / --weights X   expected totals; pass if |got - X| <= tol * X.
  --weights-of KINDS       count the weights of the ops whose kind (the
                           JSON "kind" column, e.g. conv, matmul,
                           batch_norm) is in the comma-separated list,
                           instead of totals.weights: published tables count
                           conv and FC parameters only.
  --macs-of KINDS          the same for MACs.
  --tolerance T            relative tolerance (default 0.02).
  --max-unmodeled N        at most N ops not modeled (JSON input only).
  --expect-op NAME:FIELD=V the op named NAME has FIELD (macs, weights, ...)
                           equal to V exactly (repeatable): checks a layer's
                           shape, e.g. where a stride sits.
"""

import argparse
import json
import os
import sys


def load(path):
    if path.endswith(".onnx"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        sys.dont_write_bytecode = True  # keep the source tree clean
        import onnx
        import onnx_count
        return onnx_count.count(onnx.load(path, load_external_data=False))
    with open(path) as f:
        return json.load(f)


def select(stats, field, kinds):
    """totals[field], or the sum of field over the ops of `kinds`."""
    if not kinds:
        return stats["totals"][field], f"totals.{field}"
    wanted = set(k.strip() for k in kinds.split(","))
    # A kind such as "pool.max" matches "pool" too.
    total = sum(op.get(field, 0) for op in stats["ops"]
                if op["kind"] in wanted or op["kind"].split(".")[0] in wanted)
    return total, f"{field} of {','.join(sorted(wanted))}"


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Compare a model's totals with expected figures.")
    ap.add_argument("stats", help="--export-json output, or an .onnx file")
    ap.add_argument("--macs", type=float)
    ap.add_argument("--weights", type=float)
    ap.add_argument("--macs-of", metavar="KINDS")
    ap.add_argument("--weights-of", metavar="KINDS")
    ap.add_argument("--tolerance", type=float, default=0.02)
    ap.add_argument("--max-unmodeled", type=int)
    ap.add_argument("--expect-op", action="append", default=[],
                    metavar="NAME:FIELD=VALUE")
    args = ap.parse_args(argv)

    try:
        stats = load(args.stats)
    except Exception as e:  # a clear line rather than a traceback
        print(f"FAIL: cannot read {args.stats}: {e}")
        return 1
    if "totals" not in stats:
        print(f"FAIL: {args.stats} has no 'totals'")
        return 1

    ok = True
    checks = 0
    for field, expected, kinds in (("macs", args.macs, args.macs_of),
                                   ("weights", args.weights,
                                    args.weights_of)):
        if expected is None:
            continue
        checks += 1
        got, what = select(stats, field, kinds)
        err = (got - expected) / expected
        passed = abs(err) <= args.tolerance
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}: {what} = {got:,} "
              f"({got:.4g}), expected {expected:.4g}, error {err:+.2%} "
              f"(tolerance {args.tolerance:.2%})")
    if args.max_unmodeled is not None:
        checks += 1
        got = stats["totals"].get("unmodeled_ops")
        if got is None:
            print("FAIL: totals.unmodeled_ops is missing "
                  "(an .onnx input has no modeling information)")
            ok = False
        else:
            passed = got <= args.max_unmodeled
            ok &= passed
            unmodeled = [op["name"] + " (" + op["kind"] + ")"
                         for op in stats["ops"] if not op.get("modeled", 1)]
            detail = (": " + ", ".join(unmodeled[:10])) if unmodeled else ""
            print(f"{'PASS' if passed else 'FAIL'}: unmodeled ops = {got}, "
                  f"at most {args.max_unmodeled}{detail}")
    for spec in args.expect_op:
        checks += 1
        name, _, rest = spec.rpartition(":")
        field, _, value = rest.partition("=")
        if not name or not field or not value:
            print(f"FAIL: bad --expect-op '{spec}' (NAME:FIELD=VALUE)")
            ok = False
            continue
        rows = [op for op in stats["ops"] if op.get("name") == name]
        if len(rows) != 1:
            print(f"FAIL: op '{name}': found {len(rows)} ops of that name")
            ok = False
            continue
        got = rows[0].get(field)
        try:
            passed = got is not None and float(got) == float(value)
        except (TypeError, ValueError):
            passed = str(got) == value
        ok &= passed
        print(f"{'PASS' if passed else 'FAIL'}: op '{name}' {field} = "
              f"{got}, expected {value}")
    if checks == 0:
        print("FAIL: nothing to check (give --macs, --weights or "
              "--max-unmodeled)")
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

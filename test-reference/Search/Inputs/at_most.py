"""Checks that a figure of a statistics JSON is at most a bound.

Usage: at_most.py FILE KEY BOUND, KEY a key of `totals`, or `edp`
(energy_pJ x 1e-12 x cycles, in J*cycles as Timeloop prints it).
"""
import json
import sys

totals = json.load(open(sys.argv[1]))["totals"]
key, bound = sys.argv[2], float(sys.argv[3])
value = (totals["energy_pJ"] * 1e-12 * totals["cycles"] if key == "edp"
         else totals[key])
ok = value <= bound
print("%s %.6g <= %.6g: %s" % (key, value, bound, "ok" if ok else "FAILED"))
sys.exit(0 if ok else 1)

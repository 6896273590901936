"""Compares the energy per compute of every component with Timeloop's.

Usage: compare_energy.py STATS.txt JSON. Reads the `fJ/Compute` block of a
timeloop stats.txt and the first op row of a dnn-translate --export-json
document (its energy_by_component_pJ and macs); prints one line per component
and fails when one differs at the printed precision (2 decimals).
"""
import json
import re
import sys

stats = open(sys.argv[1]).read().split("fJ/Compute", 1)[1]
reference = {}
for line in stats.splitlines():
    m = re.match(r"\s+(\S+)\s+=\s+([0-9.]+)", line)
    if m:
        reference[m.group(1)] = float(m.group(2))
row = json.load(open(sys.argv[2]))["ops"][0]
macs = row["macs"]
ours = {k: v * 1000.0 / macs for k, v in row["energy_by_component_pJ"].items()}
ours["Total"] = row["energy_pJ"] * 1000.0 / macs
ok = True
for name, ref in reference.items():
    value = ours.get(name, 0.0)
    same = "%.2f" % value == "%.2f" % ref
    ok &= same
    print("%-12s timeloop %10.2f  ours %10.2f  %s" % (name, ref, value, "ok" if same else "DIFFERS"))
sys.exit(0 if ok else 1)

"""Checks that an imported accel.arch uses exactly the energies of an ERT.

Usage: compare_ert.py ARCH.mlir ERT.yaml

For every ERT table (matched to a component by its leaf name, as Timeloop
does) and every action with its arguments, the accel.arch must carry an
#accel.action of that name, arguments and energy, with the ERT as source.
Prints one line per table and exits non-zero on the first mismatch.
"""
import re
import sys

import yaml


def leaf(name):
    name = name.strip()
    if name.endswith("]"):
        name = name[: name.rfind("[")]
    return name.rsplit(".", 1)[-1]


def parse_actions(mlir):
    """component name -> list of (action, args, energy, source)."""
    components = {}
    for line in mlir.splitlines():
        m = re.match(r'\s*accel\.(storage|compute|crossbar|fanout) @(\S+)', line)
        if not m:
            continue
        actions = []
        for a in re.finditer(
                r'#accel\.action<"([^"]+)", ([^ ]+) pJ, '
                r'(?:args \{([^}]*)\}, )?source "([^"]*)">', line):
            args = {}
            if a.group(3):
                for kv in a.group(3).split(", "):
                    key, value = kv.split(" = ")
                    args[key] = float(value.split(" : ")[0])
            actions.append((a.group(1), args, float(a.group(2)), a.group(4)))
        components[m.group(2)] = actions
    return components


def main():
    mlir = open(sys.argv[1]).read()
    ert = yaml.safe_load(open(sys.argv[2]))
    tables = ert.get("ERT", ert)["tables"]
    components = parse_actions(mlir)
    checked = 0
    for table in tables:
        name = leaf(table["name"])
        if name not in components:
            sys.exit(f"FAIL: no component {name} for table {table['name']}")
        imported = components[name]
        for action in table["actions"]:
            args = {k: float(v)
                    for k, v in (action.get("arguments") or {}).items()}
            energy = float(action["energy"])
            match = [a for a in imported
                     if a[0] == action["name"] and a[1] == args]
            if len(match) != 1 or match[0][2] != energy \
                    or not match[0][3].startswith("ERT "):
                sys.exit(f"FAIL: {name}.{action['name']} {args}: ERT "
                         f"{energy} pJ, imported {match}")
            checked += 1
        print(f"OK {name}: {len(table['actions'])} actions equal the ERT's")
    print(f"checked {checked} actions")


main()

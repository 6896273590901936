"""Energy of every timeloop-tutorial model case against its reference.

For each case: import the flattened architecture Timeloop simulated with the
case's ERT, import the problem with the given mapping, run dnn-evaluate,
export the JSON, and compare the fJ/Compute of every component (and the
total) with ref-output/*.stats.txt at the printed precision
(compare_energy.py). Usage: tutorial_energy.py REFERENCE_DIR TMP_DIR.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [
    ("00-model-conv1d-1level", "", "conv1d", "conv1d-1level"),
    ("01-model-conv1d-2level", "os", "conv1d", "conv1d-2level-os"),
    ("01-model-conv1d-2level", "ws", "conv1d", "conv1d-2level-ws"),
    ("02-model-conv1d+oc-2level", "tiling", "conv1d+oc", "conv1d+oc-2level-os-tiled"),
    ("02-model-conv1d+oc-2level", "no-tiling", "conv1d+oc", "conv1d+oc-2level-os"),
    ("03-model-conv1d+oc-3level", "bypass", "conv1d+oc", "conv1d+oc-3level-bypass"),
    ("03-model-conv1d+oc-3level", "no-bypass", "conv1d+oc", "conv1d+oc-3level"),
    ("04-model-conv1d+oc-3levelspatial", "cp", "conv1d+oc+ic", "conv1d+oc+ic-3levelspatial-cp-ws"),
    ("04-model-conv1d+oc-3levelspatial", "kp", "conv1d+oc+ic", "conv1d+oc+ic-3levelspatial-kp-ws"),
]


def main():
    reference, tmp = sys.argv[1], sys.argv[2]
    os.makedirs(tmp, exist_ok=True)
    failed = 0
    for case, variant, prob, mapping in CASES:
        base = os.path.join(reference, "timeloop-tutorial", "timeloop", case)
        out = os.path.join(base, "ref-output", variant)
        name = (case + "-" + variant).rstrip("-")
        t = os.path.join(tmp, name)
        steps = [
            ["dnn-translate", "--import-timeloop-arch",
             os.path.join(out, "timeloop-model.flattened_architecture.yaml"),
             "--ert", os.path.join(out, "timeloop-model.ERT.yaml"),
             "-o", t + ".arch.mlir"],
            ["dnn-translate", "--import-timeloop-problem",
             os.path.join(base, "prob", prob + ".prob.yaml"), "--mapping",
             os.path.join(base, "map", mapping + ".map.yaml"),
             "--arch", t + ".arch.mlir", "-o", t + ".op.mlir"],
            ["dnn-opt", t + ".op.mlir",
             "--dnn-evaluate=arch=" + t + ".arch.mlir", "-o", t + ".eval.mlir"],
            ["dnn-translate", "--export-json", t + ".eval.mlir", "-o",
             t + ".json"],
        ]
        for step in steps:
            p = subprocess.run(step, capture_output=True, text=True)
            if p.returncode:
                print("%s: %s failed:\n%s" % (name, step[0], p.stderr))
                sys.exit(1)
        p = subprocess.run(
            [sys.executable, os.path.join(HERE, "compare_energy.py"),
             os.path.join(out, "timeloop-model.stats.txt"), t + ".json"],
            capture_output=True, text=True)
        print("== %s: %s" % (name, "ENERGY MATCH" if p.returncode == 0
                             else "ENERGY DIFFERS"))
        print(p.stdout, end="")
        failed += p.returncode != 0
    print("%d of %d cases match" % (len(CASES) - failed, len(CASES)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Whole-pipeline benchmark: dnn-evaluate on zoo models and bundled archs.

For each model and arch: wall time of `dnn-opt --dnn-evaluate`, the time of
each pass (MLIR's --mlir-timing), the share the analyses (counting, energy,
latency) take, and the mapper's candidates per second (the sum of
accel.mapper `evaluated` over the distinct searches / the accel-map time /
the cores). Targets (issues 9 and 10): ResNet-50 under 60 s, analyses
under 10% of the pipeline.

    /usr/bin/python3 bench/pipeline.py [--build build] [--models resnet50,mobilenet_v2]
        [--archs eyeriss-like,simba-like]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--models", default="resnet50,mobilenet_v2")
    ap.add_argument("--archs", default="eyeriss-like,simba-like")
    args = ap.parse_args()
    opt = os.path.join(args.build, "bin", "dnn-opt")
    translate = os.path.join(args.build, "bin", "dnn-translate")
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(f"{cores} cores, load average {load:.2f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models.split(","):
            onnx = os.path.join(tmp, model + ".onnx")
            mlir = os.path.join(tmp, model + ".mlir")
            subprocess.run([sys.executable, os.path.join(ROOT, "models", "zoo.py"),
                            model, "--weights", "none", "-o", onnx],
                           check=True, capture_output=True)
            subprocess.run([translate, "--import-onnx", onnx, "-o", mlir],
                           check=True, capture_output=True)
            for arch in args.archs.split(","):
                out = os.path.join(tmp, f"{model}.{arch}.mlir")
                start = time.perf_counter()
                r = subprocess.run(
                    [opt, mlir, f"--dnn-evaluate=arch={arch}", "--mlir-timing",
                     "-o", out], check=True, capture_output=True, text=True)
                wall = time.perf_counter() - start
                passes = {}
                for line in r.stderr.splitlines():
                    m = re.match(r"\s*([0-9.]+) \(\s*[0-9.]+%\)\s+(\w+)$", line)
                    if m:
                        passes[m.group(2)] = float(m.group(1))
                analyses = sum(passes.get(p, 0) for p in (
                    "AccelCountActions", "AccelEstimateEnergy",
                    "AccelEstimateLatency"))
                total = passes.get("Total", wall)
                # One `evaluated` per distinct search: ops sharing a search
                # carry the same figure, counted once per group.
                text = open(out).read()
                evaluated = 0
                for m in re.finditer(r"accel\.mapper = \{[^}]*evaluated = (\d+)"
                                     r"[^}]*ops_sharing_search = (\d+)", text):
                    evaluated += int(m.group(1)) / int(m.group(2))
                mapping = passes.get("AccelMap", 0)
                rate = evaluated / mapping / cores if mapping else 0
                print(f"{model:14s} {arch:14s} wall {wall:6.2f} s  "
                      f"accel-map {mapping:6.2f} s  analyses {analyses:.3f} s "
                      f"({100 * analyses / total:.1f}%)  "
                      f"{evaluated:,.0f} candidates, "
                      f"{rate:,.0f}/s/core")
    print("targets: ResNet-50 < 60 s; analyses < 10% of the pipeline")


if __name__ == "__main__":
    main()

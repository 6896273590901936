"""Benchmark: ONNX import time and peak memory for VGG-16 with weights.

Generates VGG-16 with random float32 weights (about 553 MB) from the model
zoo, then imports it several times with dnn-translate and reports the best
and median wall time and the peak resident memory of the importer, against
the targets of the foundation issue (under 5 s, under 1.5x the file size).

Usage: /usr/bin/python3 bench/import_vgg16.py [--build build] [--runs 3]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--model", default="vgg16")
    args = ap.parse_args()
    tool = os.path.join(args.build, "bin", "dnn-translate")
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, args.model + ".onnx")
        subprocess.run([sys.executable, os.path.join(ROOT, "models", "zoo.py"),
                        args.model, "--weights", "random", "-o", model],
                       check=True)
        size = os.path.getsize(model)
        times, peaks = [], []
        for _ in range(args.runs):
            # Each run in a fresh child so that ru_maxrss is its own peak.
            probe = ("import resource,subprocess,sys,time;"
                     "t=time.perf_counter();"
                     "subprocess.run(sys.argv[1:],check=True);"
                     "print(time.perf_counter()-t,"
                     "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            out = subprocess.run(
                [sys.executable, "-c", probe, tool, "--import-onnx", model,
                 "-o", os.path.join(tmp, "out.mlir")],
                check=True, capture_output=True, text=True).stdout.split()
            times.append(float(out[0]))
            peaks.append(int(out[1]) * 1024)
        peak = max(peaks)
        print("model: %s, file %.1f MB" % (args.model, size / 1e6))
        print("import wall time: best %.2f s, median %.2f s over %d runs "
              "(target < 5 s)" % (min(times), statistics.median(times),
                                 len(times)))
        print("peak memory: %.1f MB = %.2fx the file (target < 1.5x)"
              % (peak / 1e6, peak / size))


if __name__ == "__main__":
    main()

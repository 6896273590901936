"""Imports every tutorial architecture with each of its ERT/ART files and
compares the imported energies with the ERT (see compare_ert.py).

Usage: run_tutorial.py REFERENCE_DIR WORK_DIR
"""
import glob
import os
import subprocess
import sys

import yaml

reference, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))


def cases():
    tl = os.path.join(reference, "timeloop-tutorial")
    # The flattened architectures Timeloop wrote beside its outputs (what it
    # really simulated; TIMELOOP-SEMANTICS.md §11.1).
    for flat in sorted(glob.glob(os.path.join(tl, "timeloop*", "**",
                                              "*flattened_architecture.yaml"),
                                 recursive=True)):
        ert = glob.glob(os.path.join(os.path.dirname(flat), "*.ERT.yaml"))[0]
        yield os.path.dirname(flat) + " (flattened)", [flat], [], ert
    for case in sorted(glob.glob(os.path.join(tl, "timeloop", "0*"))):
        arch = glob.glob(os.path.join(case, "arch", "*.yaml"))
        for ert in sorted(glob.glob(os.path.join(case, "ref-output", "**",
                                                 "*.ERT.yaml"),
                                    recursive=True)):
            yield case, arch, [], ert
    ta = os.path.join(tl, "timeloop+accelergy")
    libs = sorted(glob.glob(os.path.join(ta, "arch", "components", "*.yaml")))
    for mac, arch in (("fpmac", "eyeriss_like-float32.yaml"),
                      ("intmac", "eyeriss_like-int16.yaml")):
        yield ta, [os.path.join(ta, "arch", arch)], libs, \
            os.path.join(ta, "ref-output", mac, "timeloop-mapper.ERT.yaml")
    # Accelergy's own Eyeriss-like example (v0.2 arch with NoCs in `local`,
    # a v0.3 ERT whose actions carry arguments).
    acc = os.path.join(tl, "accelergy", "04_eyeriss_like")
    yield acc, [os.path.join(acc, "input", "architecture.yaml")], \
        sorted(glob.glob(os.path.join(acc, "input", "components", "*.yaml"))), \
        os.path.join(acc, "ref-output", "ERT.yaml")
    v4 = os.path.join(reference, "timeloop-v0.4")
    dot = os.path.join(v4, "dot-product")
    yield dot, [os.path.join(dot, "arch.yaml")], \
        sorted(glob.glob(os.path.join(v4, "_components", "*.yaml"))), \
        os.path.join(dot, "ref_outputs", "default_problem",
                     "timeloop-mapper.ERT.yaml")


count = 0
for case, arch, libs, ert in cases():
    count += 1
    art = ert.replace("ERT.yaml", "ART.yaml")
    out = os.path.join(work, f"case{count}.mlir")
    subprocess.run(["dnn-translate", "--import-timeloop-arch", *arch, *libs,
                    "--ert", ert, "--art", art, "-o", out], check=True)
    subprocess.run(["dnn-opt", out, "--verify-roundtrip", "-o", os.devnull],
                   check=True)
    subprocess.run(["dnn-translate", "--export-ert", out, "-o", os.devnull],
                   check=True)
    result = subprocess.run([sys.executable,
                             os.path.join(here, "compare_ert.py"), out, ert],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{case}: {result.stdout}{result.stderr}")
    tables = yaml.safe_load(open(ert))["ERT"]["tables"]
    actions = sum(len(t["actions"]) for t in tables)
    rel = os.path.relpath(case, os.path.join(reference, "timeloop-tutorial"))
    if rel.startswith(".."):
        rel = os.path.relpath(case, reference)
    where = os.path.relpath(os.path.dirname(ert), case.replace(" (flattened)", ""))
    print(f"{rel} {where}: {len(tables)} tables, {actions} actions equal "
          f"the ERT's")
print(f"all {count} cases pass")

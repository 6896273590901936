"""Imports every model of a folder tree and checks that the importer never
crashes or hangs: each model either imports (exit 0) or is refused with a
diagnostic on stderr (exit 1). Prints a summary line and the refusals by
reason. Usage: sweep.py DNN_TRANSLATE FOLDER [MIN_IMPORTED]
"""
import collections
import concurrent.futures
import os
import re
import subprocess
import sys


def run(tool, path):
    try:
        p = subprocess.run([tool, "--import-onnx", path, "-o", os.devnull],
                           capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return path, "hang", ""
    if p.returncode == 0:
        return path, "ok", ""
    if p.returncode == 1 and "error:" in p.stderr:
        return path, "refused", p.stderr
    return path, "crash %d" % p.returncode, p.stderr


def main():
    tool, folder = sys.argv[1], sys.argv[2]
    minimum = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    models = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder)
                    for f in fs if f.endswith(".onnx"))
    outcome = collections.Counter()
    reasons = collections.Counter()
    bad = []
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for path, kind, err in pool.map(lambda m: run(tool, m), models):
            outcome[kind.split()[0]] += 1
            if kind == "refused":
                line = next(l for l in err.splitlines() if "error:" in l)
                reasons[re.sub(r"'[^']*'", "'_'", line.split("error:", 1)[1])] += 1
            elif kind != "ok":
                bad.append((path, kind, err[-500:]))
    for reason, n in reasons.most_common():
        print("%5d refused:%s" % (n, reason))
    print("models: %d imported: %d refused: %d crashed or hung: %d"
          % (len(models), outcome["ok"], outcome["refused"], len(bad)))
    for path, kind, err in bad:
        print("FAILED %s: %s\n%s" % (kind, path, err))
    if bad or outcome["ok"] < minimum:
        sys.exit(1)


if __name__ == "__main__":
    main()

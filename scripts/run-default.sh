#!/usr/bin/env bash
# The main job on the bundled default: installs what is missing, builds,
# generates ResNet-50 (v1, with weights) from the model zoo, imports it,
# evaluates it on the bundled eyeriss-like accelerator (mapping search,
# action counts, energy, latency) and prints its per-layer table. Outputs
# land in build/default/: the IR with every result attached, the JSON
# statistics and the self-contained HTML report (written by the pipeline's
# accel-report pass).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out=build/default
mkdir -p "$out"
[ -f "$out/resnet50.onnx" ] ||
  /usr/bin/python3 models/zoo.py resnet50 --weights random -o "$out/resnet50.onnx"
build/bin/dnn-translate --import-onnx "$out/resnet50.onnx" -o "$out/resnet50.mlir"
build/bin/dnn-opt "$out/resnet50.mlir" --mlir-print-debuginfo \
  --dnn-evaluate="arch=eyeriss-like objective=edp json=$out/resnet50.json html=$out/resnet50.html table=-" \
  -o "$out/resnet50.eval.mlir"
echo "IR: $out/resnet50.eval.mlir  statistics: $out/resnet50.json  report: $out/resnet50.html"

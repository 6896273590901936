#!/usr/bin/env bash
# The main job on the bundled default: installs what is missing, builds,
# generates ResNet-50 (v1, with weights) from the model zoo, imports it and
# prints its per-layer table. Outputs land in build/default/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out=build/default
mkdir -p "$out"
[ -f "$out/resnet50.onnx" ] ||
  /usr/bin/python3 models/zoo.py resnet50 --weights random -o "$out/resnet50.onnx"
build/bin/dnn-translate --import-onnx "$out/resnet50.onnx" -o "$out/resnet50.mlir"
build/bin/dnn-translate --export-json "$out/resnet50.mlir" -o "$out/resnet50.json"
build/bin/dnn-translate --export-table "$out/resnet50.mlir"
echo "IR: $out/resnet50.mlir  statistics: $out/resnet50.json"

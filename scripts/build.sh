#!/usr/bin/env bash
# Configures (once) and builds dnn-opt in ./build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || cmake -G Ninja -S . -B build
ninja -C build

#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite: the lit suite
# (dialects, passes, importer, models, and the pytest suite of the Python
# package dnnopt, test/python), the gtest unit tests (numeric models,
# support code), and, where ../shared/reference exists, the reference suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ninja -C build check-dnnopt
ninja -C build dnnopt-unittests
ctest --test-dir build/unittests --output-on-failure
if ninja -C build -t query check-dnnopt-reference >/dev/null 2>&1; then
  ninja -C build check-dnnopt-reference
fi

#!/usr/bin/env bash
# Installs the Debian 12 packages dnn-opt needs (as root), only when one is
# missing, so that running it again costs nothing.
set -euo pipefail
packages=(cmake ninja-build g++ llvm-22-dev llvm-22-tools libmlir-22-dev
  mlir-22-tools libonnx-dev libprotobuf-dev protobuf-compiler libgtest-dev
  python3-onnx python3-numpy python3-pytest pybind11-dev python3-dev
  libonnx-testdata chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

// Architectures the evaluation passes cannot use, and ops they cannot count:
// each a diagnostic.
// RUN: not dnn-opt %s --split-input-file --accel-map="arch=%S/Inputs/no-arch.mlir" 2>&1 | FileCheck %s --check-prefix=NOARCH
// NOARCH: error: '{{.*}}no-arch.mlir' holds no accel.arch
// RUN: not dnn-opt %s --split-input-file --accel-map="arch=%S/Inputs/crossbar-alone.mlir" 2>&1 | FileCheck %s --check-prefix=XBAR
// XBAR: crossbar-alone.mlir:3:3: error: a crossbar needs a storage level above it
// RUN: not dnn-opt %s --split-input-file --accel-map="arch=%S/Inputs/no-storage.mlir" 2>&1 | FileCheck %s --check-prefix=NOSTORAGE
// NOSTORAGE: no-storage.mlir:2:1: error: 'x' has no storage level: the outermost level (DRAM) holds the problem
// The arch goes into the module under its name: a symbol of that name that
// is not an arch is in the way.
// RUN: not dnn-opt %s --split-input-file --accel-map="arch=simple-ws budget=50" 2>&1 | FileCheck %s --check-prefix=CLASH
// CLASH: error: the module already has a symbol @simple_ws that is not an accel.arch
// RUN: not dnn-opt %s --split-input-file --accel-count-actions 2>&1 | FileCheck %s --check-prefix=SEVERAL
// SEVERAL: error: the module has several accel.arch ops and its accel.arch attribute names none of them

func.func @simple_ws(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

// -----

// Two archs and no accel.arch attribute saying which one is evaluated.
accel.arch @one attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}
accel.arch @two attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}
func.func @f(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}


// RUN: dnn-opt %s --accel-count-actions 2>&1 | FileCheck %s --check-prefix=NOMAP

// A MAC op without a mapping, counted before accel-map ran: a warning and
// a "not modeled" row; the run succeeds.
accel.arch @one attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}
func.func @g(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  // NOMAP: warning: not modeled: no mapping: run accel-map first
  // NOMAP: dnn.matmul {{.*}}accel.modeled = false, accel.reason = "no mapping: run accel-map first"
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

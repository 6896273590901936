// RUN: dnn-opt %s --accel-lower | FileCheck %s
// How accel-lower names the ops it lowers: a name a previous run gave is
// kept; else the ONNX node name (the location), with a number when another
// op has it already; else the op's kind and a number.

#m = #accel.mapping<arch = "tiny", levels = [
    #accel.level<level = "DRAM", temporal = [4, 6, 8], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>]>

// CHECK-LABEL: func.func @names
// CHECK:      dnn.matmul {{.*}}accel.nest = "fc"
// CHECK-NEXT: accel.loop_nest "fc"
// CHECK:      dnn.matmul {{.*}}accel.nest = "fc_0"
// CHECK-NEXT: accel.loop_nest "fc_0"
// CHECK:      dnn.matmul {{.*}}accel.nest = "kept"
// CHECK-NEXT: accel.loop_nest "kept"
// CHECK:      dnn.matmul {{.*}}accel.nest = "matmul_0"
// CHECK-NEXT: accel.loop_nest "matmul_0"
// The nest's body: one level, the three loops, the MAC.
// CHECK-NEXT:   accel.level "DRAM" keeps ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:     accel.for "K" temporal factor 8 {
// CHECK-NEXT:       accel.for "N" temporal factor 6 {
// CHECK-NEXT:         accel.for "M" temporal factor 4 {
// CHECK-NEXT:           accel.mac "Inputs" at "DRAM", "Weights" at "DRAM", "Outputs" at "DRAM"
func.func @names(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  %0 = dnn.matmul %a, %b {accel.mapping = #m} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8> loc("fc")
  %1 = dnn.matmul %a, %b {accel.mapping = #m} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8> loc("fc")
  %2 = dnn.matmul %a, %b {accel.mapping = #m, accel.nest = "kept"} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8> loc("fc")
  %3 = dnn.matmul %a, %b {accel.mapping = #m} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %3 : tensor<4x6xi8>
}

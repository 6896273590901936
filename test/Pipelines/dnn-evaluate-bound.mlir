// RUN: dnn-opt %s --dnn-evaluate="arch=%S/Inputs/slow-dram.mlir" | FileCheck %s
// Every MAC reads its two operands from DRAM, which delivers half a word
// per cycle: at least 4 cycles per MAC, so DRAM bandwidth binds (hand
// reasoning: 120 MACs need more than 240 reads at 0.5 words per cycle).
// CHECK: dnn.matmul {{.*}}accel.actions = {bound = "DRAM bandwidth"
func.func @mm(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

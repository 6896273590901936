// RUN: dnn-opt %s --split-input-file --verify-diagnostics --accel-lower
// Each error of accel-lower: a mapping that does not fit the op's workload
// (a 4x8 by 8x6 matmul: dims M=4, N=6, K=8; data spaces Inputs, Weights,
// Outputs).

func.func @factors(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // K: 4 at DRAM, 1 at RF; its bound is 8.
  // expected-error @+1 {{accel.mapping does not fit the op's workload: the factors of K multiply to 4 (DRAM:4), not its bound 8}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6, 4], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "RF", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Weights"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @dims(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping does not fit the op's workload: accel.mapping: level DRAM: temporal has 2 entries, the workload 3 dims}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6], order = [0, 1], spatial = [1, 1], spatial_order = [0, 1], split = 2, keep = ["Inputs", "Weights", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @space(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping does not fit the op's workload: accel.mapping: level DRAM keeps an unknown data space}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6, 8], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Filters", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @order(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping does not fit the op's workload: level DRAM: the temporal order is not a permutation of the dims}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6, 8], order = [0, 1, 1], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @outermost(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping does not fit the op's workload: level DRAM: the outermost level must keep every data space}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6, 8], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @twice(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping does not fit the op's workload: accel.mapping: level DRAM appears twice}}
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [4, 6, 8], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "DRAM", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

func.func @untyped(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  // expected-error @+1 {{accel.mapping must be an #accel.mapping attribute}}
  %y = dnn.matmul %a, %b {accel.mapping = {levels = []}} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// -----

// expected-error @+1 {{carries an accel.mapping but has no workload to lower it against}}
func.func @noworkload() attributes {accel.mapping = #accel.mapping<arch = "tiny", levels = []>} {
  return
}

// A given mapping that breaks the crossbar's rule is an error naming it.
// RUN: not dnn-opt %s --split-input-file --accel-count-actions 2>&1 | FileCheck %s --check-prefix=RULE

accel.arch @pim attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 4 : i64}
  accel.crossbar @xb 4 x 8 {cell_bits = 2 : i64, dac_bits = 1 : i64, adc_bits = 4 : i64, columns_per_adc = 8 : i64, adc_mhz = 800.0 : f64}
}
// M indexes the inputs: a row's weights share one input, so M cannot go
// on the columns.
// RULE: error: the given mapping does not fit: level xb.cells: spatial X factor M=2 on a crossbar: its columns carry only dims that index no input (a row's weights share its input)
func.func @mm(%a: tensor<2x4xi4>) -> tensor<2x4xi4> {
  %b = dnn.weight "b" : tensor<4x4xi4>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "pim", levels = [
      #accel.level<level = "DRAM", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "xb.cells", temporal = [1, 2, 1], order = [0, 1, 2], spatial = [2, 2, 4], spatial_order = [0, 1, 2], split = 2, keep = ["Weights"]>]>} : (tensor<2x4xi4>, tensor<4x4xi4>) -> tensor<2x4xi4>
  return %y : tensor<2x4xi4>
}

// -----

// An inconsistent crossbar: a 16-bit weight needs 8 columns of 2-bit cells.
// RUN: not dnn-opt %s --split-input-file --accel-count-actions 2>&1 | FileCheck %s --check-prefix=NARROW
// NARROW: error: a 16-bit weight needs 8 columns of 2-bit cells; the crossbar has 4
accel.arch @narrow attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 16 : i64}
  accel.crossbar @xb 4 x 4 {cell_bits = 2 : i64}
}

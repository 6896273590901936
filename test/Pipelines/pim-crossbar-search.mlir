// The crossbar's rule: its rows carry only reduction dims (they add up on
// a column), its columns only dims that index no input (a row's weights
// share its input).
// The mapper keeps to it on the bundled ISAAC-like tile.
// RUN: dnn-opt %s --dnn-evaluate="arch=pim-isaac-like budget=500" | FileCheck %s --check-prefix=SEARCH

// SEARCH-LABEL: func.func @conv
// SEARCH: dnn.conv
// SEARCH-SAME: "xbar ADC" =
// SEARCH-SAME: "xbar DAC" =
func.func @conv(%x: tensor<1x16x8x8xi16>) -> tensor<1x32x8x8xi16> {
  %w = dnn.weight "w" : tensor<32x16x3x3xi16>
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x16x8x8xi16>, tensor<32x16x3x3xi16>) -> tensor<1x32x8x8xi16>
  return %y : tensor<1x32x8x8xi16>
}


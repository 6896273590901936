// RUN: dnn-opt %s --split-input-file --verify-diagnostics
// Each verifier message of the dnn dialect, on the smallest input.

func.func @conv_channels(%x: tensor<1x3x8x8xf32>) {
  %w = dnn.weight "w" : tensor<4x2x3x3xf32>
  // expected-error @+1 {{input channels 3 differ from weight channels 2 times group 1}}
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_output(%x: tensor<1x3x8x8xf32>) {
  %w = dnn.weight "w" : tensor<4x3x3x3xf32>
  // expected-error @+1 {{output shape 1x4x8x8 does not match the expected 1x4x6x6}}
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv_attrs(%x: tensor<1x3x8x8xf32>) {
  %w = dnn.weight "w" : tensor<4x3x3x3xf32>
  // expected-error @+1 {{expects 2 strides, 2 dilations and 4 pads for 2 spatial dims, got 1, 2 and 4}}
  %y = dnn.conv %x, %w {strides = array<i64: 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @conv_group(%x: tensor<1x4x8x8xf32>) {
  %w = dnn.weight "w" : tensor<6x2x3x3xf32>
  // expected-error @+1 {{input channels 4 differ from weight channels 2 times group 4}}
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @conv_kernel_too_big(%x: tensor<1x3x2x2xf32>) {
  %w = dnn.weight "w" : tensor<4x3x3x3xf32>
  // expected-error @+1 {{kernel 3 (dilated) does not fit spatial dim 0 of size 2 with its pads}}
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @matmul_k(%a: tensor<4x8xf32>, %b: tensor<7x3xf32>) {
  // expected-error @+1 {{reduction dims differ: 8 (a) vs 7 (b)}}
  %y = dnn.matmul %a, %b : (tensor<4x8xf32>, tensor<7x3xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @matmul_batch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x3xf32>) {
  // expected-error @+1 {{batch dims 2 and 3 do not broadcast}}
  %y = dnn.matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x3xf32>) -> tensor<2x4x3xf32>
  return
}

// -----

func.func @binary_broadcast(%a: tensor<4x8xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operand shapes do not broadcast: 4x8 and 3}}
  %y = dnn.binary add %a, %b : (tensor<4x8xf32>, tensor<3xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @reshape_count(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{reshape from 4x8 (32 elements) to 5x8 (40 elements)}}
  %y = dnn.reshape %a : tensor<4x8xf32> -> tensor<5x8xf32>
  return
}

// -----

func.func @transpose_perm(%a: tensor<4x8xf32>) {
  // expected-error @+1 {{perm is not a permutation of 0..1}}
  %y = dnn.transpose %a {perm = array<i64: 0, 0>} : tensor<4x8xf32> -> tensor<4x4xf32>
  return
}

// -----

func.func @concat_dims(%a: tensor<4x8xf32>, %b: tensor<4x7xf32>) {
  // expected-error @+1 {{input shape 4x7 differs from 4x8 outside axis 0}}
  %y = dnn.concat %a, %b {axis = 0 : i64} : (tensor<4x8xf32>, tensor<4x7xf32>) -> tensor<8x8xf32>
  return
}

// -----

func.func @pool_out(%x: tensor<1x4x8x8xf32>) {
  // expected-error @+1 {{output spatial dim 0 is 5, expected 4}}
  %p = dnn.pool max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x4x8x8xf32> -> tensor<1x4x5x4xf32>
  return
}

// -----

func.func @bn_params(%x: tensor<1x4x8x8xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{parameter shape 3 is not [4] (the channels)}}
  %bn = dnn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f64} : (tensor<1x4x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @reduce_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %r = dnn.reduce sum %x {axes = array<i64: 2>, keepdims = false} : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @slice_shape(%x: tensor<8xf32>) {
  // expected-error @+1 {{output shape 3 does not match the expected 4}}
  %s = dnn.slice %x {starts = array<i64: 0>, ends = array<i64: 8>, steps = array<i64: 2>} : tensor<8xf32> -> tensor<3xf32>
  return
}

// -----

func.func @unary_shape(%x: tensor<8xf32>) {
  // expected-error @+1 {{output shape 4 does not match the expected 8}}
  %s = dnn.unary relu %x : tensor<8xf32> -> tensor<4xf32>
  return
}

// -----

func.func @generic_extent(%a: tensor<4x7xf32>, %b: tensor<6x5xf32>) {
  // expected-error @+1 {{tensor 0 has size 7 along index 1, its projection covers 6}}
  %y = dnn.generic ins(%a, %b) {dims = ["M", "N", "K"], bounds = array<i64: 4, 5, 6>, indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], roles = ["input", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"} : (tensor<4x7xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @generic_roles(%a: tensor<4x6xf32>, %b: tensor<6x5xf32>) {
  // expected-error @+1 {{the result, and only the result, has the role output}}
  %y = dnn.generic ins(%a, %b) {dims = ["M", "N", "K"], bounds = array<i64: 4, 5, 6>, indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], roles = ["output", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"} : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @generic_bound(%a: tensor<4x6xf32>, %b: tensor<6x5xf32>) {
  // expected-error @+1 {{dim "N" has bound 0, expected a positive one}}
  %y = dnn.generic ins(%a, %b) {dims = ["M", "N", "K"], bounds = array<i64: 4, 0, 6>, indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], roles = ["input", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"} : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @rnn_weights(%x: tensor<5x2x4xf32>, %w: tensor<1x12x4xf32>, %r: tensor<1x16x4xf32>) {
  // expected-error @+1 {{weights 1x12x4 and 1x16x4 do not fit 4 gates of hidden size 4 and input 4}}
  %y:2 = dnn.rnn "lstm" %x, %w, %r {hidden_size = 4 : i64, direction = "forward"} : (tensor<5x2x4xf32>, tensor<1x12x4xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

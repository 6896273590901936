// RUN: dnn-opt %s --verify-roundtrip | FileCheck %s
// Every dnn op parses, verifies and prints back.

// CHECK-LABEL: func.func @conv_family
func.func @conv_family(%x: tensor<1x3x8x8xf32>, %x1: tensor<2x4x16xf32>,
                       %x3: tensor<1x2x4x6x6xf32>) -> () {
  // CHECK: dnn.weight "w" {zero_fraction = 5.000000e-01 : f64} : tensor<4x3x3x3xf32>
  %w = dnn.weight "w" {zero_fraction = 0.5 : f64} : tensor<4x3x3x3xf32>
  %b = dnn.weight "b" : tensor<4xf32>
  // CHECK: dnn.conv
  %y = dnn.conv %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  // Depthwise 1-D convolution with stride 2 and dilation 2: (16-1-2*2)/2+1 = 6.
  %dw = dnn.weight "dw" : tensor<4x1x3xf32>
  %y1 = dnn.conv %x1, %dw {strides = array<i64: 2>, dilations = array<i64: 2>, pads = array<i64: 0, 0>, group = 4 : i64} : (tensor<2x4x16xf32>, tensor<4x1x3xf32>) -> tensor<2x4x6xf32>
  // 3-D convolution.
  %w3 = dnn.weight "w3" : tensor<8x2x3x3x3xf32>
  %y3 = dnn.conv %x3, %w3 {strides = array<i64: 1, 1, 1>, dilations = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x2x4x6x6xf32>, tensor<8x2x3x3x3xf32>) -> tensor<1x8x2x4x4xf32>
  // Transposed: 2*(8-1) + 0 + 1*(4-1) + 1 - 1 - 1 = 16.
  %wt = dnn.weight "wt" : tensor<4x2x4x4xf32>
  // CHECK: dnn.conv_transpose
  %t = dnn.conv_transpose %y, %wt {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 0, 0>, group = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x4x4xf32>) -> tensor<1x2x16x16xf32>
  return
}

// CHECK-LABEL: func.func @matmuls
func.func @matmuls(%q: tensor<2x8x16x64xf32>, %k: tensor<2x8x16x64xf32>, %v: tensor<64xf32>) -> () {
  // Attention scores: Q x K^T, both activations.
  // CHECK: dnn.matmul
  %s = dnn.matmul %q, %k {trans_b = true} : (tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>) -> tensor<2x8x16x16xf32>
  %w = dnn.weight "fc" : tensor<10x64xf32>
  %c = dnn.weight "fc.b" : tensor<10xf32>
  %x = dnn.reshape %q : tensor<2x8x16x64xf32> -> tensor<256x64xf32>
  %g = dnn.matmul %x, %w, %c {trans_b = true, alpha = 1.0 : f64, beta = 1.0 : f64} : (tensor<256x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<256x10xf32>
  // Matrix times vector.
  %mv = dnn.matmul %x, %v : (tensor<256x64xf32>, tensor<64xf32>) -> tensor<256xf32>
  return
}

// CHECK-LABEL: func.func @vector_ops
func.func @vector_ops(%x: tensor<1x4x8x8xf32>, %y: tensor<4x1x1xf32>, %l: tensor<2x16x32xf32>) -> () {
  // CHECK: dnn.pool max
  %p = dnn.pool max %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
  %g = dnn.pool average %x {kernel = array<i64: 8, 8>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, global} : tensor<1x4x8x8xf32> -> tensor<1x4x1x1xf32>
  %lrn = dnn.lrn %x {size = 5 : i64, alpha = 1.0e-4 : f64, beta = 0.75 : f64, bias = 1.0 : f64} : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  // CHECK: dnn.unary leaky_relu
  %u = dnn.unary leaky_relu %x {alpha = 0.1 : f64} : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
  // CHECK: dnn.binary add
  %a = dnn.binary add %x, %y : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %cmp = dnn.binary less %x, %y : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xi1>
  %w = dnn.where %cmp, %x, %y : (tensor<1x4x8x8xi1>, tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %c6 = dnn.clip %x {min_value = 0.0 : f64, max_value = 6.0 : f64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %lo = dnn.constant dense<0.0> : tensor<f32>
  %cd = dnn.clip %x min %lo : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>
  %sm = dnn.softmax %l {axis = 2 : i64} : tensor<2x16x32xf32> -> tensor<2x16x32xf32>
  %s = dnn.weight "s" : tensor<4xf32>
  %bn = dnn.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-5 : f64} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  %gamma = dnn.weight "gamma" : tensor<32xf32>
  // CHECK: dnn.norm layer
  %ln = dnn.norm layer %l scale %gamma bias %gamma {axis = 2 : i64, epsilon = 1.0e-5 : f64} : (tensor<2x16x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<2x16x32xf32>
  %rm = dnn.reduce mean %l {axes = array<i64: 2>, keepdims = true} : tensor<2x16x32xf32> -> tensor<2x16x1xf32>
  %am = dnn.reduce arg_max %l {axes = array<i64: 1>, keepdims = false} : tensor<2x16x32xf32> -> tensor<2x32xi64>
  %rs = dnn.resize %x {mode = "nearest", coordinate_transformation_mode = "asymmetric"} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
  %ci = dnn.cast %x : tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf16>
  %sc = dnn.constant dense<0.5> : tensor<f32>
  %zp = dnn.constant dense<0> : tensor<i8>
  %q = dnn.quantize %x, %sc, %zp {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<f32>, tensor<i8>) -> tensor<1x4x8x8xi8>
  %dq = dnn.dequantize %q, %sc, %zp {axis = 1 : i64} : (tensor<1x4x8x8xi8>, tensor<f32>, tensor<i8>) -> tensor<1x4x8x8xf32>
  return
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<1x4x8x8xf32>, %i: tensor<3xi64>) -> () {
  %r = dnn.reshape %x : tensor<1x4x8x8xf32> -> tensor<1x256xf32>
  %t = dnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : tensor<1x4x8x8xf32> -> tensor<1x8x8x4xf32>
  %c = dnn.concat %x, %x {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x8x8x8xf32>
  %s:2 = dnn.split %x {axis = 1 : i64} : (tensor<1x4x8x8xf32>) -> (tensor<1x1x8x8xf32>, tensor<1x3x8x8xf32>)
  %sl = dnn.slice %x {starts = array<i64: 0, 0, 1, 0>, ends = array<i64: 1, 4, 8, 8>, steps = array<i64: 1, 1, 2, 1>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x8xf32>
  %g = dnn.gather %x, %i {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<3xi64>) -> tensor<1x3x8x8xf32>
  %e = dnn.expand %x : tensor<1x4x8x8xf32> -> tensor<2x4x8x8xf32>
  %tl = dnn.expand %x {tile} : tensor<1x4x8x8xf32> -> tensor<1x4x16x8xf32>
  %p = dnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, mode = "constant"} : tensor<1x4x8x8xf32> -> tensor<1x4x10x10xf32>
  %d = dnn.rearrange "DepthToSpace" %x : (tensor<1x4x8x8xf32>) -> tensor<1x1x16x16xf32>
  %o = dnn.opaque "NonMaxSuppression" %x {domain = ""} : (tensor<1x4x8x8xf32>) -> tensor<?x3xi64>
  return
}

// CHECK-LABEL: func.func @generic
func.func @generic(%a: tensor<4x6xf32>, %x: tensor<1x16xf32>) -> () {
  %b = dnn.weight "b" : tensor<6x5xf32>
  // CHECK: dnn.generic ins(%{{.*}}, %{{.*}}) {bounds = array<i64: 4, 5, 6>
  %y = dnn.generic ins(%a, %b) {dims = ["M", "N", "K"], bounds = array<i64: 4, 5, 6>, indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], roles = ["input", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac", equation = "mk,kn->mn"} : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
  // A Timeloop-style 1-D convolution: the input covers P + R - 1 = 16.
  %w = dnn.weight "w" : tensor<3xf32>
  %c = dnn.generic ins(%w, %x) {dims = ["R", "P"], bounds = array<i64: 3, 14>, indexing_maps = [affine_map<(r, p) -> (r)>, affine_map<(r, p) -> (0, p + r)>, affine_map<(r, p) -> (p)>], roles = ["weight", "input", "output"], spaces = ["Weights", "Inputs", "Outputs"], kind = "mac"} : (tensor<3xf32>, tensor<1x16xf32>) -> tensor<14xf32>
  return
}

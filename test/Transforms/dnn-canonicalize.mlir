// RUN: dnn-opt %s --dnn-canonicalize="report" --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @fold_bn
func.func @fold_bn(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %w = dnn.weight "w" : tensor<4x3x3x3xf32>
  %s = dnn.weight "bn.scale" : tensor<4xf32>
  %b = dnn.weight "bn.bias" : tensor<4xf32>
  %m = dnn.weight "bn.mean" : tensor<4xf32>
  %v = dnn.weight "bn.var" : tensor<4xf32>
  // CHECK: %[[B:.*]] = dnn.weight "bn.bias"
  // CHECK: %[[Y:.*]] = dnn.conv %{{.*}}, %{{.*}}, %[[B]]
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  // expected-remark @+1 {{batch normalization folded into the convolution}}
  %n = dnn.batch_norm %y, %s, %b, %m, %v {epsilon = 1.0e-5 : f64} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  // CHECK-NOT: dnn.batch_norm
  // CHECK: return %[[Y]]
  return %n : tensor<1x4x8x8xf32>
}

// A convolution whose result is also used elsewhere keeps its normalization.
// CHECK-LABEL: func.func @keep_bn
func.func @keep_bn(%x: tensor<1x3x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %w = dnn.weight "w" : tensor<4x3x3x3xf32>
  %s = dnn.weight "s" : tensor<4xf32>
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  // CHECK: dnn.batch_norm
  %n = dnn.batch_norm %y, %s, %s, %s, %s {epsilon = 1.0e-5 : f64} : (tensor<1x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
  return %y, %n : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @reshapes
func.func @reshapes(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  // CHECK-NEXT: %[[R:.*]] = dnn.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK-NEXT: return %[[R]]
  %a = dnn.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32>
  %b = dnn.reshape %a : tensor<24xf32> -> tensor<6x4xf32>
  %c = dnn.reshape %b : tensor<6x4xf32> -> tensor<6x4xf32>
  %dead = dnn.unary relu %x : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %c : tensor<6x4xf32>
}

// RUN: dnn-opt %s --split-input-file --dnn-set-batch=batch=4 | FileCheck %s --check-prefix=B4
// RUN: dnn-opt %s --split-input-file --dnn-set-batch=batch=2 | FileCheck %s --check-prefix=B2
// RUN: dnn-opt %s --split-input-file --dnn-set-batch=batch=3 | FileCheck %s --check-prefix=B3
// The model's own batch changes nothing, and neither does batch=0.
// RUN: dnn-opt %s --split-input-file --dnn-set-batch=batch=1 | FileCheck %s --check-prefix=B1
// RUN: dnn-opt %s --split-input-file --dnn-set-batch=batch=0 | FileCheck %s --check-prefix=B1

// A CNN imported at batch 1, set to batch 4. Shapes by hand: a 3x3
// convolution with pads 1 keeps 32x32; the 2x2 pool with stride 2 gives
// 16x16; the flatten holds 8*16*16 = 2048 elements per image; the fully
// connected layer gives 10 per image. Only dim 0 of the activations
// changes; the weights keep their shapes.
// B4: module attributes {dnn.batch = 4 : i64}
// B1: module attributes {dnn.batch = 1 : i64}
module attributes {dnn.batch = 1 : i64} {
// B4-LABEL: func.func @cnn
// B4-SAME: (%{{.*}}: tensor<4x3x32x32xf32>) -> tensor<4x10xf32>
// B1-LABEL: func.func @cnn
// B1-SAME: (%{{.*}}: tensor<1x3x32x32xf32>) -> tensor<1x10xf32>
func.func @cnn(%x: tensor<1x3x32x32xf32>) -> tensor<1x10xf32> {
  // B4: dnn.weight "conv.w" : tensor<8x3x3x3xf32>
  // B4: dnn.weight "fc.w" : tensor<10x2048xf32>
  %w = dnn.weight "conv.w" : tensor<8x3x3x3xf32>
  %s = dnn.weight "bn.s" : tensor<8xf32>
  %fw = dnn.weight "fc.w" : tensor<10x2048xf32>
  %fb = dnn.weight "fc.b" : tensor<10xf32>
  // B4: dnn.conv {{.*}} : (tensor<4x3x32x32xf32>, tensor<8x3x3x3xf32>) -> tensor<4x8x32x32xf32>
  %c = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x3x32x32xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x32x32xf32>
  // B4: dnn.batch_norm {{.*}} -> tensor<4x8x32x32xf32>
  %n = dnn.batch_norm %c, %s, %s, %s, %s {epsilon = 1.0e-5 : f64} : (tensor<1x8x32x32xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x32x32xf32>
  // B4: dnn.unary relu {{.*}} : tensor<4x8x32x32xf32> -> tensor<4x8x32x32xf32>
  %r = dnn.unary relu %n : tensor<1x8x32x32xf32> -> tensor<1x8x32x32xf32>
  // B4: dnn.pool max {{.*}} : tensor<4x8x32x32xf32> -> tensor<4x8x16x16xf32>
  %p = dnn.pool max %r {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : tensor<1x8x32x32xf32> -> tensor<1x8x16x16xf32>
  // The flatten keeps the batch as its leading dim: [1, 2048] -> [4, 2048].
  // B4: dnn.reshape {{.*}} : tensor<4x8x16x16xf32> -> tensor<4x2048xf32>
  %f = dnn.reshape %p : tensor<1x8x16x16xf32> -> tensor<1x2048xf32>
  // The batch is the row dim M of the fully connected layer.
  // B4: dnn.matmul {{.*}} : (tensor<4x2048xf32>, tensor<10x2048xf32>, tensor<10xf32>) -> tensor<4x10xf32>
  %y = dnn.matmul %f, %fw, %fb {trans_b = true} : (tensor<1x2048xf32>, tensor<10x2048xf32>, tensor<10xf32>) -> tensor<1x10xf32>
  // B4: return {{.*}} : tensor<4x10xf32>
  return %y : tensor<1x10xf32>
}
}

// -----

// A transformer-like block at batch 2: sequence S = 16, hidden H = 64,
// 4 heads of d = 16. Token ids 2x16 look up a 2x16x64 embedding.
// B2: module attributes {dnn.batch = 2 : i64}
module attributes {dnn.batch = 1 : i64} {
// B2-LABEL: func.func @attention
// B2-SAME: (%{{.*}}: tensor<2x16xi64>) -> tensor<2x16x64xf32>
func.func @attention(%ids: tensor<1x16xi64>) -> tensor<1x16x64xf32> {
  %emb = dnn.weight "emb" : tensor<1000x64xf32>
  %wq = dnn.weight "wq" : tensor<64x64xf32>
  %wk = dnn.weight "wk" : tensor<64x64xf32>
  %wv = dnn.weight "wv" : tensor<64x64xf32>
  %g = dnn.weight "ln.g" : tensor<64xf32>
  // Gather: data[:0] ++ indices (2x16) ++ data[1:] (64).
  // B2: dnn.gather {{.*}} : (tensor<1000x64xf32>, tensor<2x16xi64>) -> tensor<2x16x64xf32>
  %x = dnn.gather %emb, %ids {axis = 0 : i64} : (tensor<1000x64xf32>, tensor<1x16xi64>) -> tensor<1x16x64xf32>
  // A leading batch dim broadcast against a 2-D weight: 2x16x64.
  // B2: dnn.matmul {{.*}} : (tensor<2x16x64xf32>, tensor<64x64xf32>) -> tensor<2x16x64xf32>
  %q = dnn.matmul %x, %wq : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
  %k = dnn.matmul %x, %wk : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
  %v = dnn.matmul %x, %wv : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
  // Split the heads: [1, 16, 64] -> [1, 16, 4, 16] keeps the batch in
  // front of 16*64 = 16*4*16 elements: 2x16x4x16.
  // B2: dnn.reshape {{.*}} : tensor<2x16x64xf32> -> tensor<2x16x4x16xf32>
  %qh = dnn.reshape %q : tensor<1x16x64xf32> -> tensor<1x16x4x16xf32>
  %kh = dnn.reshape %k : tensor<1x16x64xf32> -> tensor<1x16x4x16xf32>
  %vh = dnn.reshape %v : tensor<1x16x64xf32> -> tensor<1x16x4x16xf32>
  // perm [0, 2, 1, 3]: 2x4x16x16.
  // B2: dnn.transpose {{.*}} : tensor<2x16x4x16xf32> -> tensor<2x4x16x16xf32>
  %qt = dnn.transpose %qh {perm = array<i64: 0, 2, 1, 3>} : tensor<1x16x4x16xf32> -> tensor<1x4x16x16xf32>
  %kt = dnn.transpose %kh {perm = array<i64: 0, 2, 1, 3>} : tensor<1x16x4x16xf32> -> tensor<1x4x16x16xf32>
  %vt = dnn.transpose %vh {perm = array<i64: 0, 2, 1, 3>} : tensor<1x16x4x16xf32> -> tensor<1x4x16x16xf32>
  // Q K^T: both operands carry the batch on their leading dim.
  // B2: dnn.matmul {{.*}} : (tensor<2x4x16x16xf32>, tensor<2x4x16x16xf32>) -> tensor<2x4x16x16xf32>
  %s = dnn.matmul %qt, %kt {trans_b = true} : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  // B2: dnn.softmax {{.*}} : tensor<2x4x16x16xf32> -> tensor<2x4x16x16xf32>
  %p = dnn.softmax %s {axis = 3 : i64} : tensor<1x4x16x16xf32> -> tensor<1x4x16x16xf32>
  %o = dnn.matmul %p, %vt : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
  // B2: dnn.transpose {{.*}} : tensor<2x4x16x16xf32> -> tensor<2x16x4x16xf32>
  %ot = dnn.transpose %o {perm = array<i64: 0, 2, 1, 3>} : tensor<1x4x16x16xf32> -> tensor<1x16x4x16xf32>
  // B2: dnn.reshape {{.*}} : tensor<2x16x4x16xf32> -> tensor<2x16x64xf32>
  %om = dnn.reshape %ot : tensor<1x16x4x16xf32> -> tensor<1x16x64xf32>
  // B2: dnn.binary add {{.*}} : (tensor<2x16x64xf32>, tensor<2x16x64xf32>) -> tensor<2x16x64xf32>
  %res = dnn.binary add %om, %x : (tensor<1x16x64xf32>, tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
  // B2: dnn.norm layer {{.*}} : (tensor<2x16x64xf32>, tensor<64xf32>) -> tensor<2x16x64xf32>
  %ln = dnn.norm layer %res scale %g {axis = 2 : i64, epsilon = 1.0e-5 : f64} : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
  return %ln : tensor<1x16x64xf32>
}
}

// -----

// The other rules, at batch 3, on x = 1x8x6 (batch, sequence 8, features 6).
// B3: module attributes {dnn.batch = 3 : i64}
module attributes {dnn.batch = 1 : i64} {
// B3-LABEL: func.func @rules
// B3-SAME: (%{{.*}}: tensor<3x8x6xf32>)
func.func @rules(%x: tensor<1x8x6xf32>) -> (tensor<1x8x5xf32>, tensor<1x6x6xf32>, tensor<1x8xf32>, tensor<1x8x12xf32>, tensor<1x8x2xf32>, tensor<1x8x4xf32>, tensor<1x10x6xf32>, tensor<1x2x6xf32>, tensor<5x1x1x4xf32>, tensor<1x1x4xf32>, tensor<1x8x6xf16>, tensor<1x8x6xf32>) {
  %w = dnn.weight "w" : tensor<6x5xf32>
  // Einsum bij,jk->bik: the loop dim b indexes the batch, its bound
  // becomes 3.
  // B3: dnn.generic {{.*}}bounds = array<i64: 3, 8, 6, 5>{{.*}} : (tensor<3x8x6xf32>, tensor<6x5xf32>) -> tensor<3x8x5xf32>
  %e = dnn.generic ins(%x, %w) {dims = ["b", "i", "j", "k"], bounds = array<i64: 1, 8, 6, 5>, indexing_maps = [affine_map<(b, i, j, k) -> (b, i, j)>, affine_map<(b, i, j, k) -> (j, k)>, affine_map<(b, i, j, k) -> (b, i, k)>], roles = ["input", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"} : (tensor<1x8x6xf32>, tensor<6x5xf32>) -> tensor<1x8x5xf32>
  // A slice that keeps the whole batch: its end on dim 0 becomes 3.
  // B3: dnn.slice {{.*}}ends = array<i64: 3, 8, 6>{{.*}} : tensor<3x8x6xf32> -> tensor<3x6x6xf32>
  %sl = dnn.slice %x {starts = array<i64: 0, 2, 0>, ends = array<i64: 1, 8, 6>, steps = array<i64: 1, 1, 1>} : tensor<1x8x6xf32> -> tensor<1x6x6xf32>
  // Reducing dim 2 without keepdims: 3x8.
  // B3: dnn.reduce mean {{.*}} : tensor<3x8x6xf32> -> tensor<3x8xf32>
  %rd = dnn.reduce mean %x {axes = array<i64: 2>, keepdims = false} : tensor<1x8x6xf32> -> tensor<1x8xf32>
  // B3: dnn.concat {{.*}} : (tensor<3x8x6xf32>, tensor<3x8x6xf32>) -> tensor<3x8x12xf32>
  %cc = dnn.concat %x, %x {axis = 2 : i64} : (tensor<1x8x6xf32>, tensor<1x8x6xf32>) -> tensor<1x8x12xf32>
  // B3: dnn.split {{.*}} : (tensor<3x8x6xf32>) -> (tensor<3x8x2xf32>, tensor<3x8x4xf32>)
  %sp:2 = dnn.split %x {axis = 2 : i64} : (tensor<1x8x6xf32>) -> (tensor<1x8x2xf32>, tensor<1x8x4xf32>)
  // B3: dnn.pad {{.*}} : tensor<3x8x6xf32> -> tensor<3x10x6xf32>
  %pd = dnn.pad %x {pads = array<i64: 0, 1, 0, 0, 1, 0>, mode = "constant"} : tensor<1x8x6xf32> -> tensor<1x10x6xf32>
  // Gather along dim 1 with 2 indices: 3x2x6.
  %idx = dnn.constant dense<[0, 3]> : tensor<2xi64>
  // B3: dnn.gather {{.*}} : (tensor<3x8x6xf32>, tensor<2xi64>) -> tensor<3x2x6xf32>
  %ga = dnn.gather %x, %idx {axis = 1 : i64} : (tensor<1x8x6xf32>, tensor<2xi64>) -> tensor<1x2x6xf32>
  // An LSTM is sequence first (X is T x B x I): over the first T = 5 steps,
  // the transpose puts the batch on dim 1 of X (5x3x6); Y is T x D x B x H
  // = 5x1x3x4, Y_h and Y_c are D x B x H = 1x3x4 (hidden 4, 4 gates: W is
  // 1x16x6, R 1x16x4).
  %xs = dnn.slice %x {starts = array<i64: 0, 0, 0>, ends = array<i64: 1, 5, 6>, steps = array<i64: 1, 1, 1>} : tensor<1x8x6xf32> -> tensor<1x5x6xf32>
  // B3: dnn.transpose {{.*}} : tensor<3x5x6xf32> -> tensor<5x3x6xf32>
  %xt = dnn.transpose %xs {perm = array<i64: 1, 0, 2>} : tensor<1x5x6xf32> -> tensor<5x1x6xf32>
  %lw = dnn.weight "lstm.w" : tensor<1x16x6xf32>
  %lr = dnn.weight "lstm.r" : tensor<1x16x4xf32>
  // B3: dnn.rnn "lstm" {{.*}} : (tensor<5x3x6xf32>, tensor<1x16x6xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>)
  %y:3 = dnn.rnn "lstm" %xt, %lw, %lr {hidden_size = 4 : i64, direction = "forward"} : (tensor<5x1x6xf32>, tensor<1x16x6xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x1x4xf32>, tensor<1x1x4xf32>, tensor<1x1x4xf32>)
  // B3: dnn.cast {{.*}} : tensor<3x8x6xf32> -> tensor<3x8x6xf16>
  %ct = dnn.cast %x : tensor<1x8x6xf32> -> tensor<1x8x6xf16>
  // Broadcasting [1, 8, 1] to [1, 8, 6] keeps the batch: 3x8x6.
  %col = dnn.slice %x {starts = array<i64: 0, 0, 0>, ends = array<i64: 1, 8, 1>, steps = array<i64: 1, 1, 1>} : tensor<1x8x6xf32> -> tensor<1x8x1xf32>
  // B3: dnn.expand {{.*}} : tensor<3x8x1xf32> -> tensor<3x8x6xf32>
  %ex = dnn.expand %col : tensor<1x8x1xf32> -> tensor<1x8x6xf32>
  // B3: return {{.*}} : tensor<3x8x5xf32>, tensor<3x6x6xf32>, tensor<3x8xf32>, tensor<3x8x12xf32>, tensor<3x8x2xf32>, tensor<3x8x4xf32>, tensor<3x10x6xf32>, tensor<3x2x6xf32>, tensor<5x1x3x4xf32>, tensor<1x3x4xf32>, tensor<3x8x6xf16>, tensor<3x8x6xf32>
  return %e, %sl, %rd, %cc, %sp#0, %sp#1, %pd, %ga, %y#0, %y#1, %ct, %ex : tensor<1x8x5xf32>, tensor<1x6x6xf32>, tensor<1x8xf32>, tensor<1x8x12xf32>, tensor<1x8x2xf32>, tensor<1x8x4xf32>, tensor<1x10x6xf32>, tensor<1x2x6xf32>, tensor<5x1x1x4xf32>, tensor<1x1x4xf32>, tensor<1x8x6xf16>, tensor<1x8x6xf32>
}
}

// -----

// An input whose shape --input-shape fixed (dnn.shape_given) keeps it: the
// mask stays 1x8x4x4 and broadcasts over the batch of 3.
// B3: module attributes {dnn.batch = 3 : i64}
module attributes {dnn.batch = 1 : i64} {
// B3-LABEL: func.func @fixed
// B3-SAME: (%{{.*}}: tensor<3x8x4x4xf32>, %{{.*}}: tensor<1x8x4x4xf32> {dnn.shape_given}) -> tensor<3x8x4x4xf32>
func.func @fixed(%x: tensor<1x8x4x4xf32>, %mask: tensor<1x8x4x4xf32> {dnn.shape_given}) -> tensor<1x8x4x4xf32> {
  // B3: dnn.binary mul {{.*}} : (tensor<3x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<3x8x4x4xf32>
  %y = dnn.binary mul %x, %mask : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %y : tensor<1x8x4x4xf32>
}
}

// -----

// Without dnn.batch (a hand-written module), the batch is dim 0 of the
// first input of rank 2 or more, as the importer defines it: 2 here, and
// the rank-1 input of size 2 is batched too.
// B3: module attributes {dnn.batch = 3 : i64}
// B3-LABEL: func.func @no_attr
// B3-SAME: (%{{.*}}: tensor<3x5xf32>, %{{.*}}: tensor<3xf32>) -> tensor<3x5xf32>
func.func @no_attr(%x: tensor<2x5xf32>, %s: tensor<2xf32>) -> tensor<2x5xf32> {
  %s2 = dnn.reshape %s : tensor<2xf32> -> tensor<2x1xf32>
  %y = dnn.binary mul %x, %s2 : (tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}

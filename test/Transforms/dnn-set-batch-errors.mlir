// RUN: dnn-opt %s --split-input-file --verify-diagnostics --dnn-set-batch=batch=4

// A reshape that drops the batch of 1 into the sequence dim: its target
// 16x64 was fixed at import and cannot hold 4 sequences.
module attributes {dnn.batch = 1 : i64} {
func.func @fold_batch(%x: tensor<1x16x64xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'dnn.reshape' op cannot set the batch to 4: the reshape from 1x16x64 to 16x64 folds the batch into another dim (its target shape was fixed at import); re-import the model at that batch (dnn-translate --import-onnx --batch=4) instead}}
  %y = dnn.reshape %x : tensor<1x16x64xf32> -> tensor<16x64xf32>
  return %y : tensor<16x64xf32>
}
}

// -----

// A reshape that regroups the batch with the other dims: [1, 8, 4] ->
// [2, 16].
module attributes {dnn.batch = 1 : i64} {
func.func @merge(%x: tensor<1x8x4xf32>) -> tensor<2x16xf32> {
  // expected-error @+1 {{the reshape from 1x8x4 to 2x16 folds the batch into another dim}}
  %y = dnn.reshape %x : tensor<1x8x4xf32> -> tensor<2x16xf32>
  return %y : tensor<2x16xf32>
}
}

// -----

module attributes {dnn.batch = 1 : i64} {
func.func @opaque(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{'dnn.opaque' op cannot set the batch to 4: the op is not modeled (opaque): its result shapes were fixed at import; re-import the model at that batch (dnn-translate --import-onnx --batch=4) instead}}
  %y = dnn.opaque "Mystery" %x {domain = "com.example"} : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
}

// -----

module attributes {dnn.batch = 1 : i64} {
func.func @softmax_batch(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{it normalizes along the batch dim 0}}
  %y = dnn.softmax %x {axis = 0 : i64} : tensor<1x8xf32> -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
}

// -----

module attributes {dnn.batch = 1 : i64} {
func.func @reduce_batch(%x: tensor<1x8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{it reduces along the batch dim 0}}
  %y = dnn.reduce sum %x {axes = array<i64: 0>, keepdims = false} : tensor<1x8xf32> -> tensor<8xf32>
  return %y : tensor<8xf32>
}
}

// -----

module attributes {dnn.batch = 1 : i64} {
func.func @concat_batch(%x: tensor<1x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{it concatenates along the batch dim 0}}
  %y = dnn.concat %x, %x {axis = 0 : i64} : (tensor<1x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
}

// -----

// A class token fixed at import with the batch of 1 in it (ViT): it cannot
// join 4 images.
module attributes {dnn.batch = 1 : i64} {
func.func @concat_fixed(%x: tensor<1x16x64xf32>) -> tensor<1x17x64xf32> {
  %cls = dnn.weight "cls" : tensor<1x1x64xf32>
  // expected-error @+1 {{input #0 does not come from a batched input: its size along the batch dim was fixed at import}}
  %y = dnn.concat %cls, %x {axis = 1 : i64} : (tensor<1x1x64xf32>, tensor<1x16x64xf32>) -> tensor<1x17x64xf32>
  return %y : tensor<1x17x64xf32>
}
}

// -----

// Imported at batch 2 with a tensor of 2 rows baked in.
module attributes {dnn.batch = 2 : i64} {
func.func @baked(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %b = dnn.weight "b" : tensor<2x8xf32>
  // expected-error @+1 {{operand #1 has size 2 along the batch dim of the result but does not come from a batched input (fixed at import)}}
  %y = dnn.binary add %x, %b : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
}

// -----

// Imported at batch 2, the slice keeps the first image only.
module attributes {dnn.batch = 2 : i64} {
func.func @slice_batch(%x: tensor<2x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{it slices the batch dim 0}}
  %y = dnn.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 1, 8>, steps = array<i64: 1, 1>} : tensor<2x8xf32> -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
}

// -----

// An expand that broadcasts the batch of 1 to 3 copies.
module attributes {dnn.batch = 1 : i64} {
func.func @expand_batch(%x: tensor<1x8xf32>) -> tensor<3x8xf32> {
  // expected-error @+1 {{result #0 has size 3 along dim 0, where its operands carry the batch 1}}
  %y = dnn.expand %x : tensor<1x8xf32> -> tensor<3x8xf32>
  return %y : tensor<3x8xf32>
}
}

// -----

// The K dim of a matmul: the batch would be summed away.
module attributes {dnn.batch = 1 : i64} {
func.func @matmul_k(%x: tensor<1x8xf32>) -> tensor<8x8xf32> {
  %w = dnn.weight "w" : tensor<8x1xf32>
  // expected-error @+1 {{operand b carries the batch along its reduction dim}}
  %y = dnn.matmul %w, %x : (tensor<8x1xf32>, tensor<1x8xf32>) -> tensor<8x8xf32>
  return %y : tensor<8x8xf32>
}
}

// -----

// An einsum whose weight is indexed by the batch loop dim.
module attributes {dnn.batch = 1 : i64} {
func.func @einsum_weight(%x: tensor<1x6xf32>) -> tensor<1x5xf32> {
  %w = dnn.weight "w" : tensor<1x6x5xf32>
  // expected-error @+1 {{operand #1 is indexed by loop dim b (the batch) but does not carry the batch}}
  %y = dnn.generic ins(%x, %w) {dims = ["b", "j", "k"], bounds = array<i64: 1, 6, 5>, indexing_maps = [affine_map<(b, j, k) -> (b, j)>, affine_map<(b, j, k) -> (b, j, k)>, affine_map<(b, j, k) -> (b, k)>], roles = ["input", "weight", "output"], spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"} : (tensor<1x6xf32>, tensor<1x6x5xf32>) -> tensor<1x5xf32>
  return %y : tensor<1x5xf32>
}
}

// -----

// An LSTM model's input is T x B x I: dim 0 of the input, which the
// importer's dnn.batch names, is the sequence.
module attributes {dnn.batch = 5 : i64} {
func.func @rnn_sequence(%x: tensor<5x1x6xf32>) -> tensor<5x1x1x4xf32> {
  %w = dnn.weight "w" : tensor<1x4x6xf32>
  %r = dnn.weight "r" : tensor<1x4x4xf32>
  // expected-error @+1 {{X holds the batch along dim 0, but X is sequence first (T x B x I)}}
  %y:2 = dnn.rnn "rnn" %x, %w, %r {hidden_size = 4 : i64, direction = "forward"} : (tensor<5x1x6xf32>, tensor<1x4x6xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x1x4xf32>, tensor<1x1x4xf32>)
  return %y#0 : tensor<5x1x1x4xf32>
}
}

// -----

// Every input that holds the batch was fixed by --input-shape.
// expected-error @+1 {{cannot set the batch to 4: no input holds the model's batch 1 along dim 0 except those whose shape --input-shape fixed}}
module attributes {dnn.batch = 1 : i64} {
func.func @all_fixed(%x: tensor<1x8xf32> {dnn.shape_given}) -> tensor<1x8xf32> {
  return %x : tensor<1x8xf32>
}
}

// -----

// An op outside the dnn dialect has no rule.
module attributes {dnn.batch = 1 : i64} {
func.func private @callee(tensor<1x8xf32>) -> tensor<1x8xf32>
func.func @call(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{'func.call' op cannot set the batch to 4: no rule says where this op puts the batch}}
  %y = func.call @callee(%x) : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
}

// -----

// No dnn.batch and no input of rank 2 or more: no batch to replace.
// expected-error @+1 {{cannot set the batch to 4: the model states no batch (no dnn.batch and no input of rank 2 or more)}}
module {
func.func @no_batch(%x: tensor<8xf32>) -> tensor<8xf32> {
  return %x : tensor<8xf32>
}
}

// -----

// An LSTM whose initial hidden state was a weight of batch 1.
module attributes {dnn.batch = 1 : i64} {
func.func @rnn_state(%x: tensor<1x5x6xf32>) -> tensor<5x1x1x4xf32> {
  %w = dnn.weight "w" : tensor<1x4x6xf32>
  %r = dnn.weight "r" : tensor<1x4x4xf32>
  %h = dnn.weight "h0" : tensor<1x1x4xf32>
  %xt = dnn.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<1x5x6xf32> -> tensor<5x1x6xf32>
  // expected-error @+1 {{an initial state was fixed at import with the batch in it}}
  %y:2 = dnn.rnn "rnn" %xt, %w, %r, %h {hidden_size = 4 : i64, direction = "forward"} : (tensor<5x1x6xf32>, tensor<1x4x6xf32>, tensor<1x4x4xf32>, tensor<1x1x4xf32>) -> (tensor<5x1x1x4xf32>, tensor<1x1x4xf32>)
  return %y#0 : tensor<5x1x1x4xf32>
}
}

// -----

// Imported at batch 2 with a weight of 2 stacked matrices: after the new
// batch, the matmul's verifier finds the leading dims disagree.
module attributes {dnn.batch = 2 : i64} {
func.func @verifier(%x: tensor<2x8x6xf32>) -> tensor<2x8x5xf32> {
  %w = dnn.weight "w" : tensor<2x6x5xf32>
  // expected-error @+1 {{'dnn.matmul' op cannot set the batch to 4: its shapes no longer agree ('dnn.matmul' op batch dims 4 and 2 do not broadcast); re-import the model at that batch}}
  %y = dnn.matmul %x, %w : (tensor<2x8x6xf32>, tensor<2x6x5xf32>) -> tensor<2x8x5xf32>
  return %y : tensor<2x8x5xf32>
}
}

// -----

// An op already evaluated: its mapping's factors multiply to the old batch.
module attributes {dnn.batch = 1 : i64} {
func.func @evaluated(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{cannot set the batch to 4: it carries accel.modeled, made for the batch 1 (set the batch before evaluating); re-import}}
  %y = dnn.unary relu %x {accel.modeled = true} : tensor<1x8xf32> -> tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
}

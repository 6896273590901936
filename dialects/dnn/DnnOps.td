//===- DnnOps.td - operators of the dnn dialect ------------*- tablegen -*-===//
//
// The operators of a DNN graph. Compute ops implement the workload
// interface; data-movement ops (reshape, transpose, concat, ...) do not
// compute and only move or reinterpret data.
//
//===----------------------------------------------------------------------===//

#ifndef DNN_OPS_TD
#define DNN_OPS_TD

include "DnnDialect.td"
include "DnnInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

class Dnn_ComputeOp<string mnemonic, list<Trait> traits = []>
    : Dnn_Op<mnemonic, !listconcat(traits, [Pure,
        DeclareOpInterfaceMethods<Dnn_WorkloadOpInterface>])>;

//===----------------------------------------------------------------------===//
// Values without computation
//===----------------------------------------------------------------------===//

def Dnn_WeightOp : Dnn_Op<"weight", [Pure]> {
  let summary = "a trained parameter tensor, described but not stored";
  let description = [{
    A weight (initializer or `Constant` node of the model). The IR keeps the
    shape and element type (hence the bit width) and statistics that energy
    depends on, never the values, so a 550 MB model stays a small text file.
    `zero_fraction` is the fraction of elements equal to zero; it is absent
    when the values were not available (a shape-only model).

    ```mlir
    %w = dnn.weight "conv1.weight" {zero_fraction = 0.0 : f64} : tensor<64x3x7x7xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<F64Attr>:$zero_fraction);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
  let extraClassDeclaration = [{
    /// Number of elements.
    int64_t getNumElements();
  }];
}

def Dnn_ConstantOp : Dnn_Op<"constant", [Pure, ConstantLike,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a small constant whose values are known";
  let description = [{
    A small constant kept with its values: shapes, axes, scalar bounds of
    `Clip`, and the results of folded shape subgraphs. Large constants are
    `dnn.weight`.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Multiply-accumulate operators
//===----------------------------------------------------------------------===//

def Dnn_ConvOp : Dnn_ComputeOp<"conv"> {
  let summary = "N-D convolution (grouped, depthwise), ONNX Conv layout";
  let description = [{
    Convolution of an input `N x C x D1 x ... x Dk` with weights
    `M x C/group x K1 x ... x Kk` (k = 1, 2 or 3) giving
    `N x M x O1 x ... x Ok`. `pads` holds the k begin pads then the k end
    pads. Quantized forms (ConvInteger, QLinearConv) keep their integer
    element types; `quantization` names the ONNX form.
    Output size: `Oi = floor((Di + padb + pade - dil*(Ki-1) - 1)/stride) + 1`.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
      Optional<AnyRankedTensor>:$bias, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads, I64Attr:$group,
      OptionalAttr<StrAttr>:$quantization);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_ConvTransposeOp : Dnn_ComputeOp<"conv_transpose"> {
  let summary = "N-D transposed convolution, ONNX ConvTranspose layout";
  let description = [{
    Input `N x C x D1..Dk`, weights `C x M/group x K1..Kk`, output
    `N x M x O1..Ok` with
    `Oi = stride*(Di-1) + output_padding + dil*(Ki-1) + 1 - padb - pade`.
    Its work is every input element times every kernel weight of its group
    (`N*C*D1..Dk*(M/group)*K1..Kk` MACs), not a zero-stuffed convolution.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
      Optional<AnyRankedTensor>:$bias, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads,
      DenseI64ArrayAttr:$output_padding, I64Attr:$group);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_MatMulOp : Dnn_ComputeOp<"matmul"> {
  let summary = "batched matrix product with transposes (MatMul, Gemm)";
  let description = [{
    `Y = alpha * op(A) x op(B) + beta * C` where `op` transposes the last two
    dims when `trans_a` / `trans_b` is set. Leading (batch) dims broadcast as
    in numpy; a 1-D operand is a vector as in ONNX MatMul. Both operands may
    be activations (attention's `Q x K^T` and `P x V`); the workload says so.
    Quantized forms (MatMulInteger, QLinearMatMul) keep integer types.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
      Optional<AnyRankedTensor>:$c, DefaultValuedAttr<BoolAttr, "false">:$trans_a,
      DefaultValuedAttr<BoolAttr, "false">:$trans_b,
      DefaultValuedAttr<F64Attr, "1.0">:$alpha,
      DefaultValuedAttr<F64Attr, "1.0">:$beta,
      OptionalAttr<StrAttr>:$quantization);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_GenericOp : Dnn_ComputeOp<"generic"> {
  let summary = "any einsum: named loop dims and one projection per tensor";
  let description = [{
    A workload written out: loop dims `dims` with `bounds`, and for every
    operand and then the result an affine map from the loop dims to the
    tensor's indices (`indexing_maps`), with the role each plays (`roles`:
    "weight", "input" or "output") and a data-space name (`spaces`). ONNX
    Einsum imports to it, and so does any Timeloop problem shape (its
    projections with coefficients). `kind` is "mac" (one multiply-accumulate
    per point) or "vector" (`ops_per_point` element operations per point).
    Each operand's extent along a dim is the projected box size
    (`1 + sum |coefficient| * (bound - 1)`), as Timeloop counts it.

    ```mlir
    %y = dnn.generic ins(%a, %b) {dims = ["M", "N", "K"],
        bounds = array<i64: 4, 5, 6>,
        indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                         affine_map<(m, n, k) -> (k, n)>,
                         affine_map<(m, n, k) -> (m, n)>],
        roles = ["input", "weight", "output"],
        spaces = ["Inputs", "Weights", "Outputs"], kind = "mac"}
        : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, StrArrayAttr:$dims,
      DenseI64ArrayAttr:$bounds, AffineMapArrayAttr:$indexing_maps,
      StrArrayAttr:$roles, StrArrayAttr:$spaces, StrAttr:$kind,
      OptionalAttr<F64Attr>:$ops_per_point, OptionalAttr<StrAttr>:$equation);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    `ins` `(` $inputs `)` attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def Dnn_RnnOp : Dnn_ComputeOp<"rnn"> {
  let summary = "recurrent layer (ONNX LSTM, GRU, RNN)";
  let description = [{
    A recurrent layer over `X` (`T x B x I`, sequence first) with input
    weights `W` (`D x G*H x I`) and recurrent weights `R` (`D x G*H x H`),
    `G` gates (4 for LSTM, 3 for GRU, 1 for RNN), `H = hidden_size`, and `D`
    directions. Results: `Y` (`T x D x B x H`), `Y_h` (`D x B x H`) and, for
    LSTM, `Y_c`. Its multiply-accumulates are the gate products of every
    step over the concatenation `[x_t ; h_t-1]`: the workload has dims
    `D T B M K` with `M = G*H` and `K = I + H`, projecting the weights onto
    `[W R]` and the inputs onto `[x_t ; h_t-1]`; the element-wise gate
    functions are not counted.
  }];
  let arguments = (ins AnyRankedTensor:$x, AnyRankedTensor:$w,
      AnyRankedTensor:$r, Variadic<AnyRankedTensor>:$others, StrAttr:$cell,
      I64Attr:$hidden_size, StrAttr:$direction);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = [{
    $cell $x `,` $w `,` $r (`,` $others^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Vector operators: pooling, normalization, element-wise, activations
//===----------------------------------------------------------------------===//

def Dnn_PoolOp : Dnn_ComputeOp<"pool"> {
  let summary = "max, average or Lp pooling over N-D windows";
  let description = [{
    Pooling of `N x C x D1..Dk` with `kernel`, `strides`, `dilations` and
    `pads` (begins then ends) as in ONNX. Global pooling has a kernel equal
    to the input's spatial size and is marked `global`. One element operation
    per window element.
  }];
  let arguments = (ins AnyRankedTensor:$input, Dnn_PoolKind:$kind,
      DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$pads,
      UnitAttr:$global, UnitAttr:$count_include_pad);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Dnn_LrnOp : Dnn_ComputeOp<"lrn"> {
  let summary = "local response normalization across channels";
  let description = [{
    ONNX LRN: each element is divided by a power of the sum of squares over
    `size` neighbouring channels. Counted as a window of `size` per element
    plus the division.
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$size, F64Attr:$alpha,
      F64Attr:$beta, F64Attr:$bias);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def Dnn_UnaryOp : Dnn_ComputeOp<"unary"> {
  let summary = "element-wise unary function or activation";
  let description = [{
    Applies `kind` to every element. `alpha` and `beta` are the parameters of
    LeakyRelu, Elu, Selu, HardSigmoid, ThresholdedRelu and Celu.
  }];
  let arguments = (ins AnyRankedTensor:$input, Dnn_UnaryKind:$kind,
      OptionalAttr<F64Attr>:$alpha, OptionalAttr<F64Attr>:$beta);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Dnn_BinaryOp : Dnn_ComputeOp<"binary"> {
  let summary = "element-wise binary function with broadcasting";
  let description = [{
    Applies `kind` to pairs of elements, broadcasting as numpy does
    (PRelu's slope broadcasts the same way).
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      Dnn_BinaryKind:$kind);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_WhereOp : Dnn_ComputeOp<"where"> {
  let summary = "element-wise select with broadcasting";
  let description = "`output = condition ? x : y`, broadcasting all three.";
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$x,
      AnyRankedTensor:$y);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $condition `,` $x `,` $y attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_ClipOp : Dnn_ComputeOp<"clip", [AttrSizedOperandSegments]> {
  let summary = "clamp to bounds that are constant or computed";
  let description = [{
    Clamps every element to `[min, max]`. A bound known at import is the
    attribute `min_value` / `max_value` (Relu6 is `min_value = 0,
    max_value = 6`); a bound computed at run time is an operand.
  }];
  let arguments = (ins AnyRankedTensor:$input,
      Optional<AnyRankedTensor>:$min, Optional<AnyRankedTensor>:$max,
      OptionalAttr<F64Attr>:$min_value, OptionalAttr<F64Attr>:$max_value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input (`min` $min^)? (`max` $max^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_SoftmaxOp : Dnn_ComputeOp<"softmax"> {
  let summary = "softmax or log-softmax along one axis";
  let description = [{
    Counted as its three passes over the tensor (max, exp and sum, divide):
    about 4 element operations per element; not an affine loop nest of MACs.
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis, UnitAttr:$log);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_BatchNormOp : Dnn_ComputeOp<"batch_norm"> {
  let summary = "batch normalization in inference form";
  let description = [{
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias` per channel (dim 1).
    At inference it can be folded into the weights and bias of a preceding
    convolution.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      AnyRankedTensor:$bias, AnyRankedTensor:$mean, AnyRankedTensor:$variance,
      F64Attr:$epsilon);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_NormOp : Dnn_ComputeOp<"norm", [AttrSizedOperandSegments]> {
  let summary = "layer, instance or group normalization";
  let description = [{
    Normalizes over the dims from `axis` on (layer), over the spatial dims of
    each channel (instance), or over channel groups (group, `num_groups`),
    then scales and shifts. Counted as about 5 element operations per element
    (mean, variance, normalize, scale, shift).
  }];
  let arguments = (ins AnyRankedTensor:$input,
      Optional<AnyRankedTensor>:$scale, Optional<AnyRankedTensor>:$bias,
      Dnn_NormKind:$kind, I64Attr:$axis, F64Attr:$epsilon,
      OptionalAttr<I64Attr>:$num_groups);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $input (`scale` $scale^)? (`bias` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Dnn_ReduceOp : Dnn_ComputeOp<"reduce"> {
  let summary = "reduction over axes (ReduceMean/Max/Sum/..., ArgMax/ArgMin)";
  let description = [{
    Reduces `axes` (all dims when empty) with `kind`; `keepdims` keeps them
    as size 1. ArgMax and ArgMin reduce one axis and give i64 indices.
  }];
  let arguments = (ins AnyRankedTensor:$input, Dnn_ReduceKind:$kind,
      DenseI64ArrayAttr:$axes, BoolAttr:$keepdims);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $kind $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
}

def Dnn_ResizeOp : Dnn_ComputeOp<"resize"> {
  let summary = "resize / upsample by interpolation";
  let description = [{
    ONNX Resize and Upsample. Not an affine loop nest (the source index is a
    rounded or interpolated function of the output index); counted as one
    element operation per output element for `nearest`, and as the
    `2^k` weighted taps of a k-D `linear` interpolation (4 per 2-D output
    element), `4^k` for `cubic`.
  }];
  let arguments = (ins AnyRankedTensor:$input, StrAttr:$mode,
      StrAttr:$coordinate_transformation_mode);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_CastOp : Dnn_ComputeOp<"cast"> {
  let summary = "element type conversion";
  let description = "Converts every element; one operation per element.";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_QuantizeOp : Dnn_ComputeOp<"quantize"> {
  let summary = "QuantizeLinear: scale, round, saturate to an integer type";
  let description = [{
    `y = saturate(round(x / scale) + zero_point)`; two element operations per
    element. The result's element type is the quantized type (i8 or ui8).
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      Optional<AnyRankedTensor>:$zero_point, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $zero_point^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_DequantizeOp : Dnn_ComputeOp<"dequantize"> {
  let summary = "DequantizeLinear: integer to real";
  let description = [{
    `y = (x - zero_point) * scale`; two element operations per element. The
    bit width that a consumer really moves is the input's.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      Optional<AnyRankedTensor>:$zero_point, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $zero_point^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement (no computation)
//===----------------------------------------------------------------------===//

def Dnn_ReshapeOp : Dnn_Op<"reshape", [Pure]> {
  let summary = "reinterpret the shape (Reshape, Flatten, Squeeze, Unsqueeze)";
  let description = "Same elements in the same order under a new shape.";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Dnn_TransposeOp : Dnn_Op<"transpose", [Pure]> {
  let summary = "permute dims";
  let description = "Output dim `i` is input dim `perm[i]`.";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_ConcatOp : Dnn_Op<"concat", [Pure]> {
  let summary = "concatenate along an axis";
  let description = "Joins the inputs along `axis`; other dims must agree.";
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_SplitOp : Dnn_Op<"split", [Pure]> {
  let summary = "split along an axis";
  let description = "Cuts the input along `axis` into the results, in order.";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = [{
    $input attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_SliceOp : Dnn_Op<"slice", [Pure]> {
  let summary = "strided slice with static bounds";
  let description = [{
    For every dim `i`: elements `starts[i], starts[i]+steps[i], ...` before
    `ends[i]` (negative steps walk backwards). Bounds are normalized at
    import: one entry per dim, no negative or out-of-range index.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$starts,
      DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$steps);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_GatherOp : Dnn_Op<"gather", [Pure]> {
  let summary = "gather slices along an axis (embedding look-up)";
  let description = [{
    ONNX Gather: output shape is `data[:axis] ++ indices ++ data[axis+1:]`.
  }];
  let arguments = (ins AnyRankedTensor:$data, AnyRankedTensor:$indices,
      I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dnn_ExpandOp : Dnn_Op<"expand", [Pure]> {
  let summary = "broadcast to a larger shape (Expand, Tile)";
  let description = [{
    Repeats the input to the result shape: numpy broadcasting (Expand) or
    whole-tensor repetition (`tile`).
  }];
  let arguments = (ins AnyRankedTensor:$input, UnitAttr:$tile);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_PadOp : Dnn_Op<"pad", [Pure]> {
  let summary = "pad with a constant, edge or reflected values";
  let description = "`pads` holds the begin pads of every dim, then the ends.";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$pads,
      StrAttr:$mode, DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Dnn_RearrangeOp : Dnn_Op<"rearrange", [Pure]> {
  let summary = "other pure data movement (DepthToSpace, SpaceToDepth, ...)";
  let description = [{
    A permutation or selection of elements with no arithmetic; `op_type`
    names the ONNX operator.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, StrAttr:$op_type);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = [{
    $op_type $inputs attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Operators this tool does not model
//===----------------------------------------------------------------------===//

def Dnn_OpaqueOp : Dnn_Op<"opaque"> {
  let summary = "an operator imported without semantics (not modeled)";
  let description = [{
    An ONNX operator that the importer does not know, kept with
    `--allow-unsupported` so the rest of the model can be analyzed. Reports
    list it as "not modeled". Result types are as ONNX shape inference or
    the model's value_info gave them.
  }];
  let arguments = (ins Variadic<AnyType>:$inputs, StrAttr:$op_type,
      StrAttr:$domain);
  let results = (outs Variadic<AnyType>:$outputs);
  let assemblyFormat = [{
    $op_type $inputs attr-dict `:` functional-type(operands, results)
  }];
}

#endif // DNN_OPS_TD

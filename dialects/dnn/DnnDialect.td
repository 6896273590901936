//===- DnnDialect.td - the dnn dialect ---------------------*- tablegen -*-===//
//
// The `dnn` dialect: tensor-level deep-learning operators with the semantics
// of ONNX made explicit (layout, pads, strides, dilations, groups), so that
// every compute op can state its workload (iteration space and affine
// projection of each operand).
//
//===----------------------------------------------------------------------===//

#ifndef DNN_DIALECT_TD
#define DNN_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Dnn_Dialect : Dialect {
  let name = "dnn";
  let summary = "Deep neural network operators with explicit ONNX semantics";
  let description = [{
    Operators of a DNN graph on ranked tensors. Layouts follow ONNX (NCHW for
    convolutions and pooling, row-major matrices); every attribute that ONNX
    leaves implicit (auto_pad, default strides, dilations, pads, groups) is
    resolved at import, so an op carries the values that define its work.
    Weights are `dnn.weight` ops: a shape, an element type (its bit width) and
    statistics (fraction of zeros), never the values themselves.
  }];
  let cppNamespace = "::dnn";
}

class Dnn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Dnn_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enumerations
//===----------------------------------------------------------------------===//

def Dnn_PoolKind : I32EnumAttr<"PoolKind", "kind of pooling", [
    I32EnumAttrCase<"Max", 0, "max">,
    I32EnumAttrCase<"Average", 1, "average">,
    I32EnumAttrCase<"Lp", 2, "lp">]> {
  let cppNamespace = "::dnn";
}

def Dnn_UnaryKind : I32EnumAttr<"UnaryKind", "element-wise unary function", [
    I32EnumAttrCase<"Relu", 0, "relu">,
    I32EnumAttrCase<"LeakyRelu", 1, "leaky_relu">,
    I32EnumAttrCase<"Elu", 2, "elu">,
    I32EnumAttrCase<"Selu", 3, "selu">,
    I32EnumAttrCase<"Sigmoid", 4, "sigmoid">,
    I32EnumAttrCase<"HardSigmoid", 5, "hard_sigmoid">,
    I32EnumAttrCase<"HardSwish", 6, "hard_swish">,
    I32EnumAttrCase<"Tanh", 7, "tanh">,
    I32EnumAttrCase<"Erf", 8, "erf">,
    I32EnumAttrCase<"Gelu", 9, "gelu">,
    I32EnumAttrCase<"Softplus", 10, "softplus">,
    I32EnumAttrCase<"Softsign", 11, "softsign">,
    I32EnumAttrCase<"Mish", 12, "mish">,
    I32EnumAttrCase<"Sqrt", 13, "sqrt">,
    I32EnumAttrCase<"Reciprocal", 14, "reciprocal">,
    I32EnumAttrCase<"Exp", 15, "exp">,
    I32EnumAttrCase<"Log", 16, "log">,
    I32EnumAttrCase<"Neg", 17, "neg">,
    I32EnumAttrCase<"Abs", 18, "abs">,
    I32EnumAttrCase<"Floor", 19, "floor">,
    I32EnumAttrCase<"Ceil", 20, "ceil">,
    I32EnumAttrCase<"Round", 21, "round">,
    I32EnumAttrCase<"Sign", 22, "sign">,
    I32EnumAttrCase<"Not", 23, "not">,
    I32EnumAttrCase<"Sin", 24, "sin">,
    I32EnumAttrCase<"Cos", 25, "cos">,
    I32EnumAttrCase<"IsNaN", 26, "is_nan">,
    I32EnumAttrCase<"ThresholdedRelu", 27, "thresholded_relu">,
    I32EnumAttrCase<"Celu", 28, "celu">]> {
  let cppNamespace = "::dnn";
}

def Dnn_BinaryKind : I32EnumAttr<"BinaryKind",
    "element-wise binary function with numpy broadcasting", [
    I32EnumAttrCase<"Add", 0, "add">,
    I32EnumAttrCase<"Sub", 1, "sub">,
    I32EnumAttrCase<"Mul", 2, "mul">,
    I32EnumAttrCase<"Div", 3, "div">,
    I32EnumAttrCase<"Pow", 4, "pow">,
    I32EnumAttrCase<"Max", 5, "max">,
    I32EnumAttrCase<"Min", 6, "min">,
    I32EnumAttrCase<"Mod", 7, "mod">,
    I32EnumAttrCase<"PRelu", 8, "prelu">,
    I32EnumAttrCase<"Equal", 9, "equal">,
    I32EnumAttrCase<"Less", 10, "less">,
    I32EnumAttrCase<"LessOrEqual", 11, "less_or_equal">,
    I32EnumAttrCase<"Greater", 12, "greater">,
    I32EnumAttrCase<"GreaterOrEqual", 13, "greater_or_equal">,
    I32EnumAttrCase<"And", 14, "and">,
    I32EnumAttrCase<"Or", 15, "or">,
    I32EnumAttrCase<"Xor", 16, "xor">,
    I32EnumAttrCase<"Mean", 17, "mean">]> {
  let cppNamespace = "::dnn";
}

def Dnn_ReduceKind : I32EnumAttr<"ReduceKind", "reduction", [
    I32EnumAttrCase<"Mean", 0, "mean">,
    I32EnumAttrCase<"Max", 1, "max">,
    I32EnumAttrCase<"Min", 2, "min">,
    I32EnumAttrCase<"Sum", 3, "sum">,
    I32EnumAttrCase<"Prod", 4, "prod">,
    I32EnumAttrCase<"L1", 5, "l1">,
    I32EnumAttrCase<"L2", 6, "l2">,
    I32EnumAttrCase<"SumSquare", 7, "sum_square">,
    I32EnumAttrCase<"LogSum", 8, "log_sum">,
    I32EnumAttrCase<"LogSumExp", 9, "log_sum_exp">,
    I32EnumAttrCase<"ArgMax", 10, "arg_max">,
    I32EnumAttrCase<"ArgMin", 11, "arg_min">]> {
  let cppNamespace = "::dnn";
}

def Dnn_NormKind : I32EnumAttr<"NormKind", "normalization", [
    I32EnumAttrCase<"Layer", 0, "layer">,
    I32EnumAttrCase<"Instance", 1, "instance">,
    I32EnumAttrCase<"Group", 2, "group">]> {
  let cppNamespace = "::dnn";
}

#endif // DNN_DIALECT_TD

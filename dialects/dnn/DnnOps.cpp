//===- DnnOps.cpp - verifiers and folders of the dnn ops ------------------===//
//
// Shape rules of every dnn op. A verifier checks that the result shape is
// the one ONNX semantics give for the operands and attributes, and says
// which dim or attribute disagrees.
//
//===----------------------------------------------------------------------===//

#include "dnn/DnnOps.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace dnn;

#define GET_OP_CLASSES
#include "dnn/DnnInterfaces.cpp.inc"
#include "dnn/DnnOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << '?';
        else
          os << d;
      },
      "x");
  return s;
}

/// Checks that `actual` equals `expected` wherever both are static.
static LogicalResult checkShape(Operation *op, ArrayRef<int64_t> actual,
                                ArrayRef<int64_t> expected, StringRef what) {
  bool ok = actual.size() == expected.size();
  for (size_t i = 0; ok && i < actual.size(); ++i)
    if (!ShapedType::isDynamic(actual[i]) &&
        !ShapedType::isDynamic(expected[i]) && actual[i] != expected[i])
      ok = false;
  if (ok)
    return success();
  return op->emitOpError() << what << " shape " << shapeString(actual)
                           << " does not match the expected "
                           << shapeString(expected);
}

unsigned dnn::getStoredBits(Value value) {
  if (auto deq = value.getDefiningOp<DequantizeOp>())
    value = deq.getInput();
  Type elt = getElementTypeOrSelf(value.getType());
  if (elt.isIntOrFloat())
    return elt.getIntOrFloatBitWidth();
  return 32;
}

bool dnn::isWeight(Value value) {
  if (auto deq = value.getDefiningOp<DequantizeOp>())
    value = deq.getInput();
  return isa_and_nonnull<WeightOp, ConstantOp>(value.getDefiningOp());
}

/// Output extent of a sliding window.
static int64_t windowOut(int64_t in, int64_t padSum, int64_t kernel,
                         int64_t stride, int64_t dilation, bool ceilMode) {
  if (ShapedType::isDynamic(in))
    return ShapedType::kDynamic;
  int64_t span = in + padSum - dilation * (kernel - 1) - 1;
  if (span < 0)
    return -1;
  return (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
}

/// Checks the sizes of the per-spatial-dim attributes of a windowed op.
static LogicalResult checkWindowAttrs(Operation *op, int64_t k,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      ArrayRef<int64_t> pads) {
  if ((int64_t)strides.size() != k || (int64_t)dilations.size() != k ||
      (int64_t)pads.size() != 2 * k)
    return op->emitOpError()
           << "expects " << k << " strides, " << k << " dilations and " << 2 * k
           << " pads for " << k << " spatial dims, got " << strides.size()
           << ", " << dilations.size() << " and " << pads.size();
  for (int64_t s : strides)
    if (s <= 0)
      return op->emitOpError() << "stride " << s << " is not positive";
  for (int64_t d : dilations)
    if (d <= 0)
      return op->emitOpError() << "dilation " << d << " is not positive";
  for (int64_t p : pads)
    if (p < 0)
      return op->emitOpError() << "pad " << p << " is negative";
  return success();
}

//===----------------------------------------------------------------------===//
// Weight and constant
//===----------------------------------------------------------------------===//

int64_t WeightOp::getNumElements() {
  return cast<ShapedType>(getType()).getNumElements();
}

LogicalResult ConstantOp::verify() {
  if (cast<TypedAttr>(getValue()).getType() != getType())
    return emitOpError() << "value type "
                         << cast<TypedAttr>(getValue()).getType()
                         << " differs from the result type " << getType();
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Convolutions and matmul
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeight());
  int64_t rank = in.size(), k = rank - 2;
  if (rank < 3 || rank > 5)
    return emitOpError() << "expects a 1-D, 2-D or 3-D convolution (input "
                            "rank 3 to 5), got input rank "
                         << rank;
  if ((int64_t)w.size() != rank)
    return emitOpError() << "weight rank " << w.size()
                         << " differs from input rank " << rank;
  if (failed(
          checkWindowAttrs(*this, k, getStrides(), getDilations(), getPads())))
    return failure();
  int64_t g = getGroup();
  if (g <= 0)
    return emitOpError() << "group " << g << " is not positive";
  if (!ShapedType::isDynamic(in[1]) && in[1] != w[1] * g)
    return emitOpError() << "input channels " << in[1]
                         << " differ from weight channels " << w[1]
                         << " times group " << g;
  if (w[0] % g != 0)
    return emitOpError() << "output channels " << w[0]
                         << " are not divisible by group " << g;
  SmallVector<int64_t> expected = {in[0], w[0]};
  for (int64_t i = 0; i < k; ++i) {
    int64_t o = windowOut(in[2 + i], getPads()[i] + getPads()[k + i], w[2 + i],
                          getStrides()[i], getDilations()[i], false);
    if (o == -1 || o == 0)
      return emitOpError() << "kernel " << w[2 + i]
                           << " (dilated) does not fit spatial dim " << i
                           << " of size " << in[2 + i] << " with its pads";
    expected.push_back(o);
  }
  if (getBias() && shapeOf(getBias()) != ArrayRef<int64_t>{w[0]})
    return emitOpError() << "bias shape " << shapeString(shapeOf(getBias()))
                         << " is not [" << w[0] << "]";
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult ConvTransposeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeight());
  int64_t rank = in.size(), k = rank - 2;
  if (rank < 3 || rank > 5)
    return emitOpError() << "expects input rank 3 to 5, got " << rank;
  if ((int64_t)w.size() != rank)
    return emitOpError() << "weight rank " << w.size()
                         << " differs from input rank " << rank;
  if (failed(
          checkWindowAttrs(*this, k, getStrides(), getDilations(), getPads())))
    return failure();
  if ((int64_t)getOutputPadding().size() != k)
    return emitOpError() << "expects " << k << " output_padding values";
  int64_t g = getGroup();
  if (g <= 0)
    return emitOpError() << "group " << g << " is not positive";
  if (!ShapedType::isDynamic(in[1]) && in[1] != w[0])
    return emitOpError() << "input channels " << in[1]
                         << " differ from the weight's first dim " << w[0];
  if (w[0] % g != 0)
    return emitOpError() << "weight dim 0 (" << w[0]
                         << ") is not divisible by group " << g;
  SmallVector<int64_t> expected = {in[0], w[1] * g};
  for (int64_t i = 0; i < k; ++i) {
    if (ShapedType::isDynamic(in[2 + i])) {
      expected.push_back(ShapedType::kDynamic);
      continue;
    }
    int64_t o = getStrides()[i] * (in[2 + i] - 1) + getOutputPadding()[i] +
                getDilations()[i] * (w[2 + i] - 1) + 1 - getPads()[i] -
                getPads()[k + i];
    if (o <= 0)
      return emitOpError() << "output spatial dim " << i << " is " << o;
    expected.push_back(o);
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult MatMulOp::verify() {
  ArrayRef<int64_t> a = shapeOf(getA()), b = shapeOf(getB());
  if (a.empty() || b.empty())
    return emitOpError() << "operands must have rank 1 or more";
  if ((getTransA() && a.size() < 2) || (getTransB() && b.size() < 2))
    return emitOpError() << "a transposed operand must have rank 2 or more";
  // Matrix dims of op(A) = M x K and op(B) = K x N.
  int64_t ka =
      a.size() == 1 ? a[0] : (getTransA() ? a[a.size() - 2] : a.back());
  int64_t m = a.size() == 1 ? -1 : (getTransA() ? a.back() : a[a.size() - 2]);
  int64_t kb =
      b.size() == 1 ? b[0] : (getTransB() ? b.back() : b[b.size() - 2]);
  int64_t n = b.size() == 1 ? -1 : (getTransB() ? b[b.size() - 2] : b.back());
  if (!ShapedType::isDynamic(ka) && !ShapedType::isDynamic(kb) && ka != kb)
    return emitOpError() << "reduction dims differ: " << ka << " (a) vs " << kb
                         << " (b)";
  SmallVector<int64_t> batch;
  ArrayRef<int64_t> ba = a.size() > 2 ? a.drop_back(2) : ArrayRef<int64_t>();
  ArrayRef<int64_t> bb = b.size() > 2 ? b.drop_back(2) : ArrayRef<int64_t>();
  if (!OpTrait::util::getBroadcastedShape(ba, bb, batch))
    return emitOpError() << "batch dims " << shapeString(ba) << " and "
                         << shapeString(bb) << " do not broadcast";
  SmallVector<int64_t> expected(batch);
  if (m != -1)
    expected.push_back(m);
  if (n != -1)
    expected.push_back(n);
  if (getC()) {
    SmallVector<int64_t> withC;
    if (!OpTrait::util::getBroadcastedShape(expected, shapeOf(getC()), withC) ||
        withC != expected)
      return emitOpError() << "addend shape " << shapeString(shapeOf(getC()))
                           << " does not broadcast to "
                           << shapeString(expected);
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult RnnOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getX()), w = shapeOf(getW()),
                    r = shapeOf(getR());
  int64_t gates = getCell() == "lstm" ? 4 : getCell() == "gru" ? 3 : 1;
  if (getCell() != "lstm" && getCell() != "gru" && getCell() != "rnn")
    return emitOpError() << "cell '" << getCell()
                         << "' is not lstm, gru or rnn";
  int64_t h = getHiddenSize();
  if (x.size() != 3 || w.size() != 3 || r.size() != 3)
    return emitOpError() << "expects X, W and R of rank 3";
  if (w[1] != gates * h || r[1] != gates * h || r[2] != h || w[2] != x[2] ||
      w[0] != r[0])
    return emitOpError() << "weights " << shapeString(w) << " and "
                         << shapeString(r) << " do not fit " << gates
                         << " gates of hidden size " << h << " and input "
                         << x[2];
  if (getOutputs().empty())
    return emitOpError() << "has no result";
  SmallVector<int64_t> y = {x[0], w[0], x[1], h};
  return checkShape(*this, shapeOf(getOutputs()[0]), y, "Y");
}

LogicalResult GenericOp::verify() {
  size_t nd = getDims().size();
  if (getBounds().size() != nd)
    return emitOpError() << "has " << nd << " dims but " << getBounds().size()
                         << " bounds";
  for (auto [name, bound] : llvm::zip(getDims(), getBounds()))
    if (bound <= 0)
      return emitOpError() << "dim " << cast<StringAttr>(name) << " has bound "
                           << bound << ", expected a positive one";
  size_t nt = getInputs().size() + 1;
  if (getIndexingMaps().size() != nt || getRoles().size() != nt ||
      getSpaces().size() != nt)
    return emitOpError() << "expects one indexing map, role and space per "
                            "operand and for the result ("
                         << nt << "), got " << getIndexingMaps().size() << ", "
                         << getRoles().size() << " and " << getSpaces().size();
  if (getKind() != "mac" && getKind() != "vector")
    return emitOpError() << "kind '" << getKind()
                         << "' is neither \"mac\" nor \"vector\"";
  for (size_t t = 0; t < nt; ++t) {
    StringRef role = cast<StringAttr>(getRoles()[t]).getValue();
    if (role != "weight" && role != "input" && role != "output")
      return emitOpError() << "role '" << role << "' of tensor " << t
                           << " is not weight, input or output";
    if ((role == "output") != (t == nt - 1))
      return emitOpError() << "the result, and only the result, has the "
                              "role output";
    AffineMap map = cast<AffineMapAttr>(getIndexingMaps()[t]).getValue();
    Value v = t + 1 == nt ? getOutput() : getInputs()[t];
    ArrayRef<int64_t> shape = shapeOf(v);
    if (map.getNumDims() != nd || map.getNumResults() != shape.size())
      return emitOpError() << "indexing map " << t << " maps "
                           << map.getNumDims() << " dims to "
                           << map.getNumResults() << " indices; expected " << nd
                           << " to " << shape.size();
    SmallVector<int64_t> coef, cst;
    if (!getLinearCoefficients(map, coef, cst))
      return emitOpError() << "indexing map " << t << " is not linear";
    for (size_t r = 0; r < shape.size(); ++r) {
      int64_t extent = 1;
      for (size_t d = 0; d < nd; ++d)
        extent += std::abs(coef[r * nd + d]) * (getBounds()[d] - 1);
      if (!ShapedType::isDynamic(shape[r]) && shape[r] != extent)
        return emitOpError() << "tensor " << t << " has size " << shape[r]
                             << " along index " << r << ", its projection "
                             << "covers " << extent;
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Vector ops
//===----------------------------------------------------------------------===//

LogicalResult PoolOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t k = (int64_t)in.size() - 2;
  if (k < 1)
    return emitOpError() << "expects an input of rank 3 or more";
  if ((int64_t)getKernel().size() != k)
    return emitOpError() << "expects " << k << " kernel sizes, got "
                         << getKernel().size();
  if (failed(
          checkWindowAttrs(*this, k, getStrides(), getDilations(), getPads())))
    return failure();
  ArrayRef<int64_t> out = shapeOf(getOutput());
  if (out.size() != in.size() || (out[0] != in[0]) || out[1] != in[1])
    return emitOpError() << "output shape " << shapeString(out)
                         << " must keep the input's batch and channel dims "
                         << shapeString(in);
  // Both floor and ceil rounding (ceil_mode) are valid ONNX.
  for (int64_t i = 0; i < k; ++i) {
    int64_t pad = getPads()[i] + getPads()[k + i];
    int64_t lo = windowOut(in[2 + i], pad, getKernel()[i], getStrides()[i],
                           getDilations()[i], false);
    int64_t hi = windowOut(in[2 + i], pad, getKernel()[i], getStrides()[i],
                           getDilations()[i], true);
    if (lo == -1)
      return emitOpError() << "kernel " << getKernel()[i]
                           << " does not fit spatial dim " << i << " of size "
                           << in[2 + i];
    if (!ShapedType::isDynamic(out[2 + i]) && out[2 + i] != lo &&
        out[2 + i] != hi)
      return emitOpError() << "output spatial dim " << i << " is " << out[2 + i]
                           << ", expected " << lo;
  }
  return success();
}

static LogicalResult verifySameShape(Operation *op, Value in, Value out) {
  return checkShape(op, shapeOf(out), shapeOf(in), "output");
}

LogicalResult UnaryOp::verify() {
  return verifySameShape(*this, getInput(), getOutput());
}
LogicalResult CastOp::verify() {
  return verifySameShape(*this, getInput(), getOutput());
}
LogicalResult ClipOp::verify() {
  return verifySameShape(*this, getInput(), getOutput());
}
LogicalResult QuantizeOp::verify() {
  return verifySameShape(*this, getInput(), getOutput());
}
LogicalResult DequantizeOp::verify() {
  return verifySameShape(*this, getInput(), getOutput());
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = shapeOf(getInput()).size();
  if (getAxis() < 0 || getAxis() >= rank)
    return emitOpError() << "axis " << getAxis() << " is out of range for rank "
                         << rank;
  return verifySameShape(*this, getInput(), getOutput());
}

LogicalResult BatchNormOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (in.size() < 2)
    return emitOpError() << "expects an input of rank 2 or more";
  for (Value p : {getScale(), getBias(), getMean(), getVariance()})
    if (shapeOf(p).size() != 1 ||
        (!ShapedType::isDynamic(in[1]) && shapeOf(p)[0] != in[1]))
      return emitOpError() << "parameter shape " << shapeString(shapeOf(p))
                           << " is not [" << in[1] << "] (the channels)";
  return verifySameShape(*this, getInput(), getOutput());
}

static LogicalResult verifyBroadcast(Operation *op, ValueRange operands,
                                     Value out) {
  SmallVector<int64_t> shape;
  for (Value v : operands) {
    SmallVector<int64_t> next;
    if (!OpTrait::util::getBroadcastedShape(shape, shapeOf(v), next))
      return op->emitOpError()
             << "operand shapes do not broadcast: " << shapeString(shape)
             << " and " << shapeString(shapeOf(v));
    shape = next;
  }
  return checkShape(op, shapeOf(out), shape, "output");
}

LogicalResult BinaryOp::verify() {
  return verifyBroadcast(*this, {getLhs(), getRhs()}, getOutput());
}
LogicalResult WhereOp::verify() {
  return verifyBroadcast(*this, {getCondition(), getX(), getY()}, getOutput());
}

LogicalResult ReduceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t rank = in.size();
  llvm::SmallBitVector reduced(rank, getAxes().empty());
  for (int64_t a : getAxes()) {
    if (a < 0 || a >= rank)
      return emitOpError() << "axis " << a << " is out of range for rank "
                           << rank;
    reduced.set(a);
  }
  SmallVector<int64_t> expected;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced.test(i))
      expected.push_back(in[i]);
    else if (getKeepdims())
      expected.push_back(1);
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult ResizeOp::verify() {
  if (shapeOf(getInput()).size() != shapeOf(getOutput()).size())
    return emitOpError() << "input and output ranks differ";
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  auto in = cast<ShapedType>(getInput().getType());
  auto out = cast<ShapedType>(getOutput().getType());
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "reshape from " << shapeString(in.getShape())
                         << " (" << in.getNumElements() << " elements) to "
                         << shapeString(out.getShape()) << " ("
                         << out.getNumElements() << " elements)";
  if (in.getElementType() != out.getElementType())
    return emitOpError() << "reshape cannot change the element type";
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  return {};
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != in.size())
    return emitOpError() << "perm has " << perm.size() << " entries for rank "
                         << in.size();
  llvm::SmallBitVector seen(in.size());
  SmallVector<int64_t> expected;
  for (int64_t p : perm) {
    if (p < 0 || p >= (int64_t)in.size() || seen.test(p))
      return emitOpError() << "perm is not a permutation of 0.."
                           << in.size() - 1;
    seen.set(p);
    expected.push_back(in[p]);
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "expects at least one input";
  ArrayRef<int64_t> first = shapeOf(getInputs()[0]);
  int64_t axis = getAxis(), rank = first.size();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  SmallVector<int64_t> expected(first);
  expected[axis] = 0;
  for (Value v : getInputs()) {
    ArrayRef<int64_t> s = shapeOf(v);
    if ((int64_t)s.size() != rank)
      return emitOpError() << "inputs have different ranks";
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis && s[i] != first[i])
        return emitOpError()
               << "input shape " << shapeString(s) << " differs from "
               << shapeString(first) << " outside axis " << axis;
    if (ShapedType::isDynamic(s[axis]) || ShapedType::isDynamic(expected[axis]))
      expected[axis] = ShapedType::kDynamic;
    else
      expected[axis] += s[axis];
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult SplitOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)in.size())
    return emitOpError() << "axis " << axis << " is out of range";
  int64_t sum = 0;
  for (Value v : getOutputs()) {
    ArrayRef<int64_t> s = shapeOf(v);
    if (s.size() != in.size())
      return emitOpError() << "a result has a different rank";
    sum += s[axis];
  }
  if (!ShapedType::isDynamic(in[axis]) && sum != in[axis])
    return emitOpError() << "results cover " << sum << " of " << in[axis]
                         << " elements along axis " << axis;
  return success();
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  size_t rank = in.size();
  if (getStarts().size() != rank || getEnds().size() != rank ||
      getSteps().size() != rank)
    return emitOpError() << "expects one start, end and step per dim";
  SmallVector<int64_t> expected;
  for (size_t i = 0; i < rank; ++i) {
    int64_t b = getStarts()[i], e = getEnds()[i], s = getSteps()[i];
    if (s == 0)
      return emitOpError() << "step of dim " << i << " is zero";
    int64_t n = s > 0 ? (e > b ? (e - b + s - 1) / s : 0)
                      : (b > e ? (b - e - s - 1) / -s : 0);
    expected.push_back(n);
  }
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult GatherOp::verify() {
  ArrayRef<int64_t> d = shapeOf(getData()), idx = shapeOf(getIndices());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= (int64_t)d.size())
    return emitOpError() << "axis " << axis << " is out of range";
  SmallVector<int64_t> expected(d.begin(), d.begin() + axis);
  expected.append(idx.begin(), idx.end());
  expected.append(d.begin() + axis + 1, d.end());
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

LogicalResult ExpandOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  if (getTile()) {
    if (in.size() != out.size())
      return emitOpError() << "tile keeps the rank";
    for (size_t i = 0; i < in.size(); ++i)
      if (in[i] > 0 && out[i] % in[i] != 0)
        return emitOpError() << "dim " << i << " of size " << out[i]
                             << " is not a multiple of " << in[i];
    return success();
  }
  SmallVector<int64_t> b;
  if (!OpTrait::util::getBroadcastedShape(in, out, b) || ArrayRef(b) != out)
    return emitOpError() << shapeString(in) << " does not broadcast to "
                         << shapeString(out);
  return success();
}

LogicalResult PadOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  size_t rank = in.size();
  if (getPads().size() != 2 * rank)
    return emitOpError() << "expects " << 2 * rank << " pads";
  SmallVector<int64_t> expected;
  for (size_t i = 0; i < rank; ++i)
    expected.push_back(ShapedType::isDynamic(in[i])
                           ? in[i]
                           : in[i] + getPads()[i] + getPads()[rank + i]);
  return checkShape(*this, shapeOf(getOutput()), expected, "output");
}

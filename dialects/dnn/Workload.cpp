//===- Workload.cpp - workloads of the dnn ops ----------------------------===//
//
// The one place where each op's iteration space and data-space projections
// are defined. Everything that counts work derives from these.
//
//===----------------------------------------------------------------------===//

#include "dnn/Workload.h"
#include "dnn/DnnOps.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace dnn;

//===----------------------------------------------------------------------===//
// Workload
//===----------------------------------------------------------------------===//

StringRef dnn::stringifyWorkKind(WorkKind kind) {
  switch (kind) {
  case WorkKind::Mac:
    return "mac";
  case WorkKind::Vector:
    return "vector";
  case WorkKind::NotModeled:
    return "not_modeled";
  }
  llvm_unreachable("unknown work kind");
}

StringRef dnn::stringifyDataSpaceRole(DataSpaceRole role) {
  switch (role) {
  case DataSpaceRole::Weight:
    return "weight";
  case DataSpaceRole::Input:
    return "input";
  case DataSpaceRole::Output:
    return "output";
  }
  llvm_unreachable("unknown role");
}

int64_t Workload::getPoints() const {
  int64_t points = 1;
  for (const WorkloadDim &d : dims)
    points *= d.bound;
  return points;
}

int64_t Workload::getMacs() const {
  return kind == WorkKind::Mac ? getPoints() : 0;
}

double Workload::getOtherOps() const {
  return kind == WorkKind::Vector ? opsPerPoint * (double)getPoints() : 0.0;
}

SmallVector<int64_t, 8> Workload::getBounds() const {
  SmallVector<int64_t, 8> bounds;
  for (const WorkloadDim &d : dims)
    bounds.push_back(d.bound);
  return bounds;
}

bool dnn::getLinearCoefficients(AffineMap map,
                                SmallVectorImpl<int64_t> &coefficients,
                                SmallVectorImpl<int64_t> &constants) {
  unsigned nd = map.getNumDims(), nr = map.getNumResults();
  coefficients.assign(nd * nr, 0);
  constants.assign(nr, 0);
  for (AffineExpr e : map.getResults())
    if (!e.isPureAffine())
      return false;
  SmallVector<int64_t> point(nd, 0);
  SmallVector<int64_t> base = map.compose(point);
  for (unsigned r = 0; r < nr; ++r)
    constants[r] = base[r];
  for (unsigned d = 0; d < nd; ++d) {
    point[d] = 1;
    SmallVector<int64_t> v = map.compose(point);
    for (unsigned r = 0; r < nr; ++r)
      coefficients[r * nd + d] = v[r] - base[r];
    point[d] = 0;
  }
  // A product of dims would not be linear; check one more point.
  SmallVector<int64_t> ones(nd, 1);
  SmallVector<int64_t> v = map.compose(ones);
  for (unsigned r = 0; r < nr; ++r) {
    int64_t expect = constants[r];
    for (unsigned d = 0; d < nd; ++d)
      expect += coefficients[r * nd + d];
    if (v[r] != expect)
      return false;
  }
  return true;
}

int64_t Workload::getDataSpaceSize(const DataSpace &space) const {
  SmallVector<int64_t> coef, cst;
  if (!space.projection || !getLinearCoefficients(space.projection, coef, cst))
    return 0;
  unsigned nd = dims.size();
  int64_t size = 1;
  for (unsigned r = 0, e = space.projection.getNumResults(); r < e; ++r) {
    int64_t extent = 1;
    for (unsigned d = 0; d < nd; ++d)
      extent += std::abs(coef[r * nd + d]) * (dims[d].bound - 1);
    size *= extent;
  }
  return size;
}

const DataSpace *Workload::find(DataSpaceRole role) const {
  for (const DataSpace &s : dataSpaces)
    if (s.role == role)
      return &s;
  return nullptr;
}

bool Workload::hasTwoActivationOperands() const {
  for (const DataSpace &s : dataSpaces)
    if (s.role == DataSpaceRole::Weight && s.isActivation)
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Building workloads
//===----------------------------------------------------------------------===//

namespace {
/// Collects dims and data spaces; projections become affine maps at the end,
/// when the number of dims is known.
class WorkloadBuilder {
public:
  WorkloadBuilder(Operation *op, WorkKind kind)
      : op(op), ctx(op->getContext()) {
    w.kind = kind;
  }

  /// Adds a loop dim and returns its expression.
  AffineExpr dim(StringRef name, int64_t bound) {
    w.dims.push_back({name.str(), bound});
    return getAffineDimExpr(w.dims.size() - 1, ctx);
  }
  AffineExpr cst(int64_t v) { return getAffineConstantExpr(v, ctx); }

  /// Adds the data space of operand `operand` (or of result 0 when -1).
  void space(StringRef name, DataSpaceRole role, int operand,
             ArrayRef<AffineExpr> exprs, bool readWrite = false) {
    Value v = operand < 0 ? op->getResult(0) : op->getOperand(operand);
    DataSpace s;
    s.name = name.str();
    s.role = role;
    s.operandIndex = operand;
    s.bits = getStoredBits(v);
    s.isActivation = !isWeight(v);
    s.readWrite = readWrite;
    w.dataSpaces.push_back(s);
    pending.push_back(SmallVector<AffineExpr>(exprs));
  }

  Workload finish(double opsPerPoint = 1.0, StringRef note = {}) {
    for (auto [s, exprs] : llvm::zip(w.dataSpaces, pending))
      s.projection = AffineMap::get(w.dims.size(), 0, exprs, ctx);
    w.opsPerPoint = opsPerPoint;
    w.note = note.str();
    return std::move(w);
  }

  Operation *op;
  MLIRContext *ctx;
  Workload w;
  SmallVector<SmallVector<AffineExpr>> pending;
};
} // namespace

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// Names of output and kernel spatial dims for 1-, 2- and 3-D windows.
static const char *outName(int64_t k, int64_t i) {
  static const char *names[3][3] = {
      {"P", "", ""}, {"P", "Q", ""}, {"T", "P", "Q"}};
  return names[k - 1][i];
}
static const char *kernelName(int64_t k, int64_t i) {
  static const char *names[3][3] = {
      {"R", "", ""}, {"R", "S", ""}, {"U", "R", "S"}};
  return names[k - 1][i];
}

/// An element-wise workload over the result's shape: every operand is
/// projected with numpy broadcasting (a dim of size 1 that is broadcast
/// reads element 0).
static Workload elementwise(Operation *op, ArrayRef<int> operands,
                            double opsPerPoint, StringRef note = {}) {
  WorkloadBuilder b(op, WorkKind::Vector);
  ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  SmallVector<AffineExpr> d;
  for (size_t i = 0; i < out.size(); ++i)
    d.push_back(b.dim(("D" + Twine(i)).str(), out[i]));
  int idx = 0;
  for (int operand : operands) {
    ArrayRef<int64_t> s = shapeOf(op->getOperand(operand));
    SmallVector<AffineExpr> exprs;
    size_t offset = out.size() - s.size();
    for (size_t j = 0; j < s.size(); ++j)
      exprs.push_back(s[j] == 1 && out[offset + j] != 1 ? b.cst(0)
                                                        : d[offset + j]);
    bool isW = isWeight(op->getOperand(operand));
    b.space(idx == 0 ? "Inputs" : ("Inputs" + Twine(idx)).str(),
            isW ? DataSpaceRole::Weight : DataSpaceRole::Input, operand, exprs);
    ++idx;
  }
  b.space("Outputs", DataSpaceRole::Output, -1, d);
  return b.finish(opsPerPoint, note);
}

//===----------------------------------------------------------------------===//
// Per-op workloads
//===----------------------------------------------------------------------===//

Workload ConvOp::getWorkload() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeight()),
                    out = shapeOf(getOutput());
  int64_t k = in.size() - 2, g = getGroup();
  int64_t mg = w[0] / g, cg = w[1];
  WorkloadBuilder b(*this, WorkKind::Mac);
  AffineExpr n = b.dim("N", in[0]);
  AffineExpr gd = g > 1 ? b.dim("G", g) : b.cst(0);
  AffineExpr m = b.dim("M", mg), c = b.dim("C", cg);
  SmallVector<AffineExpr> o, r;
  for (int64_t i = 0; i < k; ++i)
    o.push_back(b.dim(outName(k, i), out[2 + i]));
  for (int64_t i = 0; i < k; ++i)
    r.push_back(b.dim(kernelName(k, i), w[2 + i]));
  SmallVector<AffineExpr> wExprs = {gd * mg + m, c}, iExprs = {n, gd * cg + c},
                          oExprs = {n, gd * mg + m};
  for (int64_t i = 0; i < k; ++i) {
    wExprs.push_back(r[i]);
    iExprs.push_back(o[i] * getStrides()[i] + r[i] * getDilations()[i]);
    oExprs.push_back(o[i]);
  }
  b.space("Weights", DataSpaceRole::Weight, 1, wExprs);
  b.space("Inputs", DataSpaceRole::Input, 0, iExprs);
  b.space("Outputs", DataSpaceRole::Output, -1, oExprs, /*readWrite=*/true);
  return b.finish(1.0, "input indices are those of the padded input; the "
                       "bias add is not counted");
}

Workload ConvTransposeOp::getWorkload() {
  ArrayRef<int64_t> in = shapeOf(getInput()), w = shapeOf(getWeight());
  int64_t k = in.size() - 2, g = getGroup();
  int64_t cg = w[0] / g, mg = w[1];
  WorkloadBuilder b(*this, WorkKind::Mac);
  AffineExpr n = b.dim("N", in[0]);
  AffineExpr gd = g > 1 ? b.dim("G", g) : b.cst(0);
  AffineExpr m = b.dim("M", mg), c = b.dim("C", cg);
  // The loops run over input positions (named like output positions of a
  // convolution) and kernel taps: every input element meets every weight.
  SmallVector<AffineExpr> p, r;
  for (int64_t i = 0; i < k; ++i)
    p.push_back(b.dim(outName(k, i), in[2 + i]));
  for (int64_t i = 0; i < k; ++i)
    r.push_back(b.dim(kernelName(k, i), w[2 + i]));
  SmallVector<AffineExpr> wExprs = {gd * cg + c, m}, iExprs = {n, gd * cg + c},
                          oExprs = {n, gd * mg + m};
  for (int64_t i = 0; i < k; ++i) {
    wExprs.push_back(r[i]);
    iExprs.push_back(p[i]);
    oExprs.push_back(p[i] * getStrides()[i] + r[i] * getDilations()[i]);
  }
  b.space("Weights", DataSpaceRole::Weight, 1, wExprs);
  b.space("Inputs", DataSpaceRole::Input, 0, iExprs);
  b.space("Outputs", DataSpaceRole::Output, -1, oExprs, /*readWrite=*/true);
  return b.finish(1.0, "output indices are those before the pads are cropped");
}

Workload MatMulOp::getWorkload() {
  ArrayRef<int64_t> a = shapeOf(getA()), bs = shapeOf(getB()),
                    out = shapeOf(getOutput());
  WorkloadBuilder b(*this, WorkKind::Mac);
  size_t batchRank = 0;
  if (a.size() > 2 || bs.size() > 2)
    batchRank = std::max(a.size(), bs.size()) - 2;
  SmallVector<AffineExpr> batch;
  for (size_t i = 0; i < batchRank; ++i)
    batch.push_back(b.dim(("B" + Twine(i)).str(), out[i]));
  int64_t mBound =
      a.size() == 1 ? 1 : (getTransA() ? a.back() : a[a.size() - 2]);
  int64_t nBound =
      bs.size() == 1 ? 1 : (getTransB() ? bs[bs.size() - 2] : bs.back());
  int64_t kBound =
      a.size() == 1 ? a[0] : (getTransA() ? a[a.size() - 2] : a.back());
  AffineExpr m = b.dim("M", mBound), n = b.dim("N", nBound),
             k = b.dim("K", kBound);
  auto project = [&](ArrayRef<int64_t> shape, AffineExpr row, AffineExpr col,
                     bool trans, bool isA) {
    SmallVector<AffineExpr> e;
    if (shape.size() == 1)
      return SmallVector<AffineExpr>{isA ? col : row};
    size_t rank = shape.size();
    for (size_t i = 0; i + 2 < rank; ++i) {
      size_t outIdx = batchRank - (rank - 2) + i;
      e.push_back(shape[i] == 1 && out[outIdx] != 1 ? b.cst(0) : batch[outIdx]);
    }
    if (trans)
      std::swap(row, col);
    e.push_back(row);
    e.push_back(col);
    return e;
  };
  SmallVector<AffineExpr> aExprs = project(a, m, k, getTransA(), true);
  SmallVector<AffineExpr> bExprs = project(bs, k, n, getTransB(), false);
  SmallVector<AffineExpr> oExprs(batch);
  if (a.size() > 1)
    oExprs.push_back(m);
  if (bs.size() > 1)
    oExprs.push_back(n);
  // The parameter operand takes the weight role; when both are activations
  // (attention), B takes it and the workload says it is an activation.
  bool aIsWeight = isWeight(getA()) && !isWeight(getB());
  b.space(aIsWeight ? "Weights" : "Inputs",
          aIsWeight ? DataSpaceRole::Weight : DataSpaceRole::Input, 0, aExprs);
  b.space(aIsWeight ? "Inputs" : "Weights",
          aIsWeight ? DataSpaceRole::Input : DataSpaceRole::Weight, 1, bExprs);
  b.space("Outputs", DataSpaceRole::Output, -1, oExprs, /*readWrite=*/true);
  return b.finish(1.0, "the addend C (Gemm bias) is not counted");
}

Workload PoolOp::getWorkload() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t k = in.size() - 2;
  WorkloadBuilder b(*this, WorkKind::Vector);
  AffineExpr n = b.dim("N", in[0]), c = b.dim("C", in[1]);
  SmallVector<AffineExpr> o, r;
  for (int64_t i = 0; i < k; ++i)
    o.push_back(b.dim(outName(std::min<int64_t>(k, 3), std::min<int64_t>(i, 2)),
                      out[2 + i]));
  for (int64_t i = 0; i < k; ++i)
    r.push_back(
        b.dim(kernelName(std::min<int64_t>(k, 3), std::min<int64_t>(i, 2)),
              getKernel()[i]));
  SmallVector<AffineExpr> iExprs = {n, c}, oExprs = {n, c};
  for (int64_t i = 0; i < k; ++i) {
    iExprs.push_back(o[i] * getStrides()[i] + r[i] * getDilations()[i]);
    oExprs.push_back(o[i]);
  }
  b.space("Inputs", DataSpaceRole::Input, 0, iExprs);
  b.space("Outputs", DataSpaceRole::Output, -1, oExprs, /*readWrite=*/true);
  return b.finish(1.0, "one comparison or addition per window element");
}

Workload LrnOp::getWorkload() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  WorkloadBuilder b(*this, WorkKind::Vector);
  SmallVector<AffineExpr> d;
  for (size_t i = 0; i < in.size(); ++i)
    d.push_back(b.dim(("D" + Twine(i)).str(), in[i]));
  AffineExpr win = b.dim("W", getSize());
  SmallVector<AffineExpr> iExprs(d);
  iExprs[1] = d[1] + win;
  b.space("Inputs", DataSpaceRole::Input, 0, iExprs);
  b.space("Outputs", DataSpaceRole::Output, -1, d, /*readWrite=*/true);
  // A square and an add per window element; the power and division per
  // element are spread over the window (2 more per element).
  return b.finish(2.0 + 2.0 / getSize(),
                  "channel window of `size`; indices of the zero-padded "
                  "channel range");
}

/// Element operations per element of a unary function, from the number of
/// basic operations of a common implementation (a comparison, multiply or
/// add counts 1; a transcendental is counted as 1 look-up).
static double unaryOps(UnaryKind kind) {
  switch (kind) {
  case UnaryKind::HardSigmoid:
    return 3; // multiply, add, clamp
  case UnaryKind::HardSwish:
    return 4; // hard sigmoid and a multiply
  case UnaryKind::Sigmoid:
  case UnaryKind::Softplus:
  case UnaryKind::Softsign:
    return 3; // exp, add, divide
  case UnaryKind::Gelu:
  case UnaryKind::Mish:
    return 5;
  case UnaryKind::Elu:
  case UnaryKind::Selu:
  case UnaryKind::Celu:
    return 3;
  default:
    return 1;
  }
}

Workload UnaryOp::getWorkload() {
  return elementwise(*this, {0}, unaryOps(getKind()));
}
Workload BinaryOp::getWorkload() {
  return elementwise(*this, {0, 1}, getKind() == BinaryKind::PRelu ? 2 : 1);
}
Workload WhereOp::getWorkload() { return elementwise(*this, {0, 1, 2}, 1); }
Workload ClipOp::getWorkload() { return elementwise(*this, {0}, 2); }
Workload CastOp::getWorkload() { return elementwise(*this, {0}, 1); }
Workload QuantizeOp::getWorkload() {
  return elementwise(*this, {0}, 2,
                     "a multiply and a rounding add per element");
}
Workload DequantizeOp::getWorkload() {
  return elementwise(*this, {0}, 2, "a subtract and a multiply per element");
}
Workload SoftmaxOp::getWorkload() {
  return elementwise(*this, {0}, 4,
                     "three passes: max, exp and sum, divide (4 element "
                     "operations per element)");
}
Workload BatchNormOp::getWorkload() {
  return elementwise(*this, {0}, 2,
                     "a multiply and an add per element (scale and shift "
                     "precomputed per channel)");
}
Workload NormOp::getWorkload() {
  return elementwise(*this, {0}, 5,
                     "mean, variance, normalize, scale and shift: 5 element "
                     "operations per element");
}

Workload ReduceOp::getWorkload() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  WorkloadBuilder b(*this, WorkKind::Vector);
  llvm::SmallBitVector reduced(in.size(), getAxes().empty());
  for (int64_t a : getAxes())
    reduced.set(a);
  SmallVector<AffineExpr> d, oExprs;
  for (size_t i = 0; i < in.size(); ++i) {
    d.push_back(b.dim(("D" + Twine(i)).str(), in[i]));
    if (!reduced.test(i))
      oExprs.push_back(d.back());
    else if (getKeepdims())
      oExprs.push_back(b.cst(0));
  }
  b.space("Inputs", DataSpaceRole::Input, 0, d);
  b.space("Outputs", DataSpaceRole::Output, -1, oExprs, /*readWrite=*/true);
  return b.finish(1.0, "one operation per input element");
}

Workload ResizeOp::getWorkload() {
  // The source index is a rounded (nearest) or interpolated function of the
  // output index, not an affine one: count taps per output element and
  // project only the output.
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  int64_t resized = 0;
  for (size_t i = 0; i < in.size(); ++i)
    resized += in[i] != out[i];
  double taps = 1;
  if (getMode() == "linear")
    taps = std::pow(2.0, resized);
  else if (getMode() == "cubic")
    taps = std::pow(4.0, resized);
  WorkloadBuilder b(*this, WorkKind::Vector);
  SmallVector<AffineExpr> d;
  for (size_t i = 0; i < out.size(); ++i)
    d.push_back(b.dim(("D" + Twine(i)).str(), out[i]));
  b.space("Outputs", DataSpaceRole::Output, -1, d);
  return b.finish(taps, "not affine: counted as the interpolation taps per "
                        "output element; input reads are not projected");
}

Workload GenericOp::getWorkload() {
  Workload w;
  w.kind = getKind() == "mac" ? WorkKind::Mac : WorkKind::Vector;
  for (auto [name, bound] : llvm::zip(getDims(), getBounds()))
    w.dims.push_back({cast<StringAttr>(name).str(), bound});
  size_t nt = getInputs().size() + 1;
  for (size_t t = 0; t < nt; ++t) {
    DataSpace s;
    s.name = cast<StringAttr>(getSpaces()[t]).str();
    StringRef role = cast<StringAttr>(getRoles()[t]).getValue();
    s.role = role == "weight"  ? DataSpaceRole::Weight
             : role == "input" ? DataSpaceRole::Input
                               : DataSpaceRole::Output;
    s.operandIndex = t + 1 == nt ? -1 : (int)t;
    Value v = t + 1 == nt ? getOutput() : getInputs()[t];
    s.projection = cast<AffineMapAttr>(getIndexingMaps()[t]).getValue();
    s.bits = getStoredBits(v);
    s.isActivation = !isWeight(v);
    s.readWrite = s.role == DataSpaceRole::Output && w.kind == WorkKind::Mac;
    w.dataSpaces.push_back(s);
  }
  if (auto ops = getOpsPerPointAttr())
    w.opsPerPoint = ops.getValueAsDouble();
  if (getEquation())
    w.note = ("einsum " + *getEquation()).str();
  return w;
}

Workload RnnOp::getWorkload() {
  ArrayRef<int64_t> x = shapeOf(getX()), w = shapeOf(getW());
  int64_t h = getHiddenSize();
  WorkloadBuilder b(*this, WorkKind::Mac);
  AffineExpr d = b.dim("D", w[0]), t = b.dim("T", x[0]), n = b.dim("B", x[1]),
             m = b.dim("M", w[1]), k = b.dim("K", x[2] + h);
  // Weights: [W R] along K; inputs: [x_t ; h_t-1] along K (a tensor of
  // T x B x (I + H) per direction); outputs: the gate pre-activations.
  b.space("Weights", DataSpaceRole::Weight, 1, {d, m, k});
  b.space("Inputs", DataSpaceRole::Input, 0, {t, d, n, k});
  b.space("Outputs", DataSpaceRole::Output, -1, {t, d, n, m},
          /*readWrite=*/true);
  return b.finish(1.0, "recurrent: the gate products over [x_t ; h_t-1] of "
                       "every step; the output projection is onto the gate "
                       "pre-activations (G*H), the gate functions are not "
                       "counted");
}

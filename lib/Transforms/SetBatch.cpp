//===- SetBatch.cpp - evaluate a model at another batch size --------------===//
//
// Sets the batch of an imported graph without re-importing it: the inputs
// that hold the model's batch get the new one, and every op says, by a small
// rule of its own, which dim of its results carries the batch of its
// operands. Result types and the attributes that hold a batch size follow.
// An op whose rule cannot decide (a reshape that folds the batch into
// another dim, an op acting along the batch axis, an opaque op) is an error
// that points at re-importing the model at the batch wanted.
//
//===----------------------------------------------------------------------===//

#include "dnn/DnnOps.h"
#include "dnnopt/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"

namespace dnnopt {
#define GEN_PASS_DEF_DNNSETBATCH
#include "dnnopt/Transforms/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(shape, os, "x");
  return s;
}

static int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p *= d;
  return p;
}

namespace {

/// For each result of an op, the dim that carries the batch, if any.
using ResultAxes = SmallVector<std::optional<int64_t>>;

/// Carries a new batch through one function, op by op in order: when an op
/// is reached, its operands already have their new types.
class Rebatcher {
public:
  Rebatcher(int64_t oldBatch, int64_t newBatch)
      : oldBatch(oldBatch), newBatch(newBatch) {}

  /// Gives `arg` the new batch along dim 0.
  void seed(BlockArgument arg) { retype(arg, 0); }

  /// Re-batches every op of `func` and its type; fails with a diagnostic at
  /// the first op that no rule decides.
  LogicalResult run(func::FuncOp func);

private:
  std::optional<int64_t> axisOf(Value v) const {
    auto it = axes.find(v);
    if (it == axes.end())
      return std::nullopt;
    return it->second;
  }
  void retype(Value v, int64_t axis) {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape(type.getShape());
    shape[axis] = newBatch;
    v.setType(type.clone(shape));
    axes[v] = axis;
  }

  /// Fails at `op` saying why and what to do instead.
  LogicalResult reject(Operation *op, const Twine &why) {
    return op->emitOpError()
           << "cannot set the batch to " << newBatch << ": " << why
           << "; re-import the model at that batch (dnn-translate "
              "--import-onnx --batch="
           << newBatch << ") instead";
  }
  /// Fails at `op` unless operand `index` is the only one with the batch.
  LogicalResult onlyOperand(Operation *op, unsigned index);
  /// Checks `op` with its verifier after its results were retyped.
  LogicalResult verifyRebatched(Operation *op);

  FailureOr<ResultAxes> rule(Operation *op);
  FailureOr<ResultAxes> keepDimZero(Operation *op);
  FailureOr<ResultAxes> sameShape(Operation *op);
  FailureOr<ResultAxes> broadcast(Operation *op);
  FailureOr<ResultAxes> matmul(dnn::MatMulOp op);
  FailureOr<ResultAxes> generic(dnn::GenericOp op);
  FailureOr<ResultAxes> rnn(dnn::RnnOp op);
  FailureOr<ResultAxes> reduce(dnn::ReduceOp op);
  FailureOr<ResultAxes> concat(dnn::ConcatOp op);
  FailureOr<ResultAxes> slice(dnn::SliceOp op);
  FailureOr<ResultAxes> gather(dnn::GatherOp op);
  FailureOr<ResultAxes> reshape(dnn::ReshapeOp op);

  int64_t oldBatch, newBatch;
  /// The dim of every re-batched value that holds the batch.
  DenseMap<Value, int64_t> axes;
};
} // namespace

LogicalResult Rebatcher::onlyOperand(Operation *op, unsigned index) {
  for (OpOperand &operand : op->getOpOperands())
    if (operand.getOperandNumber() != index && axisOf(operand.get()))
      return reject(op, "operand #" + Twine(operand.getOperandNumber()) +
                            " carries the batch, which no rule expects");
  return success();
}

LogicalResult Rebatcher::verifyRebatched(Operation *op) {
  std::string message;
  LogicalResult result = success();
  {
    ScopedDiagnosticHandler capture(op->getContext(), [&](Diagnostic &diag) {
      if (message.empty())
        message = diag.str();
      return success();
    });
    result = verify(op, /*verifyRecursively=*/false);
  }
  if (succeeded(result))
    return success();
  return reject(op, "its shapes no longer agree (" + message + ")");
}

/// Convolutions, pooling and the like: the batch is dim 0 of the input and
/// of the result.
FailureOr<ResultAxes> Rebatcher::keepDimZero(Operation *op) {
  if (failed(onlyOperand(op, 0)))
    return failure();
  if (*axisOf(op->getOperand(0)) != 0)
    return reject(op, "its input holds the batch along dim " +
                          Twine(*axisOf(op->getOperand(0))) +
                          ", where the op expects it along dim 0");
  return ResultAxes(op->getNumResults(), 0);
}

/// Element-wise ops of one tensor: the batch stays where it is.
FailureOr<ResultAxes> Rebatcher::sameShape(Operation *op) {
  if (failed(onlyOperand(op, 0)))
    return failure();
  return ResultAxes{*axisOf(op->getOperand(0))};
}

/// Element-wise ops with numpy broadcasting: operands align on their last
/// dims, so an operand's dim `a` is the result's dim `a + R - r`.
FailureOr<ResultAxes> Rebatcher::broadcast(Operation *op) {
  int64_t rank = shapeOf(op->getResult(0)).size();
  std::optional<int64_t> result;
  for (Value v : op->getOperands()) {
    std::optional<int64_t> a = axisOf(v);
    if (!a)
      continue;
    int64_t at = *a + rank - (int64_t)shapeOf(v).size();
    if (result && *result != at)
      return reject(op, "its operands carry the batch along different dims "
                        "of the result");
    result = at;
  }
  for (OpOperand &operand : op->getOpOperands()) {
    Value v = operand.get();
    if (axisOf(v))
      continue;
    ArrayRef<int64_t> shape = shapeOf(v);
    int64_t at = *result - (rank - (int64_t)shape.size());
    if (at >= 0 && shape[at] != 1)
      return reject(op, "operand #" + Twine(operand.getOperandNumber()) +
                            " has size " + Twine(shape[at]) +
                            " along the batch dim of the result but does not "
                            "come from a batched input (fixed at import)");
  }
  return ResultAxes{*result};
}

/// The batch of `a` is a leading (broadcast) dim or the row dim M; the
/// batch of `b` a leading dim or the column dim N. On the reduction dim K
/// it would be summed away.
FailureOr<ResultAxes> Rebatcher::matmul(dnn::MatMulOp op) {
  int64_t ra = shapeOf(op.getA()).size(), rb = shapeOf(op.getB()).size();
  int64_t rank = shapeOf(op.getOutput()).size();
  // Length of the broadcast leading dims in the result.
  int64_t lead = rank - (ra >= 2 ? 1 : 0) - (rb >= 2 ? 1 : 0);
  std::optional<int64_t> result;
  auto agree = [&](int64_t at) -> LogicalResult {
    if (result && *result != at)
      return reject(op, "its operands carry the batch along different dims "
                        "of the result");
    result = at;
    return success();
  };
  if (std::optional<int64_t> a = axisOf(op.getA())) {
    int64_t m = op.getTransA() ? ra - 1 : ra - 2;
    if (ra == 1 || *a == (op.getTransA() ? ra - 2 : ra - 1))
      return reject(op, "operand a carries the batch along its reduction dim");
    if (failed(agree(*a == m ? lead : *a + lead - (ra - 2))))
      return failure();
  }
  if (std::optional<int64_t> b = axisOf(op.getB())) {
    int64_t n = op.getTransB() ? rb - 2 : rb - 1;
    if (rb == 1 || *b == (op.getTransB() ? rb - 1 : rb - 2))
      return reject(op, "operand b carries the batch along its reduction dim");
    if (failed(agree(*b == n ? rank - 1 : *b + lead - (rb - 2))))
      return failure();
  }
  if (op.getC())
    if (std::optional<int64_t> c = axisOf(op.getC()))
      if (failed(agree(*c + rank - (int64_t)shapeOf(op.getC()).size())))
        return failure();
  return ResultAxes{*result};
}

/// An einsum: the batch indexes its operands through one loop dim, whose
/// bound becomes the new batch; the result carries it where its map puts
/// that loop dim.
FailureOr<ResultAxes> Rebatcher::generic(dnn::GenericOp op) {
  ArrayRef<Attribute> maps = op.getIndexingMaps().getValue();
  std::optional<unsigned> loop;
  for (auto [t, v] : llvm::enumerate(op.getInputs())) {
    std::optional<int64_t> a = axisOf(v);
    if (!a)
      continue;
    AffineMap map = cast<AffineMapAttr>(maps[t]).getValue();
    auto dim = dyn_cast<AffineDimExpr>(map.getResult(*a));
    if (!dim)
      return reject(op, "operand #" + Twine(t) +
                            " is indexed along its batch dim by an "
                            "expression of several loop dims");
    if (loop && *loop != dim.getPosition())
      return reject(op, "its operands carry the batch on different loop dims");
    loop = dim.getPosition();
  }
  StringRef name = cast<StringAttr>(op.getDims()[*loop]).getValue();
  for (auto [t, v] : llvm::enumerate(op.getInputs())) {
    AffineMap map = cast<AffineMapAttr>(maps[t]).getValue();
    if (!axisOf(v) && map.isFunctionOfDim(*loop))
      return reject(op, "operand #" + Twine(t) + " is indexed by loop dim " +
                            name + " (the batch) but does not carry the batch");
  }
  AffineMap out = cast<AffineMapAttr>(maps.back()).getValue();
  std::optional<int64_t> result;
  for (auto [i, e] : llvm::enumerate(out.getResults()))
    if (auto dim = dyn_cast<AffineDimExpr>(e);
        dim && dim.getPosition() == *loop)
      result = i;
  if (!result)
    return reject(op, "it reduces over loop dim " + name + ", the batch");
  SmallVector<int64_t> bounds(op.getBounds());
  if (bounds[*loop] != oldBatch)
    return reject(op, "loop dim " + name + " has bound " +
                          Twine(bounds[*loop]) + ", not the batch " +
                          Twine(oldBatch));
  bounds[*loop] = newBatch;
  op.setBounds(bounds);
  return ResultAxes{*result};
}

/// ONNX recurrent layers are sequence first: X is T x B x I, Y is
/// T x D x B x H, Y_h and Y_c are D x B x H; sequence_lens is B and the
/// initial states D x B x H.
FailureOr<ResultAxes> Rebatcher::rnn(dnn::RnnOp op) {
  std::optional<int64_t> x = axisOf(op.getX());
  if (!x)
    return reject(op, "an operand other than X carries the batch");
  if (*x != 1)
    return reject(op, "X holds the batch along dim " + Twine(*x) +
                          ", but X is sequence first (T x B x I)");
  if (axisOf(op.getW()) || axisOf(op.getR()))
    return reject(op, "its weights carry the batch");
  for (Value v : op.getOthers()) {
    int64_t rank = shapeOf(v).size();
    std::optional<int64_t> a = axisOf(v);
    if (rank == 1 && a != 0)
      return reject(op, "its sequence lengths were fixed at import for " +
                            Twine(shapeOf(v)[0]) + " sequences");
    if (rank == 3 && a != 1)
      return reject(op, "an initial state was fixed at import with the batch "
                        "in it");
    if (rank != 1 && rank != 3 && a)
      return reject(op, "a bias or peephole weight carries the batch");
  }
  ResultAxes result = {2, 1};
  if (op.getNumResults() == 3)
    result.push_back(1);
  return result;
}

FailureOr<ResultAxes> Rebatcher::reduce(dnn::ReduceOp op) {
  if (failed(onlyOperand(op, 0)))
    return failure();
  int64_t a = *axisOf(op.getInput());
  if (op.getAxes().empty() || llvm::is_contained(op.getAxes(), a))
    return reject(op, "it reduces along the batch dim " + Twine(a));
  if (op.getKeepdims())
    return ResultAxes{a};
  return ResultAxes{
      a - llvm::count_if(op.getAxes(), [&](int64_t r) { return r < a; })};
}

FailureOr<ResultAxes> Rebatcher::concat(dnn::ConcatOp op) {
  std::optional<int64_t> a;
  for (auto [i, v] : llvm::enumerate(op.getInputs())) {
    std::optional<int64_t> b = axisOf(v);
    if (!b)
      return reject(op, "input #" + Twine(i) +
                            " does not come from a batched input: its size "
                            "along the batch dim was fixed at import");
    if (a && *a != *b)
      return reject(op, "its inputs carry the batch along different dims");
    a = b;
  }
  if (*a == (int64_t)op.getAxis())
    return reject(op, "it concatenates along the batch dim " + Twine(*a));
  return ResultAxes{*a};
}

FailureOr<ResultAxes> Rebatcher::slice(dnn::SliceOp op) {
  int64_t a = *axisOf(op.getInput());
  if (op.getStarts()[a] != 0 || op.getSteps()[a] != 1 ||
      op.getEnds()[a] != oldBatch)
    return reject(op, "it slices the batch dim " + Twine(a));
  SmallVector<int64_t> ends(op.getEnds());
  ends[a] = newBatch;
  op.setEnds(ends);
  return ResultAxes{a};
}

/// The result is `data[:axis] ++ indices ++ data[axis+1:]`.
FailureOr<ResultAxes> Rebatcher::gather(dnn::GatherOp op) {
  std::optional<int64_t> d = axisOf(op.getData()), i = axisOf(op.getIndices());
  int64_t axis = op.getAxis();
  if (d && i)
    return reject(op, "both the data and the indices carry the batch");
  if (i)
    return ResultAxes{axis + *i};
  if (*d == axis)
    return reject(op, "it gathers along the batch dim " + Twine(axis));
  if (*d < axis)
    return ResultAxes{*d};
  return ResultAxes{*d + (int64_t)shapeOf(op.getIndices()).size() - 1};
}

/// A reshape keeps the batch when the dims before it hold as many elements
/// in the input as in the result and the batch dim itself is kept: then
/// every batch element maps onto itself (row-major order), whatever the
/// batch. Any other reshape mixes the batch with other dims.
FailureOr<ResultAxes> Rebatcher::reshape(dnn::ReshapeOp op) {
  int64_t a = *axisOf(op.getInput());
  ArrayRef<int64_t> in = shapeOf(op.getInput()), out = shapeOf(op.getOutput());
  int64_t before = product(in.take_front(a));
  for (int64_t j = 0, p = 1; j < (int64_t)out.size() && p <= before;
       p *= out[j], ++j)
    if (p == before && out[j] == oldBatch)
      return ResultAxes{j};
  SmallVector<int64_t> oldIn(in);
  oldIn[a] = oldBatch;
  return reject(op, "the reshape from " + shapeString(oldIn) + " to " +
                        shapeString(out) +
                        " folds the batch into another dim (its target "
                        "shape was fixed at import)");
}

FailureOr<ResultAxes> Rebatcher::rule(Operation *op) {
  using Result = FailureOr<ResultAxes>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case<dnn::ConvOp, dnn::ConvTransposeOp, dnn::PoolOp, dnn::LrnOp,
            dnn::ResizeOp>([&](Operation *op) { return keepDimZero(op); })
      .Case([&](dnn::BatchNormOp op) -> Result {
        if (failed(onlyOperand(op, 0)))
          return failure();
        int64_t a = *axisOf(op.getInput());
        if (a == 1)
          return reject(op, "its input holds the batch along dim 1, the "
                            "channels");
        return ResultAxes{a};
      })
      .Case([&](dnn::NormOp op) -> Result {
        if (op.getKind() != dnn::NormKind::Layer)
          return keepDimZero(op);
        if (failed(onlyOperand(op, 0)))
          return failure();
        int64_t a = *axisOf(op.getInput());
        if (a >= (int64_t)op.getAxis())
          return reject(op, "it normalizes over the batch dim " + Twine(a));
        return ResultAxes{a};
      })
      .Case<dnn::UnaryOp, dnn::CastOp, dnn::ClipOp>(
          [&](Operation *op) { return sameShape(op); })
      .Case([&](dnn::SoftmaxOp op) -> Result {
        Result r = sameShape(op);
        if (succeeded(r) && (*r)[0] == (int64_t)op.getAxis())
          return reject(op, "it normalizes along the batch dim " +
                                Twine(op.getAxis()));
        return r;
      })
      .Case<dnn::QuantizeOp, dnn::DequantizeOp>([&](auto op) -> Result {
        Result r = sameShape(op);
        if (succeeded(r) && (*r)[0] == (int64_t)op.getAxis() &&
            product(shapeOf(op.getScale())) > 1)
          return reject(op, "it has one scale per element of the batch dim");
        return r;
      })
      .Case<dnn::BinaryOp, dnn::WhereOp>(
          [&](Operation *op) { return broadcast(op); })
      .Case([&](dnn::MatMulOp op) { return matmul(op); })
      .Case([&](dnn::GenericOp op) { return generic(op); })
      .Case([&](dnn::RnnOp op) { return rnn(op); })
      .Case([&](dnn::ReduceOp op) { return reduce(op); })
      .Case([&](dnn::TransposeOp op) -> Result {
        int64_t a = *axisOf(op.getInput());
        return ResultAxes{llvm::find(op.getPerm(), a) - op.getPerm().begin()};
      })
      .Case([&](dnn::ConcatOp op) { return concat(op); })
      .Case([&](dnn::SplitOp op) -> Result {
        int64_t a = *axisOf(op.getInput());
        if (a == (int64_t)op.getAxis())
          return reject(op, "it splits along the batch dim " + Twine(a));
        return ResultAxes(op.getNumResults(), a);
      })
      .Case([&](dnn::SliceOp op) { return slice(op); })
      .Case([&](dnn::GatherOp op) { return gather(op); })
      .Case([&](dnn::ExpandOp op) -> Result {
        int64_t a = *axisOf(op.getInput());
        return ResultAxes{a + (int64_t)shapeOf(op.getOutput()).size() -
                          (int64_t)shapeOf(op.getInput()).size()};
      })
      .Case([&](dnn::PadOp op) -> Result {
        int64_t a = *axisOf(op.getInput());
        int64_t rank = shapeOf(op.getInput()).size();
        if (op.getPads()[a] != 0 || op.getPads()[rank + a] != 0)
          return reject(op, "it pads the batch dim " + Twine(a));
        return ResultAxes{a};
      })
      .Case([&](dnn::ReshapeOp op) { return reshape(op); })
      .Case([&](dnn::RearrangeOp op) -> Result {
        if (op.getOpType() != "DepthToSpace" &&
            op.getOpType() != "SpaceToDepth")
          return reject(op, "no rule says where " + op.getOpType() +
                                " puts the batch");
        return keepDimZero(op);
      })
      .Case([&](dnn::OpaqueOp op) -> Result {
        return reject(op, "the op is not modeled (opaque): its result "
                          "shapes were fixed at import");
      })
      .Default([&](Operation *op) -> Result {
        return reject(op, "no rule says where this op puts the batch");
      });
}

LogicalResult Rebatcher::run(func::FuncOp func) {
  for (Operation &op : func.getBody().getOps()) {
    if (isa<func::ReturnOp>(op) ||
        llvm::none_of(op.getOperands(),
                      [&](Value v) { return axisOf(v).has_value(); }))
      continue;
    // A mapping and its costs hold for the workload they were made for.
    for (NamedAttribute attr : op.getDiscardableAttrs())
      if (attr.getName().getValue().starts_with("accel."))
        return reject(&op, "it carries " + attr.getName().getValue() +
                               ", made for the batch " + Twine(oldBatch) +
                               " (set the batch before evaluating)");
    FailureOr<ResultAxes> result = rule(&op);
    if (failed(result))
      return failure();
    for (auto [value, axis] : llvm::zip_equal(op.getResults(), *result)) {
      if (!axis)
        continue;
      int64_t size = shapeOf(value)[*axis];
      if (size != oldBatch)
        return reject(
            &op, "result #" + Twine(cast<OpResult>(value).getResultNumber()) +
                     " has size " + Twine(size) + " along dim " + Twine(*axis) +
                     ", where its operands carry "
                     "the batch " +
                     Twine(oldBatch));
      retype(value, *axis);
    }
    if (failed(verifyRebatched(&op)))
      return failure();
  }
  Operation *ret = func.getBody().back().getTerminator();
  func.setType(FunctionType::get(func.getContext(),
                                 func.getBody().getArgumentTypes(),
                                 ret->getOperandTypes()));
  return success();
}

/// The batch the model was imported at: `dnn.batch`, else dim 0 of the
/// first input of rank 2 or more (the importer's rule).
static std::optional<int64_t> modelBatch(ModuleOp module) {
  if (auto b = module->getAttrOfType<IntegerAttr>("dnn.batch"))
    return b.getInt();
  for (auto func : module.getOps<func::FuncOp>())
    for (Type t : func.getArgumentTypes())
      if (auto ranked = dyn_cast<RankedTensorType>(t);
          ranked && ranked.getRank() >= 2 && !ranked.isDynamicDim(0))
        return ranked.getDimSize(0);
  return std::nullopt;
}

namespace {
struct DnnSetBatch : dnnopt::impl::DnnSetBatchBase<DnnSetBatch> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (batch == 0)
      return;
    std::optional<int64_t> oldBatch = modelBatch(module);
    if (!oldBatch) {
      emitError(module.getLoc())
          << "cannot set the batch to " << uint64_t(batch)
          << ": the model states no batch (no dnn.batch and "
             "no input of rank 2 or more)";
      return signalPassFailure();
    }
    int64_t newBatch = batch;
    if (*oldBatch == newBatch)
      return;
    bool seeded = false;
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Rebatcher rebatcher(*oldBatch, newBatch);
      for (BlockArgument arg : func.getArguments()) {
        auto type = dyn_cast<RankedTensorType>(arg.getType());
        if (!type || type.getRank() < 1 || type.getDimSize(0) != *oldBatch ||
            func.getArgAttr(arg.getArgNumber(), "dnn.shape_given"))
          continue;
        rebatcher.seed(arg);
        seeded = true;
      }
      if (failed(rebatcher.run(func)))
        return signalPassFailure();
    }
    if (!seeded) {
      emitError(module.getLoc())
          << "cannot set the batch to " << newBatch
          << ": no input holds the model's batch " << *oldBatch
          << " along dim 0 except those whose shape "
             "--input-shape fixed";
      return signalPassFailure();
    }
    module->setAttr(
        "dnn.batch",
        IntegerAttr::get(IntegerType::get(&getContext(), 64), newBatch));
    // Every op was checked as it was retyped; the functions' types too.
    if (failed(verify(module)))
      return signalPassFailure();
  }
};

} // namespace

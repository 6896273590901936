//===- ExportJSON.cpp - model statistics as JSON --------------------------===//
//
// One row per op of every function, from the workload interface (MACs,
// other operations) and operand types (weights, activations); totals over
// the module. Schema: docs/json-schema.md.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/JSON/ExportJSON.h"
#include "dnn/DnnOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace dnnopt;
namespace json = llvm::json;

/// The name a report shows for `op`: its ONNX node name when it has one.
static std::string opName(Operation *op) {
  Location loc = op->getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (isa<NameLoc>(l)) {
        loc = l;
        break;
      }
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  std::string s;
  llvm::raw_string_ostream os(s);
  loc.print(os);
  return s;
}

/// The kind column: the op's mnemonic, refined by its kind attribute.
static std::string opKind(Operation *op) {
  std::string kind = op->getName().stripDialect().str();
  if (auto opaque = dyn_cast<dnn::OpaqueOp>(op))
    return kind + "." + opaque.getOpType().str();
  if (auto r = dyn_cast<dnn::RearrangeOp>(op))
    return kind + "." + r.getOpType().str();
  StringRef sub;
  if (auto u = dyn_cast<dnn::UnaryOp>(op))
    sub = dnn::stringifyUnaryKind(u.getKind());
  else if (auto b = dyn_cast<dnn::BinaryOp>(op))
    sub = dnn::stringifyBinaryKind(b.getKind());
  else if (auto p = dyn_cast<dnn::PoolOp>(op))
    sub = dnn::stringifyPoolKind(p.getKind());
  else if (auto r = dyn_cast<dnn::ReduceOp>(op))
    sub = dnn::stringifyReduceKind(r.getKind());
  else if (auto n = dyn_cast<dnn::NormOp>(op))
    sub = dnn::stringifyNormKind(n.getKind());
  if (!sub.empty())
    kind += "." + sub.str();
  return kind;
}

static int64_t numElements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  return shaped.getNumElements();
}

static json::Array shapes(TypeRange types) {
  json::Array out;
  for (Type t : types) {
    json::Array dims;
    if (auto shaped = dyn_cast<ShapedType>(t))
      for (int64_t d : shaped.getShape())
        dims.push_back(ShapedType::isDynamic(d) ? json::Value(nullptr)
                                                : json::Value(d));
    out.push_back(std::move(dims));
  }
  return out;
}

json::Value dnnopt::buildStatsJSON(ModuleOp module) {
  json::Array rows;
  int64_t totalMacs = 0, totalActivations = 0, numOps = 0, unmodeled = 0;
  // A weight used in two layouts (a transposed or reshaped view) appears as
  // two dnn.weight ops with one name: count it once.
  llvm::StringSet<> weightsSeen;
  int64_t totalWeights = 0;
  module.walk([&](dnn::WeightOp w) {
    if (weightsSeen.insert(w.getName()).second)
      totalWeights += w.getNumElements();
  });
  module.walk([&](func::FuncOp f) {
    for (BlockArgument arg : f.getArguments())
      totalActivations += numElements(arg.getType());
  });

  module.walk([&](Operation *op) {
    if (!isa<dnn::DnnDialect>(op->getDialect()) ||
        isa<dnn::WeightOp, dnn::ConstantOp>(op))
      return;
    int64_t weights = 0, inputs = 0, outputs = 0;
    for (Value v : op->getOperands()) {
      if (dnn::isWeight(v))
        weights += numElements(v.getType());
      else
        inputs += numElements(v.getType());
    }
    for (Type t : op->getResultTypes())
      outputs += numElements(t);

    json::Object row;
    row["name"] = opName(op);
    row["kind"] = opKind(op);
    row["input_shapes"] = shapes(op->getOperandTypes());
    row["output_shapes"] = shapes(op->getResultTypes());
    int64_t macs = 0;
    double otherOps = 0;
    bool modeled = !isa<dnn::OpaqueOp>(op);
    std::string note;
    if (auto iface = dyn_cast<dnn::WorkloadOpInterface>(op)) {
      dnn::Workload w = iface.getWorkload();
      macs = w.getMacs();
      otherOps = w.getOtherOps();
      modeled = w.kind != dnn::WorkKind::NotModeled;
      note = w.note;
    } else if (modeled) {
      note = "data movement: no arithmetic";
    } else {
      note = "operator not modeled";
    }
    row["macs"] = macs;
    row["other_ops"] = otherOps;
    row["weights"] = weights;
    row["input_activations"] = inputs;
    row["output_activations"] = outputs;
    row["modeled"] = modeled;
    if (!note.empty())
      row["note"] = note;
    rows.push_back(std::move(row));

    totalMacs += macs;
    if (!isa<dnn::ReshapeOp>(op))
      totalActivations += outputs;
    ++numOps;
    if (!modeled)
      ++unmodeled;
  });

  json::Object totals;
  totals["macs"] = totalMacs;
  totals["weights"] = totalWeights;
  totals["activations"] = totalActivations;
  totals["ops"] = numOps;
  totals["unmodeled_ops"] = unmodeled;
  return json::Object{{"ops", std::move(rows)}, {"totals", std::move(totals)}};
}

LogicalResult dnnopt::exportJSON(ModuleOp module, llvm::raw_ostream &os) {
  os << llvm::formatv("{0:2}", buildStatsJSON(module)) << "\n";
  return success();
}

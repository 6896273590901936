//===- ExportJSON.cpp - model statistics as JSON --------------------------===//
//
// One row per op of every function, from the workload interface (MACs,
// other operations) and operand types (weights, activations); totals over
// the module. Schema: docs/json-schema.md.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/JSON/ExportJSON.h"
#include "dnn/DnnOps.h"
#include "dnnopt/Support/DictionaryNumber.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringMap.h"
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

namespace {
/// Sums of the energy breakdowns over the rows (the model's figures come
/// from accel.totals).
struct AnalysisTotals {
  llvm::StringMap<double> byComponent, byDataSpace;
  llvm::SmallVector<std::string> componentOrder;
};
} // namespace

static json::Object breakdown(DictionaryAttr dict) {
  json::Object o;
  if (dict)
    for (NamedAttribute a : dict)
      if (auto f = dyn_cast<FloatAttr>(a.getValue()))
        o[a.getName().str()] = f.getValueAsDouble();
  return o;
}

/// The analysis keys of one op (docs/json-schema.md), from the attributes
/// the evaluation passes attached.
static void addAnalysis(Operation *op, json::Object &row,
                        AnalysisTotals &totals) {
  auto actions = op->getAttrOfType<DictionaryAttr>("accel.actions");
  auto energy = op->getAttrOfType<DictionaryAttr>("accel.energy");
  if (!actions || !energy)
    return;
  row["energy_pJ"] = getNumber(energy, "total_pJ");
  row["cycles"] = (int64_t)getNumber(actions, "cycles");
  row["utilization"] = getNumber(actions, "utilization");
  row["dram_accesses"] = (int64_t)getNumber(actions, "dram_accesses");
  if (auto latency = op->getAttrOfType<DictionaryAttr>("accel.latency")) {
    for (StringRef key : {"latency_s", "throughput_per_s", "power_W"})
      if (latency.get(key))
        row[key] = getNumber(latency, key);
    for (StringRef key : {"network_cycles", "fill_stall_cycles"})
      if (latency.get(key))
        row[key] = (int64_t)getNumber(latency, key);
  }
  auto byComponent = energy.getAs<DictionaryAttr>("by_component_pJ");
  row["energy_by_component_pJ"] = breakdown(byComponent);
  if (auto bySpace = energy.getAs<DictionaryAttr>("by_dataspace_pJ")) {
    row["energy_by_dataspace_pJ"] = breakdown(bySpace);
    for (NamedAttribute a : bySpace)
      totals.byDataSpace[a.getName()] +=
          cast<FloatAttr>(a.getValue()).getValueAsDouble();
  }
  if (byComponent)
    for (NamedAttribute a : byComponent) {
      if (!totals.byComponent.count(a.getName()))
        totals.componentOrder.push_back(a.getName().str());
      totals.byComponent[a.getName()] +=
          cast<FloatAttr>(a.getValue()).getValueAsDouble();
    }
  if (auto levels = actions.getAs<ArrayAttr>("levels")) {
    json::Array out;
    for (Attribute l : levels) {
      auto dict = cast<DictionaryAttr>(l);
      json::Object level;
      for (NamedAttribute a : dict) {
        if (auto s = dyn_cast<DictionaryAttr>(a.getValue())) {
          json::Object space;
          for (NamedAttribute c : s)
            space[c.getName().str()] = cast<IntegerAttr>(c.getValue()).getInt();
          level[a.getName().str()] = std::move(space);
        } else if (auto i = dyn_cast<IntegerAttr>(a.getValue())) {
          level[a.getName().str()] = i.getInt();
        } else if (auto f = dyn_cast<FloatAttr>(a.getValue())) {
          level[a.getName().str()] = f.getValueAsDouble();
        } else if (auto str = dyn_cast<StringAttr>(a.getValue())) {
          level[a.getName().str()] = str.str();
        }
      }
      out.push_back(std::move(level));
    }
    row["levels"] = std::move(out);
  }
  if (auto model = actions.getAs<StringAttr>("model"))
    row["cost_model"] = model.str();
  if (auto bound = actions.getAs<StringAttr>("bound"))
    row["bound"] = bound.str();
  if (auto eyexam = op->getAttrOfType<DictionaryAttr>("accel.eyexam"))
    if (auto steps = eyexam.getAs<DenseF64ArrayAttr>("macs_per_cycle"))
      row["eyexam_macs_per_cycle"] = json::Array(steps.asArrayRef());
}

json::Value dnnopt::buildStatsJSON(ModuleOp module) {
  auto archInfo = module->getAttrOfType<DictionaryAttr>("accel.arch");
  bool evaluated = archInfo != nullptr;
  AnalysisTotals totals;
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
    if (auto m = op->getAttrOfType<BoolAttr>("accel.modeled");
        m && !m.getValue()) {
      modeled = false;
      if (auto reason = op->getAttrOfType<StringAttr>("accel.reason"))
        note = reason.str();
    }
    row["modeled"] = modeled;
    if (!note.empty())
      row["note"] = note;
    if (evaluated)
      addAnalysis(op, row, totals);
    rows.push_back(std::move(row));

    totalMacs += macs;
    if (!isa<dnn::ReshapeOp>(op))
      totalActivations += outputs;
    ++numOps;
    if (!modeled)
      ++unmodeled;
  });

  json::Object out;
  out["macs"] = totalMacs;
  out["weights"] = totalWeights;
  out["activations"] = totalActivations;
  out["ops"] = numOps;
  out["unmodeled_ops"] = unmodeled;
  if (evaluated) {
    // The model's figures, as accel-estimate-latency summed them.
    auto modelTotals = module->getAttrOfType<DictionaryAttr>("accel.totals");
    for (StringRef key : {"energy_pJ", "latency_s", "throughput_per_s",
                          "power_W", "utilization"})
      out[key] = getNumber(modelTotals, key);
    for (StringRef key : {"cycles", "dram_accesses"})
      out[key] = (int64_t)getNumber(modelTotals, key);
    if (modelTotals)
      if (auto steps =
              modelTotals.getAs<DenseF64ArrayAttr>("eyexam_macs_per_cycle"))
        out["eyexam_macs_per_cycle"] = json::Array(steps.asArrayRef());
    json::Object byComponent, bySpace;
    for (const std::string &c : totals.componentOrder)
      byComponent[c] = totals.byComponent[c];
    for (auto &e : totals.byDataSpace)
      bySpace[e.getKey().str()] = e.getValue();
    out["energy_by_component_pJ"] = std::move(byComponent);
    out["energy_by_dataspace_pJ"] = std::move(bySpace);
    out["batch"] = (int64_t)(modelTotals && modelTotals.get("batch")
                                 ? getNumber(modelTotals, "batch")
                                 : 1);
    if (auto accuracy = module->getAttrOfType<StringAttr>("accel.accuracy"))
      out["accuracy"] = accuracy.str();
    json::Object arch;
    for (NamedAttribute a : archInfo) {
      if (auto str = dyn_cast<StringAttr>(a.getValue()))
        arch[a.getName().str()] = str.str();
      else if (auto f = dyn_cast<FloatAttr>(a.getValue()))
        arch[a.getName().str()] = f.getValueAsDouble();
      else if (auto i = dyn_cast<IntegerAttr>(a.getValue()))
        arch[a.getName().str()] = i.getInt();
    }
    out["arch"] = std::move(arch);
  }
  json::Object doc{{"ops", std::move(rows)}, {"totals", std::move(out)}};
  // The model's name as the importer recorded it, for report titles.
  if (auto model = module->getAttrOfType<StringAttr>("dnn.model"))
    doc["model"] = model.getValue();
  return doc;
}

LogicalResult dnnopt::exportJSON(ModuleOp module, llvm::raw_ostream &os) {
  os << llvm::formatv("{0:2}", buildStatsJSON(module)) << "\n";
  return success();
}

/// Formats a count with a metric suffix (1.23M) for the table.
static std::string humanCount(double v) {
  const char *suffix[] = {"", "K", "M", "G", "T"};
  int i = 0;
  while (std::abs(v) >= 1000.0 && i < 4) {
    v /= 1000.0;
    ++i;
  }
  return llvm::formatv(i == 0 ? "{0:F0}" : "{0:F2}{1}", v, suffix[i]).str();
}

LogicalResult dnnopt::exportTable(ModuleOp module, llvm::raw_ostream &os) {
  json::Value doc = buildStatsJSON(module);
  json::Object &root = *doc.getAsObject();
  auto shape = [](const json::Value *v) {
    std::string s;
    if (!v || !v->getAsArray() || v->getAsArray()->empty())
      return s;
    const json::Array &first = *(*v->getAsArray())[0].getAsArray();
    for (size_t i = 0; i < first.size(); ++i) {
      if (i)
        s += "x";
      std::optional<int64_t> d = first[i].getAsInteger();
      s += d ? std::to_string(*d) : "?";
    }
    return s;
  };
  size_t nameWidth = 4;
  for (const json::Value &row : *root.getArray("ops"))
    nameWidth =
        std::max(nameWidth, row.getAsObject()->getString("name")->size());
  nameWidth = std::min<size_t>(nameWidth, 48);
  const json::Object &t = *root.getObject("totals");
  bool evaluated = t.get("energy_pJ") != nullptr;
  std::string fmt = "{0,-" + std::to_string(nameWidth) +
                    "} {1,-16} {2,-18} {3,10} {4,10} {5,10} {6,10}";
  std::string analysisFmt = " {0,12} {1,12} {2,6}";
  os << llvm::formatv(fmt.c_str(), "name", "kind", "output", "MACs",
                      "other ops", "weights", "out act.");
  if (evaluated)
    os << llvm::formatv(analysisFmt.c_str(), "energy uJ", "cycles", "util");
  os << "\n";
  for (const json::Value &row : *root.getArray("ops")) {
    const json::Object &r = *row.getAsObject();
    std::string name = r.getString("name")->str();
    if (name.size() > nameWidth)
      name = name.substr(0, nameWidth - 1) + "~";
    std::string kind = r.getString("kind")->str();
    if (!*r.getBoolean("modeled"))
      kind += " (not modeled)";
    os << llvm::formatv(fmt.c_str(), name, kind, shape(r.get("output_shapes")),
                        humanCount(*r.getInteger("macs")),
                        humanCount(*r.getNumber("other_ops")),
                        humanCount(*r.getInteger("weights")),
                        humanCount(*r.getInteger("output_activations")));
    if (evaluated && r.get("energy_pJ"))
      os << llvm::formatv(
          analysisFmt.c_str(),
          llvm::formatv("{0:F3}", *r.getNumber("energy_pJ") / 1e6),
          humanCount(*r.getInteger("cycles")),
          llvm::formatv("{0:P0}", *r.getNumber("utilization")));
    os << "\n";
  }
  os << llvm::formatv("total: {0} ops ({1} not modeled), {2} MACs, {3} "
                      "weights, {4} activations\n",
                      *t.getInteger("ops"), *t.getInteger("unmodeled_ops"),
                      humanCount(*t.getInteger("macs")),
                      humanCount(*t.getInteger("weights")),
                      humanCount(*t.getInteger("activations")));
  if (evaluated)
    os << llvm::formatv(
        "on {0}: energy {1:F3} mJ, {2} cycles, latency {3:F3} ms at batch "
        "{4}, {5:F2} inferences/s, power {6:F3} W, utilization {7:P1}, "
        "{8} DRAM accesses\n",
        *t.getObject("arch")->getString("name"),
        *t.getNumber("energy_pJ") / 1e9, humanCount(*t.getInteger("cycles")),
        *t.getNumber("latency_s") * 1e3, *t.getInteger("batch"),
        *t.getNumber("throughput_per_s"), *t.getNumber("power_W"),
        *t.getNumber("utilization"),
        humanCount(*t.getInteger("dram_accesses")));
  return success();
}

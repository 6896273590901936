//===- ArchSpec.cpp - plain-data view of an accel.arch --------------------===//
//
// Resolves every action of every component to a number with its source:
// explicit `#accel.action`s first, then the energy model named on the
// component or the arch, and picks the energies the counts use by
// Timeloop's action priority (accel::getActionAliases).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Cost/ArchSpec.h"
#include "accel/AccelOps.h"
#include "dnnopt/Cost/TechnologyScaling.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir;
using namespace dnnopt;

/// The ERT action names a model is asked for, by kind of component.
static ArrayRef<StringRef> getModelActions(ComponentQuery::Kind kind) {
  static const StringRef storage[] = {"read", "write", "update", "leak"};
  static const StringRef compute[] = {"compute", "leak"};
  static const StringRef crossbar[] = {"crossbar_mac", "dac_convert",
                                       "adc_convert", "leak"};
  static const StringRef network[] = {"transfer"};
  switch (kind) {
  case ComponentQuery::Kind::Storage:
    return storage;
  case ComponentQuery::Kind::Compute:
    return compute;
  case ComponentQuery::Kind::Crossbar:
    return crossbar;
  case ComponentQuery::Kind::Network:
    return network;
  }
  return {};
}

static std::string attrText(Attribute attr) {
  if (auto integer = dyn_cast<IntegerAttr>(attr))
    return std::to_string(integer.getInt());
  if (auto str = dyn_cast<StringAttr>(attr))
    return str.getValue().str();
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto fl = dyn_cast<FloatAttr>(attr))
    os << fl.getValueAsDouble();
  else
    attr.print(os);
  return text;
}

/// The action of `actions` that stands for Timeloop action `what`: first
/// alias present, largest energy among argument variants.
static const ActionEnergy *findResolved(ArrayRef<ActionEnergy> actions,
                                        StringRef what) {
  ArrayRef<StringRef> aliases = accel::getActionAliases(what);
  SmallVector<StringRef, 1> self{what};
  if (aliases.empty())
    aliases = self;
  for (StringRef alias : aliases) {
    const ActionEnergy *best = nullptr;
    for (const ActionEnergy &action : actions)
      if (action.name == alias && (!best || action.energyPJ > best->energyPJ))
        best = &action;
    if (best)
      return best;
  }
  return nullptr;
}

namespace {
/// Fills the common part of a component and resolves its energies.
class Resolver {
public:
  explicit Resolver(accel::ArchOp arch) : arch(arch) {}

  /// Collects explicit actions, then the model's for the actions not listed.
  LogicalResult collect(Operation *op, ArrayAttr explicitActions,
                        const ComponentQuery &query, ComponentSpec &spec) {
    for (auto action : explicitActions.getAsRange<accel::ActionAttr>()) {
      ActionEnergy entry;
      entry.name = action.getName().str();
      entry.energyPJ = action.getEnergyPJ();
      entry.source = action.getSource().str();
      if (auto args = action.getArguments())
        for (NamedAttribute arg : args)
          entry.arguments.push_back(
              {arg.getName().str(), attrText(arg.getValue())});
      spec.actions.push_back(std::move(entry));
    }
    StringRef modelName = arch.getEnergyModelFor(op);
    model = nullptr;
    if (!modelName.empty()) {
      model = lookupEnergyModel(modelName);
      if (!model) {
        std::string known;
        llvm::raw_string_ostream os(known);
        llvm::interleaveComma(getEnergyModelNames(), os);
        return op->emitError()
               << "'" << spec.name << "': unknown energy model '" << modelName
               << "' (known: " << known << ")";
      }
      size_t numExplicit = spec.actions.size();
      auto listed = [&](StringRef name) {
        return llvm::any_of(
            ArrayRef(spec.actions).take_front(numExplicit),
            [&](const ActionEnergy &entry) { return entry.name == name; });
      };
      for (StringRef action : getModelActions(query.kind)) {
        // The model fills in an action unless the explicit ones already
        // cover every Timeloop role it plays: an explicit `write` is also
        // the update of a level, so the model adds no `update` then.
        bool covered = listed(action);
        if (!covered) {
          SmallVector<StringRef, 2> roles;
          for (StringRef role :
               {"read", "fill", "update", "leak", "compute", "crossbar_mac",
                "dac_convert", "adc_convert", "transfer"})
            if (llvm::is_contained(accel::getActionAliases(role), action))
              roles.push_back(role);
          covered = !roles.empty() && llvm::all_of(roles, [&](StringRef role) {
            return llvm::any_of(accel::getActionAliases(role), listed);
          });
        }
        if (covered)
          continue;
        if (auto estimate = model->getEnergyPJ(query, action))
          spec.actions.push_back(
              {action.str(), {}, estimate->value, estimate->source});
      }
    }
    // Area: explicit, else the model's.
    if (auto area = op->getAttrOfType<FloatAttr>("area_um2")) {
      auto source = op->getAttrOfType<StringAttr>("area_source");
      spec.areaUM2 = Estimate{area.getValueAsDouble(),
                              source ? source.getValue().str() : "given"};
    } else if (model) {
      spec.areaUM2 = model->getAreaUM2(query);
    }
    return success();
  }

  /// The energy the counts use for Timeloop action `what`; an error when it
  /// is `required` and missing.
  FailureOr<Estimate> resolve(Operation *op, const ComponentSpec &spec,
                              StringRef what, bool required) {
    if (const ActionEnergy *action = findResolved(spec.actions, what))
      return Estimate{action->energyPJ, action->source};
    if (!required)
      return Estimate{0, "not given (no such action listed and no model "
                         "gives one)"};
    InFlightDiagnostic diag = op->emitError()
                              << "'" << spec.name << "': no energy for action '"
                              << what << "'";
    StringRef modelName = arch.getEnergyModelFor(op);
    if (modelName.empty())
      diag << ": no explicit action and no energy_model";
    else
      diag << ": energy model '" << modelName << "' does not cover class '"
           << spec.componentClass
           << "' (or lacks a size, width or "
              "precision it needs)";
    if (auto type = op->getAttrOfType<StringAttr>("technology");
        type && StringRef(spec.componentClass).contains_insensitive("dram") &&
        !getDRAMPJPerBit(type.getValue()))
      diag << "; DRAM type '" << type.getValue()
           << "' is not in the DRAM table (LPDDR4, DDR4, GDDR5, HBM2)";
    return failure();
  }

private:
  accel::ArchOp arch;
  const EnergyModel *model = nullptr;
};
} // namespace

/// The plain form of a verified `constraints` dictionary.
static LevelConstraintText getConstraintText(DictionaryAttr dict) {
  LevelConstraintText text;
  auto strings = [](Attribute attr, auto &out) {
    if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
      for (auto s : array.getAsRange<StringAttr>())
        out.push_back(s.str());
  };
  for (auto [key, loops] : {std::pair<StringRef, LevelConstraintText::Loops *>{
                                "temporal", &text.temporal},
                            {"spatial", &text.spatial}}) {
    auto inner = dict.getAs<DictionaryAttr>(key);
    if (!inner)
      continue;
    loops->present = true;
    strings(inner.get("factors"), loops->factors);
    strings(inner.get("permutation"), loops->permutation);
    if (auto split = inner.getAs<IntegerAttr>("split"))
      loops->split = split.getInt();
  }
  if (auto dataspace = dict.getAs<DictionaryAttr>("dataspace")) {
    strings(dataspace.get("keep"), text.keep);
    strings(dataspace.get("bypass"), text.bypass);
  }
  if (auto source = dict.getAs<StringAttr>("source"))
    text.source = source.str();
  return text;
}

StringRef dnnopt::stringifyDataSpace(DataSpace space) {
  switch (space) {
  case DataSpace::Weights:
    return "Weights";
  case DataSpace::Inputs:
    return "Inputs";
  case DataSpace::Outputs:
    return "Outputs";
  }
  return "";
}

static std::array<bool, kNumDataSpaces> keepsFrom(accel::DataSpaces keep) {
  return {accel::bitEnumContainsAny(keep, accel::DataSpaces::Weights),
          accel::bitEnumContainsAny(keep, accel::DataSpaces::Inputs),
          accel::bitEnumContainsAny(keep, accel::DataSpaces::Outputs)};
}

/// Expands the crossbar that `spec.compute` describes into Timeloop's terms
/// (after CiMLoop): a level of weight cells, one instance per crossbar,
/// holding `rows x weights per row` weights; below it a fan-out of the
/// weights of a row (X, sharing the row's input) by the rows (Y, adding up
/// on the columns when the crossbar accumulates in analog); one logical MAC
/// per weight. Operands are as wide as the words of the innermost level.
static LogicalResult expandCrossbar(accel::CrossbarOp xbar, ArchSpec &spec) {
  ComputeSpec &compute = spec.compute;
  if (spec.levels.empty())
    return xbar.emitError() << "a crossbar needs a storage level above it";
  int64_t operandBits = spec.levels.back().wordBits;
  compute.precisionBits = operandBits;
  compute.columnsPerWeight =
      (operandBits + compute.cellBits - 1) / compute.cellBits;
  compute.inputSlices = (operandBits + compute.dacBits - 1) / compute.dacBits;
  if (compute.columns < compute.columnsPerWeight)
    return xbar.emitError()
           << "a " << operandBits << "-bit weight needs "
           << compute.columnsPerWeight << " columns of " << compute.cellBits
           << "-bit cells; the crossbar has " << compute.columns;
  int64_t weightsPerRow = compute.columns / compute.columnsPerWeight;
  // One input slice drives the rows, then the ADCs read the columns they
  // share, one column per sample.
  double samplesPerCycle = compute.adcMHz / std::max(spec.clockMHz, 1e-9);
  int64_t readout = (int64_t)std::ceil(
      (double)std::min(compute.columnsPerAdc, compute.columns) /
      samplesPerCycle);
  compute.cyclesPerCompute =
      compute.inputSlices * std::max<int64_t>(readout, 1);
  compute.crossbars = compute.instances;

  StorageLevelSpec cells;
  cells.name = compute.name + ".cells";
  cells.componentClass = "crossbar cells";
  cells.crossbarCells = true;
  cells.sizeWords = compute.rows * weightsPerRow;
  cells.wordBits = operandBits;
  cells.instances = compute.crossbars;
  cells.meshX = compute.meshX;
  cells.meshY = compute.crossbars / compute.meshX;
  cells.keepsSpace = {true, false, false};
  cells.fanoutAbove = compute.fanoutAbove;
  cells.readPJ = {0, "in the crossbar's cell operations"};
  cells.fillPJ = {0, "weights are written before the run (not counted)"};
  cells.updatePJ = cells.leakPJ = {0, "not needed"};
  cells.areaUM2 = Estimate{0, "in the crossbar's area"};
  spec.levels.push_back(std::move(cells));

  FanoutSpec array;
  array.meshX = weightsPerRow;
  array.meshY = compute.rows;
  array.multicast = true;
  array.spatialReduction = xbar.getAnalogAccumulation();
  array.crossbar = true;
  compute.fanoutAbove = array;
  compute.instances = compute.crossbars * compute.rows * weightsPerRow;
  compute.meshX = compute.meshX * weightsPerRow;
  compute.meshY = compute.instances / compute.meshX;
  return success();
}

FailureOr<ArchSpec> dnnopt::buildArchSpec(accel::ArchOp arch) {
  ArchSpec spec;
  spec.name = arch.getSymName().str();
  spec.clockMHz = arch.getClockMhz().convertToDouble();
  if (auto tech = arch.getTechnologyNm())
    spec.technologyNM = tech->convertToDouble();
  if (spec.technologyNM < kMinScalableNodeNM ||
      spec.technologyNM > kMaxScalableNodeNM)
    return arch.emitError() << "technology_nm " << spec.technologyNM
                            << " is outside the range energy models scale "
                               "to (7 to 130 nm)";

  Resolver resolver(arch);
  FanoutSpec pending;
  bool haveCompute = false;
  for (Operation &op : arch.getBody().front()) {
    ComponentQuery query;
    query.technologyNM = spec.technologyNM;
    query.clockMHz = spec.clockMHz;
    if (auto fanout = dyn_cast<accel::FanoutOp>(op)) {
      pending.meshX *= fanout.getMeshX();
      pending.meshY *= fanout.getMeshY();
      pending.multicast = fanout.getMulticast();
      pending.spatialReduction = fanout.getSpatialReduction();
      // Fan-outs in a row: the narrowest network binds.
      if (std::optional<APFloat> bw = fanout.getBandwidth())
        pending.bandwidth =
            std::min(pending.bandwidth.value_or(bw->convertToDouble()),
                     bw->convertToDouble());
      ComponentSpec network;
      network.name = fanout.getSymName().str();
      query.kind = ComponentQuery::Kind::Network;
      query.name = network.name;
      query.wordBits = fanout.getWordBits().value_or(0);
      if (failed(resolver.collect(&op, fanout.getActions(), query, network)))
        return failure();
      if (const ActionEnergy *transfer =
              findResolved(network.actions, "transfer"))
        pending.transferPJ = {transfer->energyPJ, transfer->source};
      network.componentClass = "network";
      network.meshX = fanout.getMeshX();
      network.meshY = fanout.getMeshY();
      spec.networks.push_back(std::move(network));
      continue;
    }
    if (auto storage = dyn_cast<accel::StorageOp>(op)) {
      StorageLevelSpec level;
      level.name = storage.getSymName().str();
      level.componentClass = storage.getComponentClass().str();
      level.technology = storage.getTechnology().value_or("").str();
      level.sizeWords = storage.getSizeWords().has_value()
                            ? std::optional<int64_t>(*storage.getSizeWords())
                            : std::nullopt;
      level.wordBits = storage.getWordBits();
      level.blockSize = storage.getBlockSize();
      auto toDouble = [](std::optional<llvm::APFloat> value) {
        return value ? std::optional<double>(value->convertToDouble())
                     : std::nullopt;
      };
      level.readBandwidth = toDouble(storage.getReadBandwidth());
      level.writeBandwidth = toDouble(storage.getWriteBandwidth());
      level.sharedBandwidth = toDouble(storage.getSharedBandwidth());
      level.multipleBuffering =
          storage.getMultipleBuffering().convertToDouble();
      level.ports = storage.getPorts();
      level.instances = storage.getInstances();
      level.meshX = storage.getMeshX();
      level.meshY = level.instances / level.meshX;
      level.keepsSpace = keepsFrom(storage.getKeep());
      if (DictionaryAttr dict = storage.getConstraintsAttr())
        level.constraints = getConstraintText(dict);
      level.fanoutAbove = pending;
      pending = FanoutSpec();

      query.kind = ComponentQuery::Kind::Storage;
      query.name = level.name;
      query.componentClass = level.componentClass;
      query.technology = level.technology;
      query.sizeWords = level.sizeWords;
      query.wordBits = level.wordBits;
      query.blockSize = level.blockSize;
      query.ports = level.ports;
      if (!level.holdsNothing()) {
        if (failed(resolver.collect(&op, storage.getActions(), query, level)))
          return failure();
        bool keepsOutputs = level.keeps(DataSpace::Outputs);
        auto read = resolver.resolve(&op, level, "read", true);
        if (failed(read))
          return failure();
        auto fill = resolver.resolve(&op, level, "fill", true);
        if (failed(fill))
          return failure();
        auto update = resolver.resolve(&op, level, "update", keepsOutputs);
        if (failed(update))
          return failure();
        level.readPJ = *read;
        level.fillPJ = *fill;
        level.updatePJ = *update;
        level.leakPJ = *resolver.resolve(&op, level, "leak", false);
      } else {
        Estimate unused{0, "not needed (the level holds nothing)"};
        level.readPJ = level.fillPJ = level.updatePJ = level.leakPJ = unused;
      }
      spec.levels.push_back(std::move(level));
      continue;
    }
    ComputeSpec &compute = spec.compute;
    compute.fanoutAbove = pending;
    pending = FanoutSpec();
    haveCompute = true;
    if (auto mac = dyn_cast<accel::ComputeOp>(op)) {
      compute.name = mac.getSymName().str();
      compute.componentClass = mac.getComponentClass().str();
      compute.instances = mac.getInstances();
      compute.meshX = mac.getMeshX();
      compute.precisionBits = mac.getPrecisionBits();
      compute.isFloat = mac.getNumber() == accel::NumberKind::Float;
      query.kind = ComponentQuery::Kind::Compute;
      query.name = compute.name;
      query.componentClass = compute.componentClass;
      query.precisionBits = compute.precisionBits;
      query.isFloat = compute.isFloat;
      if (failed(resolver.collect(&op, mac.getActions(), query, compute)))
        return failure();
      auto macPJ = resolver.resolve(&op, compute, "compute", true);
      auto leak = resolver.resolve(&op, compute, "leak", false);
      if (failed(macPJ) || failed(leak))
        return failure();
      compute.macPJ = *macPJ;
      compute.leakPJ = *leak;
    } else if (auto xbar = dyn_cast<accel::CrossbarOp>(op)) {
      compute.name = xbar.getSymName().str();
      compute.componentClass = "crossbar";
      compute.isCrossbar = true;
      compute.instances = xbar.getInstances();
      compute.meshX = xbar.getMeshX();
      compute.rows = xbar.getRows();
      compute.columns = xbar.getColumns();
      compute.cellBits = xbar.getCellBits();
      compute.dacBits = xbar.getDacBits();
      compute.adcBits = xbar.getAdcBits();
      compute.columnsPerAdc = xbar.getColumnsPerAdc();
      compute.adcMHz = xbar.getAdcMhz().convertToDouble();
      compute.precisionBits = compute.cellBits;
      query.kind = ComponentQuery::Kind::Crossbar;
      query.name = compute.name;
      query.componentClass = "crossbar";
      query.rows = compute.rows;
      query.columns = compute.columns;
      query.cellBits = compute.cellBits;
      query.dacBits = compute.dacBits;
      query.adcBits = compute.adcBits;
      query.columnsPerAdc = compute.columnsPerAdc;
      query.adcMHz = compute.adcMHz;
      if (failed(resolver.collect(&op, xbar.getActions(), query, compute)))
        return failure();
      auto cell = resolver.resolve(&op, compute, "crossbar_mac", true);
      if (failed(cell))
        return failure();
      auto dac = resolver.resolve(&op, compute, "dac_convert", true);
      if (failed(dac))
        return failure();
      auto adc = resolver.resolve(&op, compute, "adc_convert", true);
      if (failed(adc))
        return failure();
      auto leak = resolver.resolve(&op, compute, "leak", false);
      compute.macPJ = *cell;
      compute.dacPJ = *dac;
      compute.adcPJ = *adc;
      compute.leakPJ = *leak;
      if (failed(expandCrossbar(xbar, spec)))
        return failure();
      continue;
    }
    compute.meshY = compute.instances / compute.meshX;
  }
  if (!haveCompute)
    return arch.emitError() << "'" << spec.name << "' has no compute unit";
  if (spec.levels.empty())
    return arch.emitError() << "'" << spec.name
                            << "' has no storage level: the outermost level "
                               "(DRAM) holds the problem";
  return spec;
}

//===- AccelOps.cpp - verifiers of the accel ops --------------------------===//
//
// What an accelerator description must satisfy to be buildable: positive
// sizes, instance counts that equal the product of the fan-outs above, and an
// energy (explicit or from a model) for every action the counts need. Every
// message names the component and the field.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace accel;

#define GET_OP_CLASSES
#include "accel/AccelOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Action vocabulary
//===----------------------------------------------------------------------===//

ArrayRef<StringRef> accel::getActionAliases(StringRef what) {
  // Timeloop's priority lists (model/topology.hpp), as summarized in
  // TIMELOOP-SEMANTICS.md §7.
  static const StringRef read[] = {"random_read", "read"};
  static const StringRef fill[] = {"random_fill", "random_write", "fill",
                                   "write"};
  static const StringRef update[] = {"random_update", "random_write", "update",
                                     "write"};
  static const StringRef leak[] = {"leak"};
  static const StringRef compute[] = {"mac_random", "mult_random", "mac",
                                      "mult", "compute"};
  static const StringRef crossbarMac[] = {"crossbar_mac"};
  static const StringRef dac[] = {"dac_convert"};
  static const StringRef adc[] = {"adc_convert"};
  static const StringRef transfer[] = {"transfer_random", "transfer"};
  return llvm::StringSwitch<ArrayRef<StringRef>>(what)
      .Case("read", read)
      .Case("fill", fill)
      .Case("update", update)
      .Case("leak", leak)
      .Case("compute", compute)
      .Case("crossbar_mac", crossbarMac)
      .Case("dac_convert", dac)
      .Case("adc_convert", adc)
      .Case("transfer", transfer)
      .Default({});
}

ActionAttr accel::findAction(ArrayAttr actions, StringRef what) {
  if (!actions)
    return nullptr;
  ArrayRef<StringRef> aliases = getActionAliases(what);
  SmallVector<StringRef, 1> self{what};
  if (aliases.empty())
    aliases = self;
  for (StringRef alias : aliases) {
    ActionAttr best;
    for (auto action : actions.getAsRange<ActionAttr>())
      if (action.getName() == alias &&
          (!best || action.getEnergyPJ() > best.getEnergyPJ()))
        best = action;
    if (best)
      return best;
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// `'accel.storage' op 'GlobalBuffer': ` style prefix for a component.
static InFlightDiagnostic componentError(Operation *op) {
  auto name = op->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
  return op->emitOpError() << "'" << (name ? name.getValue() : "?") << "': ";
}

/// Checks the integer attribute `field` of `op` (signed: the generated
/// getters return it unsigned); an absent attribute has a positive default.
static LogicalResult checkPositive(Operation *op, StringRef field) {
  auto attr = op->getAttrOfType<IntegerAttr>(field);
  if (!attr || attr.getInt() > 0)
    return success();
  return componentError(op)
         << field << " must be positive, got " << attr.getInt();
}

static LogicalResult checkPositive(Operation *op, StringRef field,
                                   double value) {
  if (value > 0 && std::isfinite(value))
    return success();
  return componentError(op) << field << " must be positive, got " << value;
}

static LogicalResult checkPositive(Operation *op, StringRef field,
                                   std::optional<llvm::APFloat> value) {
  if (!value)
    return success();
  return checkPositive(op, field, value->convertToDouble());
}

static LogicalResult checkMesh(Operation *op, int64_t instances,
                               int64_t meshX) {
  if (failed(checkPositive(op, "instances")) ||
      failed(checkPositive(op, "mesh_x")))
    return failure();
  if (instances % meshX != 0)
    return componentError(op)
           << "mesh_x " << meshX << " does not divide instances " << instances;
  return success();
}

static LogicalResult checkActions(Operation *op, ArrayAttr actions) {
  for (auto action : actions.getAsRange<ActionAttr>())
    if (!(action.getEnergyPJ() >= 0) || !std::isfinite(action.getEnergyPJ()))
      return componentError(op)
             << "energy of action '" << action.getName()
             << "' must be a non-negative number, got " << action.getEnergyPJ();
  return success();
}

/// Checks the shape of a storage level's `constraints` dictionary (see
/// AccelOps.td): known keys, and values of the right kinds. What the names
/// mean is checked when a problem is mapped.
static LogicalResult checkConstraints(Operation *op, DictionaryAttr dict) {
  auto isStringArray = [](Attribute attr) {
    auto array = dyn_cast<ArrayAttr>(attr);
    return array && llvm::all_of(array, llvm::IsaPred<StringAttr>);
  };
  for (NamedAttribute entry : dict) {
    StringRef key = entry.getName().getValue();
    if (key == "source") {
      if (!isa<StringAttr>(entry.getValue()))
        return componentError(op) << "constraints: `source` must be a string";
      continue;
    }
    if (key != "temporal" && key != "spatial" && key != "dataspace")
      return componentError(op)
             << "constraints: unknown key '" << key
             << "' (expected temporal, spatial, dataspace or source)";
    auto inner = dyn_cast<DictionaryAttr>(entry.getValue());
    if (!inner)
      return componentError(op)
             << "constraints: `" << key << "` must be a dictionary";
    for (NamedAttribute field : inner) {
      StringRef name = field.getName().getValue();
      bool listField = key == "dataspace"
                           ? (name == "keep" || name == "bypass")
                           : (name == "factors" || name == "permutation");
      if (listField) {
        if (!isStringArray(field.getValue()))
          return componentError(op) << "constraints: `" << key << "." << name
                                    << "` must be a list of strings";
        continue;
      }
      if (key == "spatial" && name == "split") {
        auto split = dyn_cast<IntegerAttr>(field.getValue());
        if (!split || split.getInt() < 0)
          return componentError(op) << "constraints: `spatial.split` must be "
                                       "a non-negative integer";
        continue;
      }
      return componentError(op)
             << "constraints: unknown key '" << name << "' in `" << key << "`";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Components
//===----------------------------------------------------------------------===//

SmallVector<StringRef> StorageOp::getRequiredActions() {
  if (holdsNothing())
    return {};
  SmallVector<StringRef> required{"read", "fill"};
  if (bitEnumContainsAny(getKeep(), DataSpaces::Outputs))
    required.push_back("update");
  return required;
}

LogicalResult StorageOp::verify() {
  Operation *op = getOperation();
  if (failed(checkPositive(op, "size_words")))
    return failure();
  if (failed(checkPositive(op, "word_bits")) ||
      failed(checkPositive(op, "block_size")) ||
      failed(checkPositive(op, "ports")) ||
      failed(checkPositive(op, "read_bandwidth", getReadBandwidth())) ||
      failed(checkPositive(op, "write_bandwidth", getWriteBandwidth())) ||
      failed(checkPositive(op, "shared_bandwidth", getSharedBandwidth())) ||
      failed(checkPositive(op, "multiple_buffering",
                           getMultipleBuffering().convertToDouble())) ||
      failed(checkMesh(op, getInstances(), getMeshX())))
    return failure();
  if (auto size = getSizeWords(); size && *size % getBlockSize() != 0)
    return componentError(op)
           << "size_words " << *size << " is not a multiple of block_size "
           << getBlockSize();
  if (DictionaryAttr constraints = getConstraintsAttr())
    if (failed(checkConstraints(op, constraints)))
      return failure();
  return checkActions(op, getActions());
}

LogicalResult FanoutOp::verify() {
  Operation *op = getOperation();
  if (failed(checkPositive(op, "mesh_x")) ||
      failed(checkPositive(op, "mesh_y")))
    return failure();
  if (failed(checkPositive(op, "word_bits")))
    return failure();
  return checkActions(op, getActions());
}

LogicalResult ComputeOp::verify() {
  Operation *op = getOperation();
  if (failed(checkPositive(op, "precision_bits")) ||
      failed(checkMesh(op, getInstances(), getMeshX())))
    return failure();
  return checkActions(op, getActions());
}

LogicalResult CrossbarOp::verify() {
  Operation *op = getOperation();
  if (failed(checkPositive(op, "rows")) ||
      failed(checkPositive(op, "columns")) ||
      failed(checkPositive(op, "cell_bits")) ||
      failed(checkPositive(op, "dac_bits")) ||
      failed(checkPositive(op, "adc_bits")) ||
      failed(checkPositive(op, "columns_per_adc")) ||
      failed(checkPositive(op, "adc_mhz", getAdcMhz().convertToDouble())) ||
      failed(checkMesh(op, getInstances(), getMeshX())))
    return failure();
  if (getColumns() % getColumnsPerAdc() != 0)
    return componentError(op) << "columns_per_adc " << getColumnsPerAdc()
                              << " does not divide columns " << getColumns();
  return checkActions(op, getActions());
}

//===----------------------------------------------------------------------===//
// Arch
//===----------------------------------------------------------------------===//

StringRef ArchOp::getEnergyModelFor(Operation *component) {
  if (auto own = component->getAttrOfType<StringAttr>("energy_model"))
    return own.getValue();
  if (auto model = getEnergyModel())
    return *model;
  return {};
}

LogicalResult ArchOp::verifyRegions() {
  if (!(getClockMhz().convertToDouble() > 0))
    return emitOpError() << "clock_mhz must be positive, got "
                         << getClockMhz().convertToDouble();
  if (auto tech = getTechnologyNm(); tech && !(tech->convertToDouble() > 0))
    return emitOpError() << "technology_nm must be positive, got "
                         << tech->convertToDouble();

  int64_t fanout = 1;
  Operation *lastCompute = nullptr;
  for (Operation &op : getBody().front()) {
    if (auto node = dyn_cast<FanoutOp>(op)) {
      fanout *= node.getMeshX() * node.getMeshY();
      continue;
    }
    int64_t instances;
    ArrayAttr actions;
    SmallVector<StringRef> required;
    if (auto storage = dyn_cast<StorageOp>(op)) {
      if (lastCompute)
        return componentError(&op)
               << "storage level after compute unit '"
               << mlir::SymbolTable::getSymbolName(lastCompute).getValue()
               << "'; compute units are innermost";
      instances = storage.getInstances();
      actions = storage.getActions();
      required = storage.getRequiredActions();
    } else if (auto compute = dyn_cast<ComputeOp>(op)) {
      instances = compute.getInstances();
      actions = compute.getActions();
      required = {"compute"};
      lastCompute = &op;
    } else if (auto crossbar = dyn_cast<CrossbarOp>(op)) {
      instances = crossbar.getInstances();
      actions = crossbar.getActions();
      required = {"crossbar_mac", "dac_convert", "adc_convert"};
      lastCompute = &op;
    } else {
      return op.emitOpError()
             << "is not an accel component; an accel.arch holds only "
                "accel.storage, accel.fanout, accel.compute and "
                "accel.crossbar";
    }
    if (instances != fanout)
      return componentError(&op)
             << "instances " << instances
             << " do not match the fan-outs above it, whose product is "
             << fanout;
    if (!getEnergyModelFor(&op).empty())
      continue;
    for (StringRef action : required)
      if (!findAction(actions, action))
        return componentError(&op)
               << "no energy for action '" << action
               << "': list it in `actions` or set `energy_model` on the "
                  "component or the arch";
  }
  if (!lastCompute)
    return emitOpError() << "'" << getSymName()
                         << "' has no compute unit (accel.compute or "
                            "accel.crossbar)";
  return success();
}

//===- AccelOps.cpp - verifiers of the accel ops --------------------------===//
//
// What an accelerator description must satisfy to be buildable: positive
// sizes, instance counts that equal the product of the fan-outs above, and an
// energy (explicit or from a model) for every action the counts need. Every
// message names the component and the field. And what makes a loop nest
// read as a mapping: a chain of levels and loops whose factors multiply to
// the bounds, with a transfer into each level from the nearest level above
// that keeps the data space, and the MAC at the bottom.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// Custom directives of the loop-nest ops
//===----------------------------------------------------------------------===//

/// `["K" = 16, "C" = 8]`: dim names with their bounds.
static ParseResult parseDimBounds(OpAsmParser &parser, ArrayAttr &dims,
                                  DenseI64ArrayAttr &bounds) {
  SmallVector<Attribute> names;
  SmallVector<int64_t> values;
  Builder &b = parser.getBuilder();
  if (parser.parseCommaSeparatedList(
          OpAsmParser::Delimiter::Square, [&]() -> ParseResult {
            std::string name;
            int64_t bound = 0;
            if (parser.parseString(&name) || parser.parseEqual() ||
                parser.parseInteger(bound))
              return failure();
            names.push_back(b.getStringAttr(name));
            values.push_back(bound);
            return success();
          }))
    return failure();
  dims = b.getArrayAttr(names);
  bounds = b.getDenseI64ArrayAttr(values);
  return success();
}

static void printDimBounds(OpAsmPrinter &printer, Operation *, ArrayAttr dims,
                           DenseI64ArrayAttr bounds) {
  printer << "[";
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (i)
      printer << ", ";
    printer.printAttributeWithoutType(dim);
    printer << " = ";
    if (i < static_cast<size_t>(bounds.size()))
      printer << bounds[i];
    else
      printer << "?";
  }
  printer << "]";
}

/// `temporal`, `spatial_x` or `spatial_y`, as a bare keyword.
static ParseResult parseLoopKind(OpAsmParser &parser, LoopKindAttr &kind) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<LoopKind> value = symbolizeLoopKind(keyword);
  if (!value)
    return parser.emitError(loc)
           << "expected temporal, spatial_x or spatial_y, got '" << keyword
           << "'";
  kind = LoopKindAttr::get(parser.getContext(), *value);
  return success();
}

static void printLoopKind(OpAsmPrinter &printer, Operation *,
                          LoopKindAttr kind) {
  printer << stringifyLoopKind(kind.getValue());
}

/// `"Weights" at "RF", "Inputs" at "DRAM"`: data spaces with the level the
/// MAC reads them from.
static ParseResult parseSpaceLevels(OpAsmParser &parser, ArrayAttr &spaces,
                                    ArrayAttr &levels) {
  SmallVector<Attribute> spaceNames, levelNames;
  Builder &b = parser.getBuilder();
  if (parser.parseCommaSeparatedList([&]() -> ParseResult {
        std::string space, level;
        if (parser.parseString(&space) || parser.parseKeyword("at") ||
            parser.parseString(&level))
          return failure();
        spaceNames.push_back(b.getStringAttr(space));
        levelNames.push_back(b.getStringAttr(level));
        return success();
      }))
    return failure();
  spaces = b.getArrayAttr(spaceNames);
  levels = b.getArrayAttr(levelNames);
  return success();
}

static void printSpaceLevels(OpAsmPrinter &printer, Operation *,
                             ArrayAttr spaces, ArrayAttr levels) {
  for (auto [i, space] : llvm::enumerate(spaces)) {
    if (i)
      printer << ", ";
    printer.printAttributeWithoutType(space);
    printer << " at ";
    if (i < levels.size())
      printer.printAttributeWithoutType(levels[i]);
    else
      printer << "\"?\"";
  }
}

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
  if (failed(checkPositive(op, "word_bits")) ||
      failed(checkPositive(op, "bandwidth", getBandwidth())))
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

//===----------------------------------------------------------------------===//
// Loop nests
//===----------------------------------------------------------------------===//

LogicalResult ForOp::verify() {
  if (getFactor() < 1)
    return emitOpError() << "factor of '" << getDim()
                         << "' must be positive, got " << getFactor();
  return success();
}

LogicalResult TileOp::verify() {
  if (getWords() < 1)
    return emitOpError() << "tile of '" << getSpace()
                         << "' must have a positive number of words, got "
                         << getWords();
  auto level = cast<LevelOp>((*this)->getParentOp());
  if (getTo() != level.getName())
    return emitOpError() << "transfers to '" << getTo() << "' inside level '"
                         << level.getName()
                         << "'; a tile goes to its enclosing level";
  return success();
}

LevelOp LoopNestOp::getOutermostLevel() {
  Block &body = getBody().front();
  return body.empty() ? LevelOp() : dyn_cast<LevelOp>(body.front());
}

/// Position of the string `name` in `names`.
static std::optional<unsigned> findName(ArrayAttr names, StringRef name) {
  for (auto [i, n] : llvm::enumerate(names.getAsValueRange<StringAttr>()))
    if (n == name)
      return i;
  return std::nullopt;
}

/// The nearest of `levels` (outermost first) that keeps `space`.
static LevelOp findKeeper(ArrayRef<LevelOp> levels, StringRef space) {
  for (LevelOp level : llvm::reverse(levels))
    if (findName(level.getKeep(), space))
      return level;
  return LevelOp();
}

/// Checks `level` against the nest's data spaces and the levels around it
/// (`above`, outermost first): unique name, known kept spaces, and one tile
/// from the right level for each kept space. Returns the op that continues
/// the chain (null if none) in `next`.
static LogicalResult verifyLevel(LevelOp level, ArrayRef<LevelOp> above,
                                 ArrayAttr spaces, Operation *&next) {
  for (LevelOp other : above)
    if (other.getName() == level.getName())
      return level.emitOpError()
             << "'" << level.getName() << "' appears twice in the nest";
  llvm::StringSet<> kept;
  for (StringRef space : level.getKeep().getAsValueRange<StringAttr>()) {
    if (!findName(spaces, space))
      return level.emitOpError()
             << "'" << level.getName() << "' keeps '" << space
             << "', which is not a data space of the nest";
    if (!kept.insert(space).second)
      return level.emitOpError()
             << "'" << level.getName() << "' keeps '" << space << "' twice";
  }
  if (above.empty())
    for (StringRef space : spaces.getAsValueRange<StringAttr>())
      if (!kept.contains(space))
        return level.emitOpError()
               << "the outermost level '" << level.getName()
               << "' must keep every data space; it does not keep '" << space
               << "'";

  llvm::StringSet<> filled;
  next = nullptr;
  for (Operation &child : level.getBody().front()) {
    auto tile = dyn_cast<TileOp>(child);
    if (!tile) {
      if (next)
        return child.emitOpError()
               << "follows another op in level '" << level.getName()
               << "'; a level holds its tiles, then one loop, level or MAC";
      next = &child;
      continue;
    }
    if (next)
      return tile.emitOpError() << "after the loops of level '"
                                << level.getName() << "'; tiles come first";
    StringRef space = tile.getSpace();
    if (!kept.contains(space))
      return tile.emitOpError() << "fills '" << space << "', which level '"
                                << level.getName() << "' does not keep";
    if (!filled.insert(space).second)
      return tile.emitOpError() << "fills '" << space << "' of level '"
                                << level.getName() << "' twice";
    LevelOp source = findKeeper(above, space);
    if (!source)
      return tile.emitOpError()
             << "fills '" << space << "' of level '" << level.getName()
             << "', but no level above it keeps it";
    if (tile.getFrom() != source.getName())
      return tile.emitOpError()
             << "fills '" << space << "' from '" << tile.getFrom()
             << "', but the nearest level above that keeps it is '"
             << source.getName() << "'";
  }
  if (!above.empty())
    for (StringRef space : level.getKeep().getAsValueRange<StringAttr>())
      if (!filled.contains(space))
        return level.emitOpError() << "'" << level.getName() << "' keeps '"
                                   << space << "' but no accel.tile fills it";
  return success();
}

/// Where a loop of `kind` may sit among a level's loops: temporal loops
/// first, then spatial Y, then spatial X (Timeloop's order: the first
/// `split` spatial loops, innermost first, are the X loops).
static unsigned getLoopRank(LoopKind kind) {
  switch (kind) {
  case LoopKind::Temporal:
    return 0;
  case LoopKind::SpatialY:
    return 1;
  case LoopKind::SpatialX:
    return 2;
  }
  llvm_unreachable("unknown loop kind");
}

LogicalResult LoopNestOp::verifyRegions() {
  ArrayAttr dims = getDims(), spaces = getSpaces();
  ArrayRef<int64_t> bounds = getBounds();
  if (dims.empty())
    return emitOpError() << "has no dims";
  if (dims.size() != bounds.size())
    return emitOpError() << "has " << dims.size() << " dims but "
                         << bounds.size() << " bounds";
  llvm::StringSet<> seen;
  for (auto [dim, bound] :
       llvm::zip_equal(dims.getAsValueRange<StringAttr>(), bounds)) {
    if (!seen.insert(dim).second)
      return emitOpError() << "dim '" << dim << "' appears twice";
    if (bound < 1)
      return emitOpError() << "bound of '" << dim << "' must be positive, got "
                           << bound;
  }
  seen.clear();
  if (spaces.empty())
    return emitOpError() << "has no data spaces";
  for (StringRef space : spaces.getAsValueRange<StringAttr>())
    if (!seen.insert(space).second)
      return emitOpError() << "data space '" << space << "' appears twice";

  Block &body = getBody().front();
  if (!llvm::hasSingleElement(body) || !isa<LevelOp>(body.front()))
    return emitOpError()
           << "body must be one accel.level, the outermost storage level";

  // Walk the chain level -> loops -> level -> ... -> mac.
  SmallVector<int64_t> products(dims.size(), 1);
  SmallVector<LevelOp> levels;
  // Per dim of the current level: bit 0 a temporal loop, bit 1 a spatial
  // one.
  SmallVector<unsigned> loopsOfLevel(dims.size(), 0);
  unsigned rank = 0;
  MacOp mac;
  for (Operation *current = &body.front(); current && !mac;) {
    Operation *next = nullptr;
    if (auto level = dyn_cast<LevelOp>(current)) {
      if (failed(verifyLevel(level, levels, spaces, next)))
        return failure();
      levels.push_back(level);
      loopsOfLevel.assign(dims.size(), 0);
      rank = 0;
    } else if (auto loop = dyn_cast<ForOp>(current)) {
      StringRef levelName = levels.back().getName();
      std::optional<unsigned> d = findName(dims, loop.getDim());
      if (!d)
        return loop.emitOpError() << "loops over '" << loop.getDim()
                                  << "', which is not a dim of the nest";
      unsigned loopRank = getLoopRank(loop.getKind());
      if (loopRank < rank)
        return loop.emitOpError()
               << "is a " << stringifyLoopKind(loop.getKind())
               << " loop inside a loop of a later kind in level '" << levelName
               << "'; a level's temporal loops come first, then its "
                  "spatial_y loops, then its spatial_x loops";
      rank = loopRank;
      unsigned bit = loop.getKind() == LoopKind::Temporal ? 1 : 2;
      if (loopsOfLevel[*d] & bit)
        return loop.emitOpError()
               << "is a second " << (bit == 1 ? "temporal" : "spatial")
               << " loop over '" << loop.getDim() << "' in level '" << levelName
               << "'";
      loopsOfLevel[*d] |= bit;
      products[*d] *= loop.getFactor();
      Block &loopBody = loop.getBody().front();
      if (!llvm::hasSingleElement(loopBody))
        return loop.emitOpError()
               << "must hold exactly one op: the next loop, level or MAC";
      next = &loopBody.front();
    } else if (auto found = dyn_cast<MacOp>(current)) {
      mac = found;
      break;
    } else {
      return current->emitOpError()
             << "is not part of a loop nest; levels and loops hold "
                "accel.tile, accel.for, accel.level and accel.mac";
    }
    if (!next)
      return current->emitOpError()
             << "ends the nest without an accel.mac at its innermost point";
    current = next;
  }

  // The MAC reads each data space from the innermost level that keeps it.
  ArrayAttr macSpaces = mac.getSpaces(), macLevels = mac.getLevels();
  if (macSpaces.size() != macLevels.size())
    return mac.emitOpError()
           << "has " << macSpaces.size() << " data spaces but "
           << macLevels.size() << " levels";
  if (macSpaces.size() != spaces.size())
    return mac.emitOpError() << "names " << macSpaces.size()
                             << " data spaces; the nest has " << spaces.size();
  for (auto [space, level] :
       llvm::zip_equal(macSpaces.getAsValueRange<StringAttr>(),
                       macLevels.getAsValueRange<StringAttr>())) {
    if (!findName(spaces, space))
      return mac.emitOpError() << "reads '" << space
                               << "', which is not a data space of the nest";
    LevelOp keeper = findKeeper(levels, space);
    if (keeper.getName() != level)
      return mac.emitOpError()
             << "reads '" << space << "' at '" << level
             << "', but the innermost level that keeps it is '"
             << keeper.getName() << "'";
  }
  for (StringRef space : spaces.getAsValueRange<StringAttr>())
    if (!findName(macSpaces, space))
      return mac.emitOpError() << "does not name '" << space << "'";

  for (auto [d, dim] : llvm::enumerate(dims.getAsValueRange<StringAttr>()))
    if (products[d] != bounds[d])
      return emitOpError() << "the loops over '" << dim << "' multiply to "
                           << products[d] << ", not its bound " << bounds[d];
  return success();
}

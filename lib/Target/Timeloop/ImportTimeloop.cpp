//===- ImportTimeloop.cpp - Timeloop/Accelergy archs to accel -------------===//
//
// Three steps:
//  1. Flatten the architecture into Timeloop's chain of nodes, outermost
//     first: v0.3 `subtree`/`local` (instance counts from `name[a..b]`
//     ranges, fan-outs from the ratio of instances and meshX) or v0.4
//     `nodes` (`!Container` attributes inherited by later nodes, `spatial`
//     fan-outs that multiply every later node and insert an
//     `inter_<name>_spatial` level that holds nothing, as Timeloop's v0.4
//     front end does; `!Hierarchical` and `!Parallel` lists flattened in
//     order; `!Nothing` levels; inline `constraints`).
//  2. Resolve each component: its class (a primitive, or a compound class of
//     a library, whose subcomponents must resolve too) and its attributes,
//     evaluated as expressions over the component's own attributes, the
//     class's defaults, inherited container attributes and top-level
//     `variables`.
//  3. Build the accel.arch; apply the ERT (energy per action, matched by the
//     table's leaf name) and ART (area per instance).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Timeloop/ImportTimeloop.h"
#include "accel/AccelOps.h"
#include "dnnopt/Support/Expression.h"
#include "dnnopt/Support/YAMLTree.h"

#include "TimeloopDirectives.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <cmath>

using namespace mlir;
using namespace dnnopt;
using namespace dnnopt::yamltree;
using llvm::StringRef;

namespace {

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

/// Thrown-away marker: the error was already emitted.
struct Emitted {};

class Diagnostics {
public:
  explicit Diagnostics(MLIRContext *context) : context(context) {}

  Location loc(const SourceLocation &where) const {
    if (where.file.empty())
      return UnknownLoc::get(context);
    return FileLineColLoc::get(context, where.file, where.line, where.column);
  }
  Location loc(const Node *node) const {
    return node ? loc(node->getLocation()) : UnknownLoc::get(context);
  }

  /// Emits an llvm::Error whose message starts with "file:line:col: " at
  /// that location.
  void emit(llvm::Error error) {
    std::string message = llvm::toString(std::move(error));
    static const llvm::Regex located("^([^:]+):([0-9]+):([0-9]+): (.*)$");
    llvm::SmallVector<StringRef> parts;
    if (located.match(message, &parts)) {
      unsigned line = 0, column = 0;
      parts[2].getAsInteger(10, line);
      parts[3].getAsInteger(10, column);
      emitError(FileLineColLoc::get(context, parts[1], line, column))
          << parts[4];
      return;
    }
    emitError(UnknownLoc::get(context)) << message;
  }

  InFlightDiagnostic error(const Node *node) { return emitError(loc(node)); }

  MLIRContext *context;
};

//===----------------------------------------------------------------------===//
// Attributes and their evaluation
//===----------------------------------------------------------------------===//

using AttrMap = llvm::StringMap<const Node *>;

/// A number for a message: 16, 2.5, 1e+30.
static std::string num(double value) {
  return llvm::formatv("{0}", llvm::format("%g", value)).str();
}

/// Adds the scalar entries of map `node` to `attrs` (later wins).
static void addAttributes(const Node *node, AttrMap &attrs) {
  if (auto *map = llvm::dyn_cast_or_null<MapNode>(node))
    for (const MapNode::Entry &entry : *map)
      attrs[entry.key] = entry.value;
}

static bool isMustSpecify(const Node *node) {
  auto *scalar = llvm::dyn_cast_or_null<ScalarNode>(node);
  return scalar && scalar->getValue() == "must_specify";
}

/// The attribute scope of one component: its own attributes, its class's
/// defaults, the attributes inherited from containers, and `variables`.
class AttrScope {
public:
  AttrScope(AttrMap own, AttrMap classDefaults, AttrMap inherited,
            const AttrMap *variables)
      : own(std::move(own)), classDefaults(std::move(classDefaults)),
        inherited(std::move(inherited)), variables(variables) {}

  /// The node giving attribute `name`, or null. Own attributes first, then
  /// class defaults (a `must_specify` default does not count), inherited,
  /// variables.
  const Node *find(StringRef name) const {
    if (const Node *node = own.lookup(name))
      return node;
    if (const Node *node = classDefaults.lookup(name);
        node && !isMustSpecify(node))
      return node;
    if (const Node *node = inherited.lookup(name))
      return node;
    if (variables)
      if (const Node *node = variables->lookup(name))
        return node;
    return nullptr;
  }

  /// The first of `names` that is set on the component itself, else the
  /// first set anywhere in scope.
  const Node *findAny(ArrayRef<StringRef> names) const {
    for (StringRef name : names)
      if (const Node *node = own.lookup(name))
        return node;
    for (StringRef name : names)
      if (const Node *node = find(name))
        return node;
    return nullptr;
  }

  /// The numeric value of `node` in this scope: a number, or an expression
  /// over other attributes. An error (located at the node) when it cannot be
  /// evaluated.
  llvm::Expected<double> evaluate(const Node *node, unsigned depth = 0) const {
    auto *scalar = llvm::dyn_cast<ScalarNode>(node);
    if (!scalar)
      return makeError(*node, "expected a number or an expression, got a " +
                                  node->getKindName());
    if (auto value = scalar->asDouble())
      return *value;
    if (auto value = scalar->asBool())
      return *value ? 1.0 : 0.0;
    if (depth > 32)
      return makeError(*node, "attribute expressions refer to each other in "
                              "a cycle: '" +
                                  scalar->getValue() + "'");
    auto value = expr::evaluate(
        scalar->getValue(), [&](StringRef name) -> expr::LookupResult {
          const Node *ref = find(name);
          if (!ref)
            return std::nullopt;
          if (ref == node)
            return makeError(*node, "attribute expression '" +
                                        scalar->getValue() +
                                        "' refers to itself");
          auto inner = evaluate(ref, depth + 1);
          if (!inner)
            return inner.takeError();
          return std::optional<double>(*inner);
        });
    if (!value)
      return makeError(*node, llvm::toString(value.takeError()));
    return *value;
  }

  /// The number of the first of `names` that is set; std::nullopt when none
  /// is.
  llvm::Expected<std::optional<double>>
  number(ArrayRef<StringRef> names) const {
    const Node *node = findAny(names);
    if (!node)
      return std::nullopt;
    auto value = evaluate(node);
    if (!value)
      return value.takeError();
    return std::optional<double>(*value);
  }

  /// The text of a scalar attribute, or "".
  StringRef text(StringRef name) const {
    auto *scalar = llvm::dyn_cast_or_null<ScalarNode>(find(name));
    return scalar ? scalar->getValue() : StringRef();
  }

  const Node *ownNode(StringRef name) const { return own.lookup(name); }

private:
  AttrMap own, classDefaults, inherited;
  const AttrMap *variables;
};

//===----------------------------------------------------------------------===//
// Component classes
//===----------------------------------------------------------------------===//

enum class ClassKind { Storage, Compute, Nothing, Network, Other };

/// Primitive classes (Accelergy's primitive component libraries and the
/// Timeloop classes of TIMELOOP-SEMANTICS.md §8) and what they are.
static std::optional<ClassKind> primitiveKind(StringRef name) {
  std::string lower = name.lower();
  StringRef cls(lower);
  if (cls == "dummy_storage" || cls == "nothing")
    return ClassKind::Nothing;
  if (cls == "dram" || cls == "sram" || cls == "regfile" || cls == "storage" ||
      cls.starts_with("smartbuffer") || cls == "buffet" ||
      cls == "buffet_collection" || cls == "fifo" || cls == "cache")
    return ClassKind::Storage;
  if (cls == "intmac" || cls == "fpmac" || cls == "mac" || cls == "compute" ||
      cls == "intmultiplier" || cls == "fpmultiplier")
    return ClassKind::Compute;
  if (cls == "intadder" || cls == "fpadder" || cls == "aladdin_adder" ||
      cls == "aladdin_multiplier" || cls == "aladdin_register" ||
      cls == "aladdin_comparator" || cls == "aladdin_counter" ||
      cls == "comparator" || cls == "counter" || cls == "wire" ||
      cls == "bitwise" || cls == "crossbar" || cls == "adc" || cls == "dac" ||
      cls == "register" || cls == "adder" || cls == "multiplier")
    return ClassKind::Other;
  // Timeloop's v0.4 front end tells a component's kind by a case-sensitive
  // substring of its class (timeloopfe, v4/arch.py, component_factory):
  // storage for DRAM, SRAM, regfile, smartbuffer, storage; compute for mac,
  // compute; networks for XY_NoC, Legacy, ReductionTree, SimpleMulticast.
  for (StringRef network :
       {"XY_NoC", "Legacy", "ReductionTree", "SimpleMulticast"})
    if (name.contains(network))
      return ClassKind::Network;
  for (StringRef storage : {"DRAM", "SRAM", "regfile", "smartbuffer"})
    if (name.contains(storage))
      return ClassKind::Storage;
  if (name.contains("mac") || name.contains("compute"))
    return ClassKind::Compute;
  return std::nullopt;
}

/// The compound classes of the libraries, by name.
struct Library {
  llvm::StringMap<const MapNode *> classes;
};

/// Strips `[a..b]` from a subcomponent name.
static StringRef baseName(StringRef name) {
  return name.substr(0, name.find('['));
}

/// Instances in a `name[a..b]` range (1 without a range); std::nullopt when
/// the range is not two integers with b >= a.
static std::optional<int64_t> rangeCount(StringRef name) {
  size_t open = name.find('[');
  if (open == StringRef::npos)
    return 1;
  StringRef range = name.drop_front(open + 1);
  if (!range.consume_back("]"))
    return std::nullopt;
  auto [lo, hi] = range.split("..");
  int64_t a, b;
  if (lo.trim().getAsInteger(10, a) || hi.trim().getAsInteger(10, b) || b < a)
    return std::nullopt;
  return b - a + 1;
}

//===----------------------------------------------------------------------===//
// The flattened chain
//===----------------------------------------------------------------------===//

struct FlatNode {
  enum class Kind {
    Component,
    Nothing,
    Fanout,
    Network
  } kind = Kind::Component;
  std::string name;
  const Node *where = nullptr;
  /// Component: class, subclass and attribute scope.
  std::string cls, subclass;
  const Node *classNode = nullptr;
  std::shared_ptr<AttrScope> attrs;
  int64_t instances = 1;
  int64_t meshX = 1;
  /// Data spaces the component may hold.
  accel::DataSpaces keep = accel::DataSpaces::Weights |
                           accel::DataSpaces::Inputs |
                           accel::DataSpaces::Outputs;
  /// Fan-out.
  int64_t fanX = 1, fanY = 1;
  /// v0.3: the name of the subtree whose range fans out into this component.
  std::string fanoutName;
  /// Storage: the inline mapspace constraints on this level (accel.storage
  /// `constraints`), as named attributes.
  NamedAttrList constraints;
};

class Importer {
public:
  Importer(const TimeloopImportOptions &options, MLIRContext *context)
      : options(options), diags(context), builder(context) {}

  OwningOpRef<ModuleOp> run();

private:
  // Loading.
  LogicalResult loadLibraries(const Tree &tree);
  // Flattening.
  LogicalResult flattenV3(const MapNode *subtree, const AttrMap &inherited,
                          int64_t instances, int64_t meshX);
  LogicalResult flattenV4(const SequenceNode *nodes, AttrMap &inherited,
                          int64_t &instances, int64_t &meshX);
  LogicalResult addComponent(const MapNode *component, const AttrMap &inherited,
                             int64_t instances, int64_t meshX,
                             bool rangeMultiplies);
  LogicalResult applyConstraints(const MapNode *component, FlatNode &flat,
                                 FlatNode *spatialTarget);
  LogicalResult readLoopConstraints(const Node *node, bool spatial,
                                    FlatNode &target);
  void applyParallelKeeps(size_t first);
  // Classes.
  LogicalResult resolveClass(StringRef cls, const Node *where, ClassKind &kind,
                             AttrMap &defaults, llvm::StringSet<> &visiting);
  // Building.
  LogicalResult build(ModuleOp module);
  LogicalResult buildComponent(const FlatNode &flat, ClassKind kind);

  const TimeloopImportOptions &options;
  Diagnostics diags;
  OpBuilder builder;
  std::vector<Tree> trees;
  Library library;
  AttrMap variables;
  std::vector<FlatNode> chain;
  /// v0.3: the subtree with a range most recently entered, named on the
  /// fan-out into its first component.
  std::string pendingFanoutName;
  /// v0.4: the chain index of the `inter_<name>_spatial` level inserted for
  /// the node being added (-1: none).
  int pendingSpatialTarget = -1;
  std::string archName;
  /// The `architecture:` map, for errors about the whole arch.
  const Node *architectureNode = nullptr;
  accel::ArchOp arch;
  double technologyNM = 0;
  double clockMHz = 0;
  llvm::StringMap<Operation *> components;
};
} // namespace

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

LogicalResult Importer::loadLibraries(const Tree &tree) {
  for (const Document &doc : tree.getDocuments()) {
    auto *root = llvm::dyn_cast<MapNode>(doc.root);
    if (!root)
      continue;
    addAttributes(root->lookup("variables"), variables);
    const Node *compound = root->lookup("compound_components");
    if (!compound)
      continue;
    // v0.3/v0.4: compound_components: {version, classes: [...]}; older
    // libraries give the list directly.
    const Node *classes = compound;
    if (auto *map = llvm::dyn_cast<MapNode>(compound))
      classes = map->lookup("classes");
    auto *list = llvm::dyn_cast_or_null<SequenceNode>(classes);
    if (!list) {
      diags.error(compound) << "compound_components has no list of classes";
      return failure();
    }
    for (const Node *entry : *list) {
      auto *cls = llvm::dyn_cast<MapNode>(entry);
      auto *name = cls ? llvm::dyn_cast_or_null<ScalarNode>(cls->lookup("name"))
                       : nullptr;
      if (!name) {
        diags.error(entry) << "a compound class needs a name";
        return failure();
      }
      library.classes[name->getValue()] = cls;
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Classes
//===----------------------------------------------------------------------===//

LogicalResult Importer::resolveClass(StringRef cls, const Node *where,
                                     ClassKind &kind, AttrMap &defaults,
                                     llvm::StringSet<> &visiting) {
  auto compound = library.classes.find(cls);
  if (compound == library.classes.end()) {
    if (auto primitive = primitiveKind(cls)) {
      kind = *primitive;
      return success();
    }
    diags.error(where) << "unknown component class '" << cls
                       << "': neither a primitive class nor a class of the "
                          "component libraries given";
    return failure();
  }
  if (!visiting.insert(cls).second) {
    diags.error(where) << "compound class '" << cls
                       << "' contains itself through its subcomponents";
    return failure();
  }
  const MapNode *def = compound->second;
  addAttributes(def->lookup("attributes"), defaults);
  // Every subcomponent's class must resolve too.
  if (auto *subs =
          llvm::dyn_cast_or_null<SequenceNode>(def->lookup("subcomponents"))) {
    for (const Node *sub : *subs) {
      auto *map = llvm::dyn_cast<MapNode>(sub);
      auto *subClass =
          map ? llvm::dyn_cast_or_null<ScalarNode>(map->lookup("class"))
              : nullptr;
      if (!subClass) {
        diags.error(sub) << "subcomponent of '" << cls << "' has no class";
        return failure();
      }
      ClassKind subKind;
      AttrMap ignored;
      if (failed(resolveClass(subClass->getValue(), subClass, subKind, ignored,
                              visiting)))
        return failure();
    }
  }
  visiting.erase(cls);
  // What the class is follows from its actions: storage reads, compute
  // units compute.
  kind = ClassKind::Other;
  if (auto *actions =
          llvm::dyn_cast_or_null<SequenceNode>(def->lookup("actions"))) {
    for (const Node *action : *actions) {
      auto *map = llvm::dyn_cast<MapNode>(action);
      auto *name = map ? llvm::dyn_cast_or_null<ScalarNode>(map->lookup("name"))
                       : nullptr;
      if (!name)
        continue;
      StringRef n = name->getValue();
      if (n == "read" || n == "write" || n == "update")
        kind = ClassKind::Storage;
      if (n == "compute" || n.starts_with("mac") || n == "multiply")
        kind = kind == ClassKind::Storage ? kind : ClassKind::Compute;
      // A network (Accelergy's XY_NoC): it transfers.
      if (n.starts_with("transfer") && kind == ClassKind::Other)
        kind = ClassKind::Network;
    }
  }
  if (kind == ClassKind::Other)
    if (auto primitive = primitiveKind(cls))
      kind = *primitive;
  return success();
}

//===----------------------------------------------------------------------===//
// Flattening
//===----------------------------------------------------------------------===//

static const ScalarNode *scalarField(const MapNode *map, StringRef key) {
  return llvm::dyn_cast_or_null<ScalarNode>(map->lookup(key));
}

/// Reads `temporal` or `spatial` inline constraints into the level's
/// `constraints` (strings as written; resolved when a problem is mapped).
LogicalResult Importer::readLoopConstraints(const Node *node, bool spatial,
                                            FlatNode &target) {
  StringRef kind = spatial ? "spatial" : "temporal";
  auto *map = llvm::dyn_cast<MapNode>(node);
  if (!map) {
    diags.error(node) << "`constraints." << kind << "` must be a map";
    return failure();
  }
  NamedAttrList fields;
  for (const MapNode::Entry &entry : *map) {
    if (entry.key == "factors") {
      auto items = timeloop::scalarList(entry.value, "`factors`");
      if (!items) {
        diags.emit(items.takeError());
        return failure();
      }
      SmallVector<Attribute> factors;
      for (const ScalarNode *item : *items)
        factors.push_back(builder.getStringAttr(item->getValue()));
      fields.append("factors", builder.getArrayAttr(factors));
    } else if (entry.key == "permutation") {
      SmallVector<timeloop::NameAt> inner, outer;
      if (llvm::Error err =
              timeloop::parsePermutationNames(entry.value, inner, outer)) {
        diags.emit(std::move(err));
        return failure();
      }
      SmallVector<Attribute> names;
      for (const timeloop::NameAt &name : inner)
        names.push_back(builder.getStringAttr(name.name));
      if (!outer.empty())
        names.push_back(builder.getStringAttr("_"));
      for (const timeloop::NameAt &name : outer)
        names.push_back(builder.getStringAttr(name.name));
      fields.append("permutation", builder.getArrayAttr(names));
    } else if (spatial && entry.key == "split") {
      auto *scalar = llvm::dyn_cast<ScalarNode>(entry.value);
      std::optional<int64_t> split = scalar ? scalar->asInt() : std::nullopt;
      if (!split || *split < 0) {
        diags.error(entry.value) << "`split` must be a non-negative integer";
        return failure();
      }
      fields.append("split", builder.getI64IntegerAttr(*split));
    } else {
      diags.error(entry.value)
          << "constraints." << kind << "." << entry.key
          << " is not supported (supported: factors, permutation"
          << (spatial ? ", split" : "") << "; see docs/constraints.md)";
      return failure();
    }
  }
  target.constraints.set(kind, builder.getDictionaryAttr(fields));
  if (!target.constraints.get("source"))
    target.constraints.set("source",
                           builder.getStringAttr(node->getLocation().str()));
  return success();
}

/// Timeloop's front end makes each branch of a !Parallel node bypass what
/// it does not keep. For the levels flattened from the branch (chain
/// entries from `first` on) whose inline `keep` names only Weights, Inputs
/// and Outputs, the level's `keep` becomes that list; a `keep` of problem
/// tensor names cannot be resolved without the problem, and gets a warning.
void Importer::applyParallelKeeps(size_t first) {
  for (size_t i = first; i < chain.size(); ++i) {
    FlatNode &flat = chain[i];
    auto dataspace = llvm::dyn_cast_or_null<DictionaryAttr>(
        flat.constraints.get("dataspace"));
    auto keep = dataspace ? dataspace.getAs<ArrayAttr>("keep") : ArrayAttr();
    if (!keep)
      continue;
    accel::DataSpaces kept = accel::DataSpaces::None;
    bool archNames = true;
    for (auto name : keep.getAsRange<StringAttr>()) {
      std::optional<accel::DataSpaces> space =
          llvm::StringSwitch<std::optional<accel::DataSpaces>>(name.getValue())
              .Case("Weights", accel::DataSpaces::Weights)
              .Case("Inputs", accel::DataSpaces::Inputs)
              .Case("Outputs", accel::DataSpaces::Outputs)
              .Default(std::nullopt);
      if (!space) {
        archNames = false;
        break;
      }
      kept = kept | *space;
    }
    if (archNames) {
      flat.keep = flat.keep & kept;
      continue;
    }
    emitWarning(diags.loc(flat.where))
        << "'" << flat.name
        << "' keeps problem tensors in a !Parallel branch: the bypass of the "
           "other tensors that Timeloop's front end implies is not applied; "
           "list them under `bypass`";
  }
}

LogicalResult Importer::applyConstraints(const MapNode *component,
                                         FlatNode &flat,
                                         FlatNode *spatialTarget) {
  const Node *given = component->lookup("constraints");
  if (!given || llvm::isa<NullNode>(given))
    return success();
  auto *constraints = llvm::dyn_cast<MapNode>(given);
  if (!constraints) {
    diags.error(given) << "`constraints` must be a map";
    return failure();
  }
  for (const MapNode::Entry &entry : *constraints) {
    if (entry.key == "temporal" || entry.key == "spatial") {
      bool spatial = entry.key == "spatial";
      FlatNode *target = spatial ? spatialTarget : &flat;
      if (!target || (!spatial && flat.kind == FlatNode::Kind::Component &&
                      flat.cls.empty())) {
        diags.error(entry.value) << "`" << entry.key << "` constraints of '"
                                 << flat.name << "' have no level to apply to";
        return failure();
      }
      if (failed(readLoopConstraints(entry.value, spatial, *target)))
        return failure();
      continue;
    }
    if (entry.key != "dataspace") {
      diags.error(entry.value)
          << "constraints." << entry.key << " on '" << flat.name
          << "' is not supported (supported: temporal, spatial, dataspace; "
             "see docs/constraints.md)";
      return failure();
    }
    auto *dataspace = llvm::dyn_cast<MapNode>(entry.value);
    if (!dataspace) {
      diags.error(entry.value) << "`constraints.dataspace` must be a map";
      return failure();
    }
    NamedAttrList fields;
    for (const MapNode::Entry &field : *dataspace) {
      if (field.key != "keep" && field.key != "bypass") {
        diags.error(field.value)
            << "constraints.dataspace." << field.key
            << " is not supported (supported: keep, bypass)";
        return failure();
      }
      auto names = timeloop::scalarList(field.value, field.key);
      if (!names) {
        diags.emit(names.takeError());
        return failure();
      }
      SmallVector<Attribute> list;
      for (const ScalarNode *name : *names) {
        // A bypass of an arch data space narrows what the level holds (the
        // arch's `keep`); other names (a problem's tensors, A, B, Z) and
        // every `keep` stay constraints, resolved when a problem is mapped.
        std::optional<accel::DataSpaces> space =
            llvm::StringSwitch<std::optional<accel::DataSpaces>>(
                name->getValue())
                .Case("Weights", accel::DataSpaces::Weights)
                .Case("Inputs", accel::DataSpaces::Inputs)
                .Case("Outputs", accel::DataSpaces::Outputs)
                .Default(std::nullopt);
        if (field.key == "bypass" && space) {
          flat.keep = flat.keep & ~*space;
          continue;
        }
        list.push_back(builder.getStringAttr(name->getValue()));
      }
      if (!list.empty())
        fields.append(field.key, builder.getArrayAttr(list));
    }
    if (fields.empty())
      continue;
    flat.constraints.set("dataspace", builder.getDictionaryAttr(fields));
    if (!flat.constraints.get("source"))
      flat.constraints.set(
          "source", builder.getStringAttr(entry.value->getLocation().str()));
  }
  return success();
}

LogicalResult Importer::addComponent(const MapNode *component,
                                     const AttrMap &inherited,
                                     int64_t instances, int64_t meshX,
                                     bool rangeMultiplies) {
  const ScalarNode *name = scalarField(component, "name");
  if (!name) {
    diags.error(component) << "a component needs a name";
    return failure();
  }
  if (auto enabled = scalarField(component, "enabled"))
    if (auto on = enabled->asBool(); on && !*on)
      return success();
  FlatNode flat;
  flat.where = name;
  // A flattened architecture names components by path
  // (`System_top_level.GlobalBuffer[1..16]`): keep the leaf.
  flat.name = baseName(name->getValue()).rsplit('.').second.empty()
                  ? baseName(name->getValue()).str()
                  : baseName(name->getValue()).rsplit('.').second.str();
  auto count = rangeCount(name->getValue());
  if (!count) {
    diags.error(name) << "cannot read the instance range of '"
                      << name->getValue() << "' (expected name[a..b])";
    return failure();
  }
  flat.instances = rangeMultiplies ? instances * *count : instances;
  flat.meshX = meshX;
  flat.fanoutName = std::move(pendingFanoutName);
  pendingFanoutName.clear();
  const ScalarNode *cls = scalarField(component, "class");
  if (!cls) {
    diags.error(name) << "component '" << flat.name << "' has no class";
    return failure();
  }
  flat.cls = cls->getValue().str();
  flat.classNode = cls;
  if (auto *subclass = scalarField(component, "subclass"))
    flat.subclass = subclass->getValue().str();
  AttrMap own;
  addAttributes(component->lookup("attributes"), own);
  AttrMap defaults;
  llvm::StringSet<> visiting;
  ClassKind kind;
  if (failed(resolveClass(flat.cls, cls, kind, defaults, visiting)))
    return failure();
  if (!flat.subclass.empty()) {
    ClassKind subKind;
    AttrMap subDefaults;
    if (library.classes.count(flat.subclass) &&
        failed(resolveClass(flat.subclass, component->lookup("subclass"),
                            subKind, subDefaults, visiting)))
      return failure();
    for (auto &entry : subDefaults)
      defaults.try_emplace(entry.getKey(), entry.getValue());
  }
  flat.attrs = std::make_shared<AttrScope>(std::move(own), std::move(defaults),
                                           inherited, &variables);
  // A meshX on the component itself sets the arrangement of its instances.
  if (const Node *mesh = flat.attrs->ownNode("meshX")) {
    auto value = flat.attrs->evaluate(mesh);
    if (!value) {
      diags.emit(value.takeError());
      return failure();
    }
    if (!expr::isInteger(*value) || *value < 1) {
      diags.error(mesh) << "'" << flat.name
                        << "': meshX must be a positive integer, got "
                        << num(*value);
      return failure();
    }
    flat.meshX = int64_t(*value);
  } else if (rangeMultiplies && *count > 1) {
    flat.meshX = meshX * *count;
  }
  if (kind == ClassKind::Nothing)
    flat.kind = FlatNode::Kind::Nothing;
  // A network listed among the components (Accelergy's examples put NoCs in
  // `local`) is kept as a 1 x 1 fan-out carrying its transfer energies.
  if (kind == ClassKind::Network)
    flat.kind = FlatNode::Kind::Network;
  if (kind == ClassKind::Other) {
    diags.error(cls) << "component '" << flat.name << "' of class '" << flat.cls
                     << "' is neither storage nor compute; a Timeloop "
                        "architecture chain holds only those";
    return failure();
  }
  if (kind != ClassKind::Storage && component->lookup("constraints")) {
    diags.error(component->lookup("constraints"))
        << "constraints on '" << flat.name
        << "' are not supported: only storage levels and containers with a "
           "spatial fan-out take mapspace constraints";
    return failure();
  }
  // The spatial loops of a component with its own fan-out map to the
  // `inter_<name>_spatial` level just added; otherwise to the fan-out below
  // the component.
  FlatNode *spatialTarget = &flat;
  if (pendingSpatialTarget >= 0)
    spatialTarget = &chain[pendingSpatialTarget];
  pendingSpatialTarget = -1;
  if (failed(applyConstraints(component, flat, spatialTarget)))
    return failure();
  if (flat.kind == FlatNode::Kind::Nothing)
    flat.keep = accel::DataSpaces::None;
  chain.push_back(std::move(flat));
  return success();
}

LogicalResult Importer::flattenV3(const MapNode *subtree,
                                  const AttrMap &inheritedIn, int64_t instances,
                                  int64_t meshX) {
  const ScalarNode *name = scalarField(subtree, "name");
  if (!name) {
    diags.error(subtree) << "a subtree needs a name";
    return failure();
  }
  if (archName.empty())
    archName = baseName(name->getValue()).str();
  auto count = rangeCount(name->getValue());
  if (!count) {
    diags.error(name) << "cannot read the instance range of '"
                      << name->getValue() << "' (expected name[a..b])";
    return failure();
  }
  instances *= *count;
  // Timeloop lays instances out along X unless a component says otherwise
  // with meshX.
  meshX *= *count;
  if (*count > 1)
    pendingFanoutName = baseName(name->getValue()).str();
  AttrMap inherited = inheritedIn;
  addAttributes(subtree->lookup("attributes"), inherited);
  if (const Node *local = subtree->lookup("local")) {
    auto *list = llvm::dyn_cast<SequenceNode>(local);
    if (!list) {
      diags.error(local) << "`local` must be a list of components";
      return failure();
    }
    for (const Node *entry : *list) {
      auto *component = llvm::dyn_cast<MapNode>(entry);
      if (!component) {
        diags.error(entry) << "a component must be a map";
        return failure();
      }
      if (failed(addComponent(component, inherited, instances, meshX,
                              /*rangeMultiplies=*/true)))
        return failure();
    }
  }
  if (const Node *children = subtree->lookup("subtree")) {
    auto *list = llvm::dyn_cast<SequenceNode>(children);
    if (!list) {
      diags.error(children) << "`subtree` must be a list";
      return failure();
    }
    if (list->size() > 1) {
      diags.error(children)
          << "more than one subtree under '" << name->getValue()
          << "': a Timeloop architecture is a chain of levels";
      return failure();
    }
    for (const Node *child : *list) {
      auto *map = llvm::dyn_cast<MapNode>(child);
      if (!map) {
        diags.error(child) << "a subtree must be a map";
        return failure();
      }
      if (failed(flattenV3(map, inherited, instances, meshX)))
        return failure();
    }
  }
  return success();
}

LogicalResult Importer::flattenV4(const SequenceNode *nodes, AttrMap &inherited,
                                  int64_t &instances, int64_t &meshX) {
  for (const Node *entry : *nodes) {
    auto *node = llvm::dyn_cast<MapNode>(entry);
    if (!node) {
      diags.error(entry) << "an architecture node must be a map";
      return failure();
    }
    StringRef tag = node->getRawTag();
    if (tag == "!Hierarchical" || tag == "!Parallel" || tag == "!Pipelined") {
      // Timeloop's model is a chain; the children of a !Parallel node (a
      // buffer per data space side by side) become consecutive levels, each
      // keeping its own data spaces, as Timeloop's front end flattens them.
      auto *children =
          llvm::dyn_cast_or_null<SequenceNode>(node->lookup("nodes"));
      if (!children) {
        diags.error(node) << tag << " needs a list of `nodes`";
        return failure();
      }
      size_t first = chain.size();
      if (failed(flattenV4(children, inherited, instances, meshX)))
        return failure();
      if (tag == "!Parallel")
        applyParallelKeeps(first);
      continue;
    }
    // Spatial fan-out: it multiplies this node and every later one.
    int64_t fanX = 1, fanY = 1;
    if (const Node *given = node->lookup("spatial");
        given && !llvm::isa<MapNode, NullNode>(given)) {
      diags.error(given) << "`spatial` must be a map {meshX: .., meshY: ..}";
      return failure();
    }
    if (auto *spatial =
            llvm::dyn_cast_or_null<MapNode>(node->lookup("spatial"))) {
      AttrScope scope({}, {}, inherited, &variables);
      for (auto [key, out] :
           {std::pair<StringRef, int64_t *>{"meshX", &fanX},
            std::pair<StringRef, int64_t *>{"meshY", &fanY}}) {
        const Node *value = spatial->lookup(key);
        if (!value)
          continue;
        auto number = scope.evaluate(value);
        if (!number) {
          diags.emit(number.takeError());
          return failure();
        }
        if (!expr::isInteger(*number) || *number < 1) {
          diags.error(value)
              << "spatial " << key << " must be a positive integer, got "
              << num(*number);
          return failure();
        }
        *out = int64_t(*number);
      }
    }
    const ScalarNode *name = scalarField(node, "name");
    if (tag == "!Container") {
      if (!name) {
        diags.error(node) << "a !Container needs a name";
        return failure();
      }
      if (archName.empty())
        archName = name->getValue().str();
      addAttributes(node->lookup("attributes"), inherited);
    }
    if (fanX * fanY > 1) {
      // Timeloop's v0.4 front end inserts a level that holds nothing above
      // each fan-out (with the instances before it: the flattened tutorial
      // archs have `inter_PE_column_spatial[1..1]` above 14 PE columns) and
      // maps the spatial loops onto it.
      std::string fanoutName =
          name ? baseName(name->getValue()).str() : "fanout";
      const Node *where = name ? name : static_cast<const Node *>(node);
      FlatNode dummy;
      dummy.kind = FlatNode::Kind::Nothing;
      dummy.name = "inter_" + fanoutName + "_spatial";
      dummy.where = where;
      dummy.instances = instances;
      dummy.meshX = meshX;
      dummy.keep = accel::DataSpaces::None;
      pendingSpatialTarget = chain.size();
      chain.push_back(dummy);
      FlatNode fanout;
      fanout.kind = FlatNode::Kind::Fanout;
      // A container names its fan-out; a component keeps its name for
      // itself, below its fan-out.
      fanout.name = tag == "!Container" ? fanoutName : fanoutName + "_fanout";
      fanout.where = where;
      fanout.fanX = fanX;
      fanout.fanY = fanY;
      chain.push_back(fanout);
      instances *= fanX * fanY;
      meshX *= fanX;
    }
    if (tag == "!Container") {
      // A container's constraints: only `spatial`, on its fan-out.
      if (const Node *given = node->lookup("constraints");
          given && !llvm::isa<NullNode>(given)) {
        auto *constraints = llvm::dyn_cast<MapNode>(given);
        if (!constraints) {
          diags.error(given) << "`constraints` must be a map";
          return failure();
        }
        for (const MapNode::Entry &entry : *constraints) {
          if (entry.key != "spatial" || pendingSpatialTarget < 0) {
            diags.error(entry.value)
                << "constraints." << entry.key << " on container '"
                << (name ? name->getValue() : StringRef("?"))
                << "' is not supported: a container takes only `spatial` "
                   "constraints, on its spatial fan-out";
            return failure();
          }
          if (failed(readLoopConstraints(entry.value, /*spatial=*/true,
                                         chain[pendingSpatialTarget])))
            return failure();
        }
      }
      pendingSpatialTarget = -1;
      continue;
    }
    if (tag == "!Nothing") {
      FlatNode nothing;
      nothing.kind = FlatNode::Kind::Nothing;
      nothing.name = name ? baseName(name->getValue()).str()
                          : "nothing_" + std::to_string(chain.size());
      nothing.where = name ? name : static_cast<const Node *>(node);
      nothing.instances = instances;
      nothing.meshX = meshX;
      nothing.keep = accel::DataSpaces::None;
      chain.push_back(nothing);
      pendingSpatialTarget = -1;
      continue;
    }
    if (tag != "!Component") {
      diags.error(node) << "unknown architecture node tag '"
                        << (tag.empty() ? StringRef("(none)") : tag)
                        << "' (expected !Container, !Component, !Parallel, "
                           "!Pipelined, !Hierarchical or !Nothing)";
      return failure();
    }
    if (failed(addComponent(node, inherited, instances, meshX,
                            /*rangeMultiplies=*/false)))
      return failure();
    pendingSpatialTarget = -1;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Building the accel.arch
//===----------------------------------------------------------------------===//

/// Reads `names` as a positive integer; std::nullopt when absent.
static FailureOr<std::optional<int64_t>> positiveInt(Diagnostics &diags,
                                                     const AttrScope &attrs,
                                                     ArrayRef<StringRef> names,
                                                     StringRef component) {
  auto value = attrs.number(names);
  if (!value) {
    diags.emit(value.takeError());
    return failure();
  }
  if (!*value)
    return std::optional<int64_t>();
  double v = **value;
  const Node *node = attrs.findAny(names);
  if (!expr::isInteger(v) || v >= 9.2e18 || v <= -9.2e18) {
    diags.error(node) << "'" << component << "': " << names.front()
                      << " must be an integer, got " << num(v);
    return failure();
  }
  return std::optional<int64_t>(int64_t(v));
}

static double parseTechnologyNM(StringRef text) {
  text = text.trim();
  double value = 0;
  size_t digits = 0;
  while (digits < text.size() &&
         (llvm::isDigit(text[digits]) || text[digits] == '.'))
    ++digits;
  if (digits == 0 || text.substr(0, digits).getAsDouble(value))
    return 0;
  StringRef unit = text.drop_front(digits).trim();
  if (unit.empty() || unit.equals_insensitive("nm"))
    return value;
  if (unit.equals_insensitive("um"))
    return value * 1000;
  return 0;
}

LogicalResult Importer::buildComponent(const FlatNode &flat, ClassKind kind) {
  Location loc = diags.loc(flat.where);
  MLIRContext *ctx = builder.getContext();
  const AttrScope &attrs = *flat.attrs;
  auto i64 = [&](int64_t v) { return builder.getI64IntegerAttr(v); };
  auto f64 = [&](double v) { return builder.getF64FloatAttr(v); };

  // Technology and clock: the first component that sets them (usually
  // inherited from the top container) sets the arch's.
  if (technologyNM == 0)
    if (StringRef tech = attrs.text("technology"); !tech.empty())
      technologyNM = parseTechnologyNM(tech);
  if (clockMHz == 0) {
    auto seconds = attrs.number({"global_cycle_seconds"});
    if (!seconds) {
      diags.emit(seconds.takeError());
      return failure();
    }
    // 1e-6 / 1e-9 is 999.99999999999989 in binary; keep 9 digits.
    if (*seconds && **seconds > 0)
      clockMHz = std::stod(
          llvm::formatv("{0}", llvm::format("%.9g", 1e-6 / **seconds)).str());
  }
  StringRef cls =
      flat.subclass.empty() ? StringRef(flat.cls) : StringRef(flat.subclass);
  if (StringRef(flat.cls) != "storage" && StringRef(flat.cls) != "compute")
    cls = flat.cls;
  if (flat.instances % flat.meshX != 0) {
    emitError(loc) << "'" << flat.name << "': meshX " << flat.meshX
                   << " does not divide its " << flat.instances
                   << " instances (fan-out mismatch)";
    return failure();
  }

  if (kind == ClassKind::Compute) {
    auto bits = positiveInt(
        diags, attrs,
        {"multiplier_width", "datawidth", "word_bits", "word-bits", "width"},
        flat.name);
    if (failed(bits))
      return failure();
    if (!*bits) {
      emitError(loc) << "'" << flat.name
                     << "': missing required attribute 'datawidth' (or "
                        "multiplier_width, word_bits, width): the precision "
                        "of the compute unit";
      return failure();
    }
    bool isFloat = StringRef(cls).contains_insensitive("fp");
    auto op = accel::ComputeOp::create(
        builder, loc, builder.getStringAttr(flat.name),
        builder.getStringAttr(cls), i64(**bits),
        accel::NumberKindAttr::get(ctx, isFloat ? accel::NumberKind::Float
                                                : accel::NumberKind::Int),
        i64(flat.instances), i64(flat.meshX), builder.getArrayAttr({}),
        FloatAttr(), StringAttr(), StringAttr());
    components[flat.name] = op;
    return success();
  }

  // Storage (or a level that holds nothing).
  auto wordBits = positiveInt(
      diags, attrs, {"datawidth", "word_bits", "word-bits"}, flat.name);
  auto width = positiveInt(diags, attrs, {"width", "memory_width"}, flat.name);
  if (failed(wordBits) || failed(width))
    return failure();
  int64_t bits = wordBits->value_or(width->value_or(16));
  if (!*wordBits && !*width && flat.kind != FlatNode::Kind::Nothing) {
    emitError(loc) << "'" << flat.name
                   << "': missing required attribute 'datawidth' (or "
                      "word_bits): the bits per word";
    return failure();
  }
  auto blockAttr =
      positiveInt(diags, attrs, {"block_size", "block-size"}, flat.name);
  if (failed(blockAttr))
    return failure();
  int64_t block = 1;
  if (*blockAttr)
    block = **blockAttr;
  else if (*width && bits > 0 && **width >= bits)
    block = **width / bits;
  std::optional<int64_t> sizeWords;
  // The size the component states itself wins over a class default that
  // derives one (a library's `memory_depth: max(64, depth)` beside an own
  // `sizeKB`).
  bool ownDepth = attrs.ownNode("depth") || attrs.ownNode("memory_depth") ||
                  attrs.ownNode("entries");
  bool ownSizeKB = attrs.ownNode("sizeKB") != nullptr;
  FailureOr<std::optional<int64_t>> depth = std::optional<int64_t>();
  if (ownDepth || !ownSizeKB)
    depth = positiveInt(diags, attrs, {"depth", "memory_depth", "entries"},
                        flat.name);
  if (failed(depth))
    return failure();
  if (*depth) {
    sizeWords = **depth * block;
  } else {
    auto sizeKB = attrs.number({"sizeKB"});
    if (!sizeKB) {
      diags.emit(sizeKB.takeError());
      return failure();
    }
    if (*sizeKB) {
      double words = **sizeKB * 8192 / double(bits);
      if (!(bits > 0) || !std::isfinite(words) || words >= 9.2e18 ||
          words <= -9.2e18) {
        diags.error(attrs.findAny({"sizeKB"}))
            << "'" << flat.name << "': sizeKB " << num(**sizeKB)
            << " does not give a size in words of " << bits << " bits";
        return failure();
      }
      sizeWords = int64_t(std::llround(words));
    }
  }
  bool isDRAM = StringRef(cls).contains_insensitive("dram");
  if (!sizeWords && !isDRAM && flat.kind != FlatNode::Kind::Nothing) {
    emitError(loc) << "'" << flat.name << "' (class " << cls
                   << "): missing required attribute 'depth' (or "
                      "memory_depth, entries, sizeKB)";
    return failure();
  }
  auto bandwidth = [&](StringRef name) -> FailureOr<FloatAttr> {
    auto value = attrs.number({name});
    if (!value) {
      diags.emit(value.takeError());
      return failure();
    }
    return *value ? f64(**value) : FloatAttr();
  };
  auto readBW = bandwidth("read_bandwidth");
  auto writeBW = bandwidth("write_bandwidth");
  auto sharedBW = bandwidth("shared_bandwidth");
  auto buffering = bandwidth("multiple_buffering");
  auto ports =
      positiveInt(diags, attrs, {"n_rdwr_ports", "n_rw_ports"}, flat.name);
  if (failed(readBW) || failed(writeBW) || failed(sharedBW) ||
      failed(buffering) || failed(ports))
    return failure();
  StringRef technology = attrs.text("type");
  auto op = accel::StorageOp::create(
      builder, loc, builder.getStringAttr(flat.name),
      builder.getStringAttr(flat.kind == FlatNode::Kind::Nothing
                                ? StringRef("dummy_storage")
                                : cls),
      technology.empty() ? StringAttr() : builder.getStringAttr(technology),
      sizeWords ? i64(*sizeWords) : IntegerAttr(), i64(bits), i64(block),
      *readBW, *writeBW, *sharedBW, i64(flat.instances), i64(flat.meshX),
      *buffering ? *buffering : f64(1.0),
      accel::DataSpacesAttr::get(ctx, flat.keep), i64(ports->value_or(1)),
      builder.getArrayAttr({}), FloatAttr(), StringAttr(), StringAttr(),
      flat.constraints.empty()
          ? DictionaryAttr()
          : flat.constraints.getDictionary(builder.getContext()));
  components[flat.name] = op;
  return success();
}

LogicalResult Importer::build(ModuleOp module) {
  builder.setInsertionPointToEnd(module.getBody());
  Location archLoc = chain.empty() ? diags.loc(architectureNode)
                                   : diags.loc(chain.front().where);
  std::string name = archName.empty() ? "arch" : archName;
  arch = accel::ArchOp::create(builder, archLoc, builder.getStringAttr(name),
                               builder.getF64FloatAttr(1000.0), FloatAttr(),
                               builder.getStringAttr("default"));
  Block *body = new Block();
  arch.getBody().push_back(body);
  builder.setInsertionPointToEnd(body);
  int64_t instances = 1, meshX = 1;
  for (const FlatNode &flat : chain) {
    if (flat.kind == FlatNode::Kind::Fanout) {
      instances *= flat.fanX * flat.fanY;
      meshX *= flat.fanX;
    } else if (flat.kind == FlatNode::Kind::Network) {
      // Carries energies only; it does not replicate anything.
    } else if (flat.instances != instances) {
      // v0.3: instances grow from one level to the next; the fan-out between
      // them is the ratio of the meshes (meshY = instances / meshX).
      int64_t meshY = instances / meshX;
      int64_t flatMeshY = flat.meshX > 0 ? flat.instances / flat.meshX : 0;
      if (flat.meshX <= 0 || flat.instances % flat.meshX != 0 ||
          flat.meshX % meshX != 0 || flatMeshY % meshY != 0 ||
          flat.instances < instances) {
        emitError(diags.loc(flat.where))
            << "'" << flat.name << "': " << flat.instances
            << " instances with meshX " << flat.meshX
            << " are not a fan-out of the " << instances
            << " instances with meshX " << meshX
            << " of the level above (fan-out mismatch)";
        return failure();
      }
      std::string fanoutName =
          !flat.fanoutName.empty() ? flat.fanoutName : flat.name + "_fanout";
      while (components.count(fanoutName))
        fanoutName += "_";
      auto op = accel::FanoutOp::create(
          builder, diags.loc(flat.where), builder.getStringAttr(fanoutName),
          builder.getI64IntegerAttr(flat.meshX / meshX),
          builder.getI64IntegerAttr(flatMeshY / meshY),
          builder.getBoolAttr(true), builder.getBoolAttr(true), IntegerAttr(),
          builder.getArrayAttr({}), FloatAttr(), StringAttr(), FloatAttr());
      components[fanoutName] = op;
      instances = flat.instances;
      meshX = flat.meshX;
    }
    if (components.count(flat.name)) {
      emitError(diags.loc(flat.where))
          << "two components are named '" << flat.name << "'";
      return failure();
    }
    switch (flat.kind) {
    case FlatNode::Kind::Network: {
      auto bits =
          positiveInt(diags, *flat.attrs, {"datawidth", "width"}, flat.name);
      if (failed(bits))
        return failure();
      auto op = accel::FanoutOp::create(
          builder, diags.loc(flat.where), builder.getStringAttr(flat.name),
          builder.getI64IntegerAttr(1), builder.getI64IntegerAttr(1),
          builder.getBoolAttr(true), builder.getBoolAttr(true),
          *bits ? builder.getI64IntegerAttr(**bits) : IntegerAttr(),
          builder.getArrayAttr({}), FloatAttr(), StringAttr(), FloatAttr());
      components[flat.name] = op;
      break;
    }
    case FlatNode::Kind::Fanout: {
      auto op = accel::FanoutOp::create(
          builder, diags.loc(flat.where), builder.getStringAttr(flat.name),
          builder.getI64IntegerAttr(flat.fanX),
          builder.getI64IntegerAttr(flat.fanY), builder.getBoolAttr(true),
          builder.getBoolAttr(true), IntegerAttr(), builder.getArrayAttr({}),
          FloatAttr(), StringAttr(), FloatAttr());
      components[flat.name] = op;
      break;
    }
    case FlatNode::Kind::Nothing:
      if (!flat.attrs) {
        auto op = accel::StorageOp::create(
            builder, diags.loc(flat.where), builder.getStringAttr(flat.name),
            builder.getStringAttr("dummy_storage"), StringAttr(), IntegerAttr(),
            builder.getI64IntegerAttr(16), builder.getI64IntegerAttr(1),
            FloatAttr(), FloatAttr(), FloatAttr(),
            builder.getI64IntegerAttr(flat.instances),
            builder.getI64IntegerAttr(flat.meshX), builder.getF64FloatAttr(1),
            accel::DataSpacesAttr::get(builder.getContext(),
                                       accel::DataSpaces::None),
            builder.getI64IntegerAttr(1), builder.getArrayAttr({}), FloatAttr(),
            StringAttr(), StringAttr(),
            flat.constraints.empty()
                ? DictionaryAttr()
                : flat.constraints.getDictionary(builder.getContext()));
        components[flat.name] = op;
        break;
      }
      [[fallthrough]];
    case FlatNode::Kind::Component: {
      ClassKind kind = flat.kind == FlatNode::Kind::Nothing
                           ? ClassKind::Nothing
                           : ClassKind::Storage;
      if (flat.kind == FlatNode::Kind::Component) {
        AttrMap ignored;
        llvm::StringSet<> visiting;
        if (failed(resolveClass(flat.cls, flat.classNode, kind, ignored,
                                visiting)))
          return failure();
        if (kind == ClassKind::Storage && !flat.subclass.empty())
          if (auto sub = primitiveKind(flat.subclass))
            kind = *sub == ClassKind::Compute ? ClassKind::Compute : kind;
        if (StringRef(flat.cls) == "compute")
          kind = ClassKind::Compute;
      }
      if (failed(buildComponent(flat, kind)))
        return failure();
      break;
    }
    }
  }
  arch.setClockMhzAttr(
      builder.getF64FloatAttr(clockMHz > 0 ? clockMHz : 1000.0));
  if (technologyNM > 0)
    arch.setTechnologyNmAttr(builder.getF64FloatAttr(technologyNM));
  return success();
}

//===----------------------------------------------------------------------===//
// ERT and ART
//===----------------------------------------------------------------------===//

/// The component a table names: the text after the last '.', without
/// `[..]` (TIMELOOP-SEMANTICS.md §7: `System_top_level.GlobalBuffer[1..16]`
/// is GlobalBuffer).
static Operation *findComponent(const llvm::StringMap<Operation *> &components,
                                StringRef tableName) {
  StringRef name = tableName.trim();
  if (name.ends_with("]"))
    name = name.substr(0, name.rfind('['));
  size_t dot = name.rfind('.');
  StringRef leaf = dot == StringRef::npos ? name : name.drop_front(dot + 1);
  return components.lookup(leaf);
}

static const SequenceNode *tablesOf(const Node *root, StringRef key) {
  auto *map = llvm::dyn_cast_or_null<MapNode>(root);
  if (!map)
    return nullptr;
  if (auto *inner = llvm::dyn_cast_or_null<MapNode>(map->lookup(key)))
    map = inner;
  return llvm::dyn_cast_or_null<SequenceNode>(map->lookup("tables"));
}

static Attribute argumentAttr(OpBuilder &builder, const Node *node) {
  auto *scalar = llvm::dyn_cast<ScalarNode>(node);
  if (!scalar)
    return builder.getStringAttr(node->str());
  if (auto i = scalar->asInt(); i &&
                                !scalar->getValue().contains_insensitive("e") &&
                                !scalar->getValue().contains('.'))
    return builder.getI64IntegerAttr(*i);
  if (auto d = scalar->asDouble())
    return builder.getF64FloatAttr(*d);
  return builder.getStringAttr(scalar->getValue());
}

static LogicalResult applyERT(Diagnostics &diags, OpBuilder &builder,
                              const llvm::StringMap<Operation *> &components,
                              StringRef path) {
  auto tree = loadFile(path);
  if (!tree) {
    diags.emit(tree.takeError());
    return failure();
  }
  const Node *root = tree->getRoot();
  const SequenceNode *tables = tablesOf(root, "ERT");
  if (!tables) {
    diags.error(root) << "not an Accelergy ERT: expected `ERT: {tables: "
                         "[...]}`";
    return failure();
  }
  std::string file = llvm::sys::path::filename(path).str();
  for (const Node *entry : *tables) {
    auto *table = llvm::dyn_cast<MapNode>(entry);
    const ScalarNode *name = table ? scalarField(table, "name") : nullptr;
    if (!name) {
      diags.error(entry) << "an ERT table needs a name";
      return failure();
    }
    Operation *op = findComponent(components, name->getValue());
    if (!op) {
      diags.error(name) << "ERT table '" << name->getValue()
                        << "' names a component the architecture does not "
                           "have";
      return failure();
    }
    // An ERT made for another topology (exercise 04's, with the global
    // buffer replicated per PE) is worth a warning: the counts will differ.
    if (auto count = rangeCount(name->getValue().trim());
        count && name->getValue().trim().ends_with("]")) {
      auto instances = op->getAttrOfType<IntegerAttr>("instances");
      int64_t have = instances ? instances.getInt() : 1;
      if (*count != have)
        emitWarning(diags.loc(name))
            << "ERT table '" << name->getValue() << "' is for " << *count
            << " instance(s), the architecture has " << have
            << ": the table was made for another topology";
    }
    auto *actions =
        llvm::dyn_cast_or_null<SequenceNode>(table->lookup("actions"));
    if (!actions) {
      diags.error(table) << "ERT table '" << name->getValue()
                         << "' has no list of actions";
      return failure();
    }
    SmallVector<Attribute> entries;
    for (const Node *actionNode : *actions) {
      auto *action = llvm::dyn_cast<MapNode>(actionNode);
      const ScalarNode *actionName =
          action ? scalarField(action, "name") : nullptr;
      const ScalarNode *energy =
          action ? scalarField(action, "energy") : nullptr;
      std::optional<double> pJ = energy ? energy->asDouble() : std::nullopt;
      if (!actionName || !pJ) {
        diags.error(actionNode)
            << "an ERT action needs a name and a numeric energy";
        return failure();
      }
      SmallVector<NamedAttribute> args;
      if (auto *argMap =
              llvm::dyn_cast_or_null<MapNode>(action->lookup("arguments")))
        for (const MapNode::Entry &arg : *argMap)
          args.push_back(
              builder.getNamedAttr(arg.key, argumentAttr(builder, arg.value)));
      std::string source =
          llvm::formatv("ERT {0}:{1}", file, actionName->getLocation().line);
      entries.push_back(accel::ActionAttr::get(
          builder.getContext(), actionName->getValue(), llvm::APFloat(*pJ),
          args.empty() ? DictionaryAttr() : builder.getDictionaryAttr(args),
          source));
    }
    op->setAttr("actions", builder.getArrayAttr(entries));
  }
  return success();
}

static LogicalResult applyART(Diagnostics &diags, OpBuilder &builder,
                              const llvm::StringMap<Operation *> &components,
                              StringRef path) {
  auto tree = loadFile(path);
  if (!tree) {
    diags.emit(tree.takeError());
    return failure();
  }
  const Node *root = tree->getRoot();
  const SequenceNode *tables = tablesOf(root, "ART");
  if (!tables) {
    diags.error(root) << "not an Accelergy ART: expected `ART: {tables: "
                         "[...]}`";
    return failure();
  }
  std::string file = llvm::sys::path::filename(path).str();
  for (const Node *entry : *tables) {
    auto *table = llvm::dyn_cast<MapNode>(entry);
    const ScalarNode *name = table ? scalarField(table, "name") : nullptr;
    const ScalarNode *area = table ? scalarField(table, "area") : nullptr;
    std::optional<double> um2 = area ? area->asDouble() : std::nullopt;
    if (!name || !um2) {
      diags.error(entry) << "an ART table needs a name and a numeric area";
      return failure();
    }
    Operation *op = findComponent(components, name->getValue());
    StringRef leaf = name->getValue();
    leaf = leaf.substr(0, leaf.rfind('[')).rsplit('.').second;
    if (!op && leaf.starts_with("inter_") && leaf.ends_with("_spatial")) {
      // The placeholder area (1.0) of a level the v0.4 front end inserted at
      // a fan-out that this description spells differently (a v0.3 arch has
      // no such levels): nothing to attach it to.
      emitWarning(diags.loc(name))
          << "ART table '" << name->getValue()
          << "' ignored: the architecture has no level '" << leaf
          << "' (a front-end-inserted spatial level)";
      continue;
    }
    if (!op) {
      diags.error(name) << "ART table '" << name->getValue()
                        << "' names a component the architecture does not "
                           "have";
      return failure();
    }
    op->setAttr("area_um2", builder.getF64FloatAttr(*um2));
    op->setAttr("area_source",
                builder.getStringAttr(llvm::formatv("ART {0}:{1}", file,
                                                    name->getLocation().line)));
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> Importer::run() {
  // The arch file and the libraries, each parsed on its own (anchors do not
  // cross files).
  std::vector<std::string> paths{options.archFile};
  paths.insert(paths.end(), options.libraryFiles.begin(),
               options.libraryFiles.end());
  for (const std::string &path : paths) {
    auto tree = loadFile(path);
    if (!tree) {
      diags.emit(tree.takeError());
      return nullptr;
    }
    trees.push_back(std::move(*tree));
  }
  for (const Tree &tree : trees)
    if (failed(loadLibraries(tree)))
      return nullptr;

  const MapNode *architecture = nullptr;
  for (const Document &doc : trees.front().getDocuments())
    if (auto *root = llvm::dyn_cast<MapNode>(doc.root))
      if (auto *found =
              llvm::dyn_cast_or_null<MapNode>(root->lookup("architecture")))
        architecture = found;
  architectureNode = architecture;
  if (!architecture) {
    const Node *root = trees.front().getDocuments().empty()
                           ? nullptr
                           : trees.front().getDocuments().front().root;
    emitError(root ? diags.loc(root)
                   : FileLineColLoc::get(builder.getContext(), options.archFile,
                                         1, 1))
        << "no `architecture:` in '" << options.archFile << "'";
    return nullptr;
  }
  if (auto *subtree = llvm::dyn_cast_or_null<SequenceNode>(
          architecture->lookup("subtree"))) {
    if (subtree->size() != 1) {
      diags.error(subtree) << "the architecture needs exactly one top subtree";
      return nullptr;
    }
    auto *top = llvm::dyn_cast<MapNode>((*subtree)[0]);
    if (!top || failed(flattenV3(top, {}, 1, 1))) {
      if (!top)
        diags.error((*subtree)[0]) << "a subtree must be a map";
      return nullptr;
    }
  } else if (auto *local = llvm::dyn_cast_or_null<SequenceNode>(
                 architecture->lookup("local"))) {
    // Accelergy's and Timeloop's flattened architecture
    // (`*.flattened_architecture.yaml`): one `local` list, outermost first,
    // each name a path whose range is the total instance count, with meshX.
    for (const Node *entry : *local) {
      auto *component = llvm::dyn_cast<MapNode>(entry);
      const ScalarNode *name =
          component ? scalarField(component, "name") : nullptr;
      if (!name) {
        diags.error(entry) << "a component needs a name";
        return nullptr;
      }
      if (archName.empty())
        archName = name->getValue().split('.').first.str();
      auto count = rangeCount(name->getValue());
      if (!count) {
        diags.error(name) << "cannot read the instance range of '"
                          << name->getValue() << "' (expected name[a..b])";
        return nullptr;
      }
      if (failed(addComponent(component, {}, *count, *count,
                              /*rangeMultiplies=*/false)))
        return nullptr;
    }
  } else if (auto *nodes = llvm::dyn_cast_or_null<SequenceNode>(
                 architecture->lookup("nodes"))) {
    AttrMap inherited;
    int64_t instances = 1, meshX = 1;
    if (failed(flattenV4(nodes, inherited, instances, meshX)))
      return nullptr;
  } else {
    diags.error(architecture)
        << "expected `subtree:` (Timeloop v0.3), `nodes:` (v0.4) or `local:` "
           "(a flattened architecture) under `architecture:`";
    return nullptr;
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(builder.getUnknownLoc());
  if (failed(build(*module)))
    return nullptr;
  if (!options.ertFile.empty() &&
      failed(applyERT(diags, builder, components, options.ertFile)))
    return nullptr;
  if (!options.artFile.empty() &&
      failed(applyART(diags, builder, components, options.artFile)))
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp>
dnnopt::importTimeloopArch(const TimeloopImportOptions &options,
                           MLIRContext *context) {
  context->loadDialect<accel::AccelDialect>();
  // Verifier errors point at the YAML; the generic form of the op would
  // only add noise.
  bool printOp = context->shouldPrintOpOnDiagnostic();
  context->printOpOnDiagnostic(false);
  Importer importer(options, context);
  OwningOpRef<ModuleOp> module = importer.run();
  context->printOpOnDiagnostic(printOp);
  return module;
}

LogicalResult dnnopt::applyAccelergyTables(accel::ArchOp arch,
                                           llvm::StringRef ertFile,
                                           llvm::StringRef artFile) {
  MLIRContext *context = arch.getContext();
  Diagnostics diags(context);
  OpBuilder builder(context);
  llvm::StringMap<Operation *> components;
  for (Operation &op : arch.getBody().front())
    if (auto name =
            op.getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName()))
      components[name.getValue()] = &op;
  if (!ertFile.empty() && failed(applyERT(diags, builder, components, ertFile)))
    return failure();
  if (!artFile.empty() && failed(applyART(diags, builder, components, artFile)))
    return failure();
  bool printOp = context->shouldPrintOpOnDiagnostic();
  context->printOpOnDiagnostic(false);
  LogicalResult verified = verify(arch);
  context->printOpOnDiagnostic(printOp);
  return verified;
}

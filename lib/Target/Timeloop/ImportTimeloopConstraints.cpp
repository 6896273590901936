//===- ImportTimeloopConstraints.cpp - Timeloop mapspace constraints ------===//
//
// The file's constraint lists (under `mapspace_constraints`,
// `architecture_constraints`, `mapspace: constraints`, `constraints` or
// `targets`, each a list or a map holding a `targets`/`constraints` list;
// or the root list) hold one map per constraint: `target` (or `name`),
// `type`, and the type's fields, directly or under `attributes` (the old
// form); a target may also hold a `constraints` list of its own. Fields
// this project does not model are errors, never ignored.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Timeloop/ImportTimeloopConstraints.h"
#include "dnnopt/Support/YAMLTree.h"

#include "TimeloopDirectives.h"

#include "llvm/ADT/StringSwitch.h"

using namespace dnnopt;
using namespace dnnopt::yamltree;
using namespace dnnopt::timeloop;
using llvm::StringRef;

namespace {
class ConstraintReader {
public:
  explicit ConstraintReader(const ArchSpec &arch) : arch(arch) {}

  llvm::Error readList(const Node *node);
  std::vector<ConstraintEntry> entries;

private:
  llvm::Error readOne(const MapNode *target, const MapNode *constraint);

  const ArchSpec &arch;
};
} // namespace

/// A list of constraints, or a map holding one under `targets` or
/// `constraints`.
llvm::Error ConstraintReader::readList(const Node *node) {
  if (const MapNode *map = asMap(node)) {
    const Node *list = lookupAny(map, {"targets", "constraints"});
    if (!list)
      return makeError(*node, "expected a list of constraints (or a map "
                              "with `targets`)");
    node = list;
  }
  auto *seq = llvm::dyn_cast<SequenceNode>(node);
  if (!seq)
    return makeError(*node, "expected a list of constraints");
  for (const Node *item : *seq) {
    const MapNode *target = asMap(item);
    if (!target)
      return makeError(*item, "a constraint must be a map");
    if (const Node *nested = target->lookup("constraints")) {
      auto *list = llvm::dyn_cast<SequenceNode>(nested);
      if (!list)
        return makeError(*nested, "`constraints` of a target must be a list");
      for (const Node *inner : *list) {
        const MapNode *constraint = asMap(inner);
        if (!constraint)
          return makeError(*inner, "a constraint must be a map");
        if (llvm::Error err = readOne(target, constraint))
          return err;
      }
      continue;
    }
    if (llvm::Error err = readOne(target, target))
      return err;
  }
  return llvm::Error::success();
}

llvm::Error ConstraintReader::readOne(const MapNode *target,
                                      const MapNode *constraint) {
  const Node *typeNode = constraint->lookup("type");
  auto type = scalarText(typeNode, "`type`");
  if (!type)
    return makeError(*constraint, "a constraint needs a `type`");
  std::optional<ConstraintEntry::Kind> kind =
      llvm::StringSwitch<std::optional<ConstraintEntry::Kind>>(*type)
          .Case("temporal", ConstraintEntry::Kind::Temporal)
          .Case("spatial", ConstraintEntry::Kind::Spatial)
          .Cases({"datatype", "bypass", "bypassing", "dataspace"},
                 ConstraintEntry::Kind::DataSpace)
          .Cases({"utilization", "parallelism"},
                 ConstraintEntry::Kind::Utilization)
          .Default(std::nullopt);
  if (!kind) {
    if (*type == "max_overbooked_proportion")
      return makeError(*typeNode, "constraint type max_overbooked_proportion "
                                  "is not supported: the model does not "
                                  "overbook buffers");
    return makeError(*typeNode,
                     "unknown constraint type " + *type +
                         " (expected temporal, spatial, dataspace, bypass, "
                         "datatype or utilization)");
  }

  ConstraintEntry entry;
  entry.kind = *kind;
  entry.where = constraint->getLocation().str();
  const Node *targetNode = lookupAny(constraint, {"target", "name"});
  if (!targetNode)
    targetNode = lookupAny(target, {"target", "name"});
  auto name = scalarText(targetNode, "`target`");
  if (!name)
    return makeError(*constraint, "a constraint needs a `target`");
  std::optional<unsigned> level = *kind == ConstraintEntry::Kind::Spatial
                                      ? findSpatialLevel(arch, *name)
                                      : findLevel(arch, *name);
  if (!level)
    return makeError(
        *targetNode,
        (*kind == ConstraintEntry::Kind::Spatial
             ? "spatial target " + *name +
                   " is not a level above a fan-out nor a "
                   "fan-out of the arch"
             : "target " + *name + " is not a storage level of the arch") +
            " (levels: " + listLevelNames(arch) + ")");
  entry.level = *level;

  // The fields, directly or under `attributes`.
  const MapNode *fields = asMap(constraint->lookup("attributes"));
  for (const MapNode *map : {constraint, fields}) {
    if (!map)
      continue;
    for (const MapNode::Entry &field : *map) {
      StringRef key = field.key;
      if (key == "type" || key == "target" || key == "name" ||
          key == "attributes")
        continue;
      bool loops = *kind == ConstraintEntry::Kind::Temporal ||
                   *kind == ConstraintEntry::Kind::Spatial;
      if (loops && key == "factors") {
        entry.factorsWhere = field.value->getLocation().str();
        auto items = scalarList(field.value, "`factors`");
        if (!items)
          return items.takeError();
        for (const ScalarNode *item : *items)
          if (llvm::Error err =
                  parseFactorTerms(item->getValue(), entry.factors))
            return makeError(*item, llvm::toString(std::move(err)));
        continue;
      }
      if (loops && key == "permutation") {
        entry.permutationWhere = field.value->getLocation().str();
        llvm::SmallVector<NameAt> inner, outer;
        if (llvm::Error err = parsePermutationNames(field.value, inner, outer))
          return err;
        for (const NameAt &n : inner)
          entry.permutation.push_back(n.name);
        for (const NameAt &n : outer)
          entry.outermost.push_back(n.name);
        continue;
      }
      if (*kind == ConstraintEntry::Kind::Spatial && key == "split") {
        auto *scalar = llvm::dyn_cast<ScalarNode>(field.value);
        std::optional<int64_t> split = scalar ? scalar->asInt() : std::nullopt;
        if (!split || *split < 0)
          return makeError(*field.value,
                           "`split` must be a non-negative integer");
        entry.split = *split;
        continue;
      }
      if (*kind == ConstraintEntry::Kind::DataSpace &&
          (key == "keep" || key == "bypass")) {
        auto names = scalarList(field.value, key);
        if (!names)
          return names.takeError();
        (key == "keep" ? entry.keepWhere : entry.bypassWhere) =
            field.value->getLocation().str();
        for (const ScalarNode *n : *names)
          (key == "keep" ? entry.keep : entry.bypass)
              .push_back(n->getValue().str());
        continue;
      }
      if (*kind == ConstraintEntry::Kind::Utilization && key == "min") {
        auto *scalar = llvm::dyn_cast<ScalarNode>(field.value);
        std::optional<double> value =
            scalar ? scalar->asDouble() : std::nullopt;
        if (!value)
          return makeError(*field.value, "utilization `min` must be a number");
        entry.minUtilization = *value;
        continue;
      }
      return makeError(*field.value, "constraint field " + key +
                                         " is not supported for type " + *type +
                                         " (see docs/constraints.md)");
    }
  }
  entries.push_back(std::move(entry));
  return llvm::Error::success();
}

llvm::Expected<std::vector<ConstraintEntry>>
dnnopt::importTimeloopConstraints(StringRef path, const ArchSpec &arch) {
  llvm::Expected<Tree> tree = loadFile(path);
  if (!tree)
    return tree.takeError();
  ConstraintReader reader(arch);
  const Node *root = tree->getRoot();
  if (llvm::isa<SequenceNode>(root)) {
    if (llvm::Error err = reader.readList(root))
      return std::move(err);
    return std::move(reader.entries);
  }
  const MapNode *top = asMap(root);
  if (!top)
    return makeError(*root, "a constraints file must be a map or a list");
  bool found = false;
  for (StringRef key : {"architecture_constraints", "mapspace_constraints",
                        "constraints", "targets"}) {
    if (const Node *list = top->lookup(key)) {
      found = true;
      if (key == "targets") {
        if (llvm::Error err = reader.readList(root))
          return std::move(err);
        continue;
      }
      if (llvm::Error err = reader.readList(list))
        return std::move(err);
    }
  }
  if (const MapNode *mapspace = asMap(top->lookup("mapspace"))) {
    if (const Node *list = lookupAny(mapspace, {"constraints", "targets"})) {
      found = true;
      if (llvm::Error err = reader.readList(list))
        return std::move(err);
    }
  }
  if (!found)
    return makeError(*root, "no constraints found (expected "
                            "`mapspace_constraints`, `constraints`, "
                            "`targets` or `architecture_constraints`)");
  return std::move(reader.entries);
}

//===- TimeloopDirectives.cpp - shared pieces of Timeloop directives ------===//
//
// See TimeloopDirectives.h.
//
//===----------------------------------------------------------------------===//

#include "TimeloopDirectives.h"

#include "dnnopt/Mapping/Mapping.h"

#include "llvm/ADT/StringExtras.h"

using namespace dnnopt;
using namespace dnnopt::yamltree;
using llvm::StringRef;

const Node *timeloop::lookupAny(const MapNode *map,
                                std::initializer_list<StringRef> keys) {
  for (StringRef key : keys)
    if (const Node *value = map->lookup(key))
      return value;
  return nullptr;
}

llvm::Expected<StringRef> timeloop::scalarText(const Node *node,
                                               StringRef what) {
  if (auto *scalar = llvm::dyn_cast_or_null<ScalarNode>(node))
    return scalar->getValue();
  if (!node)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "missing %s",
                                   what.str().c_str());
  return makeError(*node,
                   what + " must be a scalar, not a " + node->getKindName());
}

llvm::Expected<llvm::SmallVector<const ScalarNode *>>
timeloop::scalarList(const Node *node, StringRef what) {
  llvm::SmallVector<const ScalarNode *> items;
  if (!node || llvm::isa<NullNode>(node))
    return items;
  if (auto *scalar = llvm::dyn_cast<ScalarNode>(node)) {
    items.push_back(scalar);
    return items;
  }
  auto *seq = llvm::dyn_cast<SequenceNode>(node);
  if (!seq)
    return makeError(*node, what + " must be a list");
  for (const Node *item : *seq) {
    auto *scalar = llvm::dyn_cast<ScalarNode>(item);
    if (!scalar)
      return makeError(*item, what + " entries must be scalars");
    items.push_back(scalar);
  }
  return items;
}

llvm::Error
timeloop::parsePermutationNames(const Node *node,
                                llvm::SmallVectorImpl<NameAt> &innermost,
                                llvm::SmallVectorImpl<NameAt> &outermost) {
  bool outer = false;
  auto add = [&](StringRef name, const Node &where) -> llvm::Error {
    if (name == "_") {
      outer = true;
      return llvm::Error::success();
    }
    for (auto *list : {&innermost, &outermost})
      for (const NameAt &seen : *list)
        if (seen.name == name)
          return makeError(where,
                           "permutation: dimension " + name + " appears twice");
    (outer ? outermost : innermost).push_back({name.str(), &where});
    return llvm::Error::success();
  };
  if (!node || llvm::isa<NullNode>(node))
    return llvm::Error::success();
  if (auto *scalar = llvm::dyn_cast<ScalarNode>(node)) {
    StringRef text =
        scalar->getValue().take_until([](char c) { return c == '#'; });
    for (char c : text) {
      if (llvm::isSpace(c) || c == ',')
        continue;
      if (llvm::Error err = add(StringRef(&c, 1), *node))
        return err;
    }
    return llvm::Error::success();
  }
  auto names = scalarList(node, "`permutation`");
  if (!names)
    return names.takeError();
  for (const ScalarNode *name : *names)
    if (llvm::Error err = add(name->getValue(), *name))
      return err;
  return llvm::Error::success();
}

std::optional<unsigned> timeloop::findLevel(const ArchSpec &arch,
                                            StringRef target) {
  for (unsigned l = 0; l < arch.levels.size(); ++l)
    if (arch.levels[l].name == target)
      return l;
  unsigned index;
  if (!target.getAsInteger(10, index) && index < arch.levels.size())
    return arch.levels.size() - 1 - index;
  return std::nullopt;
}

std::optional<unsigned> timeloop::findSpatialLevel(const ArchSpec &arch,
                                                   StringRef target) {
  unsigned nl = arch.levels.size();
  if (std::optional<unsigned> level = findLevel(arch, target)) {
    if (getFanoutBelow(arch, *level).getFanout() > 1)
      return *level;
    // The importer puts the `inter_<X>_spatial` level that holds nothing
    // below its fan-out; its directive is the level's above.
    if (*level > 0 && arch.levels[*level].holdsNothing() &&
        arch.levels[*level].fanoutAbove.getFanout() > 1)
      return *level - 1;
    return std::nullopt;
  }
  // A v0.4 container name: the front end retargets its spatial directive
  // to `inter_<name>_spatial`.
  if (std::optional<unsigned> dummy =
          findLevel(arch, ("inter_" + target + "_spatial").str()))
    if (getFanoutBelow(arch, *dummy).getFanout() > 1)
      return *dummy;
  StringRef fanoutName = target;
  if (target.starts_with("inter_") && target.ends_with("_spatial"))
    fanoutName = target.drop_front(6).drop_back(8);
  // The k-th named fan-out is the k-th level (or compute) with one above.
  for (unsigned k = 0, seen = 0; k < arch.networks.size(); ++k) {
    if (arch.networks[k].name != fanoutName)
      continue;
    for (unsigned l = 1; l <= nl; ++l) {
      const FanoutSpec &f =
          l < nl ? arch.levels[l].fanoutAbove : arch.compute.fanoutAbove;
      if (f.getFanout() > 1 && seen++ == k)
        return l - 1;
    }
  }
  return std::nullopt;
}

std::string timeloop::listLevelNames(const ArchSpec &arch) {
  std::string names;
  for (const StorageLevelSpec &level : arch.levels) {
    if (!names.empty())
      names += ", ";
    names += level.name;
  }
  return names;
}

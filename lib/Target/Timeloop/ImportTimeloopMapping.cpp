//===- ImportTimeloopMapping.cpp - Timeloop problems and mappings ---------===//
//
// Problem files: `problem: {shape: {name, dimensions, coefficients,
// data_spaces}, instance}` (the `problem:` wrapper and `instance:` are
// optional as in Timeloop, which also reads bounds from the top level).
// Mapping files: a list under `mapping:` (or the root list) of directives,
// read as timeloop-model's mapping parser does (src/mapping/parser.cpp at
// 0fc43fb): factors by the pattern `<letters> [=] <digits>`, the
// permutation innermost first, dims missing from it appended outermost,
// missing factors 1, `0` the full bound.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Timeloop/ImportTimeloopMapping.h"
#include "dnnopt/Support/YAMLTree.h"

#include "TimeloopDirectives.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace dnnopt;
using namespace dnnopt::yamltree;
using namespace dnnopt::timeloop;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// Problems
//===----------------------------------------------------------------------===//

llvm::Expected<Problem> dnnopt::importTimeloopProblem(StringRef path) {
  llvm::Expected<Tree> tree = loadFile(path);
  if (!tree)
    return tree.takeError();
  const Node *root = tree->getRoot();
  const MapNode *top = asMap(root);
  if (!top)
    return makeError(*root, "a problem file must be a map");
  if (const MapNode *wrapped = asMap(top->lookup("problem")))
    top = wrapped;
  const MapNode *shape = asMap(top->lookup("shape"));
  if (!shape)
    return makeError(*top, "the problem needs a `shape` map (a named shape "
                           "file is not supported)");
  const MapNode *instance = asMap(top->lookup("instance"));
  if (!instance)
    instance = top;

  Problem problem;
  if (const Node *name = shape->lookup("name"))
    if (auto *scalar = llvm::dyn_cast<ScalarNode>(name))
      problem.name = scalar->getValue().str();

  auto dims = scalarList(shape->lookup("dimensions"), "`dimensions`");
  if (!dims)
    return dims.takeError();
  if (dims->empty())
    return makeError(*shape, "the shape needs `dimensions`");
  for (const ScalarNode *dim : *dims) {
    if (problem.findDim(dim->getValue()))
      return makeError(*dim,
                       "dimension " + dim->getValue() + " is listed twice");
    problem.dimNames.push_back(dim->getValue().str());
    const Node *bound = instance->lookup(dim->getValue());
    if (!bound)
      return makeError(*instance, "the instance gives no bound for "
                                  "dimension " +
                                      dim->getValue());
    auto *scalar = llvm::dyn_cast<ScalarNode>(bound);
    std::optional<int64_t> value = scalar ? scalar->asInt() : std::nullopt;
    if (!value || *value < 1)
      return makeError(*bound, "the bound of " + dim->getValue() +
                                   " must be a positive integer");
    problem.bounds.push_back(*value);
  }
  unsigned nd = problem.getNumDims();

  // Coefficients: defaults, overridden by the instance.
  llvm::StringMap<int64_t> coefficients;
  if (const Node *list = shape->lookup("coefficients")) {
    auto *seq = llvm::dyn_cast<SequenceNode>(list);
    if (!seq)
      return makeError(*list, "`coefficients` must be a list");
    for (const Node *item : *seq) {
      const MapNode *coef = asMap(item);
      auto *name =
          coef ? llvm::dyn_cast_or_null<ScalarNode>(coef->lookup("name"))
               : nullptr;
      if (!name)
        return makeError(*item, "a coefficient needs a `name`");
      int64_t value = 1;
      if (const Node *def = coef->lookup("default")) {
        auto *scalar = llvm::dyn_cast<ScalarNode>(def);
        std::optional<int64_t> parsed = scalar ? scalar->asInt() : std::nullopt;
        if (!parsed)
          return makeError(*def, "the default of coefficient " +
                                     name->getValue() + " must be an integer");
        value = *parsed;
      }
      if (const Node *over = instance->lookup(name->getValue())) {
        auto *scalar = llvm::dyn_cast<ScalarNode>(over);
        std::optional<int64_t> parsed = scalar ? scalar->asInt() : std::nullopt;
        if (!parsed)
          return makeError(*over, "coefficient " + name->getValue() +
                                      " must be an integer");
        value = *parsed;
      }
      coefficients[name->getValue()] = value;
    }
  }

  const Node *spacesNode = lookupAny(shape, {"data_spaces", "data-spaces"});
  auto *spaces = llvm::dyn_cast_or_null<SequenceNode>(spacesNode);
  if (!spaces || spaces->empty())
    return makeError(spacesNode ? *spacesNode
                                : static_cast<const Node &>(*shape),
                     "the shape needs a list of `data_spaces`");
  for (const Node *item : *spaces) {
    const MapNode *space = asMap(item);
    if (!space)
      return makeError(*item, "a data space must be a map");
    auto name = scalarText(space->lookup("name"), "data space name");
    if (!name)
      return makeError(*item, "a data space needs a `name`");
    ProblemDataSpace ds;
    ds.name = name->str();
    if (const Node *rw = lookupAny(space, {"read_write", "read-write"})) {
      auto *scalar = llvm::dyn_cast<ScalarNode>(rw);
      std::optional<bool> value = scalar ? scalar->asBool() : std::nullopt;
      if (!value)
        return makeError(*rw, "`read_write` must be true or false");
      ds.readWrite = *value;
    }
    const Node *projection = space->lookup("projection");
    auto *ranks = llvm::dyn_cast_or_null<SequenceNode>(projection);
    if (!ranks)
      return makeError(projection ? *projection : *item,
                       "data space " + ds.name + " needs a `projection` list");
    for (const Node *rankNode : *ranks) {
      llvm::SmallVector<int64_t, 8> row(nd, 0);
      auto addTerm = [&](const ScalarNode *dimName,
                         const ScalarNode *coefName) -> llvm::Error {
        std::optional<unsigned> dim = problem.findDim(dimName->getValue());
        if (!dim)
          return makeError(*dimName, "projection of " + ds.name +
                                         ": unknown dimension " +
                                         dimName->getValue());
        int64_t coef = 1;
        if (coefName) {
          auto it = coefficients.find(coefName->getValue());
          if (it != coefficients.end()) {
            coef = it->second;
          } else if (std::optional<int64_t> literal = coefName->asInt()) {
            coef = *literal;
          } else {
            return makeError(*coefName, "projection of " + ds.name +
                                            ": unknown coefficient " +
                                            coefName->getValue());
          }
        }
        row[*dim] += coef;
        return llvm::Error::success();
      };
      // A bare dim name is a rank of that dim (Timeloop's array form).
      if (auto *scalar = llvm::dyn_cast<ScalarNode>(rankNode)) {
        if (llvm::Error err = addTerm(scalar, nullptr))
          return std::move(err);
      } else if (auto *terms = llvm::dyn_cast<SequenceNode>(rankNode)) {
        for (const Node *termNode : *terms) {
          auto term = scalarList(termNode, "a projection term");
          if (!term)
            return term.takeError();
          if (term->empty() || term->size() > 2)
            return makeError(*termNode, "a projection term is [dim] or "
                                        "[dim, coefficient]");
          if (llvm::Error err =
                  addTerm((*term)[0], term->size() == 2 ? (*term)[1] : nullptr))
            return std::move(err);
        }
      } else {
        return makeError(*rankNode, "a projection rank must be a list of "
                                    "terms");
      }
      ds.coefficients.append(row.begin(), row.end());
      ++ds.numRanks;
    }
    problem.dataSpaces.push_back(std::move(ds));
  }

  // Arch data spaces: by name, else Outputs for the read-write one and
  // Weights, Inputs for the others in order.
  bool taken[kNumDataSpaces] = {false, false, false};
  llvm::SmallVector<bool, 4> assigned(problem.dataSpaces.size(), false);
  for (unsigned s = 0; s < problem.dataSpaces.size(); ++s) {
    ProblemDataSpace &ds = problem.dataSpaces[s];
    std::optional<DataSpace> named =
        llvm::StringSwitch<std::optional<DataSpace>>(ds.name)
            .Case("Weights", DataSpace::Weights)
            .Case("Inputs", DataSpace::Inputs)
            .Case("Outputs", DataSpace::Outputs)
            .Default(std::nullopt);
    if (ds.readWrite)
      named = DataSpace::Outputs;
    if (named && !taken[(unsigned)*named]) {
      ds.archSpace = *named;
      taken[(unsigned)*named] = true;
      assigned[s] = true;
    }
  }
  for (unsigned s = 0; s < problem.dataSpaces.size(); ++s) {
    if (assigned[s])
      continue;
    for (DataSpace candidate :
         {DataSpace::Weights, DataSpace::Inputs, DataSpace::Outputs}) {
      if (!taken[(unsigned)candidate]) {
        problem.dataSpaces[s].archSpace = candidate;
        taken[(unsigned)candidate] = true;
        break;
      }
    }
  }
  if (llvm::Error err = problem.verify())
    return makeError(*root, llvm::toString(std::move(err)));
  return problem;
}

//===----------------------------------------------------------------------===//
// Mappings
//===----------------------------------------------------------------------===//

namespace {
/// Parsed factors: (dim, factor, residual or 0, where it was written).
struct Factor {
  unsigned dim;
  int64_t value;
  int64_t residual;
  const ScalarNode *node;
};
} // namespace

/// Parses `R=3 P=1`, `R=3,P=1`, `C1 M8` (parseFactorTerms); `0` means the
/// full bound. A mapping gives exact factors only. A residual (`P=4,3`) is
/// kept when `imperfect` (checked once the whole mapping is read), else it
/// must equal the factor.
static llvm::Error parseFactors(const ScalarNode *node, const Problem &problem,
                                bool imperfect,
                                llvm::SmallVectorImpl<Factor> &factors) {
  llvm::SmallVector<FactorTerm> terms;
  // Its only error is a residual that differs from its factor.
  if (llvm::Error err = parseFactorTerms(node->getValue(), terms, imperfect))
    return makeError(*node, llvm::toString(std::move(err)) +
                                " without imperfect=true");
  for (const FactorTerm &term : terms) {
    if (term.relation != FactorTerm::Relation::Equal)
      return makeError(*node, "factors: " + term.dim +
                                  ": a mapping gives exact factors (`<=` and "
                                  "`>=` belong in constraints)");
    std::optional<unsigned> dim = problem.findDim(term.dim);
    if (!dim)
      return makeError(*node, "factors: dimension " + term.dim +
                                  " not found in the problem");
    factors.push_back({*dim,
                       term.value == 0 ? problem.bounds[*dim] : term.value,
                       term.residual, node});
  }
  return llvm::Error::success();
}

/// Parses a permutation (innermost first): a string of one-letter dims (or
/// a list of names); missing dims are appended outermost, in dim order.
static llvm::Error parsePermutation(const Node *node, const Problem &problem,
                                    llvm::SmallVectorImpl<unsigned> &order) {
  order.clear();
  unsigned nd = problem.getNumDims();
  llvm::SmallVector<NameAt> names, outer;
  if (llvm::Error err = parsePermutationNames(node, names, outer))
    return err;
  names.append(outer.begin(), outer.end());
  llvm::SmallVector<bool, 8> seen(nd, false);
  for (const NameAt &name : names) {
    std::optional<unsigned> dim = problem.findDim(name.name);
    if (!dim)
      return makeError(*name.where, "permutation: dimension " + name.name +
                                        " not found in the problem");
    seen[*dim] = true;
    order.push_back(*dim);
  }
  for (unsigned d = 0; d < nd; ++d)
    if (!seen[d])
      order.push_back(d);
  return llvm::Error::success();
}

llvm::Expected<Mapping> dnnopt::importTimeloopMapping(StringRef path,
                                                      const Problem &problem,
                                                      const ArchSpec &arch,
                                                      bool imperfect) {
  llvm::Expected<Tree> tree = loadFile(path);
  if (!tree)
    return tree.takeError();
  const Node *root = tree->getRoot();
  const Node *list = root;
  if (const MapNode *map = asMap(root)) {
    list = map->lookup("mapping");
    if (!list)
      return makeError(*root, "a mapping file needs a `mapping` list");
  }
  auto *directives = llvm::dyn_cast<SequenceNode>(list);
  if (!directives)
    return makeError(*list, "`mapping` must be a list of directives");

  // Every factor 1 (a dim a directive leaves out stays 1), the dims in
  // order, and every level keeping what the arch lets it keep.
  unsigned nd = problem.getNumDims();
  Mapping mapping = makeOuterMapping(problem, arch);
  mapping.levels.front().temporalFactors.assign(nd, 1);
  mapping.levels.front().keepMask =
      getDefaultKeepMask(problem, arch.levels.front());
  // The residuals written in the file: (level, spatial, factor).
  llvm::SmallVector<std::tuple<unsigned, bool, Factor>> residuals;

  for (const Node *item : *directives) {
    const MapNode *directive = asMap(item);
    if (!directive)
      return makeError(*item, "a mapping directive must be a map");
    auto type = scalarText(directive->lookup("type"), "`type`");
    if (!type)
      return makeError(*item, "a mapping directive needs a `type`");
    const Node *targetNode = directive->lookup("target");
    auto target = scalarText(targetNode, "`target`");
    if (!target)
      return makeError(*item, "a mapping directive needs a `target`");

    if (*type == "temporal" || *type == "spatial") {
      bool spatial = *type == "spatial";
      std::optional<unsigned> level =
          spatial ? findSpatialLevel(arch, *target) : findLevel(arch, *target);
      if (!level)
        return makeError(*targetNode,
                         spatial ? "spatial target " + *target +
                                       " is not a level above a fan-out "
                                       "nor a fan-out of the arch"
                                 : "target " + *target +
                                       " is not a storage level of the arch");
      LevelMapping &lm = mapping.levels[*level];
      llvm::SmallVector<int64_t, 8> &factors =
          spatial ? lm.spatialFactors : lm.temporalFactors;
      factors.assign(nd, 1);
      if (const Node *factorNode = directive->lookup("factors")) {
        auto entries = scalarList(factorNode, "`factors`");
        if (!entries)
          return entries.takeError();
        llvm::SmallVector<Factor> parsed;
        for (const ScalarNode *entry : *entries)
          if (llvm::Error err = parseFactors(entry, problem, imperfect, parsed))
            return std::move(err);
        for (const Factor &f : parsed) {
          factors[f.dim] = f.value;
          if (f.residual)
            residuals.push_back({*level, spatial, f});
        }
      }
      llvm::SmallVector<unsigned, 8> &order =
          spatial ? lm.spatialOrder : lm.temporalOrder;
      if (llvm::Error err = parsePermutation(directive->lookup("permutation"),
                                             problem, order))
        return std::move(err);
      if (spatial) {
        lm.spatialSplit = nd;
        if (const Node *split = directive->lookup("split")) {
          auto *scalar = llvm::dyn_cast<ScalarNode>(split);
          std::optional<int64_t> value =
              scalar ? scalar->asInt() : std::nullopt;
          if (!value || *value < 0)
            return makeError(*split, "`split` must be a non-negative "
                                     "integer");
          lm.spatialSplit = std::min<int64_t>(*value, nd);
        }
      }
      continue;
    }
    if (*type == "datatype" || *type == "bypass" || *type == "dataspace") {
      std::optional<unsigned> level = findLevel(arch, *target);
      if (!level)
        return makeError(*targetNode, "target " + *target +
                                          " is not a storage level of the "
                                          "arch");
      LevelMapping &lm = mapping.levels[*level];
      for (StringRef key : {"keep", "bypass"}) {
        auto names = scalarList(directive->lookup(key), key);
        if (!names)
          return names.takeError();
        for (const ScalarNode *name : *names) {
          std::optional<unsigned> space =
              problem.findDataSpace(name->getValue());
          if (!space)
            return makeError(*name, "data space " + name->getValue() +
                                        " not found in the problem");
          if (key == "keep")
            lm.keepMask |= 1u << *space;
          else
            lm.keepMask &= ~(1u << *space);
        }
      }
      continue;
    }
    return makeError(*directive->lookup("type"),
                     "unknown mapping directive type " + *type);
  }
  // A written residual must be the one the factors and the bound leave
  // (Timeloop's bound = ((r_outer - 1) f_next + (r_next - 1)) ... + r_inner).
  if (!residuals.empty()) {
    std::vector<llvm::SmallVector<int64_t, 8>> temporal, spatial;
    getResiduals(problem, mapping, temporal, spatial);
    for (const auto &[level, isSpatial, f] : residuals) {
      int64_t derived = (isSpatial ? spatial : temporal)[level][f.dim];
      if (f.residual != derived)
        return makeError(
            *f.node,
            llvm::formatv("level {0}: {1} factor {2}={3},{4}: the residual "
                          "the bound {5} leaves is {6}, not {4}",
                          arch.levels[level].name,
                          isSpatial ? "spatial" : "temporal",
                          problem.dimNames[f.dim], f.value, f.residual,
                          problem.bounds[f.dim], derived)
                .str());
    }
  }
  return mapping;
}

//===- Mapping.cpp - plain-data loop problems and mappings ----------------===//
//
// Problem boxes, workload conversion, mapping validation and the map.txt-like
// printer.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Mapping/Mapping.h"
#include "dnn/Workload.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace dnnopt;
using llvm::createStringError;
using llvm::inconvertibleErrorCode;

//===----------------------------------------------------------------------===//
// Problem
//===----------------------------------------------------------------------===//

int64_t Problem::getPoints() const {
  int64_t points = 1;
  for (int64_t b : bounds)
    points *= b;
  return points;
}

int64_t Problem::getTileSize(unsigned space,
                             llvm::ArrayRef<int64_t> extents) const {
  const ProblemDataSpace &ds = dataSpaces[space];
  unsigned nd = getNumDims();
  int64_t size = 1;
  for (unsigned r = 0; r < ds.numRanks; ++r) {
    int64_t extent = 1;
    for (unsigned d = 0; d < nd; ++d)
      extent += std::abs(ds.getCoefficient(r, d, nd)) * (extents[d] - 1);
    size *= extent;
  }
  return size;
}

std::optional<unsigned> Problem::findDim(llvm::StringRef name) const {
  for (unsigned d = 0; d < dimNames.size(); ++d)
    if (dimNames[d] == name)
      return d;
  return std::nullopt;
}

std::optional<unsigned> Problem::findDataSpace(llvm::StringRef name) const {
  for (unsigned s = 0; s < dataSpaces.size(); ++s)
    if (dataSpaces[s].name == name)
      return s;
  return std::nullopt;
}

llvm::Error Problem::verify() const {
  if (bounds.empty() || dimNames.size() != bounds.size())
    return createStringError(inconvertibleErrorCode(),
                             "a problem needs named dims with bounds");
  if (bounds.size() > kMaxProblemDims)
    return createStringError(inconvertibleErrorCode(), "more than %u dims",
                             kMaxProblemDims);
  if (dataSpaces.empty() || dataSpaces.size() > kMaxProblemSpaces)
    return createStringError(inconvertibleErrorCode(),
                             "a problem needs 1 to %u data spaces",
                             kMaxProblemSpaces);
  for (unsigned d = 0; d < bounds.size(); ++d)
    if (bounds[d] < 1)
      return createStringError(inconvertibleErrorCode(),
                               "dim %s has bound %lld; bounds must be >= 1",
                               dimNames[d].c_str(), (long long)bounds[d]);
  unsigned readWrite = 0;
  for (const ProblemDataSpace &ds : dataSpaces) {
    if (ds.numRanks > kMaxRanks)
      return createStringError(inconvertibleErrorCode(),
                               "data space %s has more than %u ranks",
                               ds.name.c_str(), kMaxRanks);
    if (ds.coefficients.size() != ds.numRanks * bounds.size())
      return createStringError(inconvertibleErrorCode(),
                               "data space %s: coefficient matrix is not "
                               "ranks x dims",
                               ds.name.c_str());
    readWrite += ds.readWrite;
  }
  if (readWrite > 1)
    return createStringError(inconvertibleErrorCode(),
                             "more than one read-write data space");
  return llvm::Error::success();
}

llvm::Expected<Problem>
dnnopt::problemFromWorkload(const dnn::Workload &workload) {
  if (workload.kind == dnn::WorkKind::NotModeled)
    return createStringError(inconvertibleErrorCode(),
                             "workload is not modeled: %s",
                             workload.note.c_str());
  Problem problem;
  for (const dnn::WorkloadDim &dim : workload.dims) {
    problem.dimNames.push_back(dim.name);
    problem.bounds.push_back(dim.bound);
  }
  for (const dnn::DataSpace &space : workload.dataSpaces) {
    ProblemDataSpace ds;
    ds.name = space.name;
    ds.readWrite = space.readWrite;
    switch (space.role) {
    case dnn::DataSpaceRole::Weight:
      ds.archSpace = DataSpace::Weights;
      break;
    case dnn::DataSpaceRole::Input:
      ds.archSpace = DataSpace::Inputs;
      break;
    case dnn::DataSpaceRole::Output:
      ds.archSpace = DataSpace::Outputs;
      break;
    }
    llvm::SmallVector<int64_t> coefficients, constants;
    if (!dnn::getLinearCoefficients(space.projection, coefficients, constants))
      return createStringError(inconvertibleErrorCode(),
                               "data space %s: projection is not linear",
                               space.name.c_str());
    ds.numRanks = space.projection.getNumResults();
    ds.coefficients.assign(coefficients.begin(), coefficients.end());
    problem.dataSpaces.push_back(std::move(ds));
  }
  if (llvm::Error err = problem.verify())
    return std::move(err);
  return problem;
}

//===----------------------------------------------------------------------===//
// Mapping
//===----------------------------------------------------------------------===//

bool dnnopt::isImperfect(const Problem &problem, const Mapping &mapping) {
  for (unsigned d = 0; d < problem.getNumDims(); ++d) {
    int64_t product = 1;
    for (const LevelMapping &lm : mapping.levels)
      product *= lm.temporalFactors[d] * lm.spatialFactors[d];
    if (product != problem.bounds[d])
      return true;
  }
  return false;
}

bool LevelMapping::hasSpatialLoops() const {
  return llvm::any_of(spatialFactors, [](int64_t f) { return f > 1; });
}

bool LevelMapping::operator==(const LevelMapping &other) const {
  return temporalFactors == other.temporalFactors &&
         temporalOrder == other.temporalOrder &&
         spatialFactors == other.spatialFactors &&
         spatialOrder == other.spatialOrder &&
         spatialSplit == other.spatialSplit && keepMask == other.keepMask;
}

std::vector<llvm::SmallVector<int64_t, 8>>
dnnopt::getTileExtents(const Mapping &mapping, unsigned numDims) {
  std::vector<llvm::SmallVector<int64_t, 8>> extents(mapping.levels.size());
  llvm::SmallVector<int64_t, 8> running(numDims, 1);
  for (unsigned l = mapping.levels.size(); l-- > 0;) {
    const LevelMapping &lm = mapping.levels[l];
    for (unsigned d = 0; d < numDims; ++d)
      running[d] *= lm.temporalFactors[d] * lm.spatialFactors[d];
    extents[l] = running;
  }
  return extents;
}

void dnnopt::getResiduals(const Problem &problem, const Mapping &mapping,
                          std::vector<llvm::SmallVector<int64_t, 8>> &temporal,
                          std::vector<llvm::SmallVector<int64_t, 8>> &spatial) {
  unsigned nd = problem.getNumDims(), nl = mapping.levels.size();
  temporal.assign(nl, llvm::SmallVector<int64_t, 8>(nd, 1));
  spatial.assign(nl, llvm::SmallVector<int64_t, 8>(nd, 1));
  llvm::SmallVector<int64_t, 8> stride(nd, 1);
  // Innermost first: a level's spatial loops, then its temporal loops.
  for (unsigned l = nl; l-- > 0;) {
    const LevelMapping &lm = mapping.levels[l];
    for (unsigned d = 0; d < nd; ++d)
      for (bool isSpatial : {true, false}) {
        int64_t f = isSpatial ? lm.spatialFactors[d] : lm.temporalFactors[d];
        (isSpatial ? spatial : temporal)[l][d] =
            f < 1 ? f : getResidual(problem.bounds[d], stride[d], f);
        stride[d] *= std::max<int64_t>(f, 1);
      }
  }
}

Mapping dnnopt::canonicalizeMapping(const Mapping &mapping) {
  Mapping canonical = mapping;
  for (LevelMapping &lm : canonical.levels) {
    unsigned nd = lm.temporalFactors.size();
    auto ones = [&](llvm::ArrayRef<int64_t> factors,
                    llvm::SmallVectorImpl<unsigned> &order) {
      for (unsigned d = 0; d < nd; ++d)
        if (factors[d] == 1)
          order.push_back(d);
    };
    llvm::SmallVector<unsigned, 8> temporal;
    for (unsigned d : lm.temporalOrder)
      if (lm.temporalFactors[d] != 1)
        temporal.push_back(d);
    ones(lm.temporalFactors, temporal);
    lm.temporalOrder = std::move(temporal);

    llvm::SmallVector<unsigned, 8> spatial;
    for (unsigned i = 0; i < lm.spatialSplit && i < lm.spatialOrder.size(); ++i)
      if (lm.spatialFactors[lm.spatialOrder[i]] != 1)
        spatial.push_back(lm.spatialOrder[i]);
    ones(lm.spatialFactors, spatial);
    unsigned split = spatial.size();
    for (unsigned i = lm.spatialSplit; i < lm.spatialOrder.size(); ++i)
      if (lm.spatialFactors[lm.spatialOrder[i]] != 1)
        spatial.push_back(lm.spatialOrder[i]);
    lm.spatialOrder = std::move(spatial);
    lm.spatialSplit = split;
  }
  return canonical;
}

uint32_t dnnopt::getDefaultKeepMask(const Problem &problem,
                                    const StorageLevelSpec &level) {
  uint32_t mask = 0;
  for (unsigned s = 0; s < problem.dataSpaces.size(); ++s)
    if (level.keeps(problem.dataSpaces[s].archSpace))
      mask |= 1u << s;
  return mask;
}

const FanoutSpec &dnnopt::getFanoutBelow(const ArchSpec &arch, unsigned level) {
  if (level + 1 < arch.levels.size())
    return arch.levels[level + 1].fanoutAbove;
  return arch.compute.fanoutAbove;
}

ProblemDataSpace dnnopt::makeDataSpace(
    llvm::StringRef name, DataSpace archSpace, unsigned numDims,
    llvm::ArrayRef<std::vector<ProjectionTerm>> ranks, bool readWrite) {
  ProblemDataSpace ds;
  ds.name = name.str();
  ds.archSpace = archSpace;
  ds.readWrite = readWrite;
  ds.numRanks = ranks.size();
  ds.coefficients.assign(ranks.size() * numDims, 0);
  for (auto [r, terms] : llvm::enumerate(ranks))
    for (const ProjectionTerm &term : terms)
      ds.coefficients[r * numDims + term.dim] += term.coefficient;
  return ds;
}

bool Problem::indexes(unsigned space, unsigned dim) const {
  const ProblemDataSpace &s = dataSpaces[space];
  for (unsigned r = 0; r < s.numRanks; ++r)
    if (s.getCoefficient(r, dim, getNumDims()) != 0)
      return true;
  return false;
}

bool dnnopt::maySpatiallyMap(const Problem &problem, const FanoutSpec &fanout,
                             unsigned dim, bool y) {
  if (!fanout.crossbar)
    return true;
  DataSpace excluded = y ? DataSpace::Outputs : DataSpace::Inputs;
  for (unsigned s = 0; s < problem.dataSpaces.size(); ++s)
    if (problem.dataSpaces[s].archSpace == excluded && problem.indexes(s, dim))
      return false;
  return true;
}

Mapping dnnopt::makeOuterMapping(const Problem &problem, const ArchSpec &arch) {
  Mapping mapping;
  unsigned nd = problem.getNumDims();
  for (unsigned l = 0; l < arch.levels.size(); ++l) {
    LevelMapping level;
    level.temporalFactors.assign(nd, 1);
    level.spatialFactors.assign(nd, 1);
    for (unsigned d = 0; d < nd; ++d) {
      level.temporalOrder.push_back(d);
      level.spatialOrder.push_back(d);
    }
    level.spatialSplit = nd;
    if (l == 0)
      level.temporalFactors.assign(problem.bounds.begin(),
                                   problem.bounds.end());
    level.keepMask = l == 0 ? (1u << problem.dataSpaces.size()) - 1
                            : getDefaultKeepMask(problem, arch.levels[l]);
    mapping.levels.push_back(std::move(level));
  }
  return mapping;
}

/// True if `order` lists each of the `nd` dims once.
static bool isPermutation(llvm::ArrayRef<unsigned> order, unsigned nd) {
  if (order.size() != nd)
    return false;
  uint64_t seen = 0;
  for (unsigned d : order) {
    if (d >= nd || (seen >> d & 1))
      return false;
    seen |= uint64_t(1) << d;
  }
  return true;
}

/// `K16 x C4` for the factors > 1 of `dims`.
static std::string describeFactors(const Problem &problem,
                                   llvm::ArrayRef<unsigned> dims,
                                   llvm::ArrayRef<int64_t> factors) {
  std::string text;
  for (unsigned d : dims) {
    if (factors[d] <= 1)
      continue;
    if (!text.empty())
      text += " x ";
    text += problem.dimNames[d] + std::to_string(factors[d]);
  }
  return text.empty() ? "1" : text;
}

static llvm::Error fail(const llvm::Twine &message) {
  return createStringError(inconvertibleErrorCode(), message.str());
}

/// The level count of `mapping` against the arch's `numLevels`.
static llvm::Error checkLevelCount(const Mapping &mapping, unsigned numLevels) {
  if (mapping.levels.size() != numLevels)
    return fail(llvm::formatv("the mapping has {0} levels, the arch {1}",
                              mapping.levels.size(), numLevels));
  if (numLevels == 0)
    return fail("the mapping has no levels");
  if (numLevels > kMaxMappingLevels)
    return fail(
        llvm::formatv("more than {0} storage levels", kMaxMappingLevels));
  return llvm::Error::success();
}

/// One level's directives: factors of every dim, permutations, positive
/// factors.
static llvm::Error checkLevelShape(const Problem &problem,
                                   const LevelMapping &lm,
                                   llvm::StringRef name) {
  unsigned nd = problem.getNumDims();
  if (lm.temporalFactors.size() != nd || lm.spatialFactors.size() != nd)
    return fail("level " + name + ": factors for " + llvm::Twine(nd) +
                " dims expected");
  if (!isPermutation(lm.temporalOrder, nd))
    return fail("level " + name +
                ": the temporal order is not a permutation of the dims");
  if (!isPermutation(lm.spatialOrder, nd) || lm.spatialSplit > nd)
    return fail("level " + name +
                ": the spatial order is not a permutation of the dims");
  for (unsigned d = 0; d < nd; ++d) {
    if (lm.temporalFactors[d] < 1)
      return fail("level " + name + ": temporal factor " + problem.dimNames[d] +
                  "=" + llvm::Twine(lm.temporalFactors[d]) +
                  " is not positive");
    if (lm.spatialFactors[d] < 1)
      return fail("level " + name + ": spatial factor " + problem.dimNames[d] +
                  "=" + llvm::Twine(lm.spatialFactors[d]) + " is not positive");
  }
  return llvm::Error::success();
}

namespace {
/// The outermost loop of a dim: its level and factor.
struct Outermost {
  unsigned level;
  int64_t factor;
};
} // namespace

/// The outermost loop of factor > 1 of dim `d` (a level's temporal loops sit
/// outside its spatial loops), if any.
static std::optional<Outermost> findOutermostLoop(const Mapping &mapping,
                                                  unsigned d) {
  for (unsigned l = 0; l < mapping.levels.size(); ++l) {
    const LevelMapping &lm = mapping.levels[l];
    if (lm.temporalFactors[d] > 1)
      return Outermost{l, lm.temporalFactors[d]};
    if (lm.spatialFactors[d] > 1)
      return Outermost{l, lm.spatialFactors[d]};
  }
  return std::nullopt;
}

/// Across levels: at most kMaxMappingLoops loops, factors that multiply to
/// each bound (or, with `imperfect`, cover it with a tight outermost loop),
/// and the outermost level keeps every data space.
static llvm::Error
checkFactors(const Problem &problem,
             llvm::function_ref<llvm::StringRef(unsigned)> levelName,
             const Mapping &mapping, bool imperfect) {
  unsigned nd = problem.getNumDims();
  unsigned ns = problem.dataSpaces.size();
  unsigned numLoops = 0;
  for (const LevelMapping &lm : mapping.levels)
    for (unsigned d = 0; d < nd; ++d)
      numLoops += (lm.temporalFactors[d] > 1) + (lm.spatialFactors[d] > 1);
  if (numLoops > kMaxMappingLoops)
    return fail(llvm::formatv("the mapping has {0} loops of factor > 1, "
                              "more than {1}",
                              numLoops, kMaxMappingLoops));

  // Factors multiply to the bounds.
  for (unsigned d = 0; d < nd; ++d) {
    int64_t product = 1;
    std::string terms;
    for (unsigned l = 0; l < mapping.levels.size(); ++l) {
      const LevelMapping &lm = mapping.levels[l];
      for (int64_t f : {lm.temporalFactors[d], lm.spatialFactors[d]}) {
        product *= f;
        if (f > 1)
          terms += (terms.empty() ? "" : " x ") + levelName(l).str() + ":" +
                   std::to_string(f);
      }
    }
    int64_t bound = problem.bounds[d];
    if (product == bound)
      continue;
    if (product < bound || !imperfect)
      return fail(llvm::formatv(
          "the factors of {0} multiply to {1} ({2}), not its bound {3}{4}",
          problem.dimNames[d], product, terms.empty() ? "none" : terms, bound,
          product > bound ? " (imperfect=true accepts factors whose product "
                            "exceeds the bound)"
                          : ""));
    // Imperfect: the outermost loop of d runs exactly the iterations the
    // bound needs, ceil(bound / the product of the factors inside it).
    std::optional<Outermost> outer = findOutermostLoop(mapping, d);
    int64_t inner = product / outer->factor;
    int64_t needed = (bound + inner - 1) / inner;
    if (outer->factor != needed)
      return fail(llvm::formatv(
          "the factors of {0} multiply to {1} ({2}), more than its bound {3} "
          "needs: its outermost loop ({4}:{5}) would run ceil({3} / {6}) = "
          "{7} iterations",
          problem.dimNames[d], product, terms, bound,
          levelName(outer->level).str(), outer->factor, inner, needed));
  }

  // The outermost level keeps everything (Timeloop's rule).
  uint32_t all = (1u << ns) - 1;
  if ((mapping.levels.front().keepMask & all) != all)
    return fail("level " + levelName(0) +
                ": the outermost level must keep every data space");
  return llvm::Error::success();
}

llvm::Error dnnopt::checkMappingShape(
    const Problem &problem, unsigned numLevels,
    llvm::function_ref<llvm::StringRef(unsigned)> levelName,
    const Mapping &mapping, bool imperfect) {
  if (llvm::Error err = problem.verify())
    return err;
  if (llvm::Error err = checkLevelCount(mapping, numLevels))
    return err;
  for (unsigned l = 0; l < mapping.levels.size(); ++l)
    if (llvm::Error err =
            checkLevelShape(problem, mapping.levels[l], levelName(l)))
      return err;
  return checkFactors(problem, levelName, mapping, imperfect);
}

llvm::Error dnnopt::validateMapping(const Problem &problem,
                                    const ArchSpec &arch,
                                    const Mapping &mapping, bool imperfect) {
  auto levelName = [&](unsigned l) -> llvm::StringRef {
    return arch.levels[l].name;
  };
  if (llvm::Error err = problem.verify())
    return err;
  if (llvm::Error err = checkLevelCount(mapping, arch.levels.size()))
    return err;
  unsigned nd = problem.getNumDims();
  unsigned ns = problem.dataSpaces.size();

  for (unsigned l = 0; l < mapping.levels.size(); ++l) {
    const LevelMapping &lm = mapping.levels[l];
    const std::string &name = arch.levels[l].name;
    if (llvm::Error err = checkLevelShape(problem, lm, name))
      return err;
    // Spatial factors onto the fan-out below: X and Y separately, as
    // Timeloop checks them ("Arithmetic Y expansion 4 exceeds ...").
    const FanoutSpec &fanout = getFanoutBelow(arch, l);
    int64_t x = 1, y = 1;
    llvm::SmallVector<unsigned, 8> xDims, yDims;
    for (unsigned i = 0; i < nd; ++i) {
      unsigned d = lm.spatialOrder[i];
      (i < lm.spatialSplit ? x : y) *= lm.spatialFactors[d];
      (i < lm.spatialSplit ? xDims : yDims).push_back(d);
    }
    for (auto [dims, isY] : {std::pair(&xDims, false), std::pair(&yDims, true)})
      for (unsigned d : *dims)
        if (lm.spatialFactors[d] > 1 &&
            !maySpatiallyMap(problem, fanout, d, isY))
          return fail(llvm::formatv(
              "level {0}: spatial {1} factor {2}={3} on a crossbar: its {4} "
              "carry only dims that index no {5}",
              name, isY ? "Y" : "X", problem.dimNames[d], lm.spatialFactors[d],
              isY ? "rows" : "columns",
              isY ? "output (they add up on a column)"
                  : "input (a row's weights share its input)"));
    if (x > fanout.meshX)
      return fail(llvm::formatv(
          "level {0}: spatial X factors {1} = {2} exceed the fan-out's "
          "meshX {3}",
          name, describeFactors(problem, xDims, lm.spatialFactors), x,
          fanout.meshX));
    if (y > fanout.meshY)
      return fail(llvm::formatv(
          "level {0}: spatial Y factors {1} = {2} exceed the fan-out's "
          "meshY {3}",
          name, describeFactors(problem, yDims, lm.spatialFactors), y,
          fanout.meshY));
  }
  if (llvm::Error err = checkFactors(problem, levelName, mapping, imperfect))
    return err;

  // Capacities: the tiles a level keeps, each the box of its loops and
  // every loop inside them. With imperfect factors a level holds its full
  // tile (the largest), clipped at the bounds only where one tile spans a
  // whole dim (equal to getTileExtents for a perfect mapping).
  std::vector<llvm::SmallVector<int64_t, 8>> extents =
      getTileExtents(mapping, nd);
  for (auto &levelExtents : extents)
    for (unsigned d = 0; d < nd; ++d)
      levelExtents[d] = std::min(levelExtents[d], problem.bounds[d]);
  for (unsigned l = mapping.levels.size(); l-- > 0;) {
    const LevelMapping &lm = mapping.levels[l];
    const StorageLevelSpec &spec = arch.levels[l];
    if (!spec.sizeWords)
      continue;
    int64_t effective =
        (int64_t)((double)*spec.sizeWords / spec.multipleBuffering);
    int64_t used = 0;
    std::string tiles;
    for (unsigned s = 0; s < ns; ++s) {
      if (!lm.keeps(s))
        continue;
      int64_t size = problem.getTileSize(s, extents[l]);
      used += size;
      tiles += " " + problem.dataSpaces[s].name + ":" + std::to_string(size);
    }
    if (used > effective)
      return fail(llvm::formatv(
          "level {0}: the tiles it keeps ({1} ) need {2} words, more than "
          "its capacity of {3}",
          spec.name, tiles, used, effective));
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

void dnnopt::printMapping(llvm::raw_ostream &os, const Problem &problem,
                          const ArchSpec &arch, const Mapping &mapping) {
  unsigned nd = problem.getNumDims();
  unsigned numLevels = mapping.levels.size();
  std::vector<llvm::SmallVector<int64_t, 8>> extents =
      getTileExtents(mapping, nd);
  // Imperfect factors: tiles clipped where they span a whole dim, and each
  // loop's residual after its factor when they differ (`[0:4,3)`, as
  // Timeloop prints it).
  for (auto &levelExtents : extents)
    for (unsigned d = 0; d < nd; ++d)
      levelExtents[d] = std::min(levelExtents[d], problem.bounds[d]);
  std::vector<llvm::SmallVector<int64_t, 8>> temporalResiduals,
      spatialResiduals;
  getResiduals(problem, mapping, temporalResiduals, spatialResiduals);
  unsigned depth = 0;
  for (unsigned l = 0; l < numLevels; ++l) {
    const LevelMapping &lm = mapping.levels[l];
    std::string header = l < arch.levels.size() ? arch.levels[l].name : "?";
    header += " [ ";
    for (unsigned s = 0; s < problem.dataSpaces.size(); ++s) {
      if (!lm.keeps(s))
        continue;
      int64_t size = problem.getTileSize(s, extents[l]);
      header += problem.dataSpaces[s].name + ":" + std::to_string(size) + " (" +
                std::to_string(size) + ") ";
    }
    header += "] ";
    os << header << "\n";
    bool hasLoops =
        llvm::any_of(lm.temporalFactors, [](int64_t f) { return f > 1; }) ||
        lm.hasSpatialLoops();
    if (hasLoops)
      os << std::string(header.size() - 1, '-') << "\n";
    auto printLoop = [&](unsigned d, int64_t factor, int64_t residual,
                         llvm::StringRef kind) {
      os << "|" << std::string(2 * depth + 1, ' ') << "for "
         << problem.dimNames[d] << " in [0:" << factor;
      if (residual != factor)
        os << "," << residual;
      os << ")" << kind << "\n";
      ++depth;
    };
    for (unsigned i = nd; i-- > 0;) {
      unsigned d = lm.temporalOrder[i];
      if (lm.temporalFactors[d] > 1)
        printLoop(d, lm.temporalFactors[d], temporalResiduals[l][d], "");
    }
    for (unsigned i = nd; i-- > 0;) {
      unsigned d = lm.spatialOrder[i];
      if (lm.spatialFactors[d] > 1)
        printLoop(d, lm.spatialFactors[d], spatialResiduals[l][d],
                  i < lm.spatialSplit ? " (Spatial-X)" : " (Spatial-Y)");
    }
    if (hasLoops || l + 1 == numLevels)
      os << (l + 1 == numLevels ? "" : "\n");
  }
  os << "|" << std::string(2 * depth + 1, ' ') << "<< Compute >>\n";
}

llvm::Error dnnopt::parseFactorTerms(llvm::StringRef text,
                                     llvm::SmallVectorImpl<FactorTerm> &terms,
                                     bool allowResiduals) {
  text = text.take_until([](char c) { return c == '#'; });
  size_t i = 0, n = text.size();
  auto skipBlanks = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\t'))
      ++i;
  };
  while (i < n) {
    if (!llvm::isAlpha(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < n && llvm::isAlpha(text[i]))
      ++i;
    FactorTerm term;
    term.dim = text.slice(start, i).str();
    skipBlanks();
    if (i + 1 < n && (text[i] == '<' || text[i] == '>') && text[i + 1] == '=') {
      term.relation = text[i] == '<' ? FactorTerm::Relation::AtMost
                                     : FactorTerm::Relation::AtLeast;
      i += 2;
    } else {
      while (i < n && text[i] == '=')
        ++i;
    }
    skipBlanks();
    size_t digits = i;
    while (i < n && llvm::isDigit(text[i]))
      ++i;
    if (digits == i)
      continue; // Not a term (Timeloop's pattern skips it too).
    text.slice(digits, i).getAsInteger(10, term.value);
    if (i + 1 < n && text[i] == ',' && llvm::isDigit(text[i + 1])) {
      size_t residualStart = ++i;
      while (i < n && llvm::isDigit(text[i]))
        ++i;
      int64_t residual = 0;
      text.slice(residualStart, i).getAsInteger(10, residual);
      term.residual = residual;
      if (residual != term.value && !allowResiduals)
        return createStringError(
            inconvertibleErrorCode(),
            "factor %s=%lld,%lld: imperfect factors (a residual) are not "
            "supported",
            term.dim.c_str(), (long long)term.value, (long long)residual);
    }
    terms.push_back(std::move(term));
  }
  return llvm::Error::success();
}

//===- MapspaceConstraints.cpp - what the mapper may choose ---------------===//
//
// Resolution of constraint entries against a problem (names to indices,
// checks against the bounds), the dataflow presets as constraints, the
// static satisfiability checks, and the check of a given mapping.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Search/MapspaceConstraints.h"
#include "dnnopt/Support/PrimeFactors.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cstdio>

using namespace dnnopt;
using llvm::StringRef;
using llvm::Twine;

std::optional<Dataflow> dnnopt::parseDataflow(StringRef name) {
  return llvm::StringSwitch<std::optional<Dataflow>>(name)
      .Case("any", Dataflow::Any)
      .Case("weight-stationary", Dataflow::WeightStationary)
      .Case("output-stationary", Dataflow::OutputStationary)
      .Case("input-stationary", Dataflow::InputStationary)
      .Case("row-stationary", Dataflow::RowStationary)
      .Case("no-local-reuse", Dataflow::NoLocalReuse)
      .Default(std::nullopt);
}

StringRef dnnopt::stringifyDataflow(Dataflow dataflow) {
  switch (dataflow) {
  case Dataflow::Any:
    return "any";
  case Dataflow::WeightStationary:
    return "weight-stationary";
  case Dataflow::OutputStationary:
    return "output-stationary";
  case Dataflow::InputStationary:
    return "input-stationary";
  case Dataflow::RowStationary:
    return "row-stationary";
  case Dataflow::NoLocalReuse:
    return "no-local-reuse";
  }
  return "";
}

/// "where: message", or the message alone.
static llvm::Error fail(StringRef where, const Twine &message) {
  std::string text =
      where.empty() ? message.str() : (where + ": " + message).str();
  return llvm::createStringError(llvm::inconvertibleErrorCode(), text);
}

static StringRef orWhere(StringRef specific, StringRef general) {
  return specific.empty() ? general : specific;
}

static std::string formatNumber(double value) {
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

static std::string listDims(const Problem &problem) {
  std::string names;
  for (const std::string &name : problem.dimNames)
    names += (names.empty() ? "" : ", ") + name;
  return names;
}

static std::string listSpaces(const Problem &problem) {
  std::string names;
  for (const ProblemDataSpace &s : problem.dataSpaces)
    names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

//===----------------------------------------------------------------------===//
// Entries from the arch
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<ConstraintEntry>>
dnnopt::getArchConstraintEntries(const ArchSpec &arch) {
  std::vector<ConstraintEntry> entries;
  for (auto [l, level] : llvm::enumerate(arch.levels)) {
    if (!level.constraints)
      continue;
    const LevelConstraintText &text = *level.constraints;
    std::string where =
        text.source.empty()
            ? "constraints of level " + level.name
            : text.source + " (constraints of level " + level.name + ")";
    for (auto [kind, loops] :
         {std::pair{ConstraintEntry::Kind::Temporal, &text.temporal},
          std::pair{ConstraintEntry::Kind::Spatial, &text.spatial}}) {
      if (!loops->present)
        continue;
      ConstraintEntry entry;
      entry.kind = kind;
      entry.level = l;
      entry.where = where;
      for (const std::string &factors : loops->factors)
        if (llvm::Error err = parseFactorTerms(factors, entry.factors))
          return fail(where, llvm::toString(std::move(err)));
      bool outer = false;
      for (const std::string &name : loops->permutation) {
        if (name == "_") {
          outer = true;
          continue;
        }
        (outer ? entry.outermost : entry.permutation).push_back(name);
      }
      entry.split = loops->split;
      entries.push_back(std::move(entry));
    }
    if (!text.keep.empty() || !text.bypass.empty()) {
      ConstraintEntry entry;
      entry.kind = ConstraintEntry::Kind::DataSpace;
      entry.level = l;
      entry.where = where;
      entry.keep.append(text.keep.begin(), text.keep.end());
      entry.bypass.append(text.bypass.begin(), text.bypass.end());
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

//===----------------------------------------------------------------------===//
// Resolution
//===----------------------------------------------------------------------===//

MapspaceConstraints MapspaceConstraints::getEmpty(const Problem &problem,
                                                  const ArchSpec &arch) {
  MapspaceConstraints c;
  unsigned nd = problem.getNumDims();
  LevelConstraints level;
  level.temporalExact.assign(nd, 0);
  level.temporalMax.assign(nd, LevelConstraints::kNoMax);
  level.spatialExact.assign(nd, 0);
  level.spatialMax.assign(nd, LevelConstraints::kNoMax);
  level.spatialAxis.assign(nd, LevelConstraints::AnyAxis);
  level.temporalWhere.assign(nd, "");
  level.spatialWhere.assign(nd, "");
  c.levels.assign(arch.levels.size(), level);
  return c;
}

/// Pins or bounds the factor of `dim` in one slot (temporal or spatial).
static llvm::Error setFactor(const Problem &problem, unsigned dim,
                             const FactorTerm &term, StringRef where,
                             StringRef slotName, StringRef levelName,
                             int64_t &exact, int64_t &max, std::string &setBy) {
  const std::string &name = problem.dimNames[dim];
  int64_t bound = problem.bounds[dim];
  std::string at = (slotName + " factor of " + name + " at " + levelName).str();
  std::string previous =
      setBy.empty() ? std::string("another constraint") : setBy;
  switch (term.relation) {
  case FactorTerm::Relation::AtLeast:
    return fail(where, "factors: " + name + ">=" + Twine(term.value) +
                           ": minimum factors are not supported");
  case FactorTerm::Relation::AtMost:
    if (term.value < 1)
      return fail(where, "factors: " + name + "<=" + Twine(term.value) +
                             ": a maximum factor must be positive");
    if (exact && exact > term.value)
      return fail(where, "the " + at + " is at most " + Twine(term.value) +
                             " here but pinned to " + Twine(exact) + " by " +
                             previous);
    max = std::min(max, term.value);
    if (setBy.empty())
      setBy = where.str();
    return llvm::Error::success();
  case FactorTerm::Relation::Equal:
    break;
  }
  int64_t value = term.value == 0 ? bound : term.value;
  if (bound % value != 0)
    return fail(where, "factors: " + name + "=" + Twine(value) +
                           " does not divide the bound " + Twine(bound) +
                           " of " + name);
  if (exact && exact != value)
    return fail(where, "the " + at + " is pinned to " + Twine(value) +
                           " here but to " + Twine(exact) + " by " + previous);
  if (value > max)
    return fail(where, "the " + at + " is pinned to " + Twine(value) +
                           " here but at most " + Twine(max) + " by " +
                           previous);
  exact = value;
  setBy = where.str();
  return llvm::Error::success();
}

static llvm::Expected<unsigned> resolveDim(const Problem &problem,
                                           StringRef name, StringRef where,
                                           StringRef what) {
  if (std::optional<unsigned> dim = problem.findDim(name))
    return *dim;
  return fail(
      where, what + ": dimension " + name +
                 " not found in the problem (dims: " + listDims(problem) + ")");
}

/// The mask of the problem's data spaces `name` names: a problem data
/// space's own name, or the arch data space (Weights, Inputs, Outputs).
static llvm::Expected<uint32_t> resolveSpace(const Problem &problem,
                                             StringRef name, StringRef where,
                                             StringRef what) {
  uint32_t mask = 0;
  for (auto [s, space] : llvm::enumerate(problem.dataSpaces))
    if (space.name == name)
      mask |= 1u << s;
  if (!mask)
    for (auto [s, space] : llvm::enumerate(problem.dataSpaces))
      if (stringifyDataSpace(space.archSpace) == name)
        mask |= 1u << s;
  if (mask)
    return mask;
  return fail(where, what + ": data space " + name +
                         " not found in the problem (data spaces: " +
                         listSpaces(problem) + ")");
}

static llvm::Error setAxis(LevelConstraints &level, unsigned dim,
                           LevelConstraints::Axis axis, StringRef where,
                           const Problem &problem, StringRef levelName) {
  if (axis == LevelConstraints::AnyAxis)
    return llvm::Error::success();
  uint8_t &current = level.spatialAxis[dim];
  if (current != LevelConstraints::AnyAxis && current != axis)
    return fail(
        where, "the spatial split puts " + problem.dimNames[dim] + " on " +
                   (axis == LevelConstraints::XOnly ? "X" : "Y") + " below " +
                   levelName + " but " +
                   (level.splitWhere.empty() ? std::string("another constraint")
                                             : level.splitWhere) +
                   " puts it on " +
                   (axis == LevelConstraints::XOnly ? "Y" : "X"));
  current = axis;
  return llvm::Error::success();
}

llvm::Error dnnopt::addConstraints(MapspaceConstraints &into,
                                   llvm::ArrayRef<ConstraintEntry> entries,
                                   const Problem &problem,
                                   const ArchSpec &arch) {
  unsigned nd = problem.getNumDims();
  for (const ConstraintEntry &entry : entries) {
    if (entry.level >= into.levels.size())
      return fail(entry.where, "constraint on level " + Twine(entry.level) +
                                   ", but the arch has " +
                                   Twine(into.levels.size()) + " levels");
    LevelConstraints &level = into.levels[entry.level];
    StringRef levelName = arch.levels[entry.level].name;
    into.unconstrained = false;
    switch (entry.kind) {
    case ConstraintEntry::Kind::Temporal:
    case ConstraintEntry::Kind::Spatial: {
      bool spatial = entry.kind == ConstraintEntry::Kind::Spatial;
      for (const FactorTerm &term : entry.factors) {
        auto dim =
            resolveDim(problem, term.dim,
                       orWhere(entry.factorsWhere, entry.where), "factors");
        if (!dim)
          return dim.takeError();
        if (llvm::Error err =
                spatial
                    ? setFactor(problem, *dim, term, entry.where, "spatial",
                                levelName, level.spatialExact[*dim],
                                level.spatialMax[*dim],
                                level.spatialWhere[*dim])
                    : setFactor(problem, *dim, term, entry.where, "temporal",
                                levelName, level.temporalExact[*dim],
                                level.temporalMax[*dim],
                                level.temporalWhere[*dim]))
          return err;
      }
      llvm::SmallVector<unsigned, 8> inner, outer;
      for (auto [names, out] : {std::pair{&entry.permutation, &inner},
                                std::pair{&entry.outermost, &outer}})
        for (const std::string &name : *names) {
          auto dim = resolveDim(problem, name,
                                orWhere(entry.permutationWhere, entry.where),
                                "permutation");
          if (!dim)
            return dim.takeError();
          out->push_back(*dim);
        }
      if (!spatial) {
        if (inner.empty() && outer.empty())
          break;
        if (!level.innermost.empty() || !level.outermost.empty()) {
          if (level.innermost == inner && level.outermost == outer)
            break;
          return fail(entry.where,
                      "the temporal permutation at " + levelName +
                          " is given twice, differently (first by " +
                          level.permutationWhere + ")");
        }
        level.innermost = inner;
        level.outermost = outer;
        level.permutationWhere = entry.where;
        break;
      }
      // Spatial: the split divides the permutation into X then Y dims; the
      // order within an axis does not change the counts.
      if (!entry.split)
        break;
      int64_t split = *entry.split;
      if (split < 0)
        return fail(entry.where, "`split` must be non-negative");
      if (inner.empty())
        for (unsigned d = 0; d < nd; ++d)
          inner.push_back(d);
      llvm::SmallVector<bool, 8> listed(nd, false);
      for (auto [i, d] : llvm::enumerate(inner)) {
        listed[d] = true;
        if (llvm::Error err =
                setAxis(level, d,
                        (int64_t)i < split ? LevelConstraints::XOnly
                                           : LevelConstraints::YOnly,
                        entry.where, problem, levelName))
          return err;
      }
      for (unsigned d = 0; d < nd; ++d) {
        if (listed[d])
          continue;
        LevelConstraints::Axis axis = LevelConstraints::AnyAxis;
        if (split <= (int64_t)inner.size())
          axis = LevelConstraints::YOnly;
        else if (split >= (int64_t)nd)
          axis = LevelConstraints::XOnly;
        if (llvm::Error err =
                setAxis(level, d, axis, entry.where, problem, levelName))
          return err;
      }
      if (level.splitWhere.empty())
        level.splitWhere = entry.where;
      break;
    }
    case ConstraintEntry::Kind::DataSpace: {
      uint32_t keep = 0, bypass = 0;
      for (const std::string &name : entry.keep) {
        auto mask = resolveSpace(problem, name,
                                 orWhere(entry.keepWhere, entry.where), "keep");
        if (!mask)
          return mask.takeError();
        keep |= *mask;
      }
      for (const std::string &name : entry.bypass) {
        auto mask = resolveSpace(
            problem, name, orWhere(entry.bypassWhere, entry.where), "bypass");
        if (!mask)
          return mask.takeError();
        bypass |= *mask;
      }
      uint32_t clash = (keep | level.mustKeep) & (bypass | level.mustBypass);
      if (clash) {
        unsigned s = llvm::countr_zero(clash);
        return fail(
            entry.where,
            "data space " + problem.dataSpaces[s].name + " at " + levelName +
                " must be both kept and bypassed" +
                (level.keepWhere.empty() || level.keepWhere == entry.where
                     ? std::string()
                     : " (see also " + level.keepWhere + ")"));
      }
      level.mustKeep |= keep;
      level.mustBypass |= bypass;
      if (level.keepWhere.empty())
        level.keepWhere = entry.where;
      break;
    }
    case ConstraintEntry::Kind::Utilization:
      if (!(entry.minUtilization >= 0 && entry.minUtilization <= 1))
        return fail(entry.where, "utilization: `min` must be between 0 and 1, "
                                 "got " +
                                     formatNumber(entry.minUtilization));
      if (entry.minUtilization > into.minUtilization) {
        into.minUtilization = entry.minUtilization;
        into.utilizationWhere = entry.where;
      }
      break;
    }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Dataflow presets
//===----------------------------------------------------------------------===//

llvm::Error dnnopt::addDataflow(MapspaceConstraints &into, Dataflow dataflow,
                                const Problem &problem, const ArchSpec &arch) {
  if (dataflow == Dataflow::Any || into.levels.empty())
    return llvm::Error::success();
  into.unconstrained = false;
  std::string where = ("dataflow " + stringifyDataflow(dataflow)).str();
  unsigned nd = problem.getNumDims(), ns = problem.dataSpaces.size();
  unsigned innermost = into.levels.size() - 1;
  // A one-level arch: the outermost level holds the whole problem; the
  // presets leave it alone.
  if (innermost == 0)
    return llvm::Error::success();
  LevelConstraints &inner = into.levels[innermost];
  StringRef innerName = arch.levels[innermost].name;
  FactorTerm one;
  one.value = 1;
  auto pinOne = [&](unsigned d) {
    one.dim = problem.dimNames[d];
    return setFactor(problem, d, one, where, "temporal", innerName,
                     inner.temporalExact[d], inner.temporalMax[d],
                     inner.temporalWhere[d]);
  };
  auto relevant = [&](unsigned s, unsigned d) {
    const ProblemDataSpace &space = problem.dataSpaces[s];
    for (unsigned r = 0; r < space.numRanks; ++r)
      if (space.getCoefficient(r, d, nd) != 0)
        return true;
    return false;
  };
  std::optional<DataSpace> stationary;
  if (dataflow == Dataflow::WeightStationary)
    stationary = DataSpace::Weights;
  else if (dataflow == Dataflow::OutputStationary)
    stationary = DataSpace::Outputs;
  else if (dataflow == Dataflow::InputStationary)
    stationary = DataSpace::Inputs;
  if (stationary)
    for (unsigned d = 0; d < nd; ++d)
      for (unsigned s = 0; s < ns; ++s)
        if (problem.dataSpaces[s].archSpace == *stationary && relevant(s, d)) {
          if (llvm::Error err = pinOne(d))
            return err;
          break;
        }
  if (dataflow == Dataflow::RowStationary) {
    std::optional<unsigned> dimS = problem.findDim("S"),
                            dimQ = problem.findDim("Q"),
                            dimR = problem.findDim("R");
    if (dimS || dimQ)
      for (unsigned d = 0; d < nd; ++d)
        if (!(dimS && d == *dimS) && !(dimQ && d == *dimQ))
          if (llvm::Error err = pinOne(d))
            return err;
    if (dimR)
      for (auto [l, level] : llvm::enumerate(into.levels)) {
        if (getFanoutBelow(arch, l).getFanout() <= 1)
          continue;
        for (unsigned d = 0; d < nd; ++d)
          if (d != *dimR)
            if (llvm::Error err = setAxis(level, d, LevelConstraints::XOnly,
                                          where, problem, arch.levels[l].name))
              return err;
      }
  }
  if (dataflow == Dataflow::NoLocalReuse) {
    uint32_t all = (1u << ns) - 1;
    if (inner.mustKeep)
      return fail(where, "the innermost level " + innerName +
                             " keeps nothing, but " + inner.keepWhere +
                             " makes it keep a data space");
    inner.mustBypass = all;
    if (inner.keepWhere.empty())
      inner.keepWhere = where;
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Satisfiability
//===----------------------------------------------------------------------===//

llvm::Error dnnopt::checkSatisfiable(const MapspaceConstraints &c,
                                     const Problem &problem,
                                     const ArchSpec &arch) {
  unsigned nd = problem.getNumDims(), nl = c.levels.size();
  // Keep masks.
  for (unsigned l = 0; l < nl; ++l) {
    const LevelConstraints &level = c.levels[l];
    const StorageLevelSpec &spec = arch.levels[l];
    if (l == 0 && level.mustBypass) {
      unsigned s = llvm::countr_zero(level.mustBypass);
      return fail(level.keepWhere,
                  "the outermost level " + spec.name +
                      " keeps every data space; it cannot bypass " +
                      problem.dataSpaces[s].name);
    }
    uint32_t holdable = l == 0 ? ~0u : getDefaultKeepMask(problem, spec);
    if (uint32_t extra = level.mustKeep & ~holdable) {
      unsigned s = llvm::countr_zero(extra);
      return fail(level.keepWhere,
                  "keep " + problem.dataSpaces[s].name + " at " + spec.name +
                      ": the arch's level does not hold " +
                      stringifyDataSpace(problem.dataSpaces[s].archSpace));
    }
  }
  // Factors of each dim.
  for (unsigned d = 0; d < nd; ++d) {
    const std::string &name = problem.dimNames[d];
    int64_t pinned = 1;
    std::string sources;
    for (unsigned l = 0; l < nl; ++l) {
      const LevelConstraints &level = c.levels[l];
      for (bool spatial : {false, true}) {
        int64_t exact =
            spatial ? level.spatialExact[d] : level.temporalExact[d];
        if (exact <= 1)
          continue;
        pinned *= exact;
        sources +=
            (sources.empty() ? "" : ", ") + name + "=" + std::to_string(exact) +
            (spatial ? " spatial" : "") + " at " + arch.levels[l].name + " (" +
            (spatial ? level.spatialWhere[d] : level.temporalWhere[d]) + ")";
      }
    }
    int64_t bound = problem.bounds[d];
    if (bound % pinned != 0)
      return fail("", "constraints pin the factors of " + name +
                          " to a product of " + Twine(pinned) +
                          ", which does not divide its bound " + Twine(bound) +
                          ": " + sources);
    int64_t rest = bound / pinned;
    if (rest == 1)
      continue;
    int64_t p = getSmallestPrimeFactor(rest);
    bool room = false;
    for (unsigned l = 0; l < nl && !room; ++l) {
      const LevelConstraints &level = c.levels[l];
      if (level.temporalExact[d] == 0 && level.temporalMax[d] >= p)
        room = true;
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      bool axis =
          (fanout.meshX > 1 &&
           level.spatialAxis[d] != LevelConstraints::YOnly) ||
          (fanout.meshY > 1 && level.spatialAxis[d] != LevelConstraints::XOnly);
      if (level.spatialExact[d] == 0 && level.spatialMax[d] >= p && axis)
        room = true;
    }
    if (!room) {
      std::string why;
      for (unsigned l = 0; l < nl; ++l) {
        const LevelConstraints &level = c.levels[l];
        if (!level.temporalWhere[d].empty())
          why += (why.empty() ? "" : "; ") + arch.levels[l].name + " by " +
                 level.temporalWhere[d];
      }
      return fail("", "constraints leave no loop for the factor " +
                          Twine(rest) + " of " + name + " (bound " +
                          Twine(bound) + (pinned > 1 ? ", pinned " : "") +
                          (pinned > 1 ? Twine(pinned) : Twine("")) +
                          "): every level's temporal factor of " + name +
                          " is pinned or capped" +
                          (why.empty() ? std::string() : " (" + why + ")"));
    }
  }
  // Pinned spatial factors fit the fan-out.
  for (unsigned l = 0; l < nl; ++l) {
    const LevelConstraints &level = c.levels[l];
    const FanoutSpec &fanout = getFanoutBelow(arch, l);
    int64_t onX = 1, onY = 1;
    for (unsigned d = 0; d < nd; ++d) {
      int64_t exact = level.spatialExact[d];
      if (exact <= 1)
        continue;
      bool x = level.spatialAxis[d] != LevelConstraints::YOnly &&
               exact <= fanout.meshX;
      bool y = level.spatialAxis[d] != LevelConstraints::XOnly &&
               exact <= fanout.meshY;
      if (!x && !y)
        return fail(level.spatialWhere[d],
                    "the spatial factor " + problem.dimNames[d] + "=" +
                        Twine(exact) + " below " + arch.levels[l].name +
                        " does not fit its fan-out (" + Twine(fanout.meshX) +
                        " x " + Twine(fanout.meshY) + ")");
      if (!y)
        onX *= exact;
      if (!x)
        onY *= exact;
    }
    if (onX > fanout.meshX || onY > fanout.meshY)
      return fail(level.splitWhere,
                  "the spatial factors pinned below " + arch.levels[l].name +
                      " need " + Twine(onX) + " x " + Twine(onY) +
                      " but its fan-out is " + Twine(fanout.meshX) + " x " +
                      Twine(fanout.meshY));
  }
  return llvm::Error::success();
}

llvm::Expected<MapspaceConstraints>
dnnopt::resolveConstraints(const Problem &problem, const ArchSpec &arch,
                           llvm::ArrayRef<ConstraintEntry> entries,
                           Dataflow dataflow) {
  MapspaceConstraints c = MapspaceConstraints::getEmpty(problem, arch);
  llvm::Expected<std::vector<ConstraintEntry>> inline_ =
      getArchConstraintEntries(arch);
  if (!inline_)
    return inline_.takeError();
  if (llvm::Error err = addConstraints(c, *inline_, problem, arch))
    return std::move(err);
  if (llvm::Error err = addConstraints(c, entries, problem, arch))
    return std::move(err);
  if (llvm::Error err = addDataflow(c, dataflow, problem, arch))
    return std::move(err);
  if (llvm::Error err = checkSatisfiable(c, problem, arch))
    return std::move(err);
  return c;
}

//===----------------------------------------------------------------------===//
// Checking a mapping
//===----------------------------------------------------------------------===//

/// A factor of a mapping against its pinned value (`exact` > 0) or its
/// maximum; `what` names it, `where` the constraint that set the bound.
static llvm::Error checkFactor(int64_t value, int64_t exact, int64_t max,
                               StringRef where, const Twine &what) {
  if ((!exact || value == exact) && value <= max)
    return llvm::Error::success();
  return fail(where, what + " is " + Twine(value) + ", against " +
                         (exact ? "the pinned " + Twine(exact)
                                : "the maximum " + Twine(max)));
}

llvm::Error dnnopt::checkMappingConstraints(const MapspaceConstraints &c,
                                            const Problem &problem,
                                            const ArchSpec &arch,
                                            const Mapping &mapping) {
  unsigned nd = problem.getNumDims();
  int64_t spatialProduct = 1;
  for (unsigned l = 0; l < c.levels.size() && l < mapping.levels.size(); ++l) {
    const LevelConstraints &level = c.levels[l];
    const LevelMapping &lm = mapping.levels[l];
    StringRef levelName = arch.levels[l].name;
    for (unsigned d = 0; d < nd; ++d) {
      const std::string &name = problem.dimNames[d];
      int64_t t = lm.temporalFactors[d], s = lm.spatialFactors[d];
      spatialProduct *= s;
      if (llvm::Error err = checkFactor(
              t, level.temporalExact[d], level.temporalMax[d],
              level.temporalWhere[d],
              "the temporal factor of " + name + " at " + levelName))
        return err;
      if (llvm::Error err = checkFactor(
              s, level.spatialExact[d], level.spatialMax[d],
              level.spatialWhere[d],
              "the spatial factor of " + name + " below " + levelName))
        return err;
    }
    for (auto [i, d] : llvm::enumerate(lm.spatialOrder)) {
      if (lm.spatialFactors[d] == 1)
        continue;
      bool onX = i < lm.spatialSplit;
      if ((onX && level.spatialAxis[d] == LevelConstraints::YOnly) ||
          (!onX && level.spatialAxis[d] == LevelConstraints::XOnly))
        return fail(level.splitWhere,
                    "the spatial loop of " + problem.dimNames[d] + " below " +
                        levelName + " is on " + (onX ? "X" : "Y") +
                        ", against the split");
    }
    // The fixed innermost (and outermost) loops, ignoring factor-1 loops
    // (as Timeloop's check does).
    auto loops = [&](llvm::ArrayRef<unsigned> dims) {
      llvm::SmallVector<unsigned, 8> kept;
      for (unsigned d : dims)
        if (lm.temporalFactors[d] > 1)
          kept.push_back(d);
      return kept;
    };
    llvm::SmallVector<unsigned, 8> order = loops(lm.temporalOrder);
    llvm::SmallVector<unsigned, 8> inner = loops(level.innermost),
                                   outer = loops(level.outermost);
    bool innerOk = order.size() >= inner.size() &&
                   std::equal(inner.begin(), inner.end(), order.begin());
    bool outerOk = order.size() >= outer.size() &&
                   std::equal(outer.rbegin(), outer.rend(), order.rbegin());
    if (!innerOk || !outerOk)
      return fail(level.permutationWhere,
                  "the temporal loop order at " + levelName +
                      " does not follow the permutation");
    if (uint32_t missing = level.mustKeep & ~lm.keepMask)
      return fail(level.keepWhere,
                  levelName + " must keep " +
                      problem.dataSpaces[llvm::countr_zero(missing)].name);
    if (uint32_t kept = level.mustBypass & lm.keepMask)
      return fail(level.keepWhere,
                  levelName + " must bypass " +
                      problem.dataSpaces[llvm::countr_zero(kept)].name);
  }
  if (c.minUtilization > 0) {
    double used = (double)spatialProduct /
                  (double)std::max<int64_t>(arch.compute.instances, 1);
    if (used < c.minUtilization)
      return fail(c.utilizationWhere,
                  "the mapping uses " + formatNumber(used) +
                      " of the compute units, below the minimum " +
                      formatNumber(c.minUtilization));
  }
  return llvm::Error::success();
}

int64_t dnnopt::getDataflowParallelism(const MapspaceConstraints &constraints,
                                       const Problem &problem,
                                       const ArchSpec &arch) {
  int64_t total = 1;
  for (unsigned d = 0; d < problem.getNumDims(); ++d) {
    int64_t rest = problem.bounds[d];
    int64_t cap = 1;
    bool unbounded = false;
    for (unsigned l = 0; l < arch.levels.size(); ++l) {
      const LevelConstraints &lc = constraints.levels[l];
      if (lc.temporalExact[d] > 0)
        rest /= lc.temporalExact[d];
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      bool x = fanout.meshX > 1 &&
               lc.spatialAxis[d] != LevelConstraints::YOnly &&
               maySpatiallyMap(problem, fanout, d, /*y=*/false);
      bool y = fanout.meshY > 1 &&
               lc.spatialAxis[d] != LevelConstraints::XOnly &&
               maySpatiallyMap(problem, fanout, d, /*y=*/true);
      if (!x && !y)
        continue;
      if (lc.spatialExact[d] > 0)
        cap *= lc.spatialExact[d];
      else if (lc.spatialMax[d] != LevelConstraints::kNoMax)
        cap *= lc.spatialMax[d];
      else
        unbounded = true;
    }
    total *= unbounded ? std::max<int64_t>(rest, 1)
                       : std::max<int64_t>(std::min(rest, cap), 1);
  }
  return total;
}

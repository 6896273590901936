//===- Mapper.cpp - search mappings of a problem onto an arch -------------===//
//
// Random factorizations with capacity repair, then local refinement, over
// fixed streams of candidates (see Mapper.h). A candidate is a factor per
// (level, slot, dim) with slots temporal, spatial X and spatial Y, a loop
// order per level and a keep mask per level.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Search/Mapper.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <random>

using namespace dnnopt;

std::optional<Objective> dnnopt::parseObjective(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Objective>>(name)
      .Case("energy", Objective::Energy)
      .Case("delay", Objective::Delay)
      .Case("edp", Objective::EDP)
      .Case("dram-accesses", Objective::DramAccesses)
      .Default(std::nullopt);
}

llvm::StringRef dnnopt::stringifyObjective(Objective objective) {
  switch (objective) {
  case Objective::Energy:
    return "energy";
  case Objective::Delay:
    return "delay";
  case Objective::EDP:
    return "edp";
  case Objective::DramAccesses:
    return "dram-accesses";
  }
  return "";
}

int64_t dnnopt::getOuterAccesses(const ActionCounts &counts) {
  if (counts.levels.empty())
    return 0;
  int64_t total = 0;
  for (const DataSpaceCounts &s : counts.levels.front().spaces)
    total += (s.reads + s.fills + s.updates) *
             std::max<int64_t>(s.utilizedInstances, 1);
  return total;
}

double dnnopt::getObjectiveValue(Objective objective,
                                 const ActionCounts &counts,
                                 const EnergyBreakdown &energy) {
  switch (objective) {
  case Objective::Energy:
    return energy.totalPJ;
  case Objective::Delay:
    return (double)counts.cycles;
  case Objective::EDP:
    return energy.totalPJ * (double)counts.cycles;
  case Objective::DramAccesses:
    return (double)getOuterAccesses(counts);
  }
  return 0;
}

namespace {

enum Slot : unsigned { Temporal = 0, SpatialX = 1, SpatialY = 2 };
constexpr unsigned kSlots = 3;
/// The budget is split into this many independent streams.
constexpr unsigned kStreams = 8;

/// The fixed facts of one search: slots that exist, capacities, and the
/// resolved constraints (pinned factors, maxima, axes, orders, keeps).
struct SearchSpace {
  const Problem &problem;
  const ArchSpec &arch;
  const MapperOptions &options;
  const MapspaceConstraints &cons;
  unsigned nd, ns, nl;
  /// Prime factors of every bound left after the pinned factors, with
  /// multiplicity.
  llvm::SmallVector<llvm::SmallVector<int64_t, 8>, 8> primes;
  /// Per (l * kSlots + slot) * nd + d: may the slot take a factor > 1;
  /// its pinned factor (> 1: placed once, never moved; else 0); its
  /// largest factor (for spatial slots: of the X * Y product).
  llvm::SmallVector<bool, 64> allowed;
  llvm::SmallVector<int64_t, 64> pinned, maxFactor;
  llvm::SmallVector<int64_t, 8> meshX, meshY;
  /// Effective capacity in words (max for an unbounded level).
  llvm::SmallVector<int64_t, 8> capacity;
  llvm::SmallVector<uint32_t, 8> defaultKeep;
  /// The keep bits a level may drop.
  llvm::SmallVector<uint32_t, 8> mayBypass;
  /// Compute units, for the minimum utilization.
  int64_t computeUnits;
  /// No factor pinned (> 1) or capped anywhere: the repair takes its
  /// simple path.
  bool plainRepair = true;

  SearchSpace(const Problem &problem, const ArchSpec &arch,
              const MapperOptions &options, const MapspaceConstraints &cons)
      : problem(problem), arch(arch), options(options), cons(cons),
        nd(problem.getNumDims()), ns(problem.dataSpaces.size()),
        nl(arch.levels.size()),
        computeUnits(std::max<int64_t>(arch.compute.instances, 1)) {
    allowed.assign(nl * kSlots * nd, false);
    pinned.assign(nl * kSlots * nd, 0);
    maxFactor.assign(nl * kSlots * nd, LevelConstraints::kNoMax);
    for (unsigned l = 0; l < nl; ++l) {
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      meshX.push_back(fanout.meshX);
      meshY.push_back(fanout.meshY);
      const StorageLevelSpec &level = arch.levels[l];
      const LevelConstraints &lc = cons.levels[l];
      int64_t cap = std::numeric_limits<int64_t>::max();
      if (level.sizeWords && l > 0)
        cap = (int64_t)((double)*level.sizeWords /
                        std::max(level.multipleBuffering, 1.0));
      capacity.push_back(cap);
      uint32_t keep =
          l == 0 ? (1u << ns) - 1 : getDefaultKeepMask(problem, level);
      keep = (keep | lc.mustKeep) & ~lc.mustBypass;
      defaultKeep.push_back(keep);
      mayBypass.push_back(
          l == 0 || !options.searchBypass ? 0 : keep & ~lc.mustKeep);
      for (unsigned d = 0; d < nd; ++d) {
        unsigned t = (l * kSlots + Temporal) * nd + d,
                 x = (l * kSlots + SpatialX) * nd + d,
                 y = (l * kSlots + SpatialY) * nd + d;
        allowed[t] = lc.temporalExact[d] != 1 && lc.temporalMax[d] > 1;
        allowed[x] = fanout.meshX > 1 && lc.spatialExact[d] != 1 &&
                     lc.spatialMax[d] > 1 &&
                     lc.spatialAxis[d] != LevelConstraints::YOnly &&
                     maySpatiallyMap(problem, fanout, d, /*y=*/false);
        allowed[y] = fanout.meshY > 1 && lc.spatialExact[d] != 1 &&
                     lc.spatialMax[d] > 1 &&
                     lc.spatialAxis[d] != LevelConstraints::XOnly &&
                     maySpatiallyMap(problem, fanout, d, /*y=*/true);
        if (lc.temporalExact[d] > 1)
          pinned[t] = lc.temporalExact[d];
        if (lc.spatialExact[d] > 1)
          pinned[x] = pinned[y] = lc.spatialExact[d];
        maxFactor[t] = lc.temporalMax[d];
        maxFactor[x] = maxFactor[y] = lc.spatialMax[d];
        plainRepair &= !pinned[t] && !pinned[x] &&
                       lc.temporalMax[d] == LevelConstraints::kNoMax &&
                       lc.spatialMax[d] == LevelConstraints::kNoMax;
      }
    }
    for (unsigned d = 0; d < nd; ++d) {
      int64_t b = problem.bounds[d];
      for (unsigned l = 0; l < nl; ++l) {
        if (cons.levels[l].temporalExact[d] > 1)
          b /= cons.levels[l].temporalExact[d];
        if (cons.levels[l].spatialExact[d] > 1)
          b /= cons.levels[l].spatialExact[d];
      }
      llvm::SmallVector<int64_t, 8> p;
      for (int64_t f = 2; f * f <= b; ++f)
        while (b % f == 0) {
          p.push_back(f);
          b /= f;
        }
      if (b > 1)
        p.push_back(b);
      primes.push_back(p);
    }
  }

  unsigned index(unsigned l, unsigned slot, unsigned d) const {
    return (l * kSlots + slot) * nd + d;
  }
  bool isAllowed(unsigned l, unsigned slot, unsigned d) const {
    return allowed[index(l, slot, d)];
  }
  bool isPinned(unsigned i) const { return pinned[i] != 0; }
};

/// Why candidates were pruned, for the message when none survives.
struct PruneCounts {
  /// Capacity overflows per level that no repair fixed.
  llvm::SmallVector<uint64_t, 8> capacity;
  /// A factor found no slot it may take.
  uint64_t placement = 0;
  /// Below the minimum utilization.
  uint64_t utilization = 0;
};

/// One candidate mapping in search form.
struct Candidate {
  /// factors[(l * kSlots + slot) * nd + d]
  llvm::SmallVector<int64_t, 64> factors;
  llvm::SmallVector<llvm::SmallVector<unsigned, 8>, 8> order;
  llvm::SmallVector<uint32_t, 8> keep;
};

class Searcher {
public:
  Searcher(const SearchSpace &space, uint64_t seed)
      : sp(space), rng(seed), counter(space.problem, space.arch) {
    prunes.capacity.assign(space.nl, 0);
  }

  /// Runs one stream of `budget` candidates; keeps its best.
  void run(uint64_t budget, std::chrono::steady_clock::time_point deadline) {
    uint64_t sampling = std::max<uint64_t>(1, budget * 6 / 10);
    for (uint64_t i = 0; i < budget; ++i) {
      if ((i & 255) == 0 && std::chrono::steady_clock::now() > deadline) {
        cutShort = true;
        return;
      }
      Candidate c;
      bool ok;
      if (i < sampling || !best) {
        ok = generate(c);
      } else {
        c = *best;
        ok = mutate(c);
      }
      ++generated;
      if (ok && sp.cons.minUtilization > 0 && !usesEnough(c)) {
        ++prunes.utilization;
        ok = false;
      }
      if (!ok) {
        ++pruned;
        continue;
      }
      ++valid;
      consider(c);
    }
  }

  const SearchSpace &sp;
  std::mt19937_64 rng;
  ActionCounter counter;
  std::optional<Candidate> best;
  double bestValue = std::numeric_limits<double>::infinity();
  uint64_t generated = 0, valid = 0, evaluated = 0, pruned = 0;
  PruneCounts prunes;
  bool cutShort = false;
  Mapping mapping;
  ActionCounts counts;
  EnergyBreakdown energy;

  void toMapping(const Candidate &c, Mapping &m) const {
    m.levels.resize(sp.nl);
    for (unsigned l = 0; l < sp.nl; ++l) {
      LevelMapping &lm = m.levels[l];
      lm.temporalFactors.resize(sp.nd);
      lm.spatialFactors.resize(sp.nd);
      lm.temporalOrder.assign(c.order[l].begin(), c.order[l].end());
      lm.spatialOrder.clear();
      for (unsigned d = 0; d < sp.nd; ++d) {
        lm.temporalFactors[d] = f(c, l, Temporal, d);
        lm.spatialFactors[d] = f(c, l, SpatialX, d) * f(c, l, SpatialY, d);
        if (f(c, l, SpatialX, d) > 1)
          lm.spatialOrder.push_back(d);
      }
      lm.spatialSplit = lm.spatialOrder.size();
      for (unsigned d = 0; d < sp.nd; ++d)
        if (f(c, l, SpatialX, d) == 1)
          lm.spatialOrder.push_back(d);
      lm.keepMask = c.keep[l];
    }
  }

  double evaluate(const Candidate &c) {
    toMapping(c, mapping);
    counter.count(mapping, counts);
    estimateEnergy(sp.problem, sp.arch, counts, energy);
    ++evaluated;
    return getObjectiveValue(sp.options.objective, counts, energy);
  }

private:
  int64_t &f(Candidate &c, unsigned l, unsigned slot, unsigned d) const {
    return c.factors[sp.index(l, slot, d)];
  }
  int64_t f(const Candidate &c, unsigned l, unsigned slot, unsigned d) const {
    return c.factors[sp.index(l, slot, d)];
  }

  void consider(const Candidate &c) {
    double v = evaluate(c);
    if (v < bestValue) {
      bestValue = v;
      best = c;
    }
  }

  LLVM_ATTRIBUTE_ALWAYS_INLINE unsigned uniform(unsigned n) {
    return std::uniform_int_distribution<unsigned>(0, n - 1)(rng);
  }

  int64_t axisProduct(const Candidate &c, unsigned l, unsigned slot) const {
    int64_t p = 1;
    for (unsigned d = 0; d < sp.nd; ++d)
      p *= f(c, l, slot, d);
    return p;
  }

  /// The share of the compute units the candidate's spatial loops use.
  bool usesEnough(const Candidate &c) const {
    int64_t used = 1;
    for (unsigned l = 0; l < sp.nl; ++l)
      used *= axisProduct(c, l, SpatialX) * axisProduct(c, l, SpatialY);
    return (double)used / (double)sp.computeUnits >= sp.cons.minUtilization;
  }

  /// May (l, slot) take one more factor `p` of dim d: allowed, not pinned,
  /// within its maximum (and, for a spatial slot, within the mesh and with
  /// the dim not already on the other axis).
  bool fits(const Candidate &c, unsigned l, unsigned slot, unsigned d,
            int64_t p) const {
    unsigned i = sp.index(l, slot, d);
    if (!sp.allowed[i] || sp.isPinned(i))
      return false;
    if (slot == Temporal)
      return c.factors[i] * p <= sp.maxFactor[i];
    unsigned other = slot == SpatialX ? SpatialY : SpatialX;
    int64_t mesh = slot == SpatialX ? sp.meshX[l] : sp.meshY[l];
    return f(c, l, other, d) == 1 && axisProduct(c, l, slot) * p <= mesh &&
           c.factors[i] * p <= sp.maxFactor[i];
  }

  /// Puts prime `p` of dim `d` at (l, slot), falling back to the level's
  /// temporal loops when the fan-out is full or the dim already uses the
  /// other axis, then to the outermost level, then to the first slot
  /// (outermost level first) that may take it. False when none may.
  bool place(Candidate &c, unsigned l, unsigned slot, unsigned d, int64_t p) {
    if (slot != Temporal) {
      unsigned other = slot == SpatialX ? SpatialY : SpatialX;
      if (f(c, l, other, d) > 1 && sp.isAllowed(l, other, d))
        slot = other;
      if (!fits(c, l, slot, d, p))
        slot = Temporal;
    }
    if (slot == Temporal && !fits(c, l, Temporal, d, p))
      l = 0;
    if (!fits(c, l, slot, d, p)) {
      bool found = false;
      for (unsigned k = 0; k < sp.nl && !found; ++k)
        for (unsigned s = 0; s < kSlots && !found; ++s)
          if (fits(c, k, s, d, p)) {
            l = k;
            slot = s;
            found = true;
          }
      if (!found) {
        ++prunes.placement;
        return false;
      }
    }
    f(c, l, slot, d) *= p;
    return true;
  }

  /// Words the kept tiles of `level` take when dim d spans extents[d].
  int64_t used(const Candidate &c, unsigned level,
               const int64_t *extents) const {
    int64_t total = 0;
    for (unsigned s = 0; s < sp.ns; ++s)
      if (c.keep[level] >> s & 1)
        total +=
            sp.problem.getTileSize(s, llvm::ArrayRef<int64_t>(extents, sp.nd));
    return total;
  }

  /// The level (below `level`, nearest first) whose temporal loops may take
  /// factor `p` of dim d; -1 when none may.
  int outwardSlot(const Candidate &c, unsigned level, unsigned d,
                  int64_t p) const {
    for (int k = (int)level - 1; k >= 0; --k)
      if (fits(c, k, Temporal, d, p))
        return k;
    return -1;
  }

  /// Moves factors outward until every level's tiles fit its capacity,
  /// from the innermost level out, keeping the tile extents up to date.
  /// Pinned factors never move.
  bool repair(Candidate &c) {
    int64_t extents[kMaxProblemDims];
    for (unsigned d = 0; d < sp.nd; ++d)
      extents[d] = 1;
    for (unsigned level = sp.nl - 1; level >= 1; --level) {
      for (unsigned s = 0; s < kSlots; ++s)
        for (unsigned d = 0; d < sp.nd; ++d)
          extents[d] *= f(c, level, s, d);
      if (sp.capacity[level] == std::numeric_limits<int64_t>::max())
        continue;
      while (used(c, level, extents) > sp.capacity[level]) {
        // A factor inside the level (its own loops or deeper) moves to the
        // nearest parent's temporal loops that may take it.
        unsigned movable[kMaxMappingLevels * kSlots * kMaxProblemDims];
        int target[kMaxMappingLevels * kSlots * kMaxProblemDims];
        unsigned n = 0;
        if (sp.plainRepair) {
          // Nothing pinned or capped: the parent's temporal loops take it
          // when they may iterate at all.
          for (unsigned i = level * kSlots * sp.nd; i < c.factors.size(); ++i)
            if (c.factors[i] > 1 &&
                sp.isAllowed(level - 1, Temporal, i % sp.nd)) {
              target[n] = level - 1;
              movable[n++] = i;
            }
        } else
          for (unsigned i = level * kSlots * sp.nd; i < c.factors.size(); ++i) {
            if (c.factors[i] <= 1 || sp.isPinned(i))
              continue;
            // The parent's temporal slot when nothing pins or caps it, else
            // the nearest outer one that may take the factor.
            unsigned d = i % sp.nd, parent = sp.index(level - 1, Temporal, d);
            int k = sp.allowed[parent] && !sp.isPinned(parent) &&
                            sp.maxFactor[parent] == LevelConstraints::kNoMax
                        ? (int)level - 1
                        : outwardSlot(c, level, d, smallestPrime(c.factors[i]));
            if (k < 0)
              continue;
            target[n] = k;
            movable[n++] = i;
          }
        if (n == 0) {
          ++prunes.capacity[level];
          return false;
        }
        unsigned pick = uniform(n);
        unsigned i = movable[pick];
        unsigned d = i % sp.nd;
        int64_t p = smallestPrime(c.factors[i]);
        c.factors[i] /= p;
        f(c, target[pick], Temporal, d) *= p;
        extents[d] /= p;
      }
    }
    return true;
  }

  static int64_t smallestPrime(int64_t v) {
    for (int64_t p = 2; p * p <= v; ++p)
      if (v % p == 0)
        return p;
    return v;
  }

  /// The range of a level's temporal order that the search may permute:
  /// [innermost pinned, nd - outermost pinned).
  std::pair<unsigned, unsigned> freeOrder(unsigned l) const {
    const LevelConstraints &lc = sp.cons.levels[l];
    return {lc.innermost.size(), sp.nd - lc.outermost.size()};
  }

  bool generate(Candidate &c) {
    c.factors.assign(sp.nl * kSlots * sp.nd, 1);
    c.order.resize(sp.nl);
    c.keep.resize(sp.nl);
    for (unsigned l = 0; l < sp.nl; ++l) {
      const LevelConstraints &lc = sp.cons.levels[l];
      c.order[l].clear();
      c.order[l].append(lc.innermost.begin(), lc.innermost.end());
      bool fixed = !lc.innermost.empty() || !lc.outermost.empty();
      for (unsigned d = 0; d < sp.nd; ++d)
        if (!fixed || (!llvm::is_contained(lc.innermost, d) &&
                       !llvm::is_contained(lc.outermost, d)))
          c.order[l].push_back(d);
      c.order[l].append(lc.outermost.begin(), lc.outermost.end());
      auto [from, to] = freeOrder(l);
      std::shuffle(c.order[l].begin() + from, c.order[l].begin() + to, rng);
      c.keep[l] = sp.defaultKeep[l];
      for (unsigned s = 0; s < sp.ns; ++s)
        if ((sp.mayBypass[l] >> s & 1) && uniform(4) == 0)
          c.keep[l] &= ~(1u << s);
    }
    if (!sp.cons.unconstrained && !placePinned(c))
      return false;
    for (unsigned d = 0; d < sp.nd; ++d) {
      llvm::SmallVector<int64_t, 8> ps(sp.primes[d]);
      std::shuffle(ps.begin(), ps.end(), rng);
      for (int64_t p : ps) {
        unsigned l = uniform(sp.nl);
        unsigned slot = uniform(kSlots);
        if (!place(c, l, slot, d, p))
          return false;
      }
    }
    return repair(c);
  }

  /// Sets the pinned factors: temporal ones in place, spatial ones on an
  /// axis that may take them (drawn when both may).
  bool placePinned(Candidate &c) {
    for (unsigned l = 0; l < sp.nl; ++l)
      for (unsigned d = 0; d < sp.nd; ++d) {
        if (int64_t v = sp.pinned[sp.index(l, Temporal, d)])
          f(c, l, Temporal, d) = v;
        int64_t v = sp.pinned[sp.index(l, SpatialX, d)];
        if (!v)
          continue;
        const LevelConstraints &lc = sp.cons.levels[l];
        bool x = lc.spatialAxis[d] != LevelConstraints::YOnly &&
                 axisProduct(c, l, SpatialX) * v <= sp.meshX[l];
        bool y = lc.spatialAxis[d] != LevelConstraints::XOnly &&
                 axisProduct(c, l, SpatialY) * v <= sp.meshY[l];
        if (!x && !y) {
          ++prunes.placement;
          return false;
        }
        unsigned slot = x && y ? (uniform(2) ? SpatialY : SpatialX)
                               : (x ? SpatialX : SpatialY);
        f(c, l, slot, d) = v;
      }
    return true;
  }

  bool mutate(Candidate &c) {
    switch (uniform(3)) {
    case 0: {
      // Move one prime factor of a dim to another slot.
      llvm::SmallVector<unsigned, 32> from;
      for (unsigned i = 0; i < c.factors.size(); ++i)
        if (c.factors[i] > 1 && !sp.isPinned(i))
          from.push_back(i);
      if (from.empty())
        return false;
      unsigned i = from[uniform(from.size())];
      unsigned d = i % sp.nd;
      int64_t p = smallestPrime(c.factors[i]);
      c.factors[i] /= p;
      if (!place(c, uniform(sp.nl), uniform(kSlots), d, p))
        return false;
      break;
    }
    case 1: {
      unsigned l = uniform(sp.nl);
      auto [from, to] = freeOrder(l);
      unsigned n = to - from;
      if (n > 1)
        std::swap(c.order[l][from + uniform(n)], c.order[l][from + uniform(n)]);
      break;
    }
    default: {
      unsigned l = uniform(sp.nl);
      if (!sp.mayBypass[l])
        return repair(c);
      unsigned s = uniform(sp.ns);
      if (sp.mayBypass[l] >> s & 1)
        c.keep[l] ^= 1u << s;
      break;
    }
    }
    return repair(c);
  }
};

/// The error when no candidate survived: the most frequent reason, with
/// the constraints that pinned factors at or inside the level that
/// overflowed.
static llvm::Error
explainNoMapping(const SearchSpace &sp,
                 const std::vector<std::unique_ptr<Searcher>> &streams,
                 uint64_t generated) {
  PruneCounts total;
  total.capacity.assign(sp.nl, 0);
  for (const auto &s : streams) {
    for (unsigned l = 0; l < sp.nl; ++l)
      total.capacity[l] += s->prunes.capacity[l];
    total.placement += s->prunes.placement;
    total.utilization += s->prunes.utilization;
  }
  unsigned worst = 0;
  for (unsigned l = 0; l < sp.nl; ++l)
    if (total.capacity[l] > total.capacity[worst])
      worst = l;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "no mapping fits";
  if (!sp.cons.unconstrained)
    os << " the constraints";
  os << ": of " << generated << " candidates, ";
  if (total.utilization >= total.capacity[worst] &&
      total.utilization >= total.placement && total.utilization > 0) {
    os << total.utilization << " use less than the minimum utilization "
       << sp.cons.minUtilization << " (" << sp.cons.utilizationWhere << ")";
  } else if (total.placement > total.capacity[worst]) {
    os << total.placement
       << " had a factor that no loop may take (pinned or capped factors, "
          "axes and fan-out sizes leave no room)";
  } else {
    os << total.capacity[worst] << " overflow the capacity of "
       << sp.arch.levels[worst].name
       << " even with every factor that may move moved outward";
    std::string pins;
    for (unsigned l = worst; l < sp.nl; ++l) {
      const LevelConstraints &lc = sp.cons.levels[l];
      for (unsigned d = 0; d < sp.nd; ++d)
        for (const std::string *where :
             {&lc.temporalWhere[d], &lc.spatialWhere[d]})
          if (!where->empty() && pins.find(*where) == std::string::npos)
            pins += (pins.empty() ? "" : "; ") + *where;
      if (!lc.keepWhere.empty() && (lc.mustKeep || lc.mustBypass) &&
          pins.find(lc.keepWhere) == std::string::npos)
        pins += (pins.empty() ? "" : "; ") + lc.keepWhere;
    }
    if (!pins.empty())
      os << "; constraints at or inside it: " << pins;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), text);
}

} // namespace

llvm::Expected<MapperResult>
dnnopt::searchMapping(const Problem &problem, const ArchSpec &arch,
                      const MapperOptions &options) {
  if (llvm::Error err = problem.verify())
    return std::move(err);
  if (arch.levels.empty())
    return llvm::createStringError("the architecture has no storage level");
  auto start = std::chrono::steady_clock::now();
  auto deadline =
      start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(options.timeoutSeconds));
  llvm::Expected<MapspaceConstraints> constraints =
      resolveConstraints(problem, arch, options.constraints, options.dataflow);
  if (!constraints)
    return constraints.takeError();
  SearchSpace space(problem, arch, options, *constraints);

  // Fixed streams, each its own generator: the result depends on the seed
  // and the budget only.
  std::vector<std::unique_ptr<Searcher>> streams;
  for (unsigned s = 0; s < kStreams; ++s)
    streams.push_back(std::make_unique<Searcher>(
        space, options.seed * 0x9E3779B97F4A7C15ull + s));
  uint64_t per = options.budget / kStreams, extra = options.budget % kStreams;
  unsigned threads = options.threads
                         ? options.threads
                         : llvm::hardware_concurrency().compute_thread_count();
  threads = std::max(1u, std::min(threads, kStreams));
  if (threads == 1) {
    for (unsigned s = 0; s < kStreams; ++s)
      streams[s]->run(per + (s < extra), deadline);
  } else {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
    for (unsigned s = 0; s < kStreams; ++s)
      pool.async([&, s] { streams[s]->run(per + (s < extra), deadline); });
    pool.wait();
  }

  MapperResult result;
  Searcher *winner = nullptr;
  for (auto &s : streams) {
    result.generated += s->generated;
    result.valid += s->valid;
    result.evaluated += s->evaluated;
    result.pruned += s->pruned;
    result.cutShort |= s->cutShort;
    if (s->best && (!winner || s->bestValue < winner->bestValue))
      winner = s.get();
  }
  if (!winner)
    return explainNoMapping(space, streams, result.generated);
  winner->toMapping(*winner->best, result.mapping);
  if (llvm::Error err = validateMapping(problem, arch, result.mapping))
    return std::move(err);
  if (llvm::Error err =
          checkMappingConstraints(*constraints, problem, arch, result.mapping))
    return std::move(err);
  ActionCounter counter(problem, arch);
  counter.count(result.mapping, result.counts);
  estimateEnergy(problem, arch, result.counts, result.energy);
  result.objectiveValue =
      getObjectiveValue(options.objective, result.counts, result.energy);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}

//===- Mapper.cpp - search mappings of a problem onto an arch -------------===//
//
// Random factorizations with capacity repair, then local refinement, over
// fixed streams of candidates (see Mapper.h). A candidate is a factor per
// (level, slot, dim) with slots temporal, spatial X and spatial Y, a loop
// order per level and a keep mask per level.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Search/Mapper.h"
#include "dnnopt/Support/PrimeFactors.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cstring>
#include <limits>
#include <mutex>

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
  const LevelCounts &outer = counts.levels.front();
  int64_t total = 0;
  for (unsigned s = 0; s < outer.spaces.size(); ++s) {
    AccessTotals t = outer.getTotals(s);
    total += t.reads + t.fills + t.updates;
  }
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
/// Entries of Candidate::factors a search may use.
constexpr unsigned kMaxFactors = kMaxMappingLevels * kSlots * kMaxProblemDims;
/// Words of a bitset over the factors.
constexpr unsigned kFactorWords = (kMaxFactors + 63) / 64;

/// The fixed facts of one search: slots that exist, capacities, and the
/// resolved constraints (pinned factors, maxima, axes, orders, keeps).
struct SearchSpace {
  const Problem &problem;
  const ArchSpec &arch;
  const MapperOptions &options;
  const MapspaceConstraints &cons;
  unsigned nd, ns, nl;
  /// Prime factors of every bound left after the pinned factors, with
  /// multiplicity, all dims in one array (dim d's at [primeBegin[d],
  /// primeBegin[d + 1])): a candidate copies them in one go.
  llvm::SmallVector<int64_t, 64> flatPrimes;
  std::array<unsigned, kMaxProblemDims + 1> primeBegin;
  /// Bit d: dim d's primes are all the same (a power of one prime).
  uint64_t samePrimes = 0;
  /// With imperfect factors: per dim, the prime factors of a few padded
  /// bounds (the bound left after the pinned factors rounded up to a
  /// multiple of a small number, at most half again as large).
  llvm::SmallVector<llvm::SmallVector<llvm::SmallVector<int64_t, 8>, 4>, 8>
      paddedPrimes;
  /// Per (l * kSlots + slot) * nd + d: may the slot take a factor > 1;
  /// its pinned factor (> 1: placed once, never moved; else 0); its
  /// largest factor (for spatial slots: of the X * Y product).
  llvm::SmallVector<uint8_t, 64> allowed;
  llvm::SmallVector<int64_t, 64> pinned, maxFactor;
  /// Per index: the largest factor a placed prime may make it, 0 when the
  /// slot takes none (not allowed, or pinned): one compare tells whether a
  /// prime fits the slot's own limits.
  llvm::SmallVector<int64_t, 64> room;
  /// Per index: its dim (index % nd, without the division the repair and
  /// the mutations would pay per move).
  std::array<uint8_t, kMaxFactors> dimOf;
  /// Per index: its l * kSlots + slot.
  std::array<uint8_t, kMaxFactors> rowOf;
  /// Per index i: its bit in word i / 64 of Candidate::big, for
  /// multiplyFactor(), the hot marker (a load instead of a shift by a
  /// variable count; the unmarking ones measured no better with it).
  std::array<uint64_t, kMaxFactors> bitOf;
  /// Per l * kSlots + slot: the size of the slot's axis (1 for temporal).
  std::array<int64_t, kMaxMappingLevels * kSlots> mesh;
  /// Per row drawn for a prime, the row place() tries first: the row
  /// itself, or the level's temporal row for a spatial row when neither
  /// axis of the level may take a factor (place() would fall back to it).
  std::array<uint8_t, kMaxMappingLevels * kSlots> drawRow;
  /// Per row: row % kSlots (a load instead of a division).
  std::array<uint8_t, kMaxMappingLevels * kSlots> slotOf;
  /// Per level, bit d: is dim d a free loop of the level's temporal order
  /// (baseOrder lists the free ones in dim order).
  std::array<uint64_t, kMaxMappingLevels> freeDims;
  /// Per level l >= 1, bit i of word i / 64: is factor i inside the level
  /// (its own loops or deeper) of a dim that may iterate in the temporal
  /// loops of level l - 1 (where the simple repair moves it).
  std::array<std::array<uint64_t, kFactorWords>, kMaxMappingLevels>
      movableBits = {};
  /// Per dim, bit s: does data space s's projection use the dim; is the
  /// dim the one term (of coefficient 1) of a rank of s and in no other
  /// rank of s (the rank's extent is the dim's).
  std::array<uint32_t, kMaxProblemDims> spacesOf, soleRankOf;
  /// Per l * kSlots + slot: the slot may hold a factor > 1 (temporal, or
  /// spatial onto an axis of more than one child); the others stay 1.
  llvm::SmallVector<bool, 48> rowLive;
  /// The live spatial rows, innermost level first (X before Y): the order
  /// in which a candidate may fill the fan-outs first.
  llvm::SmallVector<unsigned, 8> liveSpatialRows;
  /// Effective capacity in words (max for an unbounded level).
  llvm::SmallVector<int64_t, 8> capacity;
  llvm::SmallVector<uint32_t, 8> defaultKeep;
  /// The keep bits a level may drop, and whether any level may.
  llvm::SmallVector<uint32_t, 8> mayBypass;
  bool anyBypass = false;
  /// The (level, data space) pairs a candidate draws a bypass for, level
  /// by level.
  llvm::SmallVector<std::pair<unsigned, unsigned>, 16> bypassPairs;
  /// Compute units, for the minimum utilization.
  int64_t computeUnits;
  /// No factor pinned (> 1) or capped anywhere: the repair takes its
  /// simple path.
  bool plainRepair = true;
  /// Entries of Candidate::factors in use: nl * kSlots * nd, and the words
  /// of Candidate::big they take.
  unsigned numFactors, numWords;
  /// Per data space, the nonzero terms of its projection rank by rank (the
  /// terms of rank r of space s are [rankBegin[s][r], rankBegin[s][r + 1])),
  /// so capacity checks size tiles without scanning zero coefficients.
  std::array<std::array<unsigned, kMaxRanks + 1>, kMaxProblemSpaces> rankBegin;
  std::array<unsigned, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> termDim,
      termRank;
  std::array<unsigned, kMaxProblemSpaces> numRanks;
  std::array<int64_t, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> termCoef;
  /// Bit s: each rank of data space s is one dim of coefficient 1 (and
  /// each dim in one rank at most): its tile's words are the product of
  /// its dims' extents.
  uint32_t soleRanks;
  /// The same terms by dim, of the spaces not in soleRanks: those of dim
  /// d are [useBegin[d], useBegin[d + 1]), each a data space, a rank and
  /// |coef|.
  std::array<unsigned, kMaxProblemDims + 1> useBegin;
  std::array<unsigned, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims>
      useSpace, useRank;
  std::array<int64_t, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> useCoef;
  /// Per level, the temporal order a candidate starts from (baseOrder[l *
  /// nd + i]: the pinned innermost dims, the free ones in dim order, the
  /// pinned outermost ones) and the range [orderFrom[l], orderTo[l]) of it
  /// that the search permutes.
  std::array<unsigned, kMaxMappingLevels * kMaxProblemDims> baseOrder;
  std::array<unsigned, kMaxMappingLevels> orderFrom, orderTo;
  /// With at most kTableDims dims: per mask of the dims whose temporal
  /// factor is > 1, the order of a level without pinned loops (those dims
  /// in dim order, then the others in dim order; 8 entries, those past nd
  /// unused) and the number of the former; bit l of tableOrders: level l
  /// has no pinned loop and takes its order from the table.
  static constexpr unsigned kTableDims = 8;
  std::array<std::array<unsigned, kTableDims>, 1 << kTableDims> orderOf;
  std::array<uint8_t, 1 << kTableDims> numBigOf;
  uint64_t tableOrders = 0;

  SearchSpace(const Problem &problem, const ArchSpec &arch,
              const MapperOptions &options, const MapspaceConstraints &cons)
      : problem(problem), arch(arch), options(options), cons(cons),
        nd(problem.getNumDims()), ns(problem.dataSpaces.size()),
        nl(arch.levels.size()),
        computeUnits(std::max<int64_t>(arch.compute.instances, 1)),
        numFactors(nl * kSlots * nd), numWords((numFactors + 63) / 64) {
    allowed.assign(nl * kSlots * nd, false);
    pinned.assign(nl * kSlots * nd, 0);
    maxFactor.assign(nl * kSlots * nd, LevelConstraints::kNoMax);
    room.assign(nl * kSlots * nd, 0);
    for (unsigned l = 0; l < nl; ++l) {
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      mesh[l * kSlots + Temporal] = 1;
      mesh[l * kSlots + SpatialX] = fanout.meshX;
      mesh[l * kSlots + SpatialY] = fanout.meshY;
      rowLive.append({true, fanout.meshX > 1, fanout.meshY > 1});
      // (This level's rows go before the outer levels' ones.)
      unsigned at = 0;
      for (unsigned slot : {SpatialX, SpatialY})
        if (rowLive[l * kSlots + slot])
          liveSpatialRows.insert(liveSpatialRows.begin() + at++,
                                 l * kSlots + slot);
      bool anyAxis = fanout.meshX > 1 || fanout.meshY > 1;
      for (unsigned slot = 0; slot < kSlots; ++slot) {
        drawRow[l * kSlots + slot] = l * kSlots + (anyAxis ? slot : Temporal);
        slotOf[l * kSlots + slot] = slot;
      }
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
      anyBypass |= mayBypass.back() != 0;
      for (unsigned s = 0; s < ns; ++s)
        if (mayBypass.back() >> s & 1)
          bypassPairs.push_back({l, s});
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
        // Level l's temporal loops may take d: so may d's factors of the
        // levels inside it.
        if (allowed[t])
          for (unsigned i = index(l + 1, Temporal, d); i < nl * kSlots * nd;
               i += nd)
            movableBits[l + 1][i / 64] |= uint64_t(1) << (i % 64);
        for (unsigned i : {t, x, y}) {
          room[i] = allowed[i] && !pinned[i] ? maxFactor[i] : 0;
          dimOf[i] = d;
          rowOf[i] = i / nd;
          bitOf[i] = uint64_t(1) << (i % 64);
        }
        plainRepair &= !pinned[t] && !pinned[x] &&
                       lc.temporalMax[d] == LevelConstraints::kNoMax &&
                       lc.spatialMax[d] == LevelConstraints::kNoMax;
      }
      // Each dim once, whatever the constraints hold (their readers refuse
      // a permutation that names a dim twice).
      unsigned *order = &baseOrder[l * nd];
      uint64_t placed = 0;
      unsigned n = 0;
      for (unsigned d : lc.innermost)
        if (!(placed >> d & 1)) {
          order[n++] = d;
          placed |= uint64_t(1) << d;
        }
      orderFrom[l] = n;
      llvm::SmallVector<unsigned, 8> outer;
      for (unsigned d : lc.outermost)
        if (!(placed >> d & 1)) {
          outer.push_back(d);
          placed |= uint64_t(1) << d;
        }
      for (unsigned d = 0; d < nd; ++d)
        if (!(placed >> d & 1))
          order[n++] = d;
      orderTo[l] = n;
      freeDims[l] = 0;
      for (unsigned i = orderFrom[l]; i < n; ++i)
        freeDims[l] |= uint64_t(1) << order[i];
      for (unsigned d : outer)
        order[n++] = d;
    }
    if (nd <= kTableDims) {
      for (unsigned mask = 0; mask < (1u << nd); ++mask) {
        unsigned n = 0;
        for (unsigned d = 0; d < nd; ++d)
          if (mask >> d & 1)
            orderOf[mask][n++] = d;
        numBigOf[mask] = n;
        for (unsigned d = 0; d < nd; ++d)
          if (!(mask >> d & 1))
            orderOf[mask][n++] = d;
        for (; n < kTableDims; ++n)
          orderOf[mask][n] = 0;
      }
      for (unsigned l = 0; l < nl; ++l)
        tableOrders |= uint64_t(orderFrom[l] == 0 && orderTo[l] == nd) << l;
    }
    unsigned numTerms = 0;
    for (unsigned s = 0; s < ns; ++s) {
      const ProblemDataSpace &space = problem.dataSpaces[s];
      numRanks[s] = space.numRanks;
      for (unsigned r = 0; r < space.numRanks; ++r) {
        rankBegin[s][r] = numTerms;
        for (unsigned d = 0; d < nd; ++d)
          if (int64_t c = space.getCoefficient(r, d, nd)) {
            termDim[numTerms] = d;
            termRank[numTerms] = r;
            termCoef[numTerms++] = std::abs(c);
          }
      }
      rankBegin[s][space.numRanks] = numTerms;
    }
    for (unsigned d = 0; d < nd; ++d)
      spacesOf[d] = soleRankOf[d] = 0;
    soleRanks = 0;
    for (unsigned s = 0; s < ns; ++s) {
      // Per dim: the ranks of s that use it, and whether one of them has
      // it as its only term, of coefficient 1.
      unsigned uses[kMaxProblemDims] = {};
      uint32_t sole = 0;
      for (unsigned r = 0; r < numRanks[s]; ++r) {
        unsigned b = rankBegin[s][r], e = rankBegin[s][r + 1];
        for (unsigned t = b; t < e; ++t)
          ++uses[termDim[t]];
        if (e == b + 1 && termCoef[b] == 1)
          sole |= 1u << termDim[b];
      }
      bool allSole = true;
      for (unsigned d = 0; d < nd; ++d) {
        if (!uses[d])
          continue;
        spacesOf[d] |= 1u << s;
        if (uses[d] == 1 && (sole >> d & 1))
          soleRankOf[d] |= 1u << s;
        else
          allSole = false;
      }
      soleRanks |= uint32_t(allSole) << s;
    }
    // The rank extents of a space whose ranks are all single dims are
    // never read during a repair (its size is kept by divisions), so only
    // the other spaces' uses are listed.
    unsigned numUses = 0;
    for (unsigned d = 0; d < nd; ++d) {
      useBegin[d] = numUses;
      for (unsigned s = 0; s < ns; ++s) {
        if (soleRanks >> s & 1)
          continue;
        for (unsigned r = 0; r < problem.dataSpaces[s].numRanks; ++r)
          if (int64_t c = problem.dataSpaces[s].getCoefficient(r, d, nd)) {
            useSpace[numUses] = s;
            useRank[numUses] = r;
            useCoef[numUses++] = std::abs(c);
          }
      }
    }
    useBegin[nd] = numUses;
    for (unsigned d = 0; d < nd; ++d) {
      int64_t b = problem.bounds[d];
      for (unsigned l = 0; l < nl; ++l) {
        if (cons.levels[l].temporalExact[d] > 1)
          b /= cons.levels[l].temporalExact[d];
        if (cons.levels[l].spatialExact[d] > 1)
          b /= cons.levels[l].spatialExact[d];
      }
      llvm::SmallVector<int64_t, 8> primes = getPrimeFactors(b);
      primeBegin[d] = flatPrimes.size();
      flatPrimes.append(primes);
      primeBegin[d + 1] = flatPrimes.size();
      samePrimes |= uint64_t(llvm::all_equal(primes)) << d;
      paddedPrimes.emplace_back();
      if (!options.imperfect)
        continue;
      llvm::SmallVector<int64_t, 8> padded;
      for (int64_t m : {2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 24, 32}) {
        int64_t v = (b + m - 1) / m * m;
        if (v > b && 2 * v <= 3 * b && !llvm::is_contained(padded, v))
          padded.push_back(v);
      }
      for (int64_t v : padded)
        paddedPrimes.back().push_back(getPrimeFactors(v));
    }
  }

  unsigned index(unsigned l, unsigned slot, unsigned d) const {
    return (l * kSlots + slot) * nd + d;
  }
  bool isPinned(unsigned i) const { return pinned[i] != 0; }

  /// Words of data space s's tile when dim d spans extents[d] (as
  /// Problem::getTileSize), and (unless s is in soleRanks) the tile's
  /// extent along each rank.
  int64_t getRankExtents(unsigned s, const int64_t *extents,
                         int64_t *rankExtents) const {
    unsigned ranks = numRanks[s];
    if (soleRanks >> s & 1) {
      // Each rank is one term, of coefficient 1 (rankExtents is not set:
      // the repair does not read it for such a space).
      int64_t size = 1;
      for (unsigned t = rankBegin[s][0]; t < rankBegin[s][ranks]; ++t)
        size *= extents[termDim[t]];
      return size;
    }
    for (unsigned r = 0; r < ranks; ++r)
      rankExtents[r] = 1;
    // One pass over the space's terms (they are in rank order).
    for (unsigned t = rankBegin[s][0]; t < rankBegin[s][ranks]; ++t)
      rankExtents[termRank[t]] += termCoef[t] * (extents[termDim[t]] - 1);
    int64_t size = 1;
    for (unsigned r = 0; r < ranks; ++r)
      size *= rankExtents[r];
    return size;
  }
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

/// The streams' random generator: splitmix64 (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014): a few
/// instructions per draw, and every search draws a few hundred times per
/// candidate.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = state += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

/// A stream's draws. The hot loops work on a local copy (and store it
/// back): as a member it would be reloaded and stored around every write
/// to a candidate's factors, which the compiler cannot tell apart from it.
struct Draws {
  SplitMix64 rng;
  /// The unused draws of the last generator output (bits 0-62, 21 per
  /// draw) above a marker bit: 1 (or 0 at the start) when none is left.
  uint64_t pool = 0;

  /// A draw in [0, n) for n <= 2^16: Lemire's multiply-shift on 21 bits
  /// of a 64-bit draw, three draws per call of the generator (a candidate
  /// takes a few hundred draws, so the generator was a good part of its
  /// cost). The bias, below n / 2^21, does not matter here.
  LLVM_ATTRIBUTE_ALWAYS_INLINE unsigned uniform(unsigned n) {
    if (pool <= 1)
      pool = rng.next() | uint64_t(1) << 63;
    uint64_t bits = pool & ((uint64_t(1) << 21) - 1);
    pool >>= 21;
    return (unsigned)((bits * n) >> 21);
  }

  /// Fisher-Yates.
  template <typename T> void shuffle(T *begin, unsigned n) {
    for (unsigned i = n; i > 1; --i)
      std::swap(begin[i - 1], begin[uniform(i)]);
  }

  /// Uses up the draws of shuffle(begin, n) without drawing (for n equal
  /// elements, which no shuffle changes).
  void skipShuffle(unsigned n) {
    for (unsigned i = n; i > 1; --i) {
      if (pool <= 1)
        pool = rng.next() | uint64_t(1) << 63;
      pool >>= 21;
    }
  }
};

/// One candidate mapping in search form, in fixed arrays (no allocation per
/// candidate); only the first entries the SearchSpace sizes are used.
struct Candidate {
  /// factors[(l * kSlots + slot) * nd + d]
  std::array<int64_t, kMaxFactors> factors;
  /// Bit i of word i / 64: factors[i] > 1. Kept up to date wherever a
  /// factor changes, so the repair and the mutations visit the few factors
  /// > 1 (a few dozen primes spread over hundreds of entries) in index
  /// order instead of scanning every entry.
  std::array<uint64_t, kFactorWords> big;
  /// order[l * nd + i]: the temporal loop order of level l, innermost first.
  std::array<unsigned, kMaxMappingLevels * kMaxProblemDims> order;
  std::array<uint32_t, kMaxMappingLevels> keep;
};

class Searcher {
public:
  Searcher(const SearchSpace &space, uint64_t seed)
      : sp(space), draws{{seed}}, counter(space.problem, space.arch),
        energyEstimator(space.problem, space.arch) {
    prunes.capacity.assign(space.nl, 0);
    // generate() resets only the factors > 1 of `cur`, and only the
    // products of the live rows.
    cur.factors.fill(1);
    cur.big.fill(0);
    std::fill_n(axis, kMaxMappingLevels * kSlots, 1);
    // The counter reads `cur` through these arrays (the same counts as
    // toMapping(cur) gives; no Mapping is built per candidate).
    curArrays.numLevels = sp.nl;
    curArrays.factors = cur.factors.data();
    curArrays.big = cur.big.data();
    curArrays.levelStride = kSlots * sp.nd;
    curArrays.xOffset = SpatialX * sp.nd;
    curArrays.yOffset = SpatialY * sp.nd;
    curArrays.order = cur.order.data();
    curArrays.keep = cur.keep.data();
  }

  /// Runs one stream of `budget` candidates; keeps its best.
  void run(uint64_t budget, std::chrono::steady_clock::time_point deadline) {
    uint64_t sampling = std::max<uint64_t>(1, budget * 6 / 10);
    const bool imperfect = sp.options.imperfect,
               minUtilization = sp.cons.minUtilization > 0;
    for (uint64_t i = 0; i < budget; ++i) {
      if ((i & 255) == 0 && std::chrono::steady_clock::now() > deadline) {
        cutShort = true;
        return;
      }
      bool ok;
      // A mutation that changed only loop orders or keep bits (the repair
      // moved no factor) is counted from the best's tiling.
      bool sameFactors = false;
      if (i < sampling || !hasBest) {
        ok = generate(cur);
      } else {
        copy(best, cur);
        ok = mutate(cur, sameFactors);
      }
      if (ok && imperfect)
        ok = tighten(cur);
      ++generated;
      if (ok && minUtilization && !usesEnough(cur)) {
        ++prunes.utilization;
        ok = false;
      }
      if (!ok) {
        ++pruned;
        continue;
      }
      ++valid;
      consider(sameFactors);
    }
  }

  const SearchSpace &sp;
  Draws draws;
  ActionCounter counter;
  EnergyEstimator energyEstimator;
  /// The candidate being built, and the stream's best so far.
  Candidate cur, best;
  bool hasBest = false;
  double bestValue = std::numeric_limits<double>::infinity();
  uint64_t generated = 0, valid = 0, evaluated = 0, pruned = 0;
  PruneCounts prunes;
  bool cutShort = false;
  ActionCounts counts;
  EnergyBreakdown energy;
  /// What the counts of the best candidate and of the one just evaluated
  /// derived from their factors: tilings[bestTiling] and the other one.
  std::array<TilingState, 2> tilings;
  unsigned bestTiling = 0;
  /// The counter's view of `cur`.
  MappingArrays curArrays;

  void toMapping(const Candidate &c, Mapping &m) const {
    const unsigned nd = sp.nd;
    if (m.levels.size() != sp.nl)
      m.levels.resize(sp.nl);
    for (unsigned l = 0; l < sp.nl; ++l) {
      LevelMapping &lm = m.levels[l];
      if (lm.temporalFactors.size() != nd) {
        lm.temporalFactors.resize(nd);
        lm.spatialFactors.resize(nd);
        lm.temporalOrder.resize(nd);
        lm.spatialOrder.resize(nd);
      }
      const int64_t *t = &c.factors[(l * kSlots + Temporal) * nd];
      const int64_t *x = &c.factors[(l * kSlots + SpatialX) * nd];
      const int64_t *y = &c.factors[(l * kSlots + SpatialY) * nd];
      int64_t *temporal = lm.temporalFactors.data();
      int64_t *spatial = lm.spatialFactors.data();
      unsigned *spatialOrder = lm.spatialOrder.data();
      std::copy_n(c.order.begin() + l * nd, nd, lm.temporalOrder.data());
      // The X dims in dim order, then the others (Y and unused) in dim
      // order.
      unsigned numX = 0;
      for (unsigned d = 0; d < nd; ++d) {
        temporal[d] = t[d];
        spatial[d] = x[d] * y[d];
        numX += x[d] > 1;
      }
      for (unsigned d = 0, i = 0, j = numX; d < nd; ++d) {
        bool isX = x[d] > 1;
        spatialOrder[isX ? i : j] = d;
        i += isX;
        j += !isX;
      }
      lm.spatialSplit = numX;
      lm.keepMask = c.keep[l];
    }
  }

  /// Counts and costs `cur`. `sameFactors`: cur has the best's factors
  /// (its tiling is reused).
  double evaluate(bool sameFactors) {
    if (sameFactors)
      counter.countReordered(curArrays, tilings[bestTiling], counts);
    else
      counter.count(curArrays, counts, tilings[1 - bestTiling]);
    energyEstimator.estimate(counts, energy);
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

  /// Multiplies factor i by p > 1 (and marks it > 1).
  void multiplyFactor(Candidate &c, unsigned i, int64_t p) const {
    c.factors[i] *= p;
    c.big[i / 64] |= sp.bitOf[i];
  }
  /// Divides factor i by its divisor p (and unmarks it when it drops to 1).
  static void divideFactor(Candidate &c, unsigned i, int64_t p) {
    c.factors[i] = divide(c.factors[i], p);
    c.big[i / 64] &= ~(uint64_t(c.factors[i] == 1) << (i % 64));
  }
  /// Sets factor i to v >= 1.
  static void setFactor(Candidate &c, unsigned i, int64_t v) {
    c.factors[i] = v;
    c.big[i / 64] = (c.big[i / 64] & ~(uint64_t(1) << (i % 64))) |
                    uint64_t(v > 1) << (i % 64);
  }
  /// Calls fn(i) for each factor i > 1 with from <= i, in index order.
  template <typename Fn>
  void forEachBig(const Candidate &c, unsigned from, Fn fn) const {
    for (unsigned w = from / 64; w < sp.numWords; ++w) {
      uint64_t bits = c.big[w];
      if (w == from / 64)
        bits &= ~uint64_t(0) << (from % 64);
      for (; bits; bits &= bits - 1)
        fn(w * 64 + llvm::countr_zero(bits));
    }
  }
  /// Bit k: is factor from + k > 1, for k < len <= 63.
  static uint64_t rangeBits(const Candidate &c, unsigned from, unsigned len) {
    unsigned w = from / 64, o = from % 64;
    uint64_t bits = c.big[w] >> o;
    // The range spans two words at most.
    if (o + len > 64)
      bits |= c.big[w + 1] << (64 - o);
    return bits & ((uint64_t(1) << len) - 1);
  }
  /// Bit d: is factor row * nd + d > 1.
  uint64_t rowBits(const Candidate &c, unsigned row) const {
    return rangeBits(c, row * sp.nd, sp.nd);
  }

  /// Copies the entries of `from` the search space uses (all of the small
  /// arrays: a copy of constant size is inline, not a call).
  void copy(const Candidate &from, Candidate &to) const {
    std::copy_n(from.factors.begin(), sp.numFactors, to.factors.begin());
    to.big = from.big;
    std::copy_n(from.order.begin(), sp.nl * sp.nd, to.order.begin());
    to.keep = from.keep;
  }

  void consider(bool sameFactors) {
    double v = evaluate(sameFactors);
    if (v < bestValue) {
      bestValue = v;
      copy(cur, best);
      computeAxes(cur, bestAxis);
      hasBest = true;
      if (!sameFactors)
        bestTiling = 1 - bestTiling;
    }
  }

  unsigned uniform(unsigned n) { return draws.uniform(n); }

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

  /// The product of each spatial slot's factors, per l * kSlots + slot,
  /// while a candidate is built (generate() and moveFactor() set it up,
  /// place() keeps it up to date) so a fit costs no product over the dims;
  /// and the best's (moveFactor() starts from them).
  int64_t axis[kMaxMappingLevels * kSlots],
      bestAxis[kMaxMappingLevels * kSlots];

  /// Sets `products` (as `axis`) from the candidate's factors (a slot that
  /// is not live holds only 1s).
  void computeAxes(const Candidate &c, int64_t *products) const {
    // (The temporal entries get products too, never read.)
    std::fill_n(products, sp.nl * kSlots, 1);
    forEachBig(c, 0,
               [&](unsigned i) { products[sp.rowOf[i]] *= c.factors[i]; });
  }

  /// May (l, slot) take one more factor `p` of dim d: allowed, not pinned,
  /// within its maximum (and, for a spatial slot, within the mesh and with
  /// the dim not already on the other axis).
  bool fits(const Candidate &c, unsigned l, unsigned slot, unsigned d,
            int64_t p) const {
    unsigned row = l * kSlots + slot, i = row * sp.nd + d;
    if (c.factors[i] * p > sp.room[i])
      return false;
    if (slot == Temporal)
      return true;
    unsigned other = slot ^ 3; // SpatialX <-> SpatialY
    return c.factors[(row - slot + other) * sp.nd + d] == 1 &&
           axis[row] * p <= sp.mesh[row];
  }

  /// Puts prime `p` of dim `d` at row = l * kSlots + slot, falling back to
  /// the level's temporal loops when the fan-out is full or the dim already
  /// uses the other axis, then to the outermost level, then to the first
  /// slot (outermost level first) that may take it. Returns the factor's
  /// index, or -1 when no slot may take it.
  int place(Candidate &c, unsigned row, unsigned d, int64_t p) {
    const unsigned nd = sp.nd;
    unsigned slot = sp.slotOf[row], temporal = row - slot;
    if (slot != Temporal) {
      unsigned other = temporal + (slot ^ 3); // SpatialX <-> SpatialY
      unsigned o = other * nd + d;
      if (c.factors[o] > 1 && sp.allowed[o]) {
        row = other;
        slot ^= 3;
      }
      if (fits(c, row / kSlots, slot, d, p)) {
        multiplyFactor(c, row * nd + d, p);
        axis[row] *= p;
        return row * nd + d;
      }
    }
    unsigned i = temporal * nd + d;
    if (c.factors[i] * p > sp.room[i]) {
      // Level 0's temporal factor of d is factor d.
      i = d;
      if (c.factors[i] * p > sp.room[i]) {
        bool found = false;
        for (unsigned k = 0; k < sp.nl && !found; ++k)
          for (unsigned s = 0; s < kSlots && !found; ++s)
            if (fits(c, k, s, d, p)) {
              i = sp.index(k, s, d);
              axis[k * kSlots + s] *= p;
              found = true;
            }
        if (!found) {
          ++prunes.placement;
          return -1;
        }
      }
    }
    multiplyFactor(c, i, p);
    return i;
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

  /// Moves factors outward until the tiles of levels lo to hi (1 <= lo)
  /// fit their capacities, from the innermost level out, keeping the tile
  /// extents up to date; sets `moved` when it moved any. Pinned factors
  /// never move. (A move changes no tile of the level it lands in or of
  /// the levels outside it, and only shrinks the others: the levels whose
  /// tiles did not grow since they last fit need no check.)
  bool repair(Candidate &c, unsigned lo, unsigned hi, bool &moved) {
    Draws r = draws;
    bool ok = repair(c, r, lo, hi, moved);
    draws = r;
    return ok;
  }
  LLVM_ATTRIBUTE_ALWAYS_INLINE bool repair(Candidate &c, Draws &r, unsigned lo,
                                           unsigned hi, bool &moved) {
    // (Level 0 has no parent to move factors to, and no capacity.)
    assert(lo >= 1 && "the repair starts inside the outermost level");
    const unsigned nd = sp.nd;
    int64_t extents[kMaxProblemDims];
    for (unsigned d = 0; d < nd; ++d)
      extents[d] = 1;
    moved = false;
    for (unsigned level = sp.nl - 1; level >= lo; --level) {
      const unsigned begin = level * kSlots * nd;
      for (uint64_t bits = rangeBits(c, begin, kSlots * nd); bits;
           bits &= bits - 1) {
        unsigned i = begin + llvm::countr_zero(bits);
        extents[sp.dimOf[i]] *= c.factors[i];
      }
      // (A local: the compiler cannot tell the capacities from the factors
      // the moves write, and would reload it.)
      const int64_t capacity = sp.capacity[level];
      if (level > hi || capacity == std::numeric_limits<int64_t>::max())
        continue;
      // Words of the kept tiles, in all and per data space, and per data
      // space and rank the extent of the tile (updated as factors move).
      int64_t rankExtents[kMaxProblemSpaces][kMaxRanks];
      int64_t sizes[kMaxProblemSpaces];
      int64_t used = 0;
      uint32_t keep = c.keep[level];
      for (uint32_t spaces = keep; spaces; spaces &= spaces - 1) {
        unsigned s = llvm::countr_zero(spaces);
        used += sizes[s] = sp.getRankExtents(s, extents, rankExtents[s]);
      }
      if (used <= capacity)
        continue;
      moved = true;
      // Moves prime p of factor i (of dim d) to factor `to` outside the
      // level: the extents and the kept tiles that span the dim shrink.
      auto move = [&](unsigned i, unsigned d, int64_t p, unsigned to) {
        divideFactor(c, i, p);
        multiplyFactor(c, to, p);
        int64_t shrunk = divide(extents[d], p);
        int64_t delta = extents[d] - shrunk;
        extents[d] = shrunk;
        for (unsigned u = sp.useBegin[d]; u < sp.useBegin[d + 1]; ++u)
          rankExtents[sp.useSpace[u]][sp.useRank[u]] -= sp.useCoef[u] * delta;
        uint32_t touched = sp.spacesOf[d] & keep;
        // A tile whose rank is d's extent alone shrinks by p exactly.
        for (uint32_t spaces = touched & sp.soleRankOf[d]; spaces;
             spaces &= spaces - 1) {
          unsigned s = llvm::countr_zero(spaces);
          int64_t size = divide(sizes[s], p);
          used -= sizes[s] - size;
          sizes[s] = size;
        }
        for (uint32_t spaces = touched & ~sp.soleRankOf[d]; spaces;
             spaces &= spaces - 1) {
          unsigned s = llvm::countr_zero(spaces);
          int64_t size = 1;
          for (unsigned r = 0; r < sp.numRanks[s]; ++r)
            size *= rankExtents[s][r];
          used += size - sizes[s];
          sizes[s] = size;
        }
      };
      // Nothing pinned or capped: the factors inside the level (its own
      // loops or deeper) whose dim may iterate in the parent's temporal
      // loops move there. They are listed once, in index order, from the
      // factors > 1 masked by movableBits, and a factor leaves the list
      // when it drops to 1 (moved factors land outside it).
      if (sp.plainRepair) {
        unsigned movable[kMaxFactors], n = 0;
        for (unsigned w = begin / 64; w < sp.numWords; ++w)
          for (uint64_t bits = c.big[w] & sp.movableBits[level][w]; bits;
               bits &= bits - 1)
            movable[n++] = w * 64 + llvm::countr_zero(bits);
        while (used > capacity) {
          if (n == 0) {
            ++prunes.capacity[level];
            return false;
          }
          unsigned k = r.uniform(n);
          unsigned i = movable[k], d = sp.dimOf[i];
          unsigned to = sp.index(level - 1, Temporal, d);
          // Most primes are 2s: a move of a 2 (its own copy) divides by
          // shifts.
          if (int64_t p = getSmallestPrimeFactor(c.factors[i]); p == 2)
            move(i, d, 2, to);
          else
            move(i, d, p, to);
          if (c.factors[i] == 1) {
            std::copy(movable + k + 1, movable + n, movable + k);
            --n;
          }
        }
        continue;
      }
      // Otherwise pinned factors stay, a factor goes to the parent when
      // nothing pins or caps the parent's loop, else to the nearest outer
      // level that may take it, and the list of movable factors and their
      // targets is made again after each move (a move may fill a capped
      // loop).
      while (used > capacity) {
        unsigned movable[kMaxFactors];
        int target[kMaxFactors];
        unsigned n = 0;
        forEachBig(c, begin, [&](unsigned i) {
          if (sp.isPinned(i))
            return;
          unsigned d = sp.dimOf[i], parent = sp.index(level - 1, Temporal, d);
          int k = sp.allowed[parent] && !sp.isPinned(parent) &&
                          sp.maxFactor[parent] == LevelConstraints::kNoMax
                      ? (int)level - 1
                      : outwardSlot(c, level, d,
                                    getSmallestPrimeFactor(c.factors[i]));
          if (k < 0)
            return;
          target[n] = k;
          movable[n++] = i;
        });
        if (n == 0) {
          ++prunes.capacity[level];
          return false;
        }
        unsigned k = r.uniform(n);
        unsigned i = movable[k], d = sp.dimOf[i];
        move(i, d, getSmallestPrimeFactor(c.factors[i]),
             sp.index(target[k], Temporal, d));
      }
    }
    return true;
  }

  /// v / p for a divisor p of v > 0: a shift for the common p = 2 (an
  /// integer division takes tens of cycles).
  static int64_t divide(int64_t v, int64_t p) {
    return p == 2 ? v >> 1 : v / p;
  }

  bool generate(Candidate &c) {
    // Only the factors > 1 need a reset (every other entry is 1 already).
    forEachBig(c, 0, [&](unsigned i) { c.factors[i] = 1; });
    std::fill_n(c.big.begin(), sp.numWords, 0);
    // (The products of the rows that are not live stay 1.)
    for (unsigned row : sp.liveSpatialRows)
      axis[row] = 1;
    for (unsigned l = 0; l < sp.nl; ++l)
      c.keep[l] = sp.defaultKeep[l];
    Draws r = draws;
    for (auto [l, s] : sp.bypassPairs)
      c.keep[l] &= ~(uint32_t(r.uniform(4) == 0) << s);
    draws = r;
    if (!sp.cons.unconstrained && !placePinned(c))
      return false;
    r = draws;
    bool ok = placePrimes(c, r);
    draws = r;
    bool moved;
    if (!ok || !repair(c, 1, sp.nl - 1, moved))
      return false;
    r = draws;
    for (unsigned l = 0; l < sp.nl; ++l) {
      if (sp.tableOrders >> l & 1) {
        // The table's 8 entries: those past nd belong to the next level
        // (set after this one) or are unused (with nd <= 8, c.order has
        // room for them).
        uint64_t big = rowBits(c, l * kSlots + Temporal);
        // (A copy of constant size: inline, not a call.)
        std::memcpy(c.order.data() + l * sp.nd, sp.orderOf[big].data(),
                    sizeof(sp.orderOf[big]));
        r.shuffle(c.order.data() + l * sp.nd, sp.numBigOf[big]);
      } else {
        shuffleOrder(c, l, r);
      }
    }
    draws = r;
    return true;
  }

  /// Splits the bounds into primes and places them (generate()'s hot part,
  /// drawing from a local copy of the draws).
  LLVM_ATTRIBUTE_ALWAYS_INLINE bool placePrimes(Candidate &c, Draws &r) {
    // Dim d's primes: ps + at[d], np[d] of them (a bound of at most 2^63
    // has fewer than 64 prime factors).
    int64_t ps[kMaxProblemDims * 64];
    unsigned at[kMaxProblemDims], np[kMaxProblemDims];
    // With imperfect factors, half the candidates split some dims (each
    // with odds 1/2) as if their bound were padded (tighten() then trims
    // the outermost loop).
    bool pad = sp.options.imperfect && r.uniform(2) == 0;
    if (!pad) {
      std::copy_n(sp.flatPrimes.begin(), sp.flatPrimes.size(), ps);
      for (unsigned d = 0; d < sp.nd; ++d) {
        at[d] = sp.primeBegin[d];
        np[d] = sp.primeBegin[d + 1] - at[d];
        // The same random stream whether or not the shuffle can change
        // anything (as for 2^7).
        if (sp.samePrimes >> d & 1)
          r.skipShuffle(np[d]);
        else
          r.shuffle(ps + at[d], np[d]);
      }
    } else {
      for (unsigned d = 0; d < sp.nd; ++d) {
        llvm::ArrayRef<int64_t> primes(sp.flatPrimes.data() + sp.primeBegin[d],
                                       sp.flatPrimes.data() +
                                           sp.primeBegin[d + 1]);
        if (!sp.paddedPrimes[d].empty() && r.uniform(2) == 0)
          primes = sp.paddedPrimes[d][r.uniform(sp.paddedPrimes[d].size())];
        at[d] = d * 64;
        np[d] = primes.size();
        std::copy_n(primes.begin(), np[d], ps + at[d]);
        r.shuffle(ps + at[d], np[d]);
      }
    }
    // Half the candidates fill the fan-outs first, innermost first, with
    // primes drawn among those that fit: random placement alone rarely
    // fills a large array (a crossbar's rows and columns).
    if (r.uniform(2) == 0)
      for (unsigned row : sp.liveSpatialRows) {
        unsigned l = row / kSlots, slot = sp.slotOf[row];
        int64_t mesh = sp.mesh[row];
        int64_t &product = axis[row];
        // A full axis takes no prime (every prime is at least 2).
        for (unsigned tries = 0;
             tries < 2 * kMaxProblemDims && 2 * product <= mesh; ++tries) {
          unsigned d = r.uniform(sp.nd);
          if (!np[d] || !fits(c, l, slot, d, ps[at[d] + np[d] - 1]))
            continue;
          int64_t p = ps[at[d] + --np[d]];
          product *= p;
          multiplyFactor(c, row * sp.nd + d, p);
        }
      }
    for (unsigned d = 0; d < sp.nd; ++d)
      for (unsigned k = 0; k < np[d]; ++k)
        if (place(c, sp.drawRow[r.uniform(sp.nl * kSlots)], d, ps[at[d] + k]) <
            0)
          return false;
    return true;
  }

  /// Level l's temporal order: the pinned innermost and outermost loops in
  /// place; between them the free loops of factor > 1 in random order, then
  /// the free dims of factor 1 (where a loop of factor 1 sits changes
  /// nothing, so only the others are drawn).
  void shuffleOrder(Candidate &c, unsigned l, Draws &r) {
    const unsigned nd = sp.nd;
    unsigned *order = c.order.data() + l * nd;
    const unsigned *base = sp.baseOrder.data() + l * nd;
    unsigned from = sp.orderFrom[l], to = sp.orderTo[l];
    for (unsigned i = 0; i < from; ++i)
      order[i] = base[i];
    for (unsigned i = to; i < nd; ++i)
      order[i] = base[i];
    // The free dims in dim order, those of factor > 1 first.
    uint64_t big = rowBits(c, l * kSlots + Temporal) & sp.freeDims[l];
    unsigned k = from;
    for (uint64_t bits = big; bits; bits &= bits - 1)
      order[k++] = llvm::countr_zero(bits);
    unsigned n = k - from;
    for (uint64_t bits = sp.freeDims[l] & ~big; bits; bits &= bits - 1)
      order[k++] = llvm::countr_zero(bits);
    r.shuffle(order + from, n);
  }

  /// Makes the factors of each dim whose product exceeds its bound a valid
  /// imperfect split: the outermost loop (temporal before spatial, level 0
  /// first) runs ceil(bound / product inside it) iterations; a loop that
  /// drops to 1 passes the role to the next loop in. Only shrinks factors,
  /// so capacities and fan-outs still hold. False when the loop to trim is
  /// pinned by a constraint.
  bool tighten(Candidate &c) {
    for (unsigned d = 0; d < sp.nd; ++d) {
      const int64_t bound = sp.problem.bounds[d];
      int64_t product = 1;
      for (unsigned l = 0; l < sp.nl; ++l)
        for (unsigned s = 0; s < kSlots; ++s)
          product *= f(c, l, s, d);
      bool tight = product == bound;
      for (unsigned l = 0; l < sp.nl && !tight; ++l)
        for (unsigned s = 0; s < kSlots && !tight; ++s) {
          int64_t &factor = f(c, l, s, d);
          if (factor == 1)
            continue;
          // A dim on both axes is one loop of X x Y (not split here).
          if (sp.isPinned(sp.index(l, s, d)) ||
              (s == SpatialX && f(c, l, SpatialY, d) > 1))
            return false;
          int64_t inner = product / factor;
          factor = (bound + inner - 1) / inner;
          setFactor(c, sp.index(l, s, d), factor);
          product = inner * factor;
          // Tight unless the loop dropped to 1 (then the next one in is
          // the outermost).
          tight = factor > 1 || product == bound;
        }
    }
    return true;
  }

  /// Sets the pinned factors: temporal ones in place, spatial ones on an
  /// axis that may take them (drawn when both may).
  bool placePinned(Candidate &c) {
    for (unsigned l = 0; l < sp.nl; ++l)
      for (unsigned d = 0; d < sp.nd; ++d) {
        if (int64_t v = sp.pinned[sp.index(l, Temporal, d)])
          setFactor(c, sp.index(l, Temporal, d), v);
        int64_t v = sp.pinned[sp.index(l, SpatialX, d)];
        if (!v)
          continue;
        const LevelConstraints &lc = sp.cons.levels[l];
        int64_t *product = &axis[l * kSlots];
        bool x = lc.spatialAxis[d] != LevelConstraints::YOnly &&
                 product[SpatialX] * v <= sp.mesh[l * kSlots + SpatialX];
        bool y = lc.spatialAxis[d] != LevelConstraints::XOnly &&
                 product[SpatialY] * v <= sp.mesh[l * kSlots + SpatialY];
        if (!x && !y) {
          ++prunes.placement;
          return false;
        }
        unsigned slot = x && y ? (uniform(2) ? SpatialY : SpatialX)
                               : (x ? SpatialX : SpatialY);
        setFactor(c, sp.index(l, slot, d), v);
        product[slot] *= v;
      }
    return true;
  }

  /// A mutation of `c`, a copy of the best, that changes the mapping: a
  /// prime factor moves, two loops of factor > 1 of a level swap, or a
  /// level keeps or bypasses a data space (a factor moves when the kind
  /// drawn has nothing to change). Sets `sameFactors` when c still has the
  /// best's factors.
  bool mutate(Candidate &c, bool &sameFactors) {
    sameFactors = true;
    unsigned kind = uniform(3);
    // A loop order changes no tile, so the (valid) mapping stays valid.
    if (kind == 1 && swapLoops(c))
      return true;
    // The best fits, so only the tiles that grew may overflow: those of a
    // level that now keeps one more data space, or those of the levels
    // inside a moved prime's old level down to its new one.
    unsigned lo, hi;
    if (kind == 2 && sp.anyBypass) {
      unsigned level;
      if (!toggleKeep(c, level))
        return true;
      lo = hi = level;
    } else {
      unsigned from;
      int to;
      if (!moveFactor(c, from, to))
        return false;
      // A prime that went back where it was changes nothing.
      if ((unsigned)to == from)
        return true;
      sameFactors = false;
      lo = sp.rowOf[from] / kSlots + 1;
      hi = sp.rowOf[to] / kSlots;
    }
    if (lo > hi)
      return true;
    bool moved;
    if (!repair(c, lo, hi, moved))
      return false;
    // The repair may have moved the prime back.
    if (moved)
      sameFactors =
          std::equal(c.factors.begin(), c.factors.begin() + sp.numFactors,
                     best.factors.begin());
    return true;
  }

  /// Moves one prime factor of a dim (not a pinned one) from factor `from`
  /// to factor `to` (-1 when no slot may take it: false). `c` is a copy of
  /// the best.
  bool moveFactor(Candidate &c, unsigned &from, int &to) {
    unsigned movable[kMaxFactors];
    unsigned n = 0;
    forEachBig(c, 0, [&](unsigned i) {
      movable[n] = i;
      n += !sp.isPinned(i);
    });
    if (n == 0)
      return false;
    from = movable[uniform(n)];
    unsigned d = sp.dimOf[from];
    int64_t p = getSmallestPrimeFactor(c.factors[from]);
    divideFactor(c, from, p);
    std::copy_n(bestAxis, sp.nl * kSlots, axis);
    axis[sp.rowOf[from]] = divide(axis[sp.rowOf[from]], p);
    to = place(c, sp.drawRow[uniform(sp.nl * kSlots)], d, p);
    return to >= 0;
  }

  /// Flips whether a level keeps a data space, drawn among the pairs the
  /// search may flip (there must be one): true when `level` now keeps it
  /// (its tiles grew), false when it bypasses it.
  bool toggleKeep(Candidate &c, unsigned &level) {
    auto [l, s] = sp.bypassPairs[uniform(sp.bypassPairs.size())];
    c.keep[l] ^= 1u << s;
    level = l;
    return c.keep[l] >> s & 1;
  }

  /// Swaps two free temporal loops of factor > 1 of a level drawn among
  /// the levels that have two; false when none has.
  bool swapLoops(Candidate &c) {
    unsigned levels[kMaxMappingLevels];
    unsigned numLevels = 0;
    for (unsigned l = 0; l < sp.nl; ++l) {
      // The free loops of factor > 1: two or more?
      uint64_t big = rowBits(c, l * kSlots + Temporal) & sp.freeDims[l];
      levels[numLevels] = l;
      numLevels += (big & (big - 1)) != 0;
    }
    if (numLevels == 0)
      return false;
    unsigned l = levels[uniform(numLevels)];
    unsigned positions[kMaxProblemDims];
    unsigned n = 0;
    for (unsigned i = sp.orderFrom[l]; i < sp.orderTo[l]; ++i) {
      positions[n] = l * sp.nd + i;
      n += f(c, l, Temporal, c.order[l * sp.nd + i]) > 1;
    }
    unsigned a = uniform(n), b = uniform(n - 1);
    b += b >= a;
    std::swap(c.order[positions[a]], c.order[positions[b]]);
    return true;
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
  // and the budget only. Each stream starts from a draw of a generator
  // seeded with the seed (seeds n * G + s, G the generator's increment,
  // made seed n + 1 the same streams one draw later).
  std::vector<std::unique_ptr<Searcher>> streams;
  SplitMix64 seeds{options.seed};
  for (unsigned s = 0; s < kStreams; ++s)
    streams.push_back(std::make_unique<Searcher>(space, seeds.next()));
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
    if (s->hasBest && (!winner || s->bestValue < winner->bestValue))
      winner = s.get();
  }
  if (!winner)
    return explainNoMapping(space, streams, result.generated);
  winner->toMapping(winner->best, result.mapping);
  if (llvm::Error err =
          validateMapping(problem, arch, result.mapping, options.imperfect))
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

//===- Mapper.cpp - search mappings of a problem onto an arch -------------===//
//
// Random factorizations with capacity repair, then local refinement, over
// fixed streams of candidates (see Mapper.h). A candidate is a factor per
// (level, slot, dim) with slots temporal, spatial X and spatial Y, a loop
// order per level and a keep mask per level.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Search/Mapper.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <array>
#include <chrono>
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

std::optional<Dataflow> dnnopt::parseDataflow(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Dataflow>>(name)
      .Case("any", Dataflow::Any)
      .Case("weight-stationary", Dataflow::WeightStationary)
      .Case("output-stationary", Dataflow::OutputStationary)
      .Case("input-stationary", Dataflow::InputStationary)
      .Case("row-stationary", Dataflow::RowStationary)
      .Case("no-local-reuse", Dataflow::NoLocalReuse)
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

llvm::StringRef dnnopt::stringifyDataflow(Dataflow dataflow) {
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

/// The fixed facts of one search: slots that exist, capacities, dataflow.
struct SearchSpace {
  const Problem &problem;
  const ArchSpec &arch;
  const MapperOptions &options;
  unsigned nd, ns, nl;
  /// Prime factors of every bound, with multiplicity.
  llvm::SmallVector<llvm::SmallVector<int64_t, 8>, 8> primes;
  /// allowed[(l * kSlots + slot) * nd + d].
  llvm::SmallVector<bool, 64> allowed;
  llvm::SmallVector<int64_t, 8> meshX, meshY;
  /// Effective capacity in words (max for an unbounded level).
  llvm::SmallVector<int64_t, 8> capacity;
  llvm::SmallVector<uint32_t, 8> defaultKeep;
  /// The keep bits a level may drop.
  llvm::SmallVector<uint32_t, 8> mayBypass;
  /// Entries of Candidate::factors in use: nl * kSlots * nd.
  unsigned numFactors;
  /// Per data space, the nonzero terms of its projection rank by rank (the
  /// terms of rank r of space s are [rankBegin[s][r], rankBegin[s][r + 1])),
  /// so capacity checks size tiles without scanning zero coefficients.
  std::array<std::array<unsigned, kMaxRanks + 1>, kMaxProblemSpaces> rankBegin;
  std::array<unsigned, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> termDim;
  std::array<int64_t, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> termCoef;
  /// The same terms by dim: those of dim d are [useBegin[d],
  /// useBegin[d + 1]), each a data space, a rank and |coef|.
  std::array<unsigned, kMaxProblemDims + 1> useBegin;
  std::array<unsigned, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims>
      useSpace, useRank;
  std::array<int64_t, kMaxProblemSpaces * kMaxRanks * kMaxProblemDims> useCoef;

  SearchSpace(const Problem &problem, const ArchSpec &arch,
              const MapperOptions &options)
      : problem(problem), arch(arch), options(options),
        nd(problem.getNumDims()), ns(problem.dataSpaces.size()),
        nl(arch.levels.size()), numFactors(nl * kSlots * nd) {
    unsigned numTerms = 0;
    for (unsigned s = 0; s < ns; ++s) {
      const ProblemDataSpace &space = problem.dataSpaces[s];
      for (unsigned r = 0; r < space.numRanks; ++r) {
        rankBegin[s][r] = numTerms;
        for (unsigned d = 0; d < nd; ++d)
          if (int64_t c = space.getCoefficient(r, d, nd)) {
            termDim[numTerms] = d;
            termCoef[numTerms++] = std::abs(c);
          }
      }
      rankBegin[s][space.numRanks] = numTerms;
    }
    unsigned numUses = 0;
    for (unsigned d = 0; d < nd; ++d) {
      useBegin[d] = numUses;
      for (unsigned s = 0; s < ns; ++s)
        for (unsigned r = 0; r < problem.dataSpaces[s].numRanks; ++r)
          if (int64_t c = problem.dataSpaces[s].getCoefficient(r, d, nd)) {
            useSpace[numUses] = s;
            useRank[numUses] = r;
            useCoef[numUses++] = std::abs(c);
          }
    }
    useBegin[nd] = numUses;
    for (int64_t b : problem.bounds) {
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
    auto relevant = [&](unsigned s, unsigned d) {
      const ProblemDataSpace &space = problem.dataSpaces[s];
      for (unsigned r = 0; r < space.numRanks; ++r)
        if (space.getCoefficient(r, d, nd) != 0)
          return true;
      return false;
    };
    std::optional<DataSpace> stationary;
    if (options.dataflow == Dataflow::WeightStationary)
      stationary = DataSpace::Weights;
    else if (options.dataflow == Dataflow::OutputStationary)
      stationary = DataSpace::Outputs;
    else if (options.dataflow == Dataflow::InputStationary)
      stationary = DataSpace::Inputs;
    std::optional<unsigned> dimS = problem.findDim("S"),
                            dimQ = problem.findDim("Q"),
                            dimR = problem.findDim("R");
    allowed.assign(nl * kSlots * nd, false);
    for (unsigned l = 0; l < nl; ++l) {
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      meshX.push_back(fanout.meshX);
      meshY.push_back(fanout.meshY);
      const StorageLevelSpec &level = arch.levels[l];
      int64_t cap = std::numeric_limits<int64_t>::max();
      if (level.sizeWords && l > 0)
        cap = (int64_t)((double)*level.sizeWords /
                        std::max(level.multipleBuffering, 1.0));
      capacity.push_back(cap);
      uint32_t keep =
          l == 0 ? (1u << ns) - 1 : getDefaultKeepMask(problem, level);
      bool innermost = l + 1 == nl;
      if (innermost && options.dataflow == Dataflow::NoLocalReuse)
        keep = 0;
      defaultKeep.push_back(keep);
      mayBypass.push_back(l == 0 || !options.searchBypass ? 0 : keep);
      for (unsigned d = 0; d < nd; ++d) {
        bool temporal = true;
        if (innermost && stationary) {
          for (unsigned s = 0; s < ns; ++s)
            if (problem.dataSpaces[s].archSpace == *stationary &&
                relevant(s, d))
              temporal = false;
        }
        if (innermost && options.dataflow == Dataflow::RowStationary &&
            (dimS || dimQ))
          temporal = (dimS && d == *dimS) || (dimQ && d == *dimQ);
        bool y = fanout.meshY > 1;
        if (options.dataflow == Dataflow::RowStationary && dimR &&
            fanout.getFanout() > 1)
          y = y && d == *dimR;
        allowed[(l * kSlots + Temporal) * nd + d] = temporal || l == 0;
        allowed[(l * kSlots + SpatialX) * nd + d] = fanout.meshX > 1;
        allowed[(l * kSlots + SpatialY) * nd + d] = y;
      }
    }
  }

  bool isAllowed(unsigned l, unsigned slot, unsigned d) const {
    return allowed[(l * kSlots + slot) * nd + d];
  }

  /// Words of data space s's tile when dim d spans extents[d] (as
  /// Problem::getTileSize), and the tile's extent along each rank.
  int64_t getRankExtents(unsigned s, const int64_t *extents,
                         int64_t *rankExtents) const {
    int64_t size = 1;
    unsigned ranks = problem.dataSpaces[s].numRanks;
    for (unsigned r = 0; r < ranks; ++r) {
      int64_t e = 1;
      for (unsigned t = rankBegin[s][r]; t < rankBegin[s][r + 1]; ++t)
        e += termCoef[t] * (extents[termDim[t]] - 1);
      rankExtents[r] = e;
      size *= e;
    }
    return size;
  }
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

/// Entries of Candidate::factors a search may use.
constexpr unsigned kMaxFactors = kMaxMappingLevels * kSlots * kMaxProblemDims;

/// One candidate mapping in search form, in fixed arrays (no allocation per
/// candidate); only the first entries the SearchSpace sizes are used.
struct Candidate {
  /// factors[(l * kSlots + slot) * nd + d]
  std::array<int64_t, kMaxFactors> factors;
  /// order[l * nd + i]: the temporal loop order of level l, innermost first.
  std::array<unsigned, kMaxMappingLevels * kMaxProblemDims> order;
  std::array<uint32_t, kMaxMappingLevels> keep;
};

class Searcher {
public:
  Searcher(const SearchSpace &space, uint64_t seed)
      : sp(space), rng{seed}, counter(space.problem, space.arch) {}

  /// Runs one stream of `budget` candidates; keeps its best.
  void run(uint64_t budget, std::chrono::steady_clock::time_point deadline) {
    uint64_t sampling = std::max<uint64_t>(1, budget * 6 / 10);
    for (uint64_t i = 0; i < budget; ++i) {
      if ((i & 255) == 0 && std::chrono::steady_clock::now() > deadline) {
        cutShort = true;
        return;
      }
      bool ok;
      if (i < sampling || !hasBest) {
        ok = generate(cur);
      } else {
        copy(best, cur);
        ok = mutate(cur);
      }
      ++generated;
      if (!ok) {
        ++pruned;
        continue;
      }
      ++valid;
      consider(cur);
    }
  }

  const SearchSpace &sp;
  SplitMix64 rng;
  ActionCounter counter;
  /// The candidate being built, and the stream's best so far.
  Candidate cur, best;
  bool hasBest = false;
  double bestValue = std::numeric_limits<double>::infinity();
  uint64_t generated = 0, valid = 0, evaluated = 0, pruned = 0;
  bool cutShort = false;
  ActionCounts counts;
  EnergyBreakdown energy;

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

  double evaluate(const Candidate &c) {
    // Counted from the candidate's arrays: the same counts as
    // toMapping(c) gives (no Mapping is built per candidate).
    MappingArrays arrays;
    arrays.numLevels = sp.nl;
    arrays.factors = c.factors.data();
    arrays.levelStride = kSlots * sp.nd;
    arrays.xOffset = SpatialX * sp.nd;
    arrays.yOffset = SpatialY * sp.nd;
    arrays.order = c.order.data();
    arrays.keep = c.keep.data();
    counter.count(arrays, counts);
    estimateEnergy(sp.problem, sp.arch, counts, energy);
    ++evaluated;
    return getObjectiveValue(sp.options.objective, counts, energy);
  }

private:
  int64_t &f(Candidate &c, unsigned l, unsigned slot, unsigned d) const {
    return c.factors[(l * kSlots + slot) * sp.nd + d];
  }
  int64_t f(const Candidate &c, unsigned l, unsigned slot, unsigned d) const {
    return c.factors[(l * kSlots + slot) * sp.nd + d];
  }

  /// Copies the entries of `from` the search space uses.
  void copy(const Candidate &from, Candidate &to) const {
    std::copy_n(from.factors.begin(), sp.numFactors, to.factors.begin());
    std::copy_n(from.order.begin(), sp.nl * sp.nd, to.order.begin());
    std::copy_n(from.keep.begin(), sp.nl, to.keep.begin());
  }

  void consider(const Candidate &c) {
    double v = evaluate(c);
    if (v < bestValue) {
      bestValue = v;
      copy(c, best);
      hasBest = true;
    }
  }

  /// A draw in [0, n): the high word of a 64 x 32-bit product (Lemire's
  /// multiply-shift; the bias, below n / 2^64, does not matter here).
  unsigned uniform(unsigned n) {
    return (unsigned)(((unsigned __int128)rng.next() * n) >> 64);
  }

  /// Fisher-Yates.
  template <typename T> void shuffle(T *begin, unsigned n) {
    for (unsigned i = n; i > 1; --i)
      std::swap(begin[i - 1], begin[uniform(i)]);
  }

  int64_t axisProduct(const Candidate &c, unsigned l, unsigned slot) const {
    int64_t p = 1;
    for (unsigned d = 0; d < sp.nd; ++d)
      p *= f(c, l, slot, d);
    return p;
  }

  /// Puts prime `p` of dim `d` at (l, slot), falling back to the level's
  /// temporal loops when the fan-out is full or the dim already uses the
  /// other axis, and to the outermost level when those are not allowed.
  void place(Candidate &c, unsigned l, unsigned slot, unsigned d, int64_t p) {
    if (slot != Temporal) {
      unsigned other = slot == SpatialX ? SpatialY : SpatialX;
      if (f(c, l, other, d) > 1 && sp.isAllowed(l, other, d))
        slot = other;
      int64_t mesh = slot == SpatialX ? sp.meshX[l] : sp.meshY[l];
      if (!sp.isAllowed(l, slot, d) || axisProduct(c, l, slot) * p > mesh ||
          f(c, l, slot == SpatialX ? SpatialY : SpatialX, d) > 1)
        slot = Temporal;
    }
    if (slot == Temporal && !sp.isAllowed(l, Temporal, d))
      l = 0;
    f(c, l, slot, d) *= p;
  }

  /// Moves factors outward until every level's tiles fit its capacity,
  /// from the innermost level out, keeping the tile extents up to date.
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
      // Words of the kept tiles, in all, and per data space and rank the
      // extent of the tile (updated as factors move).
      int64_t rankExtents[kMaxProblemSpaces][kMaxRanks];
      int64_t used = 0;
      uint32_t keep = c.keep[level];
      for (unsigned s = 0; s < sp.ns; ++s)
        if (keep >> s & 1)
          used += sp.getRankExtents(s, extents, rankExtents[s]);
      if (used <= sp.capacity[level])
        continue;
      // The factors inside the level (its own loops or deeper) that may
      // move to the parent's temporal loops, in index order; a factor
      // leaves the list when it drops to 1 (moved factors land outside it).
      unsigned movable[kMaxFactors];
      unsigned n = 0;
      for (unsigned row = level * kSlots; row < sp.nl * kSlots; ++row) {
        const int64_t *factors = &c.factors[row * sp.nd];
        for (unsigned d = 0; d < sp.nd; ++d) {
          movable[n] = row * sp.nd + d;
          n += (factors[d] > 1) & sp.isAllowed(level - 1, Temporal, d);
        }
      }
      while (used > sp.capacity[level]) {
        if (n == 0)
          return false;
        unsigned k = uniform(n);
        unsigned i = movable[k];
        unsigned d = i % sp.nd;
        int64_t p = smallestPrime(c.factors[i]);
        c.factors[i] = divide(c.factors[i], p);
        f(c, level - 1, Temporal, d) *= p;
        int64_t shrunk = divide(extents[d], p);
        int64_t shrink = extents[d] - shrunk;
        extents[d] = shrunk;
        if (c.factors[i] == 1) {
          for (unsigned m = k + 1; m < n; ++m)
            movable[m - 1] = movable[m];
          --n;
        }
        for (unsigned u = sp.useBegin[d]; u < sp.useBegin[d + 1]; ++u)
          rankExtents[sp.useSpace[u]][sp.useRank[u]] -= sp.useCoef[u] * shrink;
        used = 0;
        for (unsigned s = 0; s < sp.ns; ++s) {
          if (!(keep >> s & 1))
            continue;
          int64_t size = 1;
          for (unsigned r = 0; r < sp.problem.dataSpaces[s].numRanks; ++r)
            size *= rankExtents[s][r];
          used += size;
        }
      }
    }
    return true;
  }

  /// v / p for a divisor p of v > 0: a shift for the common p = 2 (an
  /// integer division takes tens of cycles).
  static int64_t divide(int64_t v, int64_t p) {
    return p == 2 ? v >> 1 : v / p;
  }

  static int64_t smallestPrime(int64_t v) {
    if ((v & 1) == 0)
      return 2;
    for (int64_t p = 3; p * p <= v; p += 2)
      if (v % p == 0)
        return p;
    return v;
  }

  bool generate(Candidate &c) {
    std::fill_n(c.factors.begin(), sp.numFactors, 1);
    for (unsigned l = 0; l < sp.nl; ++l) {
      unsigned *order = c.order.data() + l * sp.nd;
      for (unsigned d = 0; d < sp.nd; ++d)
        order[d] = d;
      shuffle(order, sp.nd);
      c.keep[l] = sp.defaultKeep[l];
      for (unsigned s = 0; s < sp.ns; ++s)
        if (sp.mayBypass[l] >> s & 1)
          c.keep[l] &= ~(uint32_t(uniform(4) == 0) << s);
    }
    for (unsigned d = 0; d < sp.nd; ++d) {
      // A bound of at most 2^63 has fewer than 64 prime factors.
      int64_t ps[64];
      unsigned np = sp.primes[d].size();
      std::copy_n(sp.primes[d].begin(), np, ps);
      shuffle(ps, np);
      for (unsigned k = 0; k < np; ++k) {
        unsigned l = uniform(sp.nl);
        unsigned slot = uniform(kSlots);
        place(c, l, slot, d, ps[k]);
      }
    }
    return repair(c);
  }

  bool mutate(Candidate &c) {
    switch (uniform(3)) {
    case 0: {
      // Move one prime factor of a dim to another slot.
      unsigned from[kMaxFactors];
      unsigned n = 0;
      for (unsigned i = 0; i < sp.numFactors; ++i)
        if (c.factors[i] > 1)
          from[n++] = i;
      if (n == 0)
        return false;
      unsigned i = from[uniform(n)];
      unsigned d = i % sp.nd;
      int64_t p = smallestPrime(c.factors[i]);
      c.factors[i] = divide(c.factors[i], p);
      unsigned l = uniform(sp.nl);
      unsigned slot = uniform(kSlots);
      place(c, l, slot, d, p);
      break;
    }
    case 1: {
      unsigned l = uniform(sp.nl);
      if (sp.nd > 1) {
        unsigned a = uniform(sp.nd), b = uniform(sp.nd);
        std::swap(c.order[l * sp.nd + a], c.order[l * sp.nd + b]);
      }
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
  SearchSpace space(problem, arch, options);

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
    if (s->hasBest && (!winner || s->bestValue < winner->bestValue))
      winner = s.get();
  }
  if (!winner)
    return llvm::createStringError(
        "no mapping fits: every one of the %llu candidates overflows a "
        "level's capacity even with all factors moved outward",
        (unsigned long long)result.generated);
  winner->toMapping(winner->best, result.mapping);
  if (llvm::Error err = validateMapping(problem, arch, result.mapping))
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

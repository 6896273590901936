//===- ActionCounts.cpp - Timeloop-exact action counts of a mapping -------===//
//
// The closed form of timeloop-model's nest analysis and tile collapse
// (src/loop-analysis/nest-analysis.cpp, tiling.cpp at 0fc43fb) for perfectly
// factorized mappings. The derivation is in docs/action-counts.md; in short:
//
// * The loop nest, innermost first, is: the spatial loops of the innermost
//   level, its temporal loops, the spatial loops of the next level, ... Loops
//   of factor 1 do not exist. The tile of a level is the projection of the
//   box spanned by its loops and every loop inside them.
// * A level's tile is compared with its previous value each time the loops
//   above it advance. With temporal extrapolation a loop of n >= 2
//   iterations runs iteration 0 (weight 1) and iteration 1 (weight n - 1),
//   so the comparisons follow a binary counter over the K temporal loops
//   above the level: flipping bit j (inner bits back to 0) moves the box by
//   tau_j = s_j e_{d_j} - sum_{i<j} s_i e_{d_i} (s: the loop's stride in the
//   op space), i.e. the tile by T_j = A tau_j. Spatial loops above run their
//   iteration 0 only.
// * The stride rule: the delta is `new \ old` while the step equals the
//   recorded one (or none is recorded, which then records it), else the
//   whole tile and the record is cleared. After the first step of a block
//   of inner loops the state is either "T_1 recorded" or "none recorded",
//   so a block's sum and final state depend on which of the two it starts
//   from: two states per loop, O(K) per level and data space.
// * Children under spatial loops get copies of child 0's delta translated
//   by sum_k i_k T_k; equal copies (equal offsets) share one parent access.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Analysis/ActionCounts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <vector>

using namespace dnnopt;

namespace {

constexpr unsigned kMaxLoops = kMaxMappingLoops;

/// One loop of the nest (factor >= 2).
struct Loop {
  unsigned dim;
  int64_t factor;
  /// Product of the factors of `dim` of every loop inside this one.
  int64_t stride;
  bool spatial;
};

/// The loop nest of a mapping, innermost first, with the loop ranges of
/// each level and the box extents at each level's boundaries.
struct Nest {
  std::array<Loop, kMaxLoops> loops;
  unsigned numLoops = 0;
  /// Per level: first spatial loop, first temporal loop, one past the last.
  std::array<unsigned, kMaxMappingLevels> spatialBegin, temporalBegin, end;
  /// Per level: box extents of the level's tile, and of its spatial union
  /// (the loops up to its spatial loops).
  std::array<std::array<int64_t, kMaxProblemDims>, kMaxMappingLevels> extents,
      spatialExtents;
};

} // namespace

/// `hasFanout[l]`: the fan-out below level l has more than one child (a
/// valid mapping has spatial factors nowhere else).
static void buildNest(const Mapping &mapping, unsigned nd,
                      const bool *hasFanout, Nest &nest) {
  std::array<int64_t, kMaxProblemDims> running;
  std::fill(running.begin(), running.begin() + nd, 1);
  unsigned n = 0;
  for (unsigned l = mapping.levels.size(); l-- > 0;) {
    const LevelMapping &lm = mapping.levels[l];
    nest.spatialBegin[l] = n;
    for (unsigned i = 0; i < nd && hasFanout[l]; ++i) {
      unsigned d = lm.spatialOrder[i];
      int64_t f = lm.spatialFactors[d];
      if (f < 2)
        continue;
      nest.loops[n++] = {d, f, running[d], true};
      running[d] *= f;
    }
    std::copy(running.begin(), running.begin() + nd,
              nest.spatialExtents[l].begin());
    nest.temporalBegin[l] = n;
    for (unsigned i = 0; i < nd; ++i) {
      unsigned d = lm.temporalOrder[i];
      int64_t f = lm.temporalFactors[d];
      if (f < 2)
        continue;
      nest.loops[n++] = {d, f, running[d], false};
      running[d] *= f;
    }
    nest.end[l] = n;
    std::copy(running.begin(), running.begin() + nd, nest.extents[l].begin());
  }
  nest.numLoops = n;
}

namespace {
/// A translation of a tile in tensor coordinates (one entry per rank).
struct Vec {
  std::array<int64_t, kMaxRanks> v;
};
} // namespace

static bool equalVec(const Vec &a, const Vec &b, unsigned ranks) {
  for (unsigned r = 0; r < ranks; ++r)
    if (a.v[r] != b.v[r])
      return false;
  return true;
}

/// Number of distinct offsets sum_k i_k T_k, 0 <= i_k < n_k: the number of
/// multicast groups among the children of a fan-out.
static int64_t countDistinctOffsets(const Vec *vecs, const int64_t *counts,
                                    unsigned numVecs, unsigned ranks) {
  // Drop zero translations (every child shares them).
  std::array<unsigned, kMaxLoops> live;
  unsigned numLive = 0;
  for (unsigned k = 0; k < numVecs; ++k) {
    bool zero = true;
    for (unsigned r = 0; r < ranks && zero; ++r)
      zero = vecs[k].v[r] == 0;
    if (!zero)
      live[numLive++] = k;
  }
  if (numLive == 0)
    return 1;
  // Group loops that share a rank (union-find); a loop alone in its group
  // contributes its count, a shared group is enumerated.
  std::array<unsigned, kMaxLoops> parent;
  for (unsigned i = 0; i < numLive; ++i)
    parent[i] = i;
  auto find = [&](unsigned i) {
    while (parent[i] != i)
      i = parent[i] = parent[parent[i]];
    return i;
  };
  for (unsigned r = 0; r < ranks; ++r) {
    int first = -1;
    for (unsigned i = 0; i < numLive; ++i) {
      if (vecs[live[i]].v[r] == 0)
        continue;
      if (first < 0)
        first = i;
      else
        parent[find(i)] = find(first);
    }
  }
  int64_t groups = 1;
  for (unsigned root = 0; root < numLive; ++root) {
    if (find(root) != root)
      continue;
    std::array<unsigned, kMaxLoops> members;
    unsigned numMembers = 0;
    for (unsigned i = 0; i < numLive; ++i)
      if (find(i) == root)
        members[numMembers++] = live[i];
    if (numMembers == 1) {
      groups *= counts[members[0]];
      continue;
    }
    // Enumerate the offsets of the group as mixed-radix keys over the
    // ranks' ranges.
    std::array<int64_t, kMaxRanks> low{}, span{};
    for (unsigned r = 0; r < ranks; ++r) {
      int64_t lo = 0, hi = 0;
      for (unsigned m = 0; m < numMembers; ++m) {
        int64_t step = vecs[members[m]].v[r] * (counts[members[m]] - 1);
        (step < 0 ? lo : hi) += step;
      }
      low[r] = lo;
      span[r] = hi - lo + 1;
    }
    int64_t total = 1;
    for (unsigned m = 0; m < numMembers; ++m)
      total *= counts[members[m]];
    // Keys of small ranges go into a bitmap on the stack, others are
    // sorted.
    constexpr int64_t kBitmapKeys = 8192;
    int64_t range = 1;
    for (unsigned r = 0; r < ranks && range <= kBitmapKeys; ++r)
      range *= span[r];
    uint64_t bitmap[kBitmapKeys / 64];
    bool useBitmap = range <= kBitmapKeys;
    if (useBitmap)
      std::fill(bitmap, bitmap + (range + 63) / 64, 0);
    std::vector<int64_t> keys;
    if (!useBitmap)
      keys.reserve(total);
    std::array<int64_t, kMaxLoops> index;
    std::fill(index.begin(), index.begin() + numMembers, 0);
    int64_t distinct = 0;
    for (int64_t c = 0; c < total; ++c) {
      int64_t key = 0;
      for (unsigned r = 0; r < ranks; ++r) {
        int64_t value = -low[r];
        for (unsigned m = 0; m < numMembers; ++m)
          value += index[m] * vecs[members[m]].v[r];
        key = key * span[r] + value;
      }
      if (useBitmap) {
        uint64_t bit = uint64_t(1) << (key & 63);
        distinct += !(bitmap[key >> 6] & bit);
        bitmap[key >> 6] |= bit;
      } else {
        keys.push_back(key);
      }
      for (unsigned m = 0; m < numMembers; ++m) {
        if (++index[m] < counts[members[m]])
          break;
        index[m] = 0;
      }
    }
    if (!useBitmap) {
      std::sort(keys.begin(), keys.end());
      distinct = std::unique(keys.begin(), keys.end()) - keys.begin();
    }
    groups *= distinct;
  }
  return groups;
}

namespace {
/// The tile of one data space at one level, and how its deltas are sized.
struct TileShape {
  std::array<int64_t, kMaxRanks> extent;
  unsigned ranks;
  int64_t size;

  /// |new \ old| when the tile moves by `t`.
  int64_t newPoints(const Vec &t) const {
    int64_t overlap = 1;
    for (unsigned r = 0; r < ranks; ++r) {
      int64_t o = extent[r] - std::abs(t.v[r]);
      if (o <= 0)
        return size;
      overlap *= o;
    }
    return size - overlap;
  }
};
} // namespace

/// The nonzero terms of a data space's projection, rank by rank: the terms
/// of rank r are [rankBegin[r], rankBegin[r + 1]), each a dim and |coef|,
/// so tile shapes skip the zero coefficients.
struct Terms {
  std::array<uint8_t, kMaxRanks * kMaxProblemDims> dim;
  std::array<int64_t, kMaxRanks * kMaxProblemDims> coef;
  std::array<unsigned, kMaxRanks + 1> rankBegin;
};

static void getTerms(const ProblemDataSpace &ds, unsigned nd, Terms &terms) {
  unsigned n = 0;
  for (unsigned r = 0; r < ds.numRanks; ++r) {
    terms.rankBegin[r] = n;
    for (unsigned d = 0; d < nd; ++d)
      if (int64_t c = ds.coefficients[r * nd + d]) {
        terms.dim[n] = d;
        terms.coef[n++] = std::abs(c);
      }
  }
  terms.rankBegin[ds.numRanks] = n;
}

static TileShape getTileShape(const Terms &terms, unsigned ranks,
                              const std::array<int64_t, kMaxProblemDims> &ext) {
  TileShape shape;
  shape.ranks = ranks;
  shape.size = 1;
  for (unsigned r = 0; r < ranks; ++r) {
    int64_t e = 1;
    for (unsigned t = terms.rankBegin[r]; t < terms.rankBegin[r + 1]; ++t)
      e += terms.coef[t] * (ext[terms.dim[t]] - 1);
    shape.extent[r] = e;
    shape.size *= e;
  }
  return shape;
}

/// Sum over the comparisons of a level's tile of epochs x |delta| under the
/// stride rule and temporal extrapolation: the words the level receives
/// from its parent. `bits` are the temporal loops above the level,
/// innermost first.
static int64_t sumDeltas(const ProblemDataSpace &ds, unsigned nd,
                         const TileShape &tile, const Loop *const *bits,
                         unsigned numBits) {
  if (numBits == 0)
    return tile.size;
  // T_j = s_j A e_{d_j} - sum_{i<j} s_i A e_{d_i}.
  std::array<Vec, kMaxLoops> trans;
  Vec prefix{};
  unsigned ranks = ds.numRanks;
  for (unsigned j = 0; j < numBits; ++j) {
    const Loop &loop = *bits[j];
    for (unsigned r = 0; r < ranks; ++r) {
      int64_t step = loop.stride * ds.coefficients[r * nd + loop.dim];
      trans[j].v[r] = step - prefix.v[r];
      prefix.v[r] += step;
    }
  }
  // State: index of the recorded translation, or -1 (none).
  // Class A: the state after a block's first step is "T_0 recorded"; class
  // B: "none recorded" (the first step refetched the whole tile).
  std::array<bool, kMaxLoops> likeFirst;
  for (unsigned j = 0; j < numBits; ++j)
    likeFirst[j] = equalVec(trans[j], trans[0], ranks);
  auto isClassA = [&](int state) { return state < 0 || likeFirst[state]; };
  const int64_t firstWeight = bits[0]->factor - 1;
  const int64_t firstA = tile.newPoints(trans[0]), firstB = tile.size;
  // Blocks of the innermost loop alone (sums exclude the first step), one
  // per class, kept in scalars (the loop is the counter's hot path).
  int64_t sumA = 0, sumB = 0;
  int stateA = 0, stateB = -1;
  for (unsigned j = 1; j < numBits; ++j) {
    const int64_t weight = bits[j]->factor - 1;
    const Vec &tj = trans[j];
    const int64_t moved = tile.newPoints(tj);
    // One step of loop j from `state`: the delta, and the class and block
    // that follow.
    auto step = [&](int state, int64_t &sum, int &next) {
      int64_t delta;
      int after;
      if (state < 0) {
        delta = moved;
        after = j;
      } else if (equalVec(trans[state], tj, ranks)) {
        delta = moved;
        after = state;
      } else {
        delta = tile.size;
        after = -1;
      }
      bool a = isClassA(after);
      sum += weight *
             (delta + firstWeight * (a ? firstA : firstB) + (a ? sumA : sumB));
      next = a ? stateA : stateB;
    };
    int64_t newSumA = sumA, newSumB = sumB;
    int newStateA, newStateB;
    step(stateA, newSumA, newStateA);
    step(stateB, newSumB, newStateB);
    sumA = newSumA;
    sumB = newSumB;
    stateA = newStateA;
    stateB = newStateB;
  }
  return tile.size + firstWeight * firstA + sumA;
}

ActionCounter::ActionCounter(const Problem &problem, const ArchSpec &arch)
    : problem(problem), arch(arch) {}

void ActionCounter::count(const Mapping &mapping, ActionCounts &out) const {
  const unsigned nd = problem.getNumDims();
  const unsigned ns = problem.dataSpaces.size();
  const unsigned nl = mapping.levels.size();
  Nest nest;
  std::array<bool, kMaxMappingLevels> hasFanout;
  for (unsigned l = 0; l < nl; ++l)
    hasFanout[l] = getFanoutBelow(arch, l).getFanout() > 1;
  buildNest(mapping, nd, hasFanout.data(), nest);

  // Instances above each level and MAC-level figures.
  std::array<int64_t, kMaxMappingLevels + 1> instancesAbove;
  instancesAbove[0] = 1;
  int64_t computeCycles = 1;
  for (unsigned l = 0; l < nl; ++l) {
    int64_t spatial = 1;
    for (unsigned d = 0; d < nd; ++d) {
      spatial *= mapping.levels[l].spatialFactors[d];
      computeCycles *= mapping.levels[l].temporalFactors[d];
    }
    instancesAbove[l + 1] = instancesAbove[l] * spatial;
  }

  out.levels.resize(nl);
  out.computes = problem.getPoints();
  out.utilizedMacs = instancesAbove[nl];
  // A crossbar's MAC step (an activation) takes several cycles.
  out.computeCycles = computeCycles * arch.compute.cyclesPerCompute;
  if (arch.compute.isCrossbar) {
    // Every activation drives each used row once per input slice (DACs)
    // and reads each used column once per input slice (ADCs); a weight
    // spans columnsPerWeight columns.
    const LevelMapping &cells = mapping.levels[nl - 1];
    int64_t rows = 1, weightColumns = 1;
    for (unsigned i = 0; i < nd; ++i) {
      unsigned d = cells.spatialOrder[i];
      (i < cells.spatialSplit ? weightColumns : rows) *=
          cells.spatialFactors[d];
    }
    int64_t activations = computeCycles * instancesAbove[nl - 1];
    out.dacConversions = activations * rows * arch.compute.inputSlices;
    out.adcConversions = activations * weightColumns *
                         arch.compute.columnsPerWeight *
                         arch.compute.inputSlices;
  }
  for (unsigned l = 0; l < nl; ++l) {
    LevelCounts &lc = out.levels[l];
    lc.spaces.resize(ns);
    lc.utilizedInstances = instancesAbove[l];
    lc.utilizedCapacity = 0;
  }

  // Per data space.
  // The temporal loops, innermost first; those above level l are the
  // suffix from bitsBegin[l].
  std::array<const Loop *, kMaxLoops> bits;
  std::array<unsigned, kMaxMappingLevels> bitsBegin;
  unsigned numTemporal = 0;
  for (unsigned l = nl; l-- > 0;) {
    for (unsigned i = nest.temporalBegin[l]; i < nest.end[l]; ++i)
      bits[numTemporal++] = &nest.loops[i];
    bitsBegin[l] = numTemporal;
  }
  std::array<Vec, kMaxLoops> spatialVecs;
  std::array<int64_t, kMaxLoops> spatialCounts;
  for (unsigned s = 0; s < ns; ++s) {
    const ProblemDataSpace &ds = problem.dataSpaces[s];
    Terms terms;
    getTerms(ds, nd, terms);
    std::array<int64_t, kMaxMappingLevels> size, spatialBox, groups, deltas,
        content, partition;
    for (unsigned l = 0; l < nl; ++l) {
      TileShape tile = getTileShape(terms, ds.numRanks, nest.extents[l]);
      size[l] = tile.size;
      // Multicast groups over the level's spatial loops.
      unsigned numSpatial = 0;
      for (unsigned i = nest.spatialBegin[l]; i < nest.temporalBegin[l]; ++i) {
        const Loop &loop = nest.loops[i];
        for (unsigned r = 0; r < ds.numRanks; ++r)
          spatialVecs[numSpatial].v[r] =
              loop.stride * ds.coefficients[r * nd + loop.dim];
        spatialCounts[numSpatial++] = loop.factor;
      }
      groups[l] = numSpatial ? countDistinctOffsets(spatialVecs.data(),
                                                    spatialCounts.data(),
                                                    numSpatial, ds.numRanks)
                             : 1;
      spatialBox[l] =
          numSpatial
              ? getTileShape(terms, ds.numRanks, nest.spatialExtents[l]).size
              : 0;
      // Words the level receives from its parent (its parent access
      // share): the temporal loops above its boundary.
      // Only a level that keeps the data space uses them (its fills); for
      // a bypassing level its parent's accesses come from its children.
      if (l == 0 || !mapping.levels[l].keeps(s)) {
        deltas[l] = 0;
        continue;
      }
      deltas[l] = sumDeltas(ds, nd, tile, bits.data() + bitsBegin[l],
                            numTemporal - bitsBegin[l]);
    }
    // Accesses each level serves (before bypass): its groups times what
    // each child takes (one word per MAC below the innermost level).
    for (unsigned l = 0; l < nl; ++l)
      content[l] = groups[l] * (l + 1 == nl ? computeCycles : deltas[l + 1]);
    // Partitions (before bypass).
    partition[0] = size[0];
    for (unsigned l = 1; l < nl; ++l) {
      int64_t denom = nest.temporalBegin[l - 1] > nest.spatialBegin[l - 1]
                          ? spatialBox[l - 1]
                          : size[l];
      partition[l] = partition[l - 1] * size[l] / denom;
    }
    // Bypass: a level that does not keep the data space passes its
    // children's requests to the next level out, times that level's groups.
    for (unsigned l = nl; l-- > 1;)
      if (!mapping.levels[l].keeps(s))
        content[l - 1] = groups[l - 1] * content[l];
    int outermostKept = -1;
    for (unsigned l = 0; l < nl && outermostKept < 0; ++l)
      if (mapping.levels[l].keeps(s))
        outermostKept = l;

    for (unsigned l = 0; l < nl; ++l) {
      DataSpaceCounts &dc = out.levels[l].spaces[s];
      // What each child takes (after bypass: what its own children take
      // when it keeps nothing).
      int64_t childWords = content[l] / groups[l];
      int64_t fanout = instancesAbove[l + 1] / instancesAbove[l];
      dc = DataSpaceCounts();
      dc.fanout = fanout;
      dc.multicastGroups = groups[l];
      dc.networkWords = content[l];
      dc.networkDeliveries = fanout * childWords;
      if (ds.readWrite)
        dc.spatialReductions = (fanout - groups[l]) * childWords;
      if (!mapping.levels[l].keeps(s))
        continue;
      bool outermost = (int)l == outermostKept;
      dc.kept = true;
      dc.tileSize = size[l];
      dc.partitionSize = partition[l];
      dc.utilizedInstances = instancesAbove[l];
      if (ds.readWrite) {
        dc.updates = content[l];
        dc.reads = content[l] - partition[l];
        dc.temporalReductions = dc.reads;
        dc.fills = outermost ? 0 : deltas[l] - partition[l];
        dc.addressGenerations = dc.updates + dc.fills;
      } else {
        dc.reads = content[l];
        dc.fills = outermost ? 0 : deltas[l];
        dc.addressGenerations = dc.reads + dc.fills;
      }
      out.levels[l].utilizedCapacity += size[l];
    }
  }

  // Bandwidth throttling and cycles (Timeloop's BufferLevel::
  // ComputePerformance: per-instance words per compute cycle).
  computeCycles = out.computeCycles;
  int64_t cycles = computeCycles;
  for (unsigned l = 0; l < nl; ++l) {
    LevelCounts &lc = out.levels[l];
    const StorageLevelSpec &spec = arch.levels[l];
    double reads = 0, writes = 0;
    for (const DataSpaceCounts &dc : lc.spaces) {
      reads += (double)dc.reads;
      writes += (double)(dc.fills + dc.updates);
    }
    double readDemand = reads / (double)computeCycles;
    double writeDemand = writes / (double)computeCycles;
    double slowdown = 1.0;
    if (spec.readBandwidth && *spec.readBandwidth < readDemand)
      slowdown = std::min(slowdown, *spec.readBandwidth / readDemand);
    if (spec.writeBandwidth && *spec.writeBandwidth < writeDemand)
      slowdown = std::min(slowdown, *spec.writeBandwidth / writeDemand);
    if (spec.sharedBandwidth &&
        *spec.sharedBandwidth < readDemand + writeDemand)
      slowdown = std::min(slowdown,
                          *spec.sharedBandwidth / (readDemand + writeDemand));
    lc.slowdown = slowdown;
    lc.cycles = (int64_t)std::ceil((double)computeCycles / slowdown);
    cycles = std::max(cycles, lc.cycles);
  }
  out.cycles = cycles;
  int64_t macs = std::max<int64_t>(arch.compute.instances, 1);
  out.utilization = (double)out.computes / (double)macs /
                    (double)std::max<int64_t>(cycles, 1) *
                    (double)arch.compute.cyclesPerCompute;
}

llvm::Expected<ActionCounts> dnnopt::countActions(const Problem &problem,
                                                  const ArchSpec &arch,
                                                  const Mapping &mapping) {
  if (llvm::Error err = validateMapping(problem, arch, mapping))
    return std::move(err);
  ActionCounts counts;
  ActionCounter(problem, arch).count(mapping, counts);
  return counts;
}

void dnnopt::printActionCounts(llvm::raw_ostream &os, const Problem &problem,
                               const ArchSpec &arch,
                               const ActionCounts &counts) {
  auto line = [&](unsigned indent, llvm::StringRef key, const auto &value) {
    os.indent(indent) << llvm::left_justify(key, indent == 4 ? 24 : 41) << ": "
                      << value << "\n";
  };
  os << "Buffer and Arithmetic Levels\n----------------------------\n";
  os << "Level 0\n-------\n=== " << arch.compute.name << " ===\n\n";
  os << "    STATS\n    -----\n";
  line(4, "Utilized instances", counts.utilizedMacs);
  line(4, "Computes (total)", counts.computes);
  line(4, "Cycles", counts.computeCycles);
  os << "\n";
  unsigned nl = counts.levels.size();
  for (unsigned i = 0; i < nl; ++i) {
    unsigned l = nl - 1 - i;
    const LevelCounts &lc = counts.levels[l];
    os << "Level " << i + 1 << "\n-------\n=== " << arch.levels[l].name
       << " ===\n\n    STATS\n    -----\n";
    os << "    Cycles               : " << lc.cycles << "\n";
    os << "    Bandwidth throttling : " << llvm::format("%.2f", lc.slowdown)
       << "\n";
    for (unsigned s = 0; s < lc.spaces.size(); ++s) {
      const DataSpaceCounts &dc = lc.spaces[s];
      if (!dc.kept)
        continue;
      os << "    " << problem.dataSpaces[s].name << ":\n";
      line(8, "Partition size", dc.partitionSize);
      line(8, "Utilized capacity", dc.tileSize);
      line(8, "Utilized instances (max)", dc.utilizedInstances);
      line(8, "Scalar reads (per-instance)", dc.reads);
      line(8, "Scalar fills (per-instance)", dc.fills);
      line(8, "Scalar updates (per-instance)", dc.updates);
      line(8, "Temporal reductions (per-instance)", dc.temporalReductions);
      line(8, "Address generations (per-cluster)", dc.addressGenerations);
    }
    bool hasNetwork = llvm::any_of(
        lc.spaces, [](const DataSpaceCounts &dc) { return dc.fanout > 1; });
    if (hasNetwork) {
      os << "    Network below (fan-out " << lc.spaces.front().fanout << "):\n";
      for (unsigned s = 0; s < lc.spaces.size(); ++s) {
        const DataSpaceCounts &dc = lc.spaces[s];
        os << "        " << problem.dataSpaces[s].name << ": multicast groups "
           << dc.multicastGroups << ", words " << dc.networkWords
           << ", deliveries " << dc.networkDeliveries;
        if (problem.dataSpaces[s].readWrite)
          os << ", spatial reductions " << dc.spatialReductions;
        os << "\n";
      }
    }
    os << "\n";
  }
  os << "Summary Stats\n-------------\n";
  os << "Utilization: " << llvm::format("%.2f", counts.utilization * 100)
     << "%\n";
  os << "Cycles: " << counts.cycles << "\n";
  os << "Computes = " << counts.computes << "\n";
}

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
// * A count has two parts: what the factors alone decide (computeTiling:
//   strides, tiles, multicast groups, partitions, into a TilingState) and
//   what the loop orders and keep bits decide (countTiled). A mapping that
//   differs from a counted one only in orders or keeps reuses the first.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Analysis/ActionCounts.h"

#include "ClippedCounts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <type_traits>
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
};

/// The loop nest of a mapping, innermost first, with the loop ranges of
/// each level.
struct Nest {
  /// One spare slot: buildNest writes a slot before it knows whether the
  /// loop exists.
  std::array<Loop, kMaxLoops + 1> loops;
  /// Per level: first spatial loop, first temporal loop, one past the last.
  std::array<unsigned, kMaxMappingLevels> spatialBegin, temporalBegin, end;
  /// Per dim: the product of its factors over the whole nest.
  std::array<int64_t, kMaxProblemDims> extents;
};

} // namespace

namespace {
/// What the counter reads of a Mapping.
struct MappingView {
  const Mapping &mapping;
  unsigned getNumLevels() const { return mapping.levels.size(); }
  int64_t getTemporal(unsigned l, unsigned d) const {
    return mapping.levels[l].temporalFactors[d];
  }
  int64_t getSpatial(unsigned l, unsigned d) const {
    return mapping.levels[l].spatialFactors[d];
  }
  /// Bit s: level l keeps data space s.
  uint32_t getKeepMask(unsigned l) const { return mapping.levels[l].keepMask; }
  /// Bit d: level l's temporal factor of dim d is > 1.
  uint32_t getTemporalDims(unsigned l, unsigned nd) const {
    return getBigDims(mapping.levels[l].temporalFactors.data(), nd);
  }
  /// Bit d: level l's spatial factor of dim d is > 1.
  uint32_t getSpatialDims(unsigned l, unsigned nd) const {
    return getBigDims(mapping.levels[l].spatialFactors.data(), nd);
  }
  static uint32_t getBigDims(const int64_t *factors, unsigned nd) {
    uint32_t dims = 0;
    for (unsigned d = 0; d < nd; ++d)
      dims |= uint32_t(factors[d] > 1) << d;
    return dims;
  }
  /// The products of level l's spatial factors onto the X dim of its
  /// fan-out (the first spatialSplit dims of spatialOrder) and onto Y.
  void getAxisProducts(unsigned l, unsigned nd, int64_t &x, int64_t &y) const {
    const LevelMapping &lm = mapping.levels[l];
    x = y = 1;
    for (unsigned i = 0; i < nd; ++i)
      (i < lm.spatialSplit ? x : y) *= lm.spatialFactors[lm.spatialOrder[i]];
  }
};

/// What the counter reads of MappingArrays.
struct ArraysView {
  const MappingArrays &arrays;
  unsigned getNumLevels() const { return arrays.numLevels; }
  int64_t getTemporal(unsigned l, unsigned d) const {
    return arrays.factors[l * arrays.levelStride + d];
  }
  int64_t getSpatial(unsigned l, unsigned d) const {
    const int64_t *f = arrays.factors + l * arrays.levelStride;
    return f[arrays.xOffset + d] * f[arrays.yOffset + d];
  }
  uint32_t getKeepMask(unsigned l) const { return arrays.keep[l]; }
  uint32_t getTemporalDims(unsigned l, unsigned nd) const {
    return getBigDims(l * arrays.levelStride, nd);
  }
  /// A spatial factor X * Y is > 1 when X or Y is.
  uint32_t getSpatialDims(unsigned l, unsigned nd) const {
    const unsigned first = l * arrays.levelStride;
    return getBigDims(first + arrays.xOffset, nd) |
           getBigDims(first + arrays.yOffset, nd);
  }
  /// Bit d: factors[first + d] > 1 (read from `big` when it is set: the
  /// nd bits span two of its words at most).
  uint32_t getBigDims(unsigned first, unsigned nd) const {
    if (!arrays.big)
      return MappingView::getBigDims(arrays.factors + first, nd);
    const unsigned w = first / 64, o = first % 64;
    uint64_t bits = arrays.big[w] >> o;
    if (o + nd > 64)
      bits |= arrays.big[w + 1] << (64 - o);
    return bits & ((uint64_t(1) << nd) - 1);
  }
  /// As MappingView's: a dim with an X factor > 1 is an X dim (its whole
  /// spatial factor, as addSpatialLoops orders it), the others are Y dims.
  void getAxisProducts(unsigned l, unsigned nd, int64_t &x, int64_t &y) const {
    const int64_t *f = arrays.factors + l * arrays.levelStride;
    const int64_t *fx = f + arrays.xOffset, *fy = f + arrays.yOffset;
    x = y = 1;
    for (unsigned d = 0; d < nd; ++d)
      (fx[d] > 1 ? x : y) *= fx[d] * fy[d];
  }
};
} // namespace

/// Appends a loop of factor `f` over dim `d` to the nest (kept when f >= 2;
/// branch-free, as factors are random in the mapper: the slot is written
/// always).
static void addLoop(Nest &nest, unsigned &n, int64_t *running, unsigned d,
                    int64_t f) {
  nest.loops[n] = {d, f, running[d]};
  n += f >= 2;
  running[d] *= f;
}

/// The level's spatial loops, innermost first.
static void addSpatialLoops(const MappingView &view, unsigned l, unsigned nd,
                            Nest &nest, unsigned &n, int64_t *running) {
  const LevelMapping &lm = view.mapping.levels[l];
  for (unsigned i = 0; i < nd; ++i) {
    unsigned d = lm.spatialOrder[i];
    addLoop(nest, n, running, d, lm.spatialFactors[d]);
  }
}
static void addSpatialLoops(const ArraysView &view, unsigned l, unsigned nd,
                            Nest &nest, unsigned &n, int64_t *running) {
  const int64_t *f = view.arrays.factors + l * view.arrays.levelStride;
  const int64_t *x = f + view.arrays.xOffset, *y = f + view.arrays.yOffset;
  for (unsigned d = 0; d < nd; ++d)
    if (x[d] > 1)
      addLoop(nest, n, running, d, x[d] * y[d]);
  for (unsigned d = 0; d < nd; ++d)
    if (x[d] <= 1)
      addLoop(nest, n, running, d, y[d]);
}

/// The level's temporal order (innermost first).
static const unsigned *getOrder(const MappingView &view, unsigned l, unsigned) {
  return view.mapping.levels[l].temporalOrder.data();
}
static const unsigned *getOrder(const ArraysView &view, unsigned l,
                                unsigned nd) {
  return view.arrays.order + l * nd;
}

/// `hasFanout[l]`: the fan-out below level l has more than one child (a
/// valid mapping has spatial factors nowhere else).
template <typename View>
static void buildNest(const View &view, unsigned nd, const bool *hasFanout,
                      Nest &nest) {
  std::array<int64_t, kMaxProblemDims> running;
  std::fill(running.begin(), running.begin() + nd, 1);
  unsigned n = 0;
  for (unsigned l = view.getNumLevels(); l-- > 0;) {
    nest.spatialBegin[l] = n;
    if (hasFanout[l])
      addSpatialLoops(view, l, nd, nest, n, running.data());
    nest.temporalBegin[l] = n;
    const unsigned *order = getOrder(view, l, nd);
    for (unsigned i = 0; i < nd; ++i) {
      unsigned d = order[i];
      addLoop(nest, n, running.data(), d, view.getTemporal(l, d));
    }
    nest.end[l] = n;
  }
  std::copy(running.begin(), running.begin() + nd, nest.extents.begin());
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

/// Number of distinct i a + j b for 0 <= i < n, 0 <= j < m (a, b > 0; the
/// signs of a and b do not change the count). With g = gcd(a, b), a' = a/g,
/// b' = b/g: i = q b' + t (0 <= t < b') gives i a' + j b' = t a' + (q a' +
/// j) b', and distinct t give distinct residues mod b'. For each t the
/// values q a' + j (q < Q_t = ceil((n - t) / b'), j < m) are Q_t runs of
/// length m spaced by a': (Q_t - 1) a' + m of them if m >= a', else Q_t m.
static int64_t countDistinctSums(int64_t a, int64_t n, int64_t b, int64_t m) {
  int64_t g = std::gcd(a, b);
  a /= g;
  b /= g;
  int64_t total = 0;
  for (int64_t t = 0; t < std::min(n, b); ++t) {
    int64_t runs = (n - t + b - 1) / b;
    total += m >= a ? (runs - 1) * a + m : runs * m;
  }
  return total;
}

int64_t detail::countDistinctOffsets(const std::array<int64_t, kMaxRanks> *vecs,
                                     const int64_t *counts, unsigned numVecs,
                                     unsigned ranks) {
  // Drop zero translations (every child shares them); mask[i]: the ranks
  // live loop i moves (bit r).
  std::array<unsigned, kMaxLoops> live;
  std::array<uint32_t, kMaxLoops> mask;
  unsigned numLive = 0;
  for (unsigned k = 0; k < numVecs; ++k) {
    uint32_t m = 0;
    for (unsigned r = 0; r < ranks; ++r)
      m |= uint32_t(vecs[k][r] != 0) << r;
    live[numLive] = k;
    mask[numLive] = m;
    numLive += m != 0;
  }
  if (numLive == 0)
    return 1;
  // Group loops that share a rank (transitively: a group grows from its
  // first loop until no other loop moves one of its ranks); a loop alone in
  // its group contributes its count, a shared group is enumerated.
  static_assert(kMaxLoops <= 64, "a group is a 64-bit set of loops");
  uint64_t grouped = 0;
  int64_t groups = 1;
  for (unsigned root = 0; root < numLive; ++root) {
    if (grouped >> root & 1)
      continue;
    uint64_t group = uint64_t(1) << root;
    uint32_t groupRanks = mask[root];
    for (bool grew = true; grew;) {
      grew = false;
      for (unsigned i = root + 1; i < numLive; ++i)
        if (!(group >> i & 1) && (mask[i] & groupRanks)) {
          group |= uint64_t(1) << i;
          groupRanks |= mask[i];
          grew = true;
        }
    }
    grouped |= group;
    std::array<unsigned, kMaxLoops> members;
    unsigned numMembers = 0;
    for (uint64_t rest = group; rest; rest &= rest - 1)
      members[numMembers++] = live[__builtin_ctzll(rest)];
    if (numMembers == 1) {
      groups *= counts[members[0]];
      continue;
    }
    if (numMembers == 2 && (groupRanks & (groupRanks - 1)) == 0) {
      // Two loops along one rank only (a sliding window: an output and a
      // kernel dim): count the distinct i a + j b in closed form.
      unsigned shared = __builtin_ctz(groupRanks);
      groups *= countDistinctSums(
          std::abs(vecs[members[0]][shared]), counts[members[0]],
          std::abs(vecs[members[1]][shared]), counts[members[1]]);
      continue;
    }
    // Enumerate the offsets of the group as mixed-radix keys over the
    // ranks' ranges.
    std::array<int64_t, kMaxRanks> low{}, span{};
    for (unsigned r = 0; r < ranks; ++r) {
      int64_t lo = 0, hi = 0;
      for (unsigned m = 0; m < numMembers; ++m) {
        int64_t step = vecs[members[m]][r] * (counts[members[m]] - 1);
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
          value += index[m] * vecs[members[m]][r];
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

/// Sum over the comparisons of a level's tile of epochs x |delta| under the
/// stride rule and temporal extrapolation: the words the level receives
/// from its parent. The temporal loops above the level, innermost first,
/// are `loops`; loop j moves the tile by T_j, and T_j = T_k exactly when
/// id[j] = id[k]. T_0 is the step of loops[0] alone (column[d]: how the
/// data space's ranks move when dim d advances by one). The tile has `size`
/// words and extends box[entry[r]] along rank r of the data space's
/// `Ranks`.
///
/// Every step of the innermost loop finds T_0 recorded or nothing recorded
/// (the walk starts with nothing, and a step of loop j >= 1 from T_0
/// either keeps it, when T_j = T_0, or refetches the whole tile and clears
/// it), so it fetches the new points of a move by T_0 and records T_0; a
/// step of loop j >= 1 fetches those new points too when T_j = T_0, else
/// the whole tile.
template <unsigned Ranks>
static int64_t sumDeltas(
    const int64_t *box, const uint8_t *entry, int64_t size, const Loop *loops,
    const int64_t *id,
    const std::array<std::array<int64_t, kMaxRanks>, kMaxProblemDims> &column,
    unsigned numBits) {
  if (numBits == 0)
    return size;
  const int64_t *col = column[loops[0].dim].data();
  int64_t overlap = 1;
  for (unsigned r = 0; r < Ranks; ++r) {
    // No overlap along one rank (o <= 0) means none at all.
    int64_t o = box[entry[r]] - std::abs(loops[0].stride * col[r]);
    overlap *= std::max<int64_t>(o, 0);
  }
  const int64_t moved = size - overlap;
  const int64_t firstWeight = loops[0].factor - 1;
  // The steps of loops 1..j-1 and the innermost loop's steps between them
  // (a run of loops 0..j-1 without its first step, which is loop 0's).
  int64_t sum = 0;
  for (unsigned j = 1; j < numBits; ++j) {
    const int64_t delta = id[j] == id[0] ? moved : size;
    sum += (loops[j].factor - 1) * (delta + firstWeight * moved + sum);
  }
  return size + firstWeight * moved + sum;
}

ActionCounter::ActionCounter(const Problem &problem, const ArchSpec &arch)
    : problem(problem), arch(arch) {
  const unsigned nd = problem.getNumDims();
  points = problem.getPoints();
  for (unsigned l = 0; l < arch.levels.size() && l < kMaxMappingLevels; ++l) {
    hasFanout[l] = getFanoutBelow(arch, l).getFanout() > 1;
    const StorageLevelSpec &spec = arch.levels[l];
    if (spec.readBandwidth || spec.writeBandwidth || spec.sharedBandwidth)
      bandwidthLevels |= uint32_t(1) << l;
  }
  for (unsigned s = 0; s < problem.dataSpaces.size() && s < kMaxProblemSpaces;
       ++s) {
    const ProblemDataSpace &ds = problem.dataSpaces[s];
    for (unsigned r = 0; r < ds.numRanks && r < kMaxRanks; ++r)
      for (unsigned d = 0; d < nd && d < kMaxProblemDims; ++d) {
        int64_t c = ds.getCoefficient(r, d, nd);
        columns[s][d][r] = c;
        rankMask[s][d] |= uint32_t(c != 0) << r;
      }
    for (unsigned d = 0; d < nd && d < kMaxProblemDims; ++d) {
      movingDims[s] |= uint32_t(rankMask[s][d] != 0) << d;
      for (unsigned e = 0; e < nd && e < kMaxProblemDims; ++e)
        if (e != d && (rankMask[s][d] & rankMask[s][e]))
          sharedDims[s] |= uint32_t(1) << d;
    }
    // |q_j| < 2 E_r along rank r (E_r: the rank's extent over the whole
    // problem), so digits q_j + 2 E_r in radix 4 E_r + 1 make an exact key
    // while the radices' product stays below 2^62. Keys are compared, so
    // the constant sum_r 2 E_r radix_r is left out.
    keyExact[s] = ds.numRanks <= kMaxRanks;
    std::array<int64_t, kMaxRanks> radixOf{};
    int64_t radix = 1;
    for (unsigned r = 0; r < ds.numRanks && keyExact[s]; ++r) {
      int64_t extent = 1;
      for (unsigned d = 0; d < nd; ++d)
        extent +=
            std::abs(ds.getCoefficient(r, d, nd)) * (problem.bounds[d] - 1);
      radixOf[r] = radix;
      int64_t base = 4 * extent + 1;
      if (extent > (int64_t(1) << 30) || radix > (int64_t(1) << 62) / base)
        keyExact[s] = false;
      else
        radix *= base;
    }
    for (unsigned d = 0; d < nd && keyExact[s]; ++d) {
      columnKey[s][d] = 0;
      for (unsigned r = 0; r < ds.numRanks; ++r)
        columnKey[s][d] += columns[s][d][r] * radixOf[r];
    }
  }
  const unsigned ns =
      std::min<unsigned>(problem.dataSpaces.size(), kMaxProblemSpaces);
  for (unsigned s = 0; s < ns; ++s) {
    const unsigned ranks = std::min(problem.dataSpaces[s].numRanks, kMaxRanks);
    for (unsigned r = 0; r < ranks; ++r) {
      std::array<unsigned, kMaxProblemDims> dims;
      unsigned n = 0;
      for (unsigned d = 0; d < nd && d < kMaxProblemDims; ++d)
        if (columns[s][d][r] != 0)
          dims[n++] = d;
      if (n == 1 && std::abs(columns[s][dims[0]][r]) == 1) {
        slotEntry[s][r] = dims[0];
        continue;
      }
      const unsigned o = numOthers++;
      slotEntry[s][r] = nd + o;
      for (unsigned i = 0; i < n; ++i) {
        int64_t coef = std::abs(columns[s][dims[i]][r]);
        if (i < 2) {
          termDim[i][o] = dims[i];
          termCoef[i][o] = coef;
        } else {
          moreTerms.push_back({o, dims[i], coef});
        }
      }
    }
  }
  oneEntry = nd + numOthers;
  for (unsigned s = 0; s < ns; ++s)
    wideTiles |= problem.dataSpaces[s].numRanks > 4;
  for (unsigned s = 0; s < ns; ++s)
    for (unsigned r = problem.dataSpaces[s].numRanks; r < kMaxRanks; ++r)
      slotEntry[s][r] = oneEntry;
}

template <typename View>
void ActionCounter::countView(const View &view, ActionCounts &out,
                              TilingState &tiling) const {
  computeTiling(view, tiling);
  if (LLVM_UNLIKELY(tiling.imperfect))
    countImperfect(view, out);
  else
    countTiled(view, tiling, out);
}

void ActionCounter::count(const Mapping &mapping, ActionCounts &out) const {
  TilingState tiling;
  countView(MappingView{mapping}, out, tiling);
}

void ActionCounter::count(const MappingArrays &mapping,
                          ActionCounts &out) const {
  TilingState tiling;
  count(mapping, out, tiling);
}

void ActionCounter::count(const MappingArrays &mapping, ActionCounts &out,
                          TilingState &tiling) const {
  countView(ArraysView{mapping}, out, tiling);
}

void ActionCounter::countReordered(const MappingArrays &mapping,
                                   const TilingState &tiling,
                                   ActionCounts &out) const {
  ArraysView view{mapping};
  if (LLVM_UNLIKELY(tiling.imperfect))
    countImperfect(view, out);
  else
    countTiled(view, tiling, out);
}

static void applyBandwidth(const ArchSpec &arch, uint32_t bandwidthLevels,
                           ActionCounts &out);

/// Bit s of each byte i of `bytes`, as bit i: the multiply moves bit 8 i
/// to bit 56 + i (its other terms land on distinct bits, below 56 or past
/// 63, so nothing carries into the top byte).
static uint32_t gatherBit(uint64_t bytes, unsigned s) {
  return ((bytes >> s) & 0x0101010101010101) * 0x0102040810204080 >> 56;
}

template <typename View>
void ActionCounter::countImperfect(const View &mapping,
                                   ActionCounts &out) const {
  const unsigned nd = problem.getNumDims();
  Nest nest;
  buildNest(mapping, nd, hasFanout.data(), nest);
  detail::ClippedNest clipped;
  clipped.numLevels = mapping.getNumLevels();
  for (unsigned l = clipped.numLevels; l-- > 0;)
    for (unsigned i = nest.spatialBegin[l]; i < nest.end[l]; ++i) {
      const Loop &loop = nest.loops[i];
      clipped.loops.push_back({loop.dim, loop.factor, loop.stride,
                               /*spatial=*/i < nest.temporalBegin[l]});
    }
  for (unsigned l = 0; l < clipped.numLevels; ++l) {
    clipped.spatialBegin[l] = nest.spatialBegin[l];
    clipped.temporalBegin[l] = nest.temporalBegin[l];
    clipped.end[l] = nest.end[l];
    uint32_t keep = 0;
    for (unsigned s = 0; s < problem.dataSpaces.size(); ++s)
      keep |= uint32_t(l == 0 || mapping.getKeepMask(l) >> s & 1) << s;
    clipped.keep[l] = keep;
    int64_t fanout = 1;
    for (unsigned i = nest.spatialBegin[l]; i < nest.temporalBegin[l]; ++i)
      fanout *= nest.loops[i].factor;
    clipped.fanout[l] = fanout;
    mapping.getAxisProducts(l, nd, clipped.fanoutX[l], clipped.fanoutY[l]);
  }
  detail::countClipped(problem, arch, clipped, out);
  applyBandwidth(arch, bandwidthLevels, out);
}

template <typename View>
void ActionCounter::computeTiling(const View &mapping,
                                  TilingState &tiling) const {
  const unsigned nd = problem.getNumDims();
  const unsigned ns = problem.dataSpaces.size();
  const unsigned nl = mapping.getNumLevels();
  // The levels innermost first, each its spatial loops, then its temporal
  // ones (in dim order: the tiles and strides do not depend on the
  // orders). inner: the box of the loops so far (its dims: the product of
  // each dim's factors so far), the previous level's tile or, after
  // spatial loops, `spread` (whose rank entries spanRanks fills when its
  // words are needed).
  std::array<int64_t, kMaxBoxEntries> spread;
  // (Fills and copies of constant size are inline stores, not calls.)
  std::fill_n(spread.begin(), kMaxProblemDims, 1);
  const int64_t *inner = spread.data();
  // Copies the dims of one box to another: always kMaxProblemDims entries,
  // a copy of constant size (inline moves instead of a call; the entries
  // past the dims are rewritten by spanRanks or unused, and memcpy copies
  // them whether they were written or not).
  auto copyDims = [](const int64_t *from, int64_t *to) {
    std::memcpy(to, from, kMaxProblemDims * sizeof(int64_t));
  };
  // Fills the entries of `box` past its dims (the ranks that are not one
  // dim, and oneEntry) from its dims.
  auto spanRanks = [&](int64_t *box) {
    int64_t *others = box + nd;
    for (unsigned o = 0; o < numOthers; ++o)
      others[o] = 1 + termCoef[0][o] * (box[termDim[0][o]] - 1) +
                  termCoef[1][o] * (box[termDim[1][o]] - 1);
    for (const Term &t : moreTerms)
      others[t.other] += t.coef * (box[t.dim] - 1);
    box[oneEntry] = 1;
  };
  // The words of data space s's tile in `box`.
  auto getWords = [&](const int64_t *box, unsigned s) {
    const uint8_t *entry = slotEntry[s].data();
    int64_t w = box[entry[0]] * box[entry[1]] * box[entry[2]] * box[entry[3]];
    if (LLVM_UNLIKELY(wideTiles))
      w *= box[entry[4]] * box[entry[5]] * box[entry[6]] * box[entry[7]];
    return w;
  };
  // Per level with spatial loops and data space: the words of the union of
  // its children's tiles, for the partitions.
  std::array<std::array<int64_t, kMaxProblemSpaces>, kMaxMappingLevels>
      spatialBox;
  int64_t computeCycles = 1;
  // Per dim: the spatial factor of the level at hand.
  std::array<int64_t, kMaxProblemDims> spatialFactor;
  std::array<std::array<int64_t, kMaxRanks>, kMaxProblemDims> spatialVecs;
  std::array<int64_t, kMaxProblemDims> spatialCounts;
  for (unsigned l = nl; l-- > 0;) {
    int64_t spatial = 1;
    // Bit d: the level has a spatial loop over dim d (factor >= 2).
    uint32_t spatialDims = 0;
    if (hasFanout[l]) {
      // Only the dims of factor > 1 are multiplied (spatialFactor is read
      // for those only).
      spatialDims = mapping.getSpatialDims(l, nd);
      if (inner != spread.data())
        copyDims(inner, spread.data());
      for (uint32_t rest = spatialDims; rest; rest &= rest - 1) {
        const unsigned d = __builtin_ctz(rest);
        int64_t f = mapping.getSpatial(l, d);
        spatialFactor[d] = f;
        spread[d] *= f;
        spatial *= f;
      }
      inner = spread.data();
    }
    tiling.fanoutBelow[l] = spatial;
    if (spatial == 1) {
      tiling.groups[l].fill(1);
    } else {
      spanRanks(spread.data());
      for (unsigned s = 0; s < ns; ++s) {
        // Multicast groups over the level's spatial loops that move the
        // tile. Most often each moves it along ranks no other loop moves it
        // along (at most one of them moves a rank some other dim moves
        // too): then every combination is distinct.
        const uint32_t moving = spatialDims & movingDims[s];
        const uint32_t shared = moving & sharedDims[s];
        int64_t groups = 1;
        if (LLVM_LIKELY((shared & (shared - 1)) == 0)) {
          for (uint32_t rest = moving; rest; rest &= rest - 1)
            groups *= spatialFactor[__builtin_ctz(rest)];
        } else {
          // Enumerated when two of the loops do move the tile along one
          // rank.
          const unsigned ranks = problem.dataSpaces[s].numRanks;
          uint32_t seen = 0;
          bool disjoint = true;
          unsigned n = 0;
          for (uint32_t rest = moving; rest; rest &= rest - 1) {
            const unsigned d = __builtin_ctz(rest);
            const uint32_t mask = rankMask[s][d];
            disjoint &= !(mask & seen);
            seen |= mask;
            groups *= spatialFactor[d];
            // The loop's stride: the product of the dim's factors inside
            // it.
            const int64_t stride = spread[d] / spatialFactor[d];
            for (unsigned r = 0; r < ranks; ++r)
              spatialVecs[n][r] = stride * columns[s][d][r];
            spatialCounts[n++] = spatialFactor[d];
          }
          if (!disjoint)
            groups = detail::countDistinctOffsets(
                spatialVecs.data(), spatialCounts.data(), n, ranks);
        }
        tiling.groups[l][s] = groups;
        spatialBox[l][s] = getWords(spread.data(), s);
      }
    }
    int64_t *box = tiling.boxes[l].data();
    copyDims(inner, box);
    // Only the dims of factor > 1 have loops and change the box.
    unsigned numTemporal = 0;
    for (uint32_t rest = mapping.getTemporalDims(l, nd); rest;
         rest &= rest - 1) {
      const unsigned d = __builtin_ctz(rest);
      int64_t f = mapping.getTemporal(l, d);
      tiling.stride[l][d] = inner[d];
      box[d] *= f;
      computeCycles *= f;
      ++numTemporal;
    }
    tiling.numTemporal[l] = numTemporal;
    spanRanks(box);
    for (unsigned s = 0; s < ns; ++s)
      tiling.tileSize[l][s] = getWords(box, s);
    inner = box;
  }
  tiling.computeCycles = computeCycles;
  tiling.instancesAbove[0] = 1;
  for (unsigned l = 0; l < nl; ++l)
    tiling.instancesAbove[l + 1] =
        tiling.instancesAbove[l] * tiling.fanoutBelow[l];
  // The mapping is imperfect when the factors of a dim multiply to more
  // than its bound. Those of a valid mapping never multiply to less (nor
  // to twice the bound or more: its outermost loop is tight), so the
  // product of all factors, temporal and spatial, is the points exactly
  // when the mapping is perfect (one product instead of a test per dim).
  tiling.imperfect = computeCycles * tiling.instancesAbove[nl] != points;
  // Partitions (before bypass), outer to inner: partition[l - 1] *
  // size[l] / spatialBox[l - 1], or partition[l - 1] when level l - 1 has
  // no spatial loops (no division then).
  for (unsigned s = 0; s < ns; ++s) {
    int64_t partition = tiling.tileSize[0][s];
    tiling.partition[0][s] = partition;
    for (unsigned l = 1; l < nl; ++l) {
      if (tiling.fanoutBelow[l - 1] > 1)
        partition = partition * tiling.tileSize[l][s] / spatialBox[l - 1][s];
      tiling.partition[l][s] = partition;
    }
  }
}

template <typename View>
void ActionCounter::countTiled(const View &mapping, const TilingState &tiling,
                               ActionCounts &out) const {
  const unsigned nd = problem.getNumDims();
  const unsigned ns = problem.dataSpaces.size();
  const unsigned nl = mapping.getNumLevels();
  const int64_t computeCycles = tiling.computeCycles;
  const int64_t *instancesAbove = tiling.instancesAbove.data();
  const int64_t *fanoutBelow = tiling.fanoutBelow.data();

  out.levels.resize(nl);
  out.clipped = false;
  out.computes = points;
  out.utilizedMacs = instancesAbove[nl];
  // A crossbar's MAC step (an activation) takes several cycles.
  out.computeCycles = computeCycles * arch.compute.cyclesPerCompute;
  if (arch.compute.isCrossbar) {
    // Every activation drives each used row once per input slice (DACs)
    // and reads each used column once per input slice (ADCs); a weight
    // spans columnsPerWeight columns.
    int64_t rows, weightColumns;
    mapping.getAxisProducts(nl - 1, nd, weightColumns, rows);
    int64_t activations = computeCycles * instancesAbove[nl - 1];
    out.dacConversions = activations * rows * arch.compute.inputSlices;
    out.adcConversions = activations * weightColumns *
                         arch.compute.columnsPerWeight *
                         arch.compute.inputSlices;
  }
  // Byte l % 8 of keepBytes[l / 8]: the data spaces level l keeps.
  static_assert(kMaxMappingLevels % 8 == 0 && kMaxProblemSpaces <= 8,
                "a level's keep bits are one byte, eight levels a word");
  std::array<uint64_t, kMaxMappingLevels / 8> keepBytes{};
  for (unsigned l = 0; l < nl; ++l) {
    LevelCounts &lc = out.levels[l];
    lc.spaces.resize(ns);
    lc.utilizedInstances = instancesAbove[l];
    lc.utilizedCapacity = 0;
    lc.clippedTotals.clear();
    keepBytes[l / 8] |= uint64_t(mapping.getKeepMask(l) & 0xff) << l % 8 * 8;
  }

  // The temporal loops (factor >= 2), innermost first, in the levels'
  // orders; those above level l are the suffix from bitsBegin[l], level
  // l's own are [bitsBegin[l + 1], bitsBegin[l]). One spare slot: a slot
  // is written before it is known whether the loop exists.
  std::array<Loop, kMaxLoops + 1> bits;
  std::array<unsigned, kMaxMappingLevels + 1> bitsBegin;
  bitsBegin[nl] = 0;
  unsigned numTemporal = 0;
  for (unsigned l = nl; l-- > 0;) {
    // The order's dims until every loop of the level is found (the
    // mapper's orders list those first).
    const unsigned *order = getOrder(mapping, l, nd);
    const unsigned end = numTemporal + tiling.numTemporal[l];
    for (unsigned i = 0; numTemporal < end; ++i) {
      unsigned d = order[i];
      int64_t f = mapping.getTemporal(l, d);
      bits[numTemporal] = {d, f, tiling.stride[l][d]};
      numTemporal += f >= 2;
    }
    bitsBegin[l] = numTemporal;
  }
  std::array<int64_t, kMaxLoops> classId;
  for (unsigned s = 0; s < ns; ++s) {
    const ProblemDataSpace &ds = problem.dataSpaces[s];
    // The body is compiled once per rank count, so the loops over ranks
    // unroll.
    auto countSpace = [&](auto ranksTag) {
      constexpr unsigned ranks = decltype(ranksTag)::value;
      const auto &column = columns[s];
      // Levels that keep the data space (bit l; the mapping's keep bits,
      // level 0 included as given).
      uint32_t keepBits = 0;
      for (unsigned c = 0; c * 8 < nl; ++c)
        keepBits |= gatherBit(keepBytes[c], s) << c * 8;
      // Only the loops above the deepest level (but the outermost) that
      // keeps the data space are walked. Per loop j from there, innermost
      // first, q_j = step_j - sum_{i<j} step_i (step: the tile's move when
      // the loop advances). The loops above a level that starts at loop b
      // move its tile by T_j = step_j - sum_{b<=i<j} step_i = q_j +
      // sum_{i<b} step_i, so T_j = T_k exactly when q_j = q_k: classId
      // numbers the distinct q_j once for all levels, with the key of q_j
      // (its mixed-radix digits, linear in q: each loop adds stride * the
      // key of its dim's column; see the constructor).
      const unsigned deepest = keepBits >> 1 ? 31 - __builtin_clz(keepBits) : 0;
      const unsigned walkBegin = bitsBegin[deepest];
      int64_t keyPrefix = 0;
      for (unsigned j = walkBegin; j < numTemporal; ++j) {
        int64_t keyStep = bits[j].stride * columnKey[s][bits[j].dim];
        classId[j] = keyStep - keyPrefix;
        keyPrefix += keyStep;
      }
      // Keys that would not fit (columnKey is 0): the index of the first
      // equal q_k.
      if (LLVM_UNLIKELY(!keyExact[s])) {
        std::array<Vec, kMaxLoops> q;
        Vec prefix;
        for (unsigned r = 0; r < ranks; ++r)
          prefix.v[r] = 0;
        for (unsigned j = walkBegin; j < numTemporal; ++j) {
          const int64_t *col = column[bits[j].dim].data();
          for (unsigned r = 0; r < ranks; ++r) {
            int64_t step = bits[j].stride * col[r];
            q[j].v[r] = step - prefix.v[r];
            prefix.v[r] += step;
          }
          classId[j] = j;
          for (unsigned k = walkBegin; k < j; ++k)
            if (classId[k] == k && equalVec(q[k], q[j], ranks)) {
              classId[j] = k;
              break;
            }
        }
      }
      // Per level, inner to outer: its tile, its multicast groups, the
      // words it receives from its parent (deltas: the temporal loops above
      // its boundary; only a level that keeps the data space uses them, for
      // its fills) and the accesses it serves (content: its groups times
      // what each child takes, one word per MAC below the innermost level;
      // a child that keeps nothing passes on what its own children take),
      // then its counts. innerContent, innerDeltas: those of the level
      // inside.
      int64_t innerContent = computeCycles, innerDeltas = computeCycles;
      const unsigned outermostKept = keepBits ? __builtin_ctz(keepBits) : nl;
      const bool readWrite = ds.readWrite;
      for (unsigned l = nl; l-- > 0;) {
        const int64_t groups = tiling.groups[l][s];
        // (Below the innermost level, innerDeltas = innerContent: the MACs.)
        const int64_t content =
            groups * (keepBits >> (l + 1) & 1 ? innerDeltas : innerContent);
        int64_t deltas = 0;
        const bool kept = keepBits >> l & 1;
        if (l > 0 && kept) {
          unsigned b = bitsBegin[l];
          deltas =
              sumDeltas<ranks>(tiling.boxes[l].data(), slotEntry[s].data(),
                               tiling.tileSize[l][s], bits.data() + b,
                               classId.data() + b, column, numTemporal - b);
        }
        innerContent = content;
        innerDeltas = deltas;

        DataSpaceCounts &dc = out.levels[l].spaces[s];
        // What each child takes (after bypass: what its own children take
        // when it keeps nothing).
        int64_t childWords = groups == 1 ? content : content / groups;
        int64_t fanout = fanoutBelow[l];
        // Every field is written (the counts are reused from call to call).
        dc.fanout = fanout;
        dc.multicastGroups = groups;
        dc.networkWords = content;
        dc.networkDeliveries = fanout * childWords;
        dc.spatialReductions = readWrite ? (fanout - groups) * childWords : 0;
        dc.kept = kept;
        if (!kept) {
          dc.tileSize = dc.partitionSize = dc.utilizedInstances = 0;
          dc.reads = dc.fills = dc.updates = dc.temporalReductions =
              dc.addressGenerations = 0;
          continue;
        }
        const int64_t partition = tiling.partition[l][s];
        const bool outermost = l == outermostKept;
        dc.tileSize = tiling.tileSize[l][s];
        dc.partitionSize = partition;
        dc.utilizedInstances = instancesAbove[l];
        if (readWrite) {
          dc.updates = content;
          dc.reads = content - partition;
          dc.temporalReductions = dc.reads;
          dc.fills = outermost ? 0 : deltas - partition;
          dc.addressGenerations = dc.updates + dc.fills;
        } else {
          dc.reads = content;
          dc.fills = outermost ? 0 : deltas;
          dc.updates = dc.temporalReductions = 0;
          dc.addressGenerations = dc.reads + dc.fills;
        }
        out.levels[l].utilizedCapacity += tiling.tileSize[l][s];
      }
    };
    switch (ds.numRanks) {
    case 0:
      countSpace(std::integral_constant<unsigned, 0>());
      break;
    case 1:
      countSpace(std::integral_constant<unsigned, 1>());
      break;
    case 2:
      countSpace(std::integral_constant<unsigned, 2>());
      break;
    case 3:
      countSpace(std::integral_constant<unsigned, 3>());
      break;
    case 4:
      countSpace(std::integral_constant<unsigned, 4>());
      break;
    case 5:
      countSpace(std::integral_constant<unsigned, 5>());
      break;
    case 6:
      countSpace(std::integral_constant<unsigned, 6>());
      break;
    case 7:
      countSpace(std::integral_constant<unsigned, 7>());
      break;
    default:
      static_assert(kMaxRanks == 8, "one case per rank count");
      countSpace(std::integral_constant<unsigned, 8>());
      break;
    }
  }

  applyBandwidth(arch, bandwidthLevels, out);
}

/// Bandwidth throttling and cycles (Timeloop's BufferLevel::
/// ComputePerformance: per-instance words per compute cycle).
/// `NumSpaces`: the count of data spaces, or 0 for any. `bandwidthLevels`:
/// bit l, level l has a bandwidth.
template <unsigned NumSpaces>
static void applyBandwidth(const ArchSpec &arch, uint32_t bandwidthLevels,
                           ActionCounts &out) {
  const unsigned nl = out.levels.size();
  int64_t computeCycles = out.computeCycles;
  int64_t cycles = computeCycles;
  // A level's cycles at slowdown 1: the ceiling of a whole number is that
  // number, so no call to ceil for the levels the bandwidth does not
  // throttle (nearly all).
  const double computeCyclesF = (double)computeCycles;
  const int64_t unthrottledCycles = (int64_t)computeCyclesF;
  for (unsigned l = 0; l < nl; ++l) {
    LevelCounts &lc = out.levels[l];
    const StorageLevelSpec &spec = arch.levels[l];
    if (!(bandwidthLevels >> l & 1)) {
      lc.slowdown = 1.0;
      lc.cycles = computeCycles;
      continue;
    }
    double reads = 0, writes = 0;
    const unsigned numSpaces = NumSpaces ? NumSpaces : lc.spaces.size();
    for (unsigned s = 0; s < numSpaces; ++s) {
      const DataSpaceCounts &dc = lc.spaces[s];
      if (!dc.kept) // its counts are 0
        continue;
      reads += (double)dc.reads;
      writes += (double)(dc.fills + dc.updates);
    }
    double readDemand = reads / computeCyclesF;
    double writeDemand = writes / computeCyclesF;
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
    lc.cycles = slowdown == 1.0 ? unthrottledCycles
                                : (int64_t)std::ceil(computeCyclesF / slowdown);
    cycles = std::max(cycles, lc.cycles);
  }
  out.cycles = cycles;
  int64_t macs = std::max<int64_t>(arch.compute.instances, 1);
  out.utilization = (double)out.computes / (double)macs /
                    (double)std::max<int64_t>(cycles, 1) *
                    (double)arch.compute.cyclesPerCompute;
}

static void applyBandwidth(const ArchSpec &arch, uint32_t bandwidthLevels,
                           ActionCounts &out) {
  // Weights, inputs and outputs (every level has an entry per data space)
  // with the data space loop unrolled.
  if (!out.levels.empty() && out.levels.front().spaces.size() == 3)
    applyBandwidth<3>(arch, bandwidthLevels, out);
  else
    applyBandwidth<0>(arch, bandwidthLevels, out);
}

AccessTotals LevelCounts::getTotals(unsigned s) const {
  if (!clippedTotals.empty())
    return clippedTotals[s];
  const DataSpaceCounts &dc = spaces[s];
  const int64_t utilizedInstances = dc.utilizedInstances;
  AccessTotals t;
  t.reads = dc.reads * utilizedInstances;
  t.fills = dc.fills * utilizedInstances;
  t.updates = dc.updates * utilizedInstances;
  t.temporalReductions = dc.temporalReductions * utilizedInstances;
  t.addressGenerations = dc.addressGenerations * utilizedInstances;
  // The network figures exist for levels that keep nothing too, whose
  // utilizedInstances is 0; they count once per instance of the level
  // (at least one).
  int64_t instances = std::max<int64_t>(utilizedInstances, 1);
  t.networkWords = dc.networkWords * instances;
  t.networkDeliveries = dc.networkDeliveries * instances;
  t.spatialReductions = dc.spatialReductions * instances;
  return t;
}

llvm::Expected<ActionCounts> dnnopt::countActions(const Problem &problem,
                                                  const ArchSpec &arch,
                                                  const Mapping &mapping,
                                                  bool imperfect) {
  if (llvm::Error err = validateMapping(problem, arch, mapping, imperfect))
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
      // An imperfect mapping: the lines above are the busiest instance's.
      if (!lc.clippedTotals.empty()) {
        line(8, "Scalar reads (total)", lc.clippedTotals[s].reads);
        line(8, "Scalar fills (total)", lc.clippedTotals[s].fills);
        line(8, "Scalar updates (total)", lc.clippedTotals[s].updates);
      }
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

//===- ClippedCounts.cpp - action counts of imperfect mappings ------------===//
//
// Exact counts of the clipped loop nest of an imperfect mapping, under the
// rules of docs/action-counts.md ("Imperfect factors"):
//
// * The loops of a dim d count in mixed radix up to its bound B_d - 1. A
//   loop runs its factor, or its residual on d's last path (every loop of d
//   outside it at its last index). So along d the tile of a level with
//   extent E (the product of d's factors inside the level) sits at m E for
//   m = 0 .. ceil(B_d / E) - 1, the last one clipped to e = (B_d - 1) mod E
//   + 1.
// * Tiles are boxes (holes of strided windows count). Each time the loops
//   above an instance advance, it receives its new tile minus its previous
//   one (no stride rule, no temporal extrapolation: a full simulation).
//   Children past a residual of a spatial loop do not exist while the loops
//   outside it are on the last path; an idle child keeps its tile.
// * A parent serves one access to the children that differ only in the
//   spatial indices of dims the data space does not depend on (they hold
//   the same tile); for the output this is the spatial reduction.
//
// How. An instance of a level is fixed by the indices of the spatial loops
// above it. Only spatial loops of imperfect dims matter, and only by the
// class of their index: below the residual's last index, at it, or past it
// (the three behave differently when the dim is on its last path). For each
// class of the instances, a DP walks the loops above the level outermost
// first; its state is the set of imperfect dims still on their last path.
// block(j, m) summarizes the sweep of the loops inside loop j under state m:
// whether the instance is active in it, its steps, the sum of its deltas,
// and its first and last tiles (offset and which dims are clipped). A
// temporal loop of a dim on its last path runs residual - 1 copies of the
// block with the dim off the path, then one copy with it on; consecutive
// copies differ by the loop's stride, so a loop costs two deltas. That is
// O(loops x 2^k) per class (k imperfect dims); the classes multiply over the
// spatial loops of imperfect dims above the level (2 or 3 each).
//
//===----------------------------------------------------------------------===//

#include "ClippedCounts.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

using namespace dnnopt;
using namespace dnnopt::detail;

namespace {

/// The index class of a spatial loop of an imperfect dim: below the last
/// index of its residual, at it, or past it.
enum class IndexClass : uint8_t { Below, Last, Past };

/// A tile of the swept level: its offset along each dim (op space, relative
/// to the sweep's origin), and which imperfect dims are on their last path
/// (clipped to their edge extent).
struct TileRef {
  std::array<int64_t, kMaxProblemDims> offset;
  uint32_t lastPath;
};

/// The sweep of some loops: whether the instance is active in it, its
/// steps, per data space the sum of the deltas between its consecutive
/// tiles, and its first and last tiles.
struct Block {
  bool active = false;
  int64_t steps = 0;
  std::array<int64_t, kMaxProblemSpaces> sum{};
  TileRef first{}, last{};
};

/// One term coef x dim of a rank of a data space.
struct Term {
  unsigned rank, dim;
  int64_t coef;
};

class Evaluator {
public:
  Evaluator(const Problem &problem, const ClippedNest &nest)
      : problem(problem), nest(nest) {
    nd = problem.getNumDims();
    ns = problem.dataSpaces.size();
    // Imperfect dims get a bit of the last-path state.
    std::array<int64_t, kMaxProblemDims> product;
    product.fill(1);
    for (const ClippedLoop &loop : nest.loops)
      product[loop.dim] *= loop.factor;
    numBits = 0;
    for (unsigned d = 0; d < nd; ++d)
      bitOf[d] = product[d] != problem.bounds[d] ? (int)numBits++ : -1;
    for (const ClippedLoop &loop : nest.loops)
      residual.push_back(dnnopt::getResidual(problem.bounds[loop.dim],
                                             loop.stride, loop.factor));
    for (unsigned s = 0; s < ns; ++s) {
      const ProblemDataSpace &ds = problem.dataSpaces[s];
      ranks[s] = ds.numRanks;
      for (unsigned r = 0; r < ds.numRanks; ++r)
        for (unsigned d = 0; d < nd; ++d)
          if (int64_t c = ds.getCoefficient(r, d, nd))
            terms[s].push_back({r, d, c});
    }
    choice.assign(nest.loops.size(), IndexClass::Below);
  }

  int getBit(unsigned dim) const { return bitOf[dim]; }
  int64_t getResidual(unsigned j) const { return residual[j]; }

  /// Sweeps for the tiles of the level whose loops end at `base` (0: the
  /// MACs), computing deltas for the data spaces in `spaces`.
  void setRecipient(unsigned base, uint32_t spaces) {
    this->base = base;
    deltaSpaces = spaces;
    for (unsigned d = 0; d < nd; ++d)
      fullExtent[d] = 1;
    for (unsigned j = 0; j < base; ++j)
      fullExtent[nest.loops[j].dim] *= nest.loops[j].factor;
    for (unsigned d = 0; d < nd; ++d)
      edgeExtent[d] = (problem.bounds[d] - 1) % fullExtent[d] + 1;
    size_t states = size_t(nest.loops.size() - base + 1) << numBits;
    memo.resize(states);
    done.assign(states, 0);
    // relevant[j - base]: the bits of the imperfect dims whose last path
    // changes the sweep of loops [base, j): a loop of the dim inside runs a
    // residual below its factor, a spatial loop of it splits instances into
    // classes, or the tile is clipped along it.
    relevant.assign(nest.loops.size() - base + 1, 0);
    for (unsigned d = 0; d < nd; ++d)
      if (bitOf[d] >= 0 && edgeExtent[d] != fullExtent[d])
        relevant[0] |= 1u << bitOf[d];
    for (unsigned j = base; j < nest.loops.size(); ++j) {
      const ClippedLoop &loop = nest.loops[j];
      uint32_t mask = relevant[j - base];
      if (bitOf[loop.dim] >= 0 && (loop.spatial || residual[j] != loop.factor))
        mask |= 1u << bitOf[loop.dim];
      relevant[j + 1 - base] = mask;
    }
  }

  void setChoice(unsigned loop, IndexClass c) { choice[loop] = c; }

  /// The sweep of every loop above the recipient, for the instance class
  /// set by setChoice.
  const Block &sweep() {
    std::fill(done.begin(), done.end(), 0);
    return block(nest.loops.size(), (1u << numBits) - 1);
  }

  /// Words of data space `s`'s box for `tile`.
  int64_t size(unsigned s, const TileRef &tile) const {
    std::array<int64_t, kMaxRanks> lo, extent;
    box(s, tile, lo, extent);
    int64_t n = 1;
    for (unsigned r = 0; r < ranks[s]; ++r)
      n *= extent[r];
    return n;
  }

  /// Distinct words of data space `s` over every tile of one instance of
  /// the current class: per rank the union of its intervals (the ranks'
  /// unions multiply when each dim indexes one rank; else an upper bound).
  int64_t partition(unsigned s) const;

private:
  int64_t extentOf(unsigned d, uint32_t lastPath) const {
    return bitOf[d] >= 0 && (lastPath >> bitOf[d] & 1) ? edgeExtent[d]
                                                       : fullExtent[d];
  }

  void box(unsigned s, const TileRef &tile, std::array<int64_t, kMaxRanks> &lo,
           std::array<int64_t, kMaxRanks> &extent) const {
    for (unsigned r = 0; r < ranks[s]; ++r) {
      lo[r] = 0;
      extent[r] = 1;
    }
    for (const Term &t : terms[s]) {
      int64_t span = extentOf(t.dim, tile.lastPath) - 1;
      lo[t.rank] +=
          t.coef * tile.offset[t.dim] + (t.coef < 0 ? t.coef * span : 0);
      extent[t.rank] += std::abs(t.coef) * span;
    }
  }

  /// |next \ prev| for data space `s`.
  int64_t delta(unsigned s, const TileRef &prev, const TileRef &next) const {
    std::array<int64_t, kMaxRanks> lo1, ext1, lo2, ext2;
    box(s, prev, lo1, ext1);
    box(s, next, lo2, ext2);
    int64_t size = 1, overlap = 1;
    for (unsigned r = 0; r < ranks[s]; ++r) {
      size *= ext2[r];
      int64_t o = std::min(lo1[r] + ext1[r], lo2[r] + ext2[r]) -
                  std::max(lo1[r], lo2[r]);
      overlap *= std::max<int64_t>(o, 0);
    }
    return size - overlap;
  }

  /// Appends `copies` copies of `b` to `out`, the first at index `start` of
  /// `loop` (each copy one stride further along the loop's dim).
  void append(Block &out, const Block &b, int64_t start, int64_t copies,
              const ClippedLoop &loop) const {
    if (!b.active || copies <= 0)
      return;
    TileRef first = b.first;
    first.offset[loop.dim] += start * loop.stride;
    TileRef next = b.first;
    next.offset[loop.dim] += loop.stride;
    for (unsigned s = 0; s < ns; ++s) {
      if (!(deltaSpaces >> s & 1))
        continue;
      int64_t sum = copies * b.sum[s];
      if (out.active)
        sum += delta(s, out.last, first);
      if (copies >= 2)
        sum += (copies - 1) * delta(s, b.last, next);
      out.sum[s] += sum;
    }
    if (!out.active)
      out.first = first;
    out.last = b.last;
    out.last.offset[loop.dim] += (start + copies - 1) * loop.stride;
    out.steps += copies * b.steps;
    out.active = true;
  }

  /// The sweep of loops [base, j) when the loops from j out leave the
  /// imperfect dims of `m` on their last path.
  const Block &block(unsigned j, uint32_t m) {
    // Only the last-path bits some loop inside (or the tile's edge) reads.
    m &= relevant[j - base];
    size_t index = (size_t(j - base) << numBits) | m;
    Block &out = memo[index];
    if (done[index])
      return out;
    done[index] = 1;
    // Reset what append reads (the tiles are set with `active`).
    out.active = false;
    out.steps = 0;
    std::fill(out.sum.begin(), out.sum.begin() + ns, 0);
    if (j == base) {
      out.active = true;
      out.steps = 1;
      std::fill(out.first.offset.begin(), out.first.offset.begin() + nd, 0);
      out.first.lastPath = m;
      out.last = out.first;
      return out;
    }
    const ClippedLoop &loop = nest.loops[j - 1];
    int bit = bitOf[loop.dim];
    bool onPath = bit >= 0 && (m >> bit & 1);
    uint32_t off = bit >= 0 ? m & ~(1u << bit) : m;
    if (loop.spatial) {
      // The instance's index is fixed; only its class matters on the last
      // path (past the residual: idle there).
      if (!onPath)
        out = block(j - 1, m);
      else if (choice[j - 1] == IndexClass::Below)
        out = block(j - 1, off);
      else if (choice[j - 1] == IndexClass::Last)
        out = block(j - 1, m);
    } else if (onPath &&
               (off & relevant[j - 1 - base]) != (m & relevant[j - 1 - base])) {
      int64_t n = residual[j - 1];
      append(out, block(j - 1, off), 0, n - 1, loop);
      append(out, block(j - 1, m), n - 1, 1, loop);
    } else {
      // Off the path, or no loop inside reads the dim's bit: the residual
      // iterations (the factor off the path) all alike.
      append(out, block(j - 1, m), 0, onPath ? residual[j - 1] : loop.factor,
             loop);
    }
    return out;
  }

  const Problem &problem;
  const ClippedNest &nest;
  unsigned nd = 0, ns = 0, numBits = 0;
  std::array<int, kMaxProblemDims> bitOf{};
  std::vector<int64_t> residual;
  std::array<unsigned, kMaxProblemSpaces> ranks{};
  std::array<llvm::SmallVector<Term, 8>, kMaxProblemSpaces> terms;
  std::vector<IndexClass> choice;
  unsigned base = 0;
  uint32_t deltaSpaces = 0;
  std::array<int64_t, kMaxProblemDims> fullExtent{}, edgeExtent{};
  std::vector<Block> memo;
  std::vector<char> done;
  std::vector<uint32_t> relevant;
};

int64_t Evaluator::partition(unsigned s) const {
  // Per dim: the offsets of the instance's tiles along it, and whether each
  // is on the last path (clipped), from the loops of the dim above the
  // level (a spatial loop at an index of its class).
  // Most ranks have one dim: they need only how many offsets there are,
  // off the last path and on it (a two-state count over the dim's loops,
  // outermost first). A window's dims get the list.
  std::array<bool, kMaxProblemDims> listed{};
  for (const Term &t : terms[s])
    for (const Term &u : terms[s])
      if (t.rank == u.rank && t.dim != u.dim)
        listed[t.dim] = true;
  std::array<std::pair<int64_t, int64_t>, kMaxProblemDims> counts;
  for (const Term &t : terms[s]) {
    unsigned d = t.dim;
    int64_t loose = 0, tight = 1;
    for (unsigned j = nest.loops.size(); j-- > base;) {
      const ClippedLoop &loop = nest.loops[j];
      if (loop.dim != d)
        continue;
      int64_t r = residual[j];
      if (!loop.spatial) {
        loose = loose * loop.factor + tight * (r - 1);
        continue;
      }
      if (bitOf[d] >= 0 && choice[j] != IndexClass::Last) {
        if (choice[j] == IndexClass::Below)
          loose += tight;
        tight = 0;
      }
    }
    counts[d] = {loose, bitOf[d] >= 0 ? tight : 0};
    if (bitOf[d] < 0) // Never clipped: every offset counts as loose.
      counts[d] = {loose + tight, 0};
  }
  std::array<std::vector<std::pair<int64_t, bool>>, kMaxProblemDims> offsets;
  for (unsigned d = 0; d < nd; ++d) {
    if (!listed[d])
      continue;
    llvm::SmallVector<unsigned, 8> loops; // outermost first
    for (unsigned j = nest.loops.size(); j-- > base;)
      if (nest.loops[j].dim == d)
        loops.push_back(j);
    auto walk = [&](auto &self, unsigned i, bool onPath,
                    int64_t offset) -> void {
      if (i == loops.size()) {
        offsets[d].push_back({offset, onPath && bitOf[d] >= 0});
        return;
      }
      unsigned j = loops[i];
      const ClippedLoop &loop = nest.loops[j];
      int64_t r = residual[j];
      if (loop.spatial) {
        int64_t index = 0;
        if (bitOf[d] >= 0)
          index = choice[j] == IndexClass::Below  ? 0
                  : choice[j] == IndexClass::Last ? r - 1
                                                  : r;
        if (onPath && index > r - 1)
          return;
        self(self, i + 1, onPath && index == r - 1,
             offset + index * loop.stride);
        return;
      }
      int64_t n = onPath ? r : loop.factor;
      for (int64_t k = 0; k < n; ++k)
        self(self, i + 1, onPath && k == n - 1, offset + k * loop.stride);
    };
    walk(walk, 0, true, 0);
  }
  int64_t total = 1;
  for (unsigned r = 0; r < ranks[s]; ++r) {
    llvm::SmallVector<const Term *, 4> rankTerms;
    for (const Term &t : terms[s])
      if (t.rank == r)
        rankTerms.push_back(&t);
    auto span = [&](const Term &t, bool clipped) {
      return (clipped ? edgeExtent[t.dim] : fullExtent[t.dim]) - 1;
    };
    if (rankTerms.empty())
      continue;
    if (rankTerms.size() == 1) {
      // Intervals of distinct offsets are disjoint (offsets differ by
      // multiples of the extent).
      const Term &t = *rankTerms[0];
      auto [loose, tight] = counts[t.dim];
      total *= loose * (std::abs(t.coef) * span(t, false) + 1) +
               tight * (std::abs(t.coef) * span(t, true) + 1);
      continue;
    }
    // Several dims on one rank (a window): the union of the intervals of
    // every combination of offsets.
    std::vector<std::pair<int64_t, int64_t>> intervals;
    std::vector<size_t> index(rankTerms.size(), 0);
    int64_t combinations = 1;
    for (const Term *t : rankTerms)
      combinations *= offsets[t->dim].size();
    if (combinations == 0)
      return 0;
    intervals.reserve(combinations);
    while (true) {
      int64_t lo = 0, extent = 1;
      for (size_t k = 0; k < rankTerms.size(); ++k) {
        const Term &t = *rankTerms[k];
        auto [offset, clipped] = offsets[t.dim][index[k]];
        int64_t sp = span(t, clipped);
        lo += t.coef * offset + (t.coef < 0 ? t.coef * sp : 0);
        extent += std::abs(t.coef) * sp;
      }
      intervals.push_back({lo, lo + extent});
      size_t k = 0;
      for (; k < index.size(); ++k) {
        if (++index[k] < offsets[rankTerms[k]->dim].size())
          break;
        index[k] = 0;
      }
      if (k == index.size())
        break;
    }
    std::sort(intervals.begin(), intervals.end());
    int64_t words = 0, reach = intervals.front().first;
    for (auto [lo, hi] : intervals) {
      lo = std::max(lo, reach);
      if (hi > lo) {
        words += hi - lo;
        reach = hi;
      }
    }
    total *= words;
  }
  return total;
}

/// What one instance of a level does with one data space (sums over its
/// children where it serves them).
struct InstanceFigures {
  int64_t received = 0, partition = 0, served = 0, deliveries = 0;
};

/// The instances of a level in one class: how many, whether active, and
/// per data space their figures.
struct InstanceClass {
  int64_t count = 0;
  bool active = false;
  std::array<InstanceFigures, kMaxProblemSpaces> spaces{};
};

} // namespace

void detail::countClipped(const Problem &problem, const ArchSpec &arch,
                          const ClippedNest &nest, ActionCounts &out) {
  const unsigned nd = problem.getNumDims();
  const unsigned ns = problem.dataSpaces.size();
  const unsigned nl = nest.numLevels;
  const unsigned numLoops = nest.loops.size();
  Evaluator ev(problem, nest);
  // Level nl stands for the MACs (their tile: one point, below every loop).
  auto endOf = [&](unsigned level) {
    return level == nl ? 0u : nest.end[level];
  };
  // (The nest's keep bits of level 0 hold every data space.)
  auto keeps = [&](unsigned level, unsigned s) {
    return level < nl && (nest.keep[level] >> s & 1);
  };

  // The spatial loops of imperfect dims, outermost first: an instance's
  // class is its index class on each of those above it.
  llvm::SmallVector<unsigned, 16> classLoops;
  for (unsigned j = numLoops; j-- > 0;)
    if (nest.loops[j].spatial && ev.getBit(nest.loops[j].dim) >= 0)
      classLoops.push_back(j);
  auto classesAbove = [&](unsigned level) {
    unsigned q = 0;
    while (q < classLoops.size() && classLoops[q] >= endOf(level))
      ++q;
    return q;
  };
  auto classCount = [&](unsigned j, IndexClass c) {
    int64_t r = ev.getResidual(j);
    return c == IndexClass::Below  ? r - 1
           : c == IndexClass::Last ? int64_t(1)
                                   : nest.loops[j].factor - r;
  };
  // The class of index 0 (the representative of children that share).
  auto classOfZero = [&](unsigned j) {
    return ev.getResidual(j) >= 2 ? IndexClass::Below : IndexClass::Last;
  };
  // Instances of the spatial loops of perfect dims in [lo, hi).
  auto perfectCount = [&](unsigned lo, unsigned hi) {
    int64_t n = 1;
    for (unsigned j = lo; j < hi; ++j) {
      const ClippedLoop &loop = nest.loops[j];
      if (loop.spatial && ev.getBit(loop.dim) < 0)
        n *= loop.factor;
    }
    return n;
  };

  // indexed[s]: the dims data space s depends on.
  std::array<uint32_t, kMaxProblemSpaces> indexed{};
  for (unsigned s = 0; s < ns; ++s)
    for (unsigned d = 0; d < nd; ++d)
      indexed[s] |= uint32_t(problem.indexes(s, d)) << d;
  // Groups among the children under the spatial loops of perfect dims in
  // [lo, hi): children whose tiles of `s` sit at the same offset share
  // (their tiles are equal at every step). Each loop moves the tile by
  // stride x (column of its dim); with no two loops along one rank every
  // combination is distinct, else the offsets are enumerated.
  auto perfectGroups = [&](unsigned s, unsigned lo, unsigned hi) {
    const ProblemDataSpace &ds = problem.dataSpaces[s];
    llvm::SmallVector<std::array<int64_t, kMaxRanks>, 8> vecs;
    llvm::SmallVector<int64_t, 8> counts;
    uint32_t seen = 0;
    bool disjoint = true;
    int64_t product = 1;
    for (unsigned j = lo; j < hi; ++j) {
      const ClippedLoop &loop = nest.loops[j];
      if (!loop.spatial || ev.getBit(loop.dim) >= 0 ||
          !(indexed[s] >> loop.dim & 1))
        continue;
      std::array<int64_t, kMaxRanks> v{};
      uint32_t mask = 0;
      for (unsigned r = 0; r < ds.numRanks; ++r) {
        v[r] = loop.stride * ds.getCoefficient(r, loop.dim, nd);
        mask |= uint32_t(v[r] != 0) << r;
      }
      disjoint &= !(mask & seen);
      seen |= mask;
      product *= loop.factor;
      vecs.push_back(v);
      counts.push_back(loop.factor);
    }
    if (disjoint)
      return product;
    return countDistinctOffsets(vecs.data(), counts.data(), vecs.size(),
                                ds.numRanks);
  };

  // Per level, its instance classes keyed by the index classes (base 3,
  // outermost first) of the class loops above it.
  std::vector<llvm::DenseMap<uint64_t, InstanceClass>> levels(nl);
  levels[0][0].count = 1;
  levels[0][0].active = true;
  int64_t macCycles = 0, macs = 0;

  std::vector<IndexClass> choices(classLoops.size());
  for (unsigned recipient = nl; recipient >= 1; --recipient) {
    const unsigned base = endOf(recipient);
    const unsigned q = classesAbove(recipient);
    uint32_t keptHere = 0;
    if (recipient < nl)
      for (unsigned s = 0; s < ns; ++s)
        keptHere |= uint32_t(keeps(recipient, s)) << s;
    ev.setRecipient(base, keptHere);
    // Where each data space's recipient is served from: the next level out
    // that keeps it.
    std::array<int, kMaxProblemSpaces> server;
    for (unsigned s = 0; s < ns; ++s) {
      server[s] = -1;
      if (recipient == nl || keeps(recipient, s))
        for (int l = recipient - 1; l >= 0 && server[s] < 0; --l)
          if (keeps(l, s))
            server[s] = l;
    }
    // What the class loops leave out, per recipient: the instances of the
    // perfect dims' spatial loops, and the groups of children they make
    // under each level between the recipient and its server.
    const int64_t perfectInstances = perfectCount(base, numLoops);
    std::array<std::array<int64_t, kMaxMappingLevels>, kMaxProblemSpaces>
        servedPerfect, deliveredPerfect;
    for (unsigned s = 0; s < ns; ++s)
      for (int x = recipient - 1; x >= server[s] && server[s] >= 0; --x) {
        servedPerfect[s][x] = perfectGroups(s, base, endOf(x));
        deliveredPerfect[s][x] = perfectGroups(s, base, endOf(x + 1)) *
                                 perfectCount(endOf(x + 1), endOf(x));
      }
    // Every combination of index classes of the q class loops above.
    std::fill(choices.begin(), choices.begin() + q, IndexClass::Below);
    while (true) {
      int64_t count = 1;
      uint64_t key = 0;
      for (unsigned i = 0; i < q; ++i) {
        count *= classCount(classLoops[i], choices[i]);
        key = key * 3 + (uint64_t)choices[i];
        ev.setChoice(classLoops[i], choices[i]);
      }
      if (count > 0) {
        const Block &top = ev.sweep();
        int64_t instances = count * perfectInstances;
        if (recipient < nl) {
          InstanceClass &ic = levels[recipient][key];
          ic.count = instances;
          ic.active = top.active;
          if (top.active)
            for (unsigned s = 0; s < ns; ++s)
              if (keptHere >> s & 1) {
                ic.spaces[s].received = ev.size(s, top.first) + top.sum[s];
                ic.spaces[s].partition = ev.partition(s);
              }
        } else if (top.active) {
          macCycles = std::max(macCycles, top.steps);
          macs += instances;
        }
        for (unsigned s = 0; top.active && s < ns; ++s) {
          if (server[s] < 0)
            continue;
          int64_t words = recipient == nl
                              ? top.steps
                              : levels[recipient][key].spaces[s].received;
          for (int x = recipient - 1; x >= server[s]; --x) {
            // The recipient's instances under one instance of level x. A
            // spatial loop of an imperfect dim below `pinHi` that `s` does
            // not depend on shares one access among its indices (index 0
            // stands for them); those of perfect dims share by offset.
            unsigned top = endOf(x), qx = classesAbove(x);
            auto weight = [&](unsigned pinHi, int64_t perfect) {
              int64_t w = perfect;
              for (unsigned i = qx; i < q; ++i) {
                unsigned j = classLoops[i];
                bool pinned =
                    j < pinHi && !(indexed[s] >> nest.loops[j].dim & 1);
                w *= pinned ? int64_t(choices[i] == classOfZero(j))
                            : classCount(j, choices[i]);
              }
              return w;
            };
            uint64_t keyX = key;
            for (unsigned i = qx; i < q; ++i)
              keyX /= 3;
            InstanceFigures &f = levels[x][keyX].spaces[s];
            // Served: after sharing over every fan-out between; delivered:
            // what the children of x take (sharing below them only).
            f.served += weight(top, servedPerfect[s][x]) * words;
            f.deliveries +=
                weight(endOf(x + 1), deliveredPerfect[s][x]) * words;
          }
        }
      }
      // Next combination (the last class loop varies fastest).
      unsigned i = q;
      while (i > 0) {
        --i;
        if (choices[i] != IndexClass::Past) {
          choices[i] = IndexClass(uint8_t(choices[i]) + 1);
          break;
        }
        choices[i] = IndexClass::Below;
        if (i == 0) {
          i = ~0u;
          break;
        }
      }
      if (q == 0 || i == ~0u)
        break;
    }
  }

  // Assemble the counts: per-instance figures are the largest over the
  // instances, totals their sums.
  out.clipped = true;
  out.computes = problem.getPoints();
  out.utilizedMacs = macs;
  out.computeCycles = macCycles * arch.compute.cyclesPerCompute;
  out.levels.resize(nl);
  std::array<int64_t, kMaxProblemDims> extents;
  for (unsigned l = 0; l < nl; ++l) {
    LevelCounts &lc = out.levels[l];
    lc.spaces.assign(ns, DataSpaceCounts());
    lc.clippedTotals.assign(ns, AccessTotals());
    lc.utilizedInstances = 0;
    lc.utilizedCapacity = 0;
    for (const auto &[key, ic] : levels[l])
      if (ic.active)
        lc.utilizedInstances += ic.count;
    // The level's full tile, clipped where it spans a whole dim.
    for (unsigned d = 0; d < nd; ++d)
      extents[d] = 1;
    for (unsigned j = 0; j < nest.end[l]; ++j)
      extents[nest.loops[j].dim] *= nest.loops[j].factor;
    llvm::SmallVector<int64_t, 8> tile(nd);
    for (unsigned d = 0; d < nd; ++d)
      tile[d] = std::min(extents[d], problem.bounds[d]);
    for (unsigned s = 0; s < ns; ++s) {
      DataSpaceCounts &dc = lc.spaces[s];
      const bool rw = problem.dataSpaces[s].readWrite;
      dc.fanout = nest.fanout[l];
      dc.multicastGroups = 1;
      for (unsigned j = nest.spatialBegin[l]; j < nest.temporalBegin[l]; ++j)
        if (problem.indexes(s, nest.loops[j].dim))
          dc.multicastGroups *= nest.loops[j].factor;
      // The outermost level keeps every data space and has no fills.
      const bool kept = keeps(l, s), outermost = l == 0;
      AccessTotals &t = lc.clippedTotals[s];
      for (const auto &[key, ic] : levels[l]) {
        if (!ic.active)
          continue;
        const InstanceFigures &f = ic.spaces[s];
        int64_t words = f.served, deliveries = f.deliveries;
        int64_t reduced = rw ? deliveries - words : 0;
        dc.networkWords = std::max(dc.networkWords, words);
        dc.networkDeliveries = std::max(dc.networkDeliveries, deliveries);
        dc.spatialReductions = std::max(dc.spatialReductions, reduced);
        t.networkWords += ic.count * words;
        t.networkDeliveries += ic.count * deliveries;
        t.spatialReductions += ic.count * reduced;
        if (!kept)
          continue;
        int64_t part = l == 0 ? problem.getTileSize(s, tile) : f.partition;
        int64_t reads, fills, updates = 0;
        if (rw) {
          updates = words;
          reads = words - part;
          fills = outermost ? 0 : f.received - part;
        } else {
          reads = words;
          fills = outermost ? 0 : f.received;
        }
        int64_t generations = (rw ? updates : reads) + fills;
        dc.partitionSize = std::max(dc.partitionSize, part);
        dc.reads = std::max(dc.reads, reads);
        dc.fills = std::max(dc.fills, fills);
        dc.updates = std::max(dc.updates, updates);
        dc.temporalReductions = rw ? dc.reads : 0;
        dc.addressGenerations = std::max(dc.addressGenerations, generations);
        t.reads += ic.count * reads;
        t.fills += ic.count * fills;
        t.updates += ic.count * updates;
        t.temporalReductions += rw ? ic.count * reads : 0;
        t.addressGenerations += ic.count * generations;
      }
      if (!kept)
        continue;
      dc.kept = true;
      dc.tileSize = problem.getTileSize(s, tile);
      dc.utilizedInstances = lc.utilizedInstances;
      lc.utilizedCapacity += dc.tileSize;
    }
  }
  if (arch.compute.isCrossbar) {
    // As the closed form, with the busiest MAC's steps for every MAC (an
    // upper bound).
    int64_t activations = macCycles * out.levels[nl - 1].utilizedInstances;
    out.dacConversions =
        activations * nest.fanoutY[nl - 1] * arch.compute.inputSlices;
    out.adcConversions = activations * nest.fanoutX[nl - 1] *
                         arch.compute.columnsPerWeight *
                         arch.compute.inputSlices;
  }
}

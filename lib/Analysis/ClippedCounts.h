//===- ClippedCounts.h - action counts of imperfect mappings ----*- C++ -*-===//
//
// The evaluator ActionCounter dispatches to when a mapping is imperfect (the
// factors of some dim multiply to more than its bound): it counts the
// clipped loop nest exactly, under the rules of docs/action-counts.md
// ("Imperfect factors"). Internal to the Analysis library.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_ANALYSIS_CLIPPEDCOUNTS_H
#define DNNOPT_LIB_ANALYSIS_CLIPPEDCOUNTS_H

#include "dnnopt/Analysis/ActionCounts.h"

#include <array>

namespace dnnopt::detail {

/// One loop of factor >= 2 of the nest, innermost first.
struct ClippedLoop {
  unsigned dim;
  int64_t factor;
  /// Product of the factors of `dim` of every loop inside this one.
  int64_t stride;
  bool spatial;
};

/// The loop nest of a mapping as the counter builds it: the loops,
/// innermost first (a level's spatial loops, then its temporal loops, then
/// the next level out), each level's range of loops, and what it keeps.
struct ClippedNest {
  llvm::SmallVector<ClippedLoop, 32> loops;
  unsigned numLevels = 0;
  /// Per level: first spatial loop, first temporal loop, one past the last.
  std::array<unsigned, kMaxMappingLevels> spatialBegin{}, temporalBegin{},
      end{};
  /// Per level: the data spaces it keeps (bit per space; level 0 keeps
  /// every data space).
  std::array<uint32_t, kMaxMappingLevels> keep{};
  /// Per level: the product of its spatial factors (children per instance).
  std::array<int64_t, kMaxMappingLevels> fanout{};
  /// Per level: the products of its spatial factors onto X and onto Y.
  std::array<int64_t, kMaxMappingLevels> fanoutX{}, fanoutY{};
};

/// Counts the clipped nest: every field of `out` but the bandwidth
/// throttling, the levels' cycles, `cycles` and `utilization`.
void countClipped(const Problem &problem, const ArchSpec &arch,
                  const ClippedNest &nest, ActionCounts &out);

/// Number of distinct offsets sum_k i_k vecs[k], 0 <= i_k < counts[k], of
/// `ranks` entries each (ActionCounts.cpp): the multicast groups among the
/// children of a fan-out whose spatial loops move the tile by vecs[k].
int64_t countDistinctOffsets(const std::array<int64_t, kMaxRanks> *vecs,
                             const int64_t *counts, unsigned numVecs,
                             unsigned ranks);

} // namespace dnnopt::detail

#endif // DNNOPT_LIB_ANALYSIS_CLIPPEDCOUNTS_H

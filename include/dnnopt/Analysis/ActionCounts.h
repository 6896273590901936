//===- ActionCounts.h - Timeloop-exact action counts of a mapping -*- C++
//-*-===//
//
// Counts what a mapped loop problem does at every storage level, per data
// space: reads, fills, updates, temporal reductions, the words sent over the
// fan-out below the level (multicast groups, spatial reductions), tile and
// partition sizes, utilized instances; plus MACs, compute cycles and the
// cycles after bandwidth throttling. The numbers are Timeloop's
// (timeloop-model at 0fc43fb) for perfectly factorized mappings, including
// its rules where they differ from a full simulation: a sliding-window
// overlap is reused only while the tile keeps moving with the same step (the
// stride rule), outer loops are evaluated as iteration 0 plus an iteration 1
// standing for all others (temporal extrapolation), the first write of each
// output element needs no read (first-read elision), and children whose
// deltas are equal share one parent access (multicast, spatial reduction).
// See docs/action-counts.md for the rules and how the closed form follows
// them.
//
// The counter works on plain data (Problem, ArchSpec, Mapping) and is closed
// form: per level and data space it walks the loops above the level once,
// without allocating, so the mapper can call it millions of times.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_ANALYSIS_ACTIONCOUNTS_H
#define DNNOPT_ANALYSIS_ACTIONCOUNTS_H

#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Mapping/Mapping.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <cstdint>

namespace dnnopt {

/// Counts of one data space at one storage level summed over the level's
/// instances.
struct AccessTotals {
  int64_t reads = 0;
  int64_t fills = 0;
  int64_t updates = 0;
  int64_t temporalReductions = 0;
  int64_t addressGenerations = 0;
  int64_t networkWords = 0;
  int64_t networkDeliveries = 0;
  int64_t spatialReductions = 0;
};

/// The counts of one data space at one storage level. Every count is per
/// instance of the level (Timeloop's "per-instance" figures). For a perfect
/// mapping every instance does the same, and the level's total is the
/// count times `utilizedInstances`. For an imperfect mapping the instances
/// differ: each per-instance field holds the largest figure of any instance
/// (the busiest one, which drives bandwidth), and the exact totals are in
/// LevelCounts::clippedTotals. Whoever needs a level's total reads
/// LevelCounts::getTotals.
struct DataSpaceCounts {
  /// The level keeps this data space (else every count below is 0).
  bool kept = false;
  /// Words of the tile the level holds ("Utilized capacity").
  int64_t tileSize = 0;
  /// Distinct words that pass through one instance over the run.
  int64_t partitionSize = 0;
  int64_t reads = 0;
  int64_t fills = 0;
  int64_t updates = 0;
  /// Read-modify-writes of partial sums (read-write data space only).
  int64_t temporalReductions = 0;
  /// Timeloop's address generations: reads + fills, or updates + fills for
  /// the read-write data space.
  int64_t addressGenerations = 0;
  /// Instances of the level that hold a tile.
  int64_t utilizedInstances = 0;
  /// Over the fan-out below the level (the spatial loops the mapping puts
  /// there), per instance of the level: the children it serves, the groups
  /// of children that receive equal data (one parent access serves a
  /// group: multicast), the words sent (one per group; for the read-write
  /// data space the partial sums received after spatial reduction), the
  /// words delivered to (or received from) the children, and the partial
  /// sums added on the way up (read-write data space).
  int64_t fanout = 1;
  int64_t multicastGroups = 1;
  int64_t networkWords = 0;
  int64_t networkDeliveries = 0;
  int64_t spatialReductions = 0;
};

/// The counts of one storage level.
struct LevelCounts {
  llvm::SmallVector<DataSpaceCounts, 4> spaces;
  /// Instances that hold a tile (product of the spatial factors above).
  int64_t utilizedInstances = 0;
  /// Words of all kept tiles.
  int64_t utilizedCapacity = 0;
  /// Bandwidth throttling: min(1, bandwidth / demand) over the level's read,
  /// write and shared bandwidths; 1 when none is given.
  double slowdown = 1.0;
  /// ceil(compute cycles / slowdown).
  int64_t cycles = 0;
  /// An imperfect mapping (counted on its clipped nest): per data space,
  /// the exact sums over the level's instances. Empty for a perfect
  /// mapping (kept apart so the closed form's hot path does not carry it).
  llvm::SmallVector<AccessTotals, 4> clippedTotals;

  /// Data space `s`'s sums over the level's instances: clippedTotals, or
  /// for a perfect mapping each per-instance count times its
  /// utilizedInstances (the network figures times at least one instance,
  /// as Energy.cpp charges them).
  AccessTotals getTotals(unsigned s) const;
};

/// Everything the counter reports for one mapping.
struct ActionCounts {
  /// Storage levels, outermost first (as ArchSpec::levels).
  llvm::SmallVector<LevelCounts, 8> levels;
  /// MACs of the whole problem.
  int64_t computes = 0;
  /// MAC units that do work (product of all spatial factors).
  int64_t utilizedMacs = 0;
  /// Temporal iterations of one MAC unit, times the cycles of one step (1
  /// but for a crossbar).
  int64_t computeCycles = 0;
  /// A crossbar's conversions: DAC (input slices driven on rows) and ADC
  /// (columns read out per input slice), over all crossbars.
  int64_t dacConversions = 0, adcConversions = 0;
  /// max(compute cycles, every level's cycles): Timeloop's `Cycles`.
  int64_t cycles = 0;
  /// computes / (MAC units of the arch) / (cycles / cycles per step).
  double utilization = 0;
  /// The mapping is imperfect and was counted on its clipped nest: the
  /// per-instance figures are the busiest instance's (see DataSpaceCounts),
  /// computeCycles those of the busiest MAC unit.
  bool clipped = false;
};

/// A mapping in flat arrays, as the mapper holds its candidates (no
/// Mapping to build per candidate). Level l (outermost first) has temporal
/// factors factors[l * levelStride + d], spatial factors onto X at
/// factors[l * levelStride + xOffset + d] and onto Y at
/// factors[l * levelStride + yOffset + d], the temporal order
/// order[l * numDims + i] (innermost first) and the keep mask keep[l]. It
/// counts as the Mapping whose spatial factors are X * Y and whose spatial
/// order lists the dims with an X factor > 1, then the others, each in dim
/// order (so the X loops are inside the Y loops). When `big` is set, bit
/// i % 64 of big[i / 64] says factors[i] > 1 (the counter then visits only
/// those factors instead of testing every one).
struct MappingArrays {
  unsigned numLevels = 0;
  const int64_t *factors = nullptr;
  const uint64_t *big = nullptr;
  unsigned levelStride = 0, xOffset = 0, yOffset = 0;
  const unsigned *order = nullptr;
  const uint32_t *keep = nullptr;
};

/// The entries of a tile's box in TilingState (see ActionCounter::
/// slotEntry).
constexpr unsigned kMaxBoxEntries =
    kMaxProblemDims + kMaxProblemSpaces * kMaxRanks + 1;

/// What counting a mapping derives from its factors alone, not from its
/// loop orders or keep bits: the loops' strides, every level's tiles,
/// multicast groups and partitions, the instances and the compute cycles.
/// ActionCounter fills it while it counts; a search that then tries other
/// loop orders or keep bits with the same factors counts them from it
/// (ActionCounter::countReordered), which skips about a third of the work.
struct TilingState {
  /// The mapping is imperfect (such a mapping is always counted in full).
  bool imperfect = false;
  /// Temporal iterations of one MAC unit.
  int64_t computeCycles = 1;
  /// Per level: the product of the spatial factors below it, and of those
  /// above it (instancesAbove[l]; instancesAbove[numLevels]: the MAC units
  /// that do work).
  std::array<int64_t, kMaxMappingLevels> fanoutBelow;
  std::array<int64_t, kMaxMappingLevels + 1> instancesAbove;
  /// Per level and dim of factor > 1: the stride of its temporal loop (the
  /// product of the dim's factors of every loop inside it; the other
  /// entries are stale or 0, read for loops that are then dropped). The
  /// factors themselves are the mapping's.
  std::array<std::array<int64_t, kMaxProblemDims>, kMaxMappingLevels> stride{};
  /// Per level: the number of its temporal factors > 1.
  std::array<unsigned, kMaxMappingLevels> numTemporal;
  /// Per level: its tile's box (as ActionCounter lays it out: the extent
  /// along every dim, then along every rank that is not one dim, then 1).
  std::array<std::array<int64_t, kMaxBoxEntries>, kMaxMappingLevels> boxes;
  /// Per level and data space: the words of its tile, the multicast groups
  /// among the children of its fan-out and its partition before bypass.
  std::array<std::array<int64_t, kMaxProblemSpaces>, kMaxMappingLevels>
      tileSize, groups, partition;
};

/// Counts actions for mappings of one problem onto one arch. Construction
/// copies what the counts need; `count` does no allocation once `out` has
/// been sized by a first call.
class ActionCounter {
public:
  ActionCounter(const Problem &problem, const ArchSpec &arch);

  /// Counts `mapping`, which must pass validateMapping (not checked here:
  /// the mapper validates its candidates once). An imperfect mapping (the
  /// factors of a dim multiply to more than its bound; validated with
  /// `imperfect`) is counted by the clipped-nest evaluator
  /// (ClippedCounts.cpp); a perfect one by the closed form.
  void count(const Mapping &mapping, ActionCounts &out) const;
  /// The same for a mapping in flat arrays (valid, as above).
  void count(const MappingArrays &mapping, ActionCounts &out) const;
  /// The same, keeping in `tiling` what the count derived from the
  /// mapping's factors.
  void count(const MappingArrays &mapping, ActionCounts &out,
             TilingState &tiling) const;
  /// Counts `mapping`, whose factors are those of the mapping `tiling` was
  /// filled for (its loop orders and keep bits may differ), from `tiling`:
  /// the same counts as count(mapping, out).
  void countReordered(const MappingArrays &mapping, const TilingState &tiling,
                      ActionCounts &out) const;

private:
  /// Fills `tiling` from the mapping's factors, then counts from it (the
  /// clipped-nest count when the mapping is imperfect).
  template <typename View>
  void countView(const View &view, ActionCounts &out,
                 TilingState &tiling) const;
  /// Fills `tiling` from the mapping's factors.
  template <typename View>
  void computeTiling(const View &view, TilingState &tiling) const;
  /// Counts a perfect mapping from its tiling.
  template <typename View>
  void countTiled(const View &view, const TilingState &tiling,
                  ActionCounts &out) const;
  /// The clipped-nest count of an imperfect mapping.
  template <typename View>
  void countImperfect(const View &view, ActionCounts &out) const;

  const Problem &problem;
  const ArchSpec &arch;
  // What every count needs of the problem and the arch, computed once.
  int64_t points = 0;
  /// The fan-out below level l has more than one child.
  std::array<bool, kMaxMappingLevels> hasFanout{};
  /// A tile's box is an array of entries: entry d < nd is the extent of
  /// the box along dim d; entry nd + o is that along the o-th rank (over
  /// all data spaces) that is not one dim of coefficient 1 (a sliding
  /// window, a scaled index: 1 + sum of |coefficient| * (extent of dim - 1)
  /// over its terms, the first two of them termDim/termCoef[0][o] and
  /// [1][o] (zero coefficients when it has fewer), the rest (rare) in
  /// moreTerms); entry oneEntry is 1. Most ranks are one dim (an index) and
  /// need no entry of their own. slotEntry[s][r] is the entry of rank r of
  /// data space s, oneEntry for r >= numRanks, so a tile's words are a
  /// product of four (or eight) entries.
  std::array<std::array<uint8_t, kMaxRanks>, kMaxProblemSpaces> slotEntry{};
  unsigned numOthers = 0, oneEntry = 0;
  /// Some data space has more than four ranks: every tile's words are then
  /// a product of eight entries (a test per problem, not per tile).
  bool wideTiles = false;
  /// Bit l: storage level l has a read, write or shared bandwidth (the
  /// others are never throttled).
  uint32_t bandwidthLevels = 0;
  std::array<std::array<uint8_t, kMaxProblemSpaces * kMaxRanks>, 2> termDim{};
  std::array<std::array<int64_t, kMaxProblemSpaces * kMaxRanks>, 2> termCoef{};
  struct Term {
    unsigned other, dim;
    int64_t coef;
  };
  llvm::SmallVector<Term, 4> moreTerms;
  /// rankMask[s][d]: the ranks of data space s that dim d moves (bit r).
  std::array<std::array<uint32_t, kMaxProblemDims>, kMaxProblemSpaces>
      rankMask{};
  /// Per data space: the dims that move it (bit d), and those that move it
  /// along a rank another dim moves too (a sliding window's two dims).
  std::array<uint32_t, kMaxProblemSpaces> movingDims{}, sharedDims{};
  /// columns[s][d]: column d of data space s's coefficient matrix (how the
  /// tensor coordinates move when dim d advances by one).
  std::array<std::array<std::array<int64_t, kMaxRanks>, kMaxProblemDims>,
             kMaxProblemSpaces>
      columns{};
  /// Per data space: the tile translations of its loops have exact integer
  /// keys, mixed-radix numbers with one digit per rank (else they are
  /// compared one by one); columnKey[s][d] is the key of column d, so a
  /// translation's key is linear in its loops' strides (0 when the keys
  /// are not exact).
  std::array<bool, kMaxProblemSpaces> keyExact{};
  std::array<std::array<int64_t, kMaxProblemDims>, kMaxProblemSpaces>
      columnKey{};
};

/// Validates `mapping` (accepting imperfect factors when `imperfect`) and
/// counts it.
llvm::Expected<ActionCounts> countActions(const Problem &problem,
                                          const ArchSpec &arch,
                                          const Mapping &mapping,
                                          bool imperfect = false);

/// Prints the counts in the layout of Timeloop's stats.txt (the lines the
/// reference comparison reads: per level `=== Name ===`, `Cycles`,
/// `Bandwidth throttling`, and per kept data space its partition size,
/// utilized capacity, instances, reads, fills, updates, temporal reductions
/// and address generations; the MAC level's computes and cycles; summary
/// `Utilization`, `Cycles` and `Computes`), plus the network lines.
void printActionCounts(llvm::raw_ostream &os, const Problem &problem,
                       const ArchSpec &arch, const ActionCounts &counts);

} // namespace dnnopt

#endif // DNNOPT_ANALYSIS_ACTIONCOUNTS_H

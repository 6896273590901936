//===- Energy.cpp - energy of a mapped problem from its action counts -----===//
//
// Timeloop's energy rules on the counts of ActionCounts (see Energy.h).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Analysis/Energy.h"

#include <algorithm>

using namespace dnnopt;

/// Block accesses of `scalar` word accesses: Timeloop rounds each action of
/// each data space up separately.
static int64_t blocks(int64_t scalar, int64_t blockSize) {
  if (blockSize <= 1)
    return scalar;
  // A shift for the usual power-of-two block (a division takes tens of
  // cycles, and the mapper costs every candidate).
  if ((blockSize & (blockSize - 1)) == 0 && scalar >= 0)
    return (scalar + blockSize - 1) >> __builtin_ctzll(blockSize);
  return (scalar + blockSize - 1) / blockSize;
}

EnergyEstimator::EnergyEstimator(const Problem &problem, const ArchSpec &arch)
    : numSpaces(problem.dataSpaces.size()),
      cellOpsPerMac(arch.compute.getCellOpsPerMac()),
      macPJ(arch.compute.macPJ.value), dacPJ(arch.compute.dacPJ.value),
      adcPJ(arch.compute.adcPJ.value) {
  for (unsigned l = 0; l < arch.levels.size(); ++l) {
    const StorageLevelSpec &spec = arch.levels[l];
    const int64_t blockSize = std::max<int64_t>(spec.blockSize, 1);
    levels.push_back({spec.readPJ.value, spec.fillPJ.value, spec.updatePJ.value,
                      spec.leakPJ.value,
                      getFanoutBelow(arch, l).transferPJ.value, blockSize,
                      (unsigned)__builtin_ctzll(blockSize),
                      (blockSize & (blockSize - 1)) == 0});
  }
}

template <unsigned NumSpaces, bool Clipped, bool ShiftBlocks>
LLVM_ATTRIBUTE_ALWAYS_INLINE void
EnergyEstimator::estimateLevel(const Level &level, const LevelCounts &lc,
                               unsigned numSpaces, double cycles,
                               LevelEnergy &le) {
  if constexpr (NumSpaces != 0)
    numSpaces = NumSpaces;
  // Copies: the stores into `le` are doubles too, so the compiler would
  // reload the figures after each.
  const double readPJ = level.readPJ, fillPJ = level.fillPJ,
               updatePJ = level.updatePJ, transferPJ = level.transferPJ;
  const int64_t blockSize = level.blockSize;
  const int64_t roundUp = blockSize - 1;
  const unsigned shift = level.shift;
  auto toBlocks = [&](int64_t scalar) {
    // Counts are never negative.
    if constexpr (ShiftBlocks)
      return (scalar + roundUp) >> shift;
    else
      return blocks(scalar, blockSize);
  };
  double *spacePJ = le.spacePJ.data();
  const DataSpaceCounts *spaces = lc.spaces.data();
  const AccessTotals *totals = lc.clippedTotals.data();
  int64_t maxInstances = 0;
  for (unsigned s = 0; s < numSpaces; ++s) {
    const DataSpaceCounts &dc = spaces[s];
    if (!dc.kept) {
      spacePJ[s] = 0;
      continue;
    }
    if constexpr (Clipped) {
      // An imperfect mapping's instances differ: its exact totals, rounded
      // to blocks as a whole.
      const AccessTotals &t = totals[s];
      spacePJ[s] = toBlocks(t.reads) * readPJ + toBlocks(t.fills) * fillPJ +
                   toBlocks(t.updates) * updatePJ;
    } else {
      double perInstance = toBlocks(dc.reads) * readPJ +
                           toBlocks(dc.fills) * fillPJ +
                           toBlocks(dc.updates) * updatePJ;
      spacePJ[s] = perInstance * (double)dc.utilizedInstances;
    }
    maxInstances = std::max(maxInstances, dc.utilizedInstances);
  }
  le.leakPJ = level.leakPJ * cycles * maxInstances;
  le.networkPJ = 0;
  if (transferPJ != 0)
    for (unsigned s = 0; s < numSpaces; ++s)
      le.networkPJ +=
          Clipped ? totals[s].networkDeliveries * transferPJ
                  : spaces[s].networkDeliveries * transferPJ *
                        std::max<int64_t>(spaces[s].utilizedInstances, 1);
}

template <unsigned NumSpaces>
void EnergyEstimator::estimateLevels(const ActionCounts &counts,
                                     EnergyBreakdown &out) const {
  const unsigned numSpaces = NumSpaces ? NumSpaces : this->numSpaces;
  const double cycles = counts.cycles;
  for (unsigned l = 0; l < levels.size(); ++l) {
    const Level &level = levels[l];
    const LevelCounts &lc = counts.levels[l];
    LevelEnergy &le = out.levels[l];
    if (LLVM_UNLIKELY(!lc.clippedTotals.empty()))
      estimateLevel<NumSpaces, /*Clipped=*/true, /*ShiftBlocks=*/false>(
          level, lc, numSpaces, cycles, le);
    else if (level.shiftBlocks)
      estimateLevel<NumSpaces, /*Clipped=*/false, /*ShiftBlocks=*/true>(
          level, lc, numSpaces, cycles, le);
    else
      estimateLevel<NumSpaces, /*Clipped=*/false, /*ShiftBlocks=*/false>(
          level, lc, numSpaces, cycles, le);
    out.totalPJ += le.getTotalPJ(numSpaces);
  }
}

void EnergyEstimator::estimate(const ActionCounts &counts,
                               EnergyBreakdown &out) const {
  const unsigned numLevels = levels.size();
  // Sized once (every level alike), not per call.
  if (LLVM_UNLIKELY(out.levels.size() != numLevels ||
                    (numLevels && out.levels[0].spacePJ.size() != numSpaces))) {
    out.levels.resize(numLevels);
    for (LevelEnergy &le : out.levels)
      le.spacePJ.resize(numSpaces);
  }
  out.totalPJ = 0;
  // Weights, inputs and outputs (every layer of a convolution or a matrix
  // product) with the data space loops unrolled.
  if (numSpaces == 3)
    estimateLevels<3>(counts, out);
  else
    estimateLevels<0>(counts, out);
  // Timeloop charges the compute units computes x energy per compute and no
  // leakage (TIMELOOP-SEMANTICS.md §7; the tutorial's Eyeriss-like case: mac
  // = 315.00 fJ/compute with a 0.315 pJ MAC and a nonzero leak entry).
  // A crossbar's MAC is several cell operations, and its converters count
  // apart.
  out.macPJ = counts.computes * cellOpsPerMac * macPJ;
  out.dacPJ = counts.dacConversions * dacPJ;
  out.adcPJ = counts.adcConversions * adcPJ;
  out.totalPJ += out.macPJ + out.dacPJ + out.adcPJ;
}

void dnnopt::estimateEnergy(const Problem &problem, const ArchSpec &arch,
                            const ActionCounts &counts, EnergyBreakdown &out) {
  EnergyEstimator(problem, arch).estimate(counts, out);
}

//===- Energy.cpp - energy of a mapped problem from its action counts -----===//
//
// Timeloop's energy rules on the counts of ActionCounts (see Energy.h).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Analysis/Energy.h"

#include <algorithm>

using namespace dnnopt;

double LevelEnergy::getTotalPJ() const {
  double total = leakPJ + networkPJ;
  for (double e : spacePJ)
    total += e;
  return total;
}

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

void dnnopt::estimateEnergy(const Problem &problem, const ArchSpec &arch,
                            const ActionCounts &counts, EnergyBreakdown &out) {
  unsigned numLevels = arch.levels.size();
  unsigned numSpaces = problem.dataSpaces.size();
  out.levels.resize(numLevels);
  out.totalPJ = 0;
  for (unsigned l = 0; l < numLevels; ++l) {
    const StorageLevelSpec &spec = arch.levels[l];
    const LevelCounts &lc = counts.levels[l];
    LevelEnergy &le = out.levels[l];
    le.spacePJ.resize(numSpaces);
    le.networkPJ = 0;
    int64_t maxInstances = 0;
    // A power-of-two block (the usual case) rounds with a shift, one
    // branch per level, none per data space (the mapper costs every
    // candidate); counts are never negative.
    const int64_t blockSize = std::max<int64_t>(spec.blockSize, 1);
    const bool shiftBlocks = (blockSize & (blockSize - 1)) == 0;
    const unsigned shift = __builtin_ctzll(blockSize);
    auto toBlocks = [&](int64_t scalar) {
      return shiftBlocks ? (scalar + blockSize - 1) >> shift
                         : blocks(scalar, blockSize);
    };
    const bool clipped = !lc.clippedTotals.empty();
    for (unsigned s = 0; s < numSpaces; ++s) {
      const DataSpaceCounts &dc = lc.spaces[s];
      if (!dc.kept) {
        le.spacePJ[s] = 0;
        continue;
      }
      double perInstance = toBlocks(dc.reads) * spec.readPJ.value +
                           toBlocks(dc.fills) * spec.fillPJ.value +
                           toBlocks(dc.updates) * spec.updatePJ.value;
      le.spacePJ[s] = perInstance * (double)dc.utilizedInstances;
      // An imperfect mapping's instances differ: its exact totals, rounded
      // to blocks as a whole.
      if (LLVM_UNLIKELY(clipped)) {
        const AccessTotals &t = lc.clippedTotals[s];
        le.spacePJ[s] = blocks(t.reads, spec.blockSize) * spec.readPJ.value +
                        blocks(t.fills, spec.blockSize) * spec.fillPJ.value +
                        blocks(t.updates, spec.blockSize) * spec.updatePJ.value;
      }
      maxInstances = std::max(maxInstances, dc.utilizedInstances);
    }
    le.leakPJ = spec.leakPJ.value * counts.cycles * maxInstances;
    const FanoutSpec &fanout = getFanoutBelow(arch, l);
    if (fanout.transferPJ.value != 0)
      for (unsigned s = 0; s < numSpaces; ++s)
        le.networkPJ +=
            !lc.clippedTotals.empty()
                ? lc.clippedTotals[s].networkDeliveries *
                      fanout.transferPJ.value
                : lc.spaces[s].networkDeliveries * fanout.transferPJ.value *
                      std::max<int64_t>(lc.spaces[s].utilizedInstances, 1);
    out.totalPJ += le.getTotalPJ();
  }
  // Timeloop charges the compute units computes x energy per compute and no
  // leakage (TIMELOOP-SEMANTICS.md §7; the tutorial's Eyeriss-like case: mac
  // = 315.00 fJ/compute with a 0.315 pJ MAC and a nonzero leak entry).
  // A crossbar's MAC is several cell operations, and its converters count
  // apart.
  out.macPJ = counts.computes * arch.compute.getCellOpsPerMac() *
              arch.compute.macPJ.value;
  out.dacPJ = counts.dacConversions * arch.compute.dacPJ.value;
  out.adcPJ = counts.adcConversions * arch.compute.adcPJ.value;
  out.totalPJ += out.macPJ + out.dacPJ + out.adcPJ;
}

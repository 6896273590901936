//===- Energy.h - energy of a mapped problem from its action counts -*- C++
//-*-===//
//
// Energy = actions x energy per action, by Timeloop's rules
// (TIMELOOP-SEMANTICS.md §7, in our words in docs/action-counts.md): per
// level and data space, each of read, fill and update is rounded up to whole
// blocks separately, charged at the level's energy per block access and
// multiplied by the instances holding the data space; leakage is charged
// over the final (throttled) cycles on the utilized instances; MACs at the
// compute unit's energy; network words at the fan-out's energy per transfer
// (0 for a wire-less network, as Timeloop without a wire ERT entry). Used by
// the mapper for every candidate and by the energy analysis, so both agree.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_ANALYSIS_ENERGY_H
#define DNNOPT_ANALYSIS_ENERGY_H

#include "dnnopt/Analysis/ActionCounts.h"

namespace dnnopt {

/// Energy of one storage level.
struct LevelEnergy {
  /// Per problem data space: reads, fills and updates (pJ).
  llvm::SmallVector<double, 4> spacePJ;
  double leakPJ = 0;
  /// Transfers over the fan-out below the level (pJ).
  double networkPJ = 0;
  double getTotalPJ() const;
};

/// Energy of a mapped problem, by component and data space.
struct EnergyBreakdown {
  llvm::SmallVector<LevelEnergy, 8> levels;
  /// Computes x energy per compute (no leakage, as Timeloop).
  double macPJ = 0;
  /// A crossbar's DAC and ADC conversions (pJ).
  double dacPJ = 0, adcPJ = 0;
  double totalPJ = 0;
};

/// Fills `out` from the counts of `problem` mapped onto `arch`. No
/// allocation once `out` has been sized by a first call.
void estimateEnergy(const Problem &problem, const ArchSpec &arch,
                    const ActionCounts &counts, EnergyBreakdown &out);

} // namespace dnnopt

#endif // DNNOPT_ANALYSIS_ENERGY_H

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
  /// Leakage, then the network, then the data spaces in order (the
  /// summation order of every report).
  double getTotalPJ() const { return getTotalPJ(spacePJ.size()); }
  /// The same for the first `numSpaces` data spaces (all of them): a
  /// count known at compile time unrolls the sum.
  double getTotalPJ(unsigned numSpaces) const {
    double total = leakPJ + networkPJ;
    for (unsigned s = 0; s < numSpaces; ++s)
      total += spacePJ[s];
    return total;
  }
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

/// The energy rules with the figures of one problem and arch gathered once:
/// the mapper costs every candidate against the same arch, and a compact
/// table per level spares it the arch's spread-out fields and the
/// per-level derivations (block shifts, the fan-out below).
class EnergyEstimator {
public:
  EnergyEstimator(const Problem &problem, const ArchSpec &arch);

  /// Fills `out` from the counts of a mapping of the problem onto the arch.
  /// No allocation once `out` has been sized by a first call.
  void estimate(const ActionCounts &counts, EnergyBreakdown &out) const;

private:
  struct Level {
    double readPJ, fillPJ, updatePJ, leakPJ;
    /// Per transfer over the fan-out below the level.
    double transferPJ;
    /// At least 1; a power of two (the usual case) rounds with `shift`.
    int64_t blockSize;
    unsigned shift;
    bool shiftBlocks;
  };
  /// One level's data spaces, leakage and network. Instantiated apart for
  /// the usual case (counts per instance, power-of-two blocks) so that its
  /// loop keeps its figures in registers.
  /// `NumSpaces`: the count of data spaces, or 0 for `numSpaces`.
  template <unsigned NumSpaces, bool Clipped, bool ShiftBlocks>
  static void estimateLevel(const Level &level, const LevelCounts &lc,
                            unsigned numSpaces, double cycles, LevelEnergy &le);
  /// Every level's energy into `out` (sized), added to its total.
  template <unsigned NumSpaces>
  void estimateLevels(const ActionCounts &counts, EnergyBreakdown &out) const;
  llvm::SmallVector<Level, 8> levels;
  unsigned numSpaces;
  int64_t cellOpsPerMac;
  double macPJ, dacPJ, adcPJ;
};

/// Fills `out` from the counts of `problem` mapped onto `arch` (an
/// EnergyEstimator used once). No allocation once `out` has been sized by a
/// first call.
void estimateEnergy(const Problem &problem, const ArchSpec &arch,
                    const ActionCounts &counts, EnergyBreakdown &out);

} // namespace dnnopt

#endif // DNNOPT_ANALYSIS_ENERGY_H

//===- ArchSpec.h - plain-data view of an accel.arch ------------*- C++ -*-===//
//
// The mapper and the action counter work on this struct, never on the IR: a
// list of storage levels from outermost to innermost, the fan-out into each,
// and the compute unit, with every energy per action resolved to a number
// and its source (explicit `#accel.action`, else the component's or arch's
// energy model). Built once from an `accel.arch` by `buildArchSpec`.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_COST_ARCHSPEC_H
#define DNNOPT_COST_ARCHSPEC_H

#include "dnnopt/Cost/EnergyModel.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/LogicalResult.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accel {
class ArchOp;
} // namespace accel

namespace dnnopt {

/// Timeloop's data spaces of a convolution-like workload.
enum class DataSpace : unsigned { Weights = 0, Inputs = 1, Outputs = 2 };
/// `Weights`, `Inputs` or `Outputs`.
llvm::StringRef stringifyDataSpace(DataSpace space);
constexpr unsigned kNumDataSpaces = 3;

/// One action as an ERT lists it: name, arguments, energy, source.
struct ActionEnergy {
  std::string name;
  llvm::SmallVector<std::pair<std::string, std::string>> arguments;
  double energyPJ = 0;
  std::string source;
};

/// The network of a fan-out into a level (1 x 1 when there is none). When
/// several fan-outs precede a level (an imported NoC is a 1 x 1 fan-out
/// before the PE array), their meshes multiply and the last one's flags and
/// transfer energy apply; every network's own actions are in
/// ArchSpec::networks.
struct FanoutSpec {
  int64_t meshX = 1;
  int64_t meshY = 1;
  bool multicast = true;
  bool spatialReduction = true;
  /// Energy of moving one word over one hop; 0 with source "none" for a
  /// wire-less network (as Timeloop).
  Estimate transferPJ{0, "none (wire-less network, as Timeloop)"};
  /// Words per cycle between one parent instance and the array; unset:
  /// unbounded. Not in Timeloop's cycles (an Eyexam step-7 loss).
  std::optional<double> bandwidth;
  /// The rows x weight columns of a PIM crossbar (X: weights along a row,
  /// whose input they share; Y: rows, whose products add up on a column):
  /// Y may carry only reduction dims, X only dims that do not index inputs.
  bool crossbar = false;
  int64_t getFanout() const { return meshX * meshY; }
};

/// What every component has: name, class, instances and their arrangement,
/// all its actions, area per instance.
struct ComponentSpec {
  std::string name;
  std::string componentClass;
  int64_t instances = 1;
  int64_t meshX = 1;
  int64_t meshY = 1;
  /// The fan-out between the previous component and this one.
  FanoutSpec fanoutAbove;
  /// Every action with its energy, explicit ones first, then the model's:
  /// what --export-ert prints.
  std::vector<ActionEnergy> actions;
  /// Area of one instance (um^2); unset when no model gives one.
  std::optional<Estimate> areaUM2;
};

/// The mapspace constraints an arch puts on one storage level (the
/// `constraints` of accel.storage, Timeloop v0.4 inline constraints), as
/// written: dim and data space names, resolved when a problem is mapped
/// (dnnopt/Search/MapspaceConstraints.h).
struct LevelConstraintText {
  struct Loops {
    bool present = false;
    /// `N=1`, `C<=4`, ... as written.
    llvm::SmallVector<std::string, 8> factors;
    /// Dim names, innermost first.
    llvm::SmallVector<std::string, 8> permutation;
    std::optional<int64_t> split;
  };
  Loops temporal, spatial;
  llvm::SmallVector<std::string, 3> keep, bypass;
  /// file:line:col of the YAML they came from (may be empty).
  std::string source;
};

/// A storage level. Energies are per block access (`blockSize` words), as
/// the ERT defines them; Timeloop charges ceil(accesses / blockSize) of them
/// (TIMELOOP-SEMANTICS.md §7).
struct StorageLevelSpec : ComponentSpec {
  std::string technology;
  std::optional<int64_t> sizeWords;
  int64_t wordBits = 0;
  int64_t blockSize = 1;
  std::optional<double> readBandwidth, writeBandwidth, sharedBandwidth;
  double multipleBuffering = 1;
  int64_t ports = 1;
  std::array<bool, kNumDataSpaces> keepsSpace = {true, true, true};
  /// Energies the counts use (Timeloop's action priority; the largest among
  /// argument variants). Unused (0, source "not needed") for a level that
  /// holds nothing.
  Estimate readPJ, fillPJ, updatePJ, leakPJ;
  /// Mapspace constraints of the arch on this level, if any.
  std::optional<LevelConstraintText> constraints;

  bool keeps(DataSpace space) const {
    return keepsSpace[static_cast<unsigned>(space)];
  }
  bool holdsNothing() const {
    return !keepsSpace[0] && !keepsSpace[1] && !keepsSpace[2];
  }
  /// The weight cells of a PIM crossbar, as a level (ArchSpec's expansion of
  /// an accel.crossbar; not a component of its own in ERT exports).
  bool crossbarCells = false;
};

/// The compute units: MACs, or a PIM crossbar.
struct ComputeSpec : ComponentSpec {
  int64_t precisionBits = 0;
  bool isFloat = false;
  /// Energy of one MAC (for a crossbar: one cell operation) and leakage per
  /// cycle of one instance.
  Estimate macPJ, leakPJ;
  /// Crossbar only. A crossbar is expanded into a level of weight cells
  /// (`rows x columns / columnsPerWeight` words per crossbar), a fan-out of
  /// `columns / columnsPerWeight` x `rows` below it, and one logical MAC per
  /// weight: `instances` counts those logical MACs. One MAC is
  /// `columnsPerWeight x inputSlices` cell operations (weight bits over
  /// cell bits, input bits over DAC bits); one activation of the crossbar
  /// takes `cyclesPerCompute` cycles (input slices one after the other,
  /// each read out by ADCs shared by `columnsPerAdc` columns at `adcMHz`).
  bool isCrossbar = false;
  int64_t rows = 0, columns = 0, cellBits = 0, dacBits = 0, adcBits = 0;
  int64_t columnsPerAdc = 1;
  double adcMHz = 0;
  Estimate dacPJ, adcPJ;
  int64_t columnsPerWeight = 1, inputSlices = 1;
  /// Crossbars (the level of weight cells has one instance per crossbar).
  int64_t crossbars = 0;
  /// Cycles of one MAC step (1 for MAC units).
  int64_t cyclesPerCompute = 1;
  int64_t getCellOpsPerMac() const { return columnsPerWeight * inputSlices; }
  /// The units built: the crossbars, else the MAC units. `areaUM2` is the
  /// area of one of them.
  int64_t getPhysicalInstances() const {
    return isCrossbar ? crossbars : instances;
  }
};

struct ArchSpec {
  std::string name;
  double clockMHz = 0;
  double technologyNM = 45;
  /// Storage levels, outermost (DRAM) first.
  std::vector<StorageLevelSpec> levels;
  ComputeSpec compute;
  /// The fan-outs as components (their `transfer` actions, area), in order.
  std::vector<ComponentSpec> networks;
};

/// Builds the plain-data view of `arch`, which must verify. Emits an error
/// on the component (naming it and the action) when an action the counts
/// need has no explicit energy and the energy model cannot give one.
llvm::FailureOr<ArchSpec> buildArchSpec(accel::ArchOp arch);

} // namespace dnnopt

#endif // DNNOPT_COST_ARCHSPEC_H

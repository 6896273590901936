//===- MapspaceConstraints.h - what the mapper may choose -------*- C++ -*-===//
//
// Mapspace constraints in the sense of Timeloop's mapper: per storage level,
// temporal factors per dim (exact or at most), the innermost (and
// outermost) temporal loops in a fixed order, spatial factors onto the
// fan-out below the level with each dim's X/Y axis (Timeloop's spatial
// permutation and `split`), and data spaces the level must keep or must
// bypass; and a minimum utilization of the compute units.
//
// Two forms. `ConstraintEntry` is one constraint as written (names of dims
// and data spaces, its source file:line:col), with its target already
// resolved to a level of the arch: problem-independent, read once from a
// Timeloop constraints file
// (dnnopt/Target/Timeloop/ImportTimeloopConstraints.h) or from the arch's own
// inline constraints (accel.storage `constraints`). `MapspaceConstraints` is
// the resolved form for one problem: indices and numbers the mapper reads in
// its inner loop. The dataflow presets are built as resolved constraints too,
// so the mapper knows one concept.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SEARCH_MAPSPACECONSTRAINTS_H
#define DNNOPT_SEARCH_MAPSPACECONSTRAINTS_H

#include "dnnopt/Mapping/Mapping.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace dnnopt {

/// Dataflow presets: constraints on the innermost storage level.
enum class Dataflow {
  /// No constraint.
  Any,
  /// The innermost level's temporal loops leave the weights in place: dims
  /// that index the weights have factor 1 there.
  WeightStationary,
  /// Same for the outputs (partial sums accumulate in place).
  OutputStationary,
  /// Same for the inputs.
  InputStationary,
  /// Eyeriss's row stationary, approximated: the innermost temporal loops
  /// run only over the kernel's last dim (S) and the output's last dim (Q),
  /// and the Y dim of the PE array only over kernel rows (R).
  RowStationary,
  /// No reuse inside the PEs: the innermost level keeps nothing.
  NoLocalReuse,
};

std::optional<Dataflow> parseDataflow(llvm::StringRef name);
llvm::StringRef stringifyDataflow(Dataflow dataflow);

/// One constraint as written, its target resolved to a storage level.
struct ConstraintEntry {
  enum class Kind { Temporal, Spatial, DataSpace, Utilization };
  Kind kind = Kind::Temporal;
  /// ArchSpec level, outermost 0. A spatial constraint names the level
  /// above the fan-out it constrains.
  unsigned level = 0;
  /// "file:line:col" of the constraint, for diagnostics (may be empty).
  std::string where;
  /// Temporal and spatial: factor terms as written.
  llvm::SmallVector<FactorTerm, 8> factors;
  /// Dim names, innermost first; `outermost` are those after Timeloop's
  /// `_` separator (the outermost loops, in order).
  llvm::SmallVector<std::string, 8> permutation, outermost;
  /// Spatial: the first `split` dims of the permutation are X loops.
  std::optional<int64_t> split;
  /// DataSpace: names of problem data spaces (or Weights/Inputs/Outputs).
  llvm::SmallVector<std::string, 3> keep, bypass;
  /// Utilization: the least share of the compute units a mapping uses.
  double minUtilization = 0;
  /// Where the `factors`, `permutation`, `keep` and `bypass` values were
  /// written, for errors about a name in them (empty: use `where`).
  std::string factorsWhere, permutationWhere, keepWhere, bypassWhere;
};

/// The arch's own constraints (accel.storage `constraints`) as entries.
/// Fails on factor text that does not parse.
llvm::Expected<std::vector<ConstraintEntry>>
getArchConstraintEntries(const ArchSpec &arch);

/// The constraints of one storage level, resolved for one problem.
struct LevelConstraints {
  /// Spatial axis a dim may take below the level.
  enum Axis : uint8_t { AnyAxis = 0, XOnly = 1, YOnly = 2 };
  static constexpr int64_t kNoMax = std::numeric_limits<int64_t>::max();
  /// Per dim: the exact factor (0: free) and the largest factor.
  llvm::SmallVector<int64_t, 8> temporalExact, temporalMax;
  /// Spatial factors are the product of the X and Y factors of a dim.
  llvm::SmallVector<int64_t, 8> spatialExact, spatialMax;
  llvm::SmallVector<uint8_t, 8> spatialAxis;
  /// Temporal loop order: `innermost` dims first in this order, `outermost`
  /// dims last in this order (both possibly empty).
  llvm::SmallVector<unsigned, 8> innermost, outermost;
  /// Masks over the problem's data spaces.
  uint32_t mustKeep = 0, mustBypass = 0;
  /// Where each pinned value came from (for diagnostics), per dim.
  llvm::SmallVector<std::string, 8> temporalWhere, spatialWhere;
  std::string permutationWhere, splitWhere, keepWhere;
};

/// Mapspace constraints resolved for one problem and arch.
struct MapspaceConstraints {
  std::vector<LevelConstraints> levels;
  double minUtilization = 0;
  std::string utilizationWhere;
  /// True when nothing is constrained (the mapper then draws exactly as
  /// without constraints).
  bool unconstrained = true;

  /// No constraint on any level of `arch` for `problem`.
  static MapspaceConstraints getEmpty(const Problem &problem,
                                      const ArchSpec &arch);
};

/// Adds the entries to `into`. Dims and data spaces resolve by name
/// (a data space also by its arch name, Weights/Inputs/Outputs); an
/// unknown name, a factor that does not divide the dim's bound, an exact
/// factor beyond a maximum, or a value that contradicts one already set is
/// an error naming the entry's file:line:col.
llvm::Error addConstraints(MapspaceConstraints &into,
                           llvm::ArrayRef<ConstraintEntry> entries,
                           const Problem &problem, const ArchSpec &arch);

/// Adds the constraints of a dataflow preset (source "dataflow <name>").
llvm::Error addDataflow(MapspaceConstraints &into, Dataflow dataflow,
                        const Problem &problem, const ArchSpec &arch);

/// Checks that some mapping can satisfy the constraints, as far as the
/// factors, fan-outs and keep masks tell without a search: pinned factors
/// of a dim divide its bound, a dim's unpinned rest has a loop left, pinned
/// spatial factors fit the fan-out, the outermost level keeps everything,
/// and a level keeps only what the arch lets it hold. The error names the
/// constraints involved.
llvm::Error checkSatisfiable(const MapspaceConstraints &constraints,
                             const Problem &problem, const ArchSpec &arch);

/// Everything the mapper applies for one problem: the arch's inline
/// constraints, `entries` (a constraints file) and the dataflow preset,
/// merged and checked with checkSatisfiable.
llvm::Expected<MapspaceConstraints>
resolveConstraints(const Problem &problem, const ArchSpec &arch,
                   llvm::ArrayRef<ConstraintEntry> entries, Dataflow dataflow);

/// Eyexam's step 2, the dataflow's parallelism: the most MACs that can run
/// at once when the fan-outs may be as large as needed but the dataflow's
/// constraints (presets, constraint files, the arch's inline constraints,
/// a crossbar's rows and columns) still hold. Per dim, the bound over the
/// temporal factors the constraints pin, capped by the spatial factors they
/// allow on the arch's fan-outs; the product over dims.
int64_t getDataflowParallelism(const MapspaceConstraints &constraints,
                               const Problem &problem, const ArchSpec &arch);

/// Checks a mapping against the constraints; the error names the first
/// violated one (and its file:line:col).
llvm::Error checkMappingConstraints(const MapspaceConstraints &constraints,
                                    const Problem &problem,
                                    const ArchSpec &arch,
                                    const Mapping &mapping);

} // namespace dnnopt

#endif // DNNOPT_SEARCH_MAPSPACECONSTRAINTS_H

//===- Mapper.h - search mappings of a problem onto an arch -----*- C++ -*-===//
//
// The mapper: for one loop problem and one ArchSpec, searches tiling factors
// (temporal per level, spatial onto the X and Y dims of each fan-out), loop
// orders and bypass choices under capacity, fan-out and dataflow
// constraints and the mapspace constraints of MapspaceConstraints.h (the
// arch's own, a constraints file's, the dataflow preset's), and keeps the
// best by an objective. Candidates are evaluated
// by the closed-form ActionCounter and estimateEnergy on plain data.
//
// The search samples random factorizations (repairing capacity overflows by
// moving factors outward), then refines the best by local moves. Its budget
// is a number of candidates split into fixed streams, each with its own
// random generator, so the result depends only on the seed and the budget,
// not on the number of threads or the machine's load. A wall-time guard
// cuts a search short and says so.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SEARCH_MAPPER_H
#define DNNOPT_SEARCH_MAPPER_H

#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Analysis/Energy.h"
#include "dnnopt/Mapping/Mapping.h"
#include "dnnopt/Search/MapspaceConstraints.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>

namespace dnnopt {

/// What the mapper minimizes.
enum class Objective { Energy, Delay, EDP, DramAccesses };

std::optional<Objective> parseObjective(llvm::StringRef name);
llvm::StringRef stringifyObjective(Objective objective);

struct MapperOptions {
  Objective objective = Objective::EDP;
  Dataflow dataflow = Dataflow::Any;
  /// Candidates generated (valid or not), over all streams.
  uint64_t budget = 50000;
  uint64_t seed = 1;
  /// Wall-time guard for one search.
  double timeoutSeconds = 60;
  /// Threads; 0 uses the machine's. The result does not depend on it.
  unsigned threads = 0;
  /// Also search which data spaces the inner levels bypass.
  bool searchBypass = true;
  /// Also search imperfect factors (off by default): half the candidates
  /// split some dims as if their bound were rounded up to a smoother
  /// number, the outermost loop of each such dim running ceil(bound /
  /// inner) iterations; they are counted on the clipped nest.
  bool imperfect = false;
  /// Mapspace constraints (a Timeloop constraints file), applied with the
  /// arch's inline constraints and the dataflow preset to every candidate.
  std::vector<ConstraintEntry> constraints;
};

struct MapperResult {
  Mapping mapping;
  ActionCounts counts;
  EnergyBreakdown energy;
  double objectiveValue = 0;
  /// Candidates generated, those that met every constraint (after repair),
  /// those evaluated, and those pruned (no repair fits them).
  uint64_t generated = 0, valid = 0, evaluated = 0, pruned = 0;
  /// The wall-time guard stopped the search before its budget.
  bool cutShort = false;
  double seconds = 0;
};

/// Value of `objective` for a counted and costed mapping.
double getObjectiveValue(Objective objective, const ActionCounts &counts,
                         const EnergyBreakdown &energy);

/// DRAM (outermost level) word accesses: reads, fills and updates of every
/// data space on every utilized instance.
int64_t getOuterAccesses(const ActionCounts &counts);

/// Searches the best mapping of `problem` onto `arch`. Fails when no
/// candidate fits (the message names the constraint that never held).
llvm::Expected<MapperResult> searchMapping(const Problem &problem,
                                           const ArchSpec &arch,
                                           const MapperOptions &options);

} // namespace dnnopt

#endif // DNNOPT_SEARCH_MAPPER_H

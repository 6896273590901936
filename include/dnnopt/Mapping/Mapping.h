//===- Mapping.h - plain-data loop problems and mappings --------*- C++ -*-===//
//
// The two plain-data inputs of the action counter and the mapper besides the
// architecture (ArchSpec): a loop problem (named dims with bounds, and per
// data space the integer coefficient matrix of its projection, as a Timeloop
// problem shape describes it) and a mapping of that problem onto the storage
// levels of an ArchSpec (per level: temporal factors and their order, the
// spatial factors onto the X and Y dims of the fan-out below the level, and
// which data spaces the level keeps). Validation checks a mapping against the
// bounds, the capacities and the fan-outs; printing writes the loop nest in
// the layout of Timeloop's map.txt. No IR: the mapper builds and checks
// millions of these.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_MAPPING_MAPPING_H
#define DNNOPT_MAPPING_MAPPING_H

#include "dnnopt/Cost/ArchSpec.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dnn {
struct Workload;
} // namespace dnn

namespace dnnopt {

/// Most dims, data spaces, levels a problem or mapping may have (the action
/// counter keeps its working state in fixed arrays of these sizes).
constexpr unsigned kMaxProblemDims = 16;
constexpr unsigned kMaxProblemSpaces = 8;
constexpr unsigned kMaxRanks = 8;
constexpr unsigned kMaxMappingLevels = 16;
/// Most loops of factor > 1 (temporal and spatial, all levels together).
constexpr unsigned kMaxMappingLoops = 64;

/// One tensor of a loop problem: its projection `rank r = sum_d
/// coefficients[r * numDims + d] * dim_d` (Timeloop's `projection`, with the
/// coefficients resolved), and which of the architecture's data spaces it
/// occupies.
struct ProblemDataSpace {
  std::string name;
  /// The architecture data space whose keep/bypass it follows.
  DataSpace archSpace = DataSpace::Inputs;
  /// The output, reduced in place (Timeloop's `read_write`).
  bool readWrite = false;
  unsigned numRanks = 0;
  /// numRanks x numDims, row-major.
  llvm::SmallVector<int64_t, 16> coefficients;

  int64_t getCoefficient(unsigned rank, unsigned dim, unsigned numDims) const {
    return coefficients[rank * numDims + dim];
  }
};

/// An iteration space with one MAC per point, and its data spaces.
struct Problem {
  std::string name;
  llvm::SmallVector<std::string, 8> dimNames;
  llvm::SmallVector<int64_t, 8> bounds;
  llvm::SmallVector<ProblemDataSpace, 3> dataSpaces;

  unsigned getNumDims() const { return bounds.size(); }
  /// Number of points (MACs) of the whole space.
  int64_t getPoints() const;
  /// Size of the box `space` covers when dim d spans `extents[d]` points:
  /// the product over ranks of `1 + sum_d |coef| * (extents[d] - 1)`; the
  /// holes of strided or dilated windows count, as in Timeloop.
  int64_t getTileSize(unsigned space, llvm::ArrayRef<int64_t> extents) const;
  /// The data space's size over the whole problem.
  int64_t getDataSpaceSize(unsigned space) const {
    return getTileSize(space, bounds);
  }
  std::optional<unsigned> findDim(llvm::StringRef name) const;
  std::optional<unsigned> findDataSpace(llvm::StringRef name) const;
  /// Checks the invariants the counter relies on (one read-write space at
  /// most, sizes within the fixed limits, positive bounds).
  llvm::Error verify() const;
};

/// Builds the loop problem of a workload (dims, bounds and the coefficients
/// of its linear projections). Fails on a non-linear projection or a
/// workload that is not modeled.
llvm::Expected<Problem> problemFromWorkload(const dnn::Workload &workload);

/// The mapping directives of one storage level.
struct LevelMapping {
  /// Temporal loop factor of every problem dim (1 = no loop).
  llvm::SmallVector<int64_t, 8> temporalFactors;
  /// All problem dims, innermost loop first (Timeloop's `permutation`).
  llvm::SmallVector<unsigned, 8> temporalOrder;
  /// Spatial factors of every dim onto the fan-out below this level.
  llvm::SmallVector<int64_t, 8> spatialFactors;
  /// All problem dims, innermost first; the first `spatialSplit` of them are
  /// X loops, the rest Y loops (Timeloop's `split`).
  llvm::SmallVector<unsigned, 8> spatialOrder;
  unsigned spatialSplit = 0;
  /// Bit i set: the level keeps problem data space i.
  uint32_t keepMask = 0;

  bool keeps(unsigned space) const { return keepMask >> space & 1; }
  bool hasSpatialLoops() const;
};

/// A mapping of a problem onto an ArchSpec: one entry per storage level,
/// outermost first (as ArchSpec::levels).
struct Mapping {
  std::vector<LevelMapping> levels;
};

/// A mapping with every factor 1 except at the outermost level, which holds
/// the whole problem; every level keeps what the arch lets it keep (all
/// spatial dims on X).
Mapping makeOuterMapping(const Problem &problem, const ArchSpec &arch);

/// Which arch data spaces the level keeps by default, as a mask over the
/// problem's data spaces.
uint32_t getDefaultKeepMask(const Problem &problem,
                            const StorageLevelSpec &level);

/// The fan-out below storage level `level` (into the next level, or into
/// the compute units below the innermost level).
const FanoutSpec &getFanoutBelow(const ArchSpec &arch, unsigned level);

/// Checks that the mapping fits the problem and the arch: one entry per
/// level, permutations of all dims, factors that multiply to each bound,
/// spatial X and Y products within the fan-out's meshX and meshY, spatial
/// factors only where there is a fan-out, the outermost level keeps every
/// data space, and the tiles a level keeps fit its effective capacity
/// (size / multiple buffering). The message names the level and the factor.
llvm::Error validateMapping(const Problem &problem, const ArchSpec &arch,
                            const Mapping &mapping);

/// One term of Timeloop's `factors` text: `R=3` (or `R3`), `P<=4`, `C>=2`.
struct FactorTerm {
  enum class Relation { Equal, AtMost, AtLeast };
  std::string dim;
  Relation relation = Relation::Equal;
  /// With Equal, 0 means the dim's full bound (as in Timeloop).
  int64_t value = 0;
};

/// Parses `factors` text as Timeloop's parsers read it: terms
/// `<letters> [=] <digits>`, `<letters> <= <digits>` and
/// `<letters> >= <digits>`, separated by anything else; `#` starts a
/// comment. A residual (`R=3,2`, an imperfect factor) is an error unless it
/// equals the factor. Dims are names, not checked here.
llvm::Error parseFactorTerms(llvm::StringRef text,
                             llvm::SmallVectorImpl<FactorTerm> &terms);

/// Prints the mapping as a loop nest, outermost level first, in the layout
/// of Timeloop's map.txt: each level with the tiles it keeps
/// (`Weights:192 (192)`), then its temporal loops and the spatial loops onto
/// its fan-out, `<< Compute >>` at the bottom. Loops of factor 1 are not
/// printed.
void printMapping(llvm::raw_ostream &os, const Problem &problem,
                  const ArchSpec &arch, const Mapping &mapping);

} // namespace dnnopt

#endif // DNNOPT_MAPPING_MAPPING_H

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
#include "llvm/ADT/STLFunctionalExtras.h"
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
  /// Whether dim `dim` appears in the projection of data space `space`.
  bool indexes(unsigned space, unsigned dim) const;
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

/// One term `coefficient x dim` of a rank of a projection.
struct ProjectionTerm {
  unsigned dim;
  int64_t coefficient = 1;
};

/// A data space of a problem with `numDims` dims whose rank r is the sum of
/// the terms `ranks[r]` (a plain data view of Timeloop's `projection`).
ProblemDataSpace
makeDataSpace(llvm::StringRef name, DataSpace archSpace, unsigned numDims,
              llvm::ArrayRef<std::vector<ProjectionTerm>> ranks,
              bool readWrite = false);

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

  /// Field-by-field equality (orders included; compare canonical forms,
  /// see canonicalizeMapping, to ignore where loops of factor 1 sit).
  bool operator==(const LevelMapping &other) const;
  bool operator!=(const LevelMapping &other) const { return !(*this == other); }
};

/// A mapping of a problem onto an ArchSpec: one entry per storage level,
/// outermost first (as ArchSpec::levels).
struct Mapping {
  std::vector<LevelMapping> levels;

  bool operator==(const Mapping &other) const { return levels == other.levels; }
  bool operator!=(const Mapping &other) const { return !(*this == other); }
};

/// The extents of the tile of every level (outermost first): per dim, the
/// product of the level's temporal and spatial factors and those of every
/// level below it. A data space's tile at level l has
/// `problem.getTileSize(space, extents[l])` words per instance.
std::vector<llvm::SmallVector<int64_t, 8>>
getTileExtents(const Mapping &mapping, unsigned numDims);

/// The residual of a loop of factor `factor` over a dim of bound `bound`
/// whose loops inside it multiply to `stride` (see getResiduals).
inline int64_t getResidual(int64_t bound, int64_t stride, int64_t factor) {
  return (bound - 1) / stride % factor + 1;
}

/// The residual of every loop (per level, per dim; temporal and spatial):
/// the iterations it runs on its dim's last path, where every loop of the
/// dim outside it is at its last index. The loops of a dim count in mixed
/// radix (the outermost loop is the most significant digit) up to the bound
/// minus 1, so a loop of factor f whose loops of the same dim inside it
/// multiply to s has residual ((bound - 1) / s) mod f + 1 (Timeloop's
/// `P=4,3`: factor 4, residual 3). Every residual equals its factor exactly
/// when the mapping is perfect; factors of 1 have residual 1.
void getResiduals(const Problem &problem, const Mapping &mapping,
                  std::vector<llvm::SmallVector<int64_t, 8>> &temporal,
                  std::vector<llvm::SmallVector<int64_t, 8>> &spatial);

/// The mapping with the loops of factor 1 moved to fixed places, which
/// changes nothing it means: per level, the temporal order lists the dims
/// of factor > 1 in their order, then the others by index; the spatial
/// order lists the X dims of factor > 1, the others by index, then the Y
/// dims of factor > 1, and `split` ends after the others (they count as
/// X). Two mappings that differ only where their loops of factor 1 sit
/// have one canonical form; a loop nest keeps no loop of factor 1, so what
/// readLoopNest returns is canonical.
Mapping canonicalizeMapping(const Mapping &mapping);

/// The checks of validateMapping that need no arch: one entry per level of
/// `numLevels` (named by `levelName` in messages), factors of every dim,
/// permutations, positive factors that multiply to each bound, at most
/// kMaxMappingLoops loops, and the outermost level keeps every data space.
/// With `imperfect` (off by default), the factors of a dim may multiply to
/// more than its bound when its outermost loop (of factor > 1; a level's
/// temporal loops sit outside its spatial ones) runs exactly the iterations
/// the bound needs: factor = ceil(bound / product of the dim's factors
/// inside it). The other loops then run their residual on the dim's last
/// path (see getResiduals), and the mapping is imperfect.
llvm::Error
checkMappingShape(const Problem &problem, unsigned numLevels,
                  llvm::function_ref<llvm::StringRef(unsigned)> levelName,
                  const Mapping &mapping, bool imperfect = false);

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

/// Whether dim `dim` may be mapped onto the X (`y` false) or Y axis of
/// `fanout`: any dim, but on a crossbar's array only dims that index no
/// input on X (the weights of a row share its input) and only dims that
/// index no output on Y (the rows add up on a column).
bool maySpatiallyMap(const Problem &problem, const FanoutSpec &fanout,
                     unsigned dim, bool y);

/// Checks that the mapping fits the problem and the arch: checkMappingShape
/// (one entry per arch level, permutations of all dims, factors that
/// multiply to each bound, the outermost level keeps every data space),
/// spatial X and Y products within the fan-out's meshX and meshY, spatial
/// factors only where there is a fan-out, and the tiles a level keeps fit
/// its effective capacity (size / multiple buffering). The message names
/// the level and the factor. `imperfect` accepts imperfect factors as
/// checkMappingShape does; a level's tile is then its full tile, clipped at
/// a bound only where the level's tile spans the whole dim.
llvm::Error validateMapping(const Problem &problem, const ArchSpec &arch,
                            const Mapping &mapping, bool imperfect = false);

/// Whether the mapping's factors of some dim multiply to more than its
/// bound (a mapping that passes validation with `imperfect`).
bool isImperfect(const Problem &problem, const Mapping &mapping);

/// One term of Timeloop's `factors` text: `R=3` (or `R3`), `P<=4`, `C>=2`.
struct FactorTerm {
  enum class Relation { Equal, AtMost, AtLeast };
  std::string dim;
  Relation relation = Relation::Equal;
  /// With Equal, 0 means the dim's full bound (as in Timeloop).
  int64_t value = 0;
  /// The residual of `R=4,3` (imperfect factors), 0 when none is given.
  int64_t residual = 0;
};

/// Parses `factors` text as Timeloop's parsers read it: terms
/// `<letters> [=] <digits>`, `<letters> <= <digits>` and
/// `<letters> >= <digits>`, separated by anything else; `#` starts a
/// comment. A residual (`R=4,3`, an imperfect factor) is kept in the term;
/// unless `allowResiduals`, it is an error when it differs from the factor.
/// Dims are names, not checked here.
llvm::Error parseFactorTerms(llvm::StringRef text,
                             llvm::SmallVectorImpl<FactorTerm> &terms,
                             bool allowResiduals = false);

/// Prints the mapping as a loop nest, outermost level first, in the layout
/// of Timeloop's map.txt: each level with the tiles it keeps
/// (`Weights:192 (192)`), then its temporal loops and the spatial loops onto
/// its fan-out, `<< Compute >>` at the bottom. Loops of factor 1 are not
/// printed.
void printMapping(llvm::raw_ostream &os, const Problem &problem,
                  const ArchSpec &arch, const Mapping &mapping);

} // namespace dnnopt

#endif // DNNOPT_MAPPING_MAPPING_H

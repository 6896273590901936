//===- LoopNest.h - mappings as accel loop nests ----------------*- C++ -*-===//
//
// Converts between the plain-data Mapping of one op and the accel.loop_nest
// that materializes it: per storage level, the transfers that fill its
// tiles, its temporal loops and its spatial loops onto the fan-out below,
// with the MAC at the innermost point. accel-lower builds nests with
// buildLoopNest; a pass that walks nests reads them back with readLoopNest.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_MAPPING_LOOPNEST_H
#define DNNOPT_MAPPING_LOOPNEST_H

#include "accel/AccelOps.h"
#include "dnnopt/Mapping/Mapping.h"

#include "mlir/IR/Builders.h"

#include <string>

namespace dnnopt {

/// A mapping with the names the plain Mapping leaves to an ArchSpec: the
/// arch and its storage levels, outermost first (one per mapping level).
struct NamedMapping {
  std::string arch;
  llvm::SmallVector<std::string, 4> levelNames;
  Mapping mapping;
};

/// Builds, at `builder`'s insertion point, the loop nest of `mapping` (a
/// mapping of `problem` that passes checkMappingShape), named `target`:
/// an accel.level per level, an accel.tile into it for each data space it
/// keeps (from the nearest level above that keeps it; `words` is the tile
/// size, Problem::getTileSize of the level's extents), its temporal loops
/// in the mapping's order, its spatial Y then X loops, and accel.mac at
/// the bottom. Loops of factor 1 are left out.
accel::LoopNestOp buildLoopNest(mlir::OpBuilder &builder, mlir::Location loc,
                                llvm::StringRef target, const Problem &problem,
                                const NamedMapping &mapping);

/// Reads `nest` (a verified accel.loop_nest) back as a mapping of
/// `problem`, dims and data spaces matched by name. The result is
/// canonical (canonicalizeMapping): a nest holds no loop of factor 1, so
/// where those sit is not recorded. Fails when the nest's dims, bounds or
/// data spaces are not the problem's.
llvm::Expected<NamedMapping> readLoopNest(accel::LoopNestOp nest,
                                          const Problem &problem);

} // namespace dnnopt

#endif // DNNOPT_MAPPING_LOOPNEST_H

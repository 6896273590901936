//===- ImportTimeloopMapping.h - Timeloop problems and mappings -*- C++ -*-===//
//
// Reads Timeloop problem files (v0.3 and v0.4: `problem: {shape, instance}`,
// projections of `[dim]` / `[dim, coefficient]` terms, coefficients with
// defaults that `instance` may override; instance keys that are neither
// dims nor coefficients are ignored, as Timeloop does) and mapping files
// (the hand-written `target/type/factors/permutation` form and what
// timeloop-mapper writes: `factors: C1 M8` or `R=3,P=1` or a list,
// `split`, `type: datatype|bypass|dataspace` with `keep`/`bypass`; missing
// dims are 1 and `X=0` is the full bound) into the plain data of
// dnnopt/Mapping/Mapping.h. Errors read "file:line:col: message".
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPMAPPING_H
#define DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPMAPPING_H

#include "dnnopt/Mapping/Mapping.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace dnnopt {

/// Reads a Timeloop problem file. Data spaces take the arch data space of
/// their name (Weights, Inputs, Outputs); otherwise the read-write one is
/// Outputs and the others Weights then Inputs, in order.
llvm::Expected<Problem> importTimeloopProblem(llvm::StringRef path);

/// Reads a Timeloop mapping of `problem` onto `arch`. Temporal and bypass
/// directives target a storage level by name (or index, outermost = 0 as in
/// Timeloop: innermost first... see the .cpp); a spatial directive targets
/// the level above a fan-out: that level's name, the fan-out's name (a v0.4
/// container such as `PE`) or the `inter_<fan-out>_spatial` level the v0.4
/// front end inserts. Levels without directives keep the arch's defaults
/// with factors 1. The result is not validated (see validateMapping).
/// Residuals (`P=4,3`, imperfect factors) are refused unless `imperfect`;
/// with it, each written residual must be the one the mapping's factors and
/// the bound leave (see getResiduals), and validateMapping with `imperfect`
/// decides whether the factors are acceptable.
llvm::Expected<Mapping> importTimeloopMapping(llvm::StringRef path,
                                              const Problem &problem,
                                              const ArchSpec &arch,
                                              bool imperfect);

} // namespace dnnopt

#endif // DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPMAPPING_H

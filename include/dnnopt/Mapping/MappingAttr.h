//===- MappingAttr.h - mappings as #accel.mapping attributes ----*- C++ -*-===//
//
// Converts between the plain-data Mapping and the `#accel.mapping` attribute
// that an op carries as `accel.mapping`: levels are named (so the attribute
// reads on its own and survives an arch whose levels are reordered), dims
// are the positions of the op's workload dims, kept data spaces are named.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_MAPPING_MAPPINGATTR_H
#define DNNOPT_MAPPING_MAPPINGATTR_H

#include "accel/AccelDialect.h"
#include "dnnopt/Mapping/Mapping.h"

namespace dnnopt {

/// The attribute of `mapping` (of `problem` onto `arch`).
accel::MappingAttr getMappingAttr(mlir::MLIRContext *context,
                                  const Problem &problem, const ArchSpec &arch,
                                  const Mapping &mapping);

/// The mapping an attribute describes, resolved against `arch` (every arch
/// level must appear once, by name) and `problem` (factors per dim, kept
/// data spaces by name). Not validated (see validateMapping).
llvm::Expected<Mapping> getMappingFromAttr(accel::MappingAttr attr,
                                           const Problem &problem,
                                           const ArchSpec &arch);

/// The names of the levels of `attr`, in its order (outermost first).
llvm::SmallVector<llvm::StringRef>
getMappingLevelNames(accel::MappingAttr attr);

/// The mapping an attribute describes, its levels in the attribute's order
/// (outermost first, as the attribute is written): what needs no arch.
/// Fails on an entry that is not an #accel.level, a level named twice, and
/// factors or kept data spaces that do not fit `problem`. Not validated
/// (see checkMappingShape, validateMapping).
llvm::Expected<Mapping> getMappingFromAttr(accel::MappingAttr attr,
                                           const Problem &problem);

/// Whether accel-map accepted the op's mapping with imperfect factors (its
/// `accel.mapper` says `imperfect = true`): the passes after it accept
/// them too.
bool hasImperfectMapping(mlir::Operation *op);

} // namespace dnnopt

#endif // DNNOPT_MAPPING_MAPPINGATTR_H

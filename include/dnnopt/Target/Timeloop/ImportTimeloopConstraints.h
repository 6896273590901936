//===- ImportTimeloopConstraints.h - mapspace constraints ----- -*- C++ -*-===//
//-*-===//
//
// Reads a Timeloop mapspace-constraints file (the `mapspace_constraints`
// that timeloop-mapper takes, v0.3 and v0.4 `constraints: targets:`, or the
// `architecture_constraints` Timeloop's front end writes) into constraint
// entries (dnnopt/Search/MapspaceConstraints.h) whose targets are resolved
// against an arch. See docs/constraints.md for the forms read and those
// refused. Errors read "file:line:col: message".
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPCONSTRAINTS_H
#define DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPCONSTRAINTS_H

#include "dnnopt/Search/MapspaceConstraints.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace dnnopt {

/// Reads the constraints of the file at `path`. Temporal and data space
/// constraints target a storage level (name, or Timeloop's index with 0 the
/// innermost); spatial ones the level above a fan-out, by the same names as
/// a mapping's spatial directives. Dims and data spaces stay names, checked
/// when a problem is mapped.
llvm::Expected<std::vector<ConstraintEntry>>
importTimeloopConstraints(llvm::StringRef path, const ArchSpec &arch);

} // namespace dnnopt

#endif // DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOPCONSTRAINTS_H

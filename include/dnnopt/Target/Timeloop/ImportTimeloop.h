//===- ImportTimeloop.h - Timeloop/Accelergy archs to accel -----*- C++ -*-===//
//
// Reads a Timeloop architecture (v0.3 `subtree`/`local` or v0.4 `nodes`),
// the Accelergy compound-component libraries it refers to, and optionally an
// Accelergy ERT and ART, into one `accel.arch`. See docs/accel.md for what
// is read and how each field maps.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOP_H
#define DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOP_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace accel {
class ArchOp;
} // namespace accel

namespace dnnopt {

struct TimeloopImportOptions {
  /// The architecture file.
  std::string archFile;
  /// Component-library files (v0.3/v0.4 `compound_components`); a file may
  /// also hold the arch's `variables`.
  std::vector<std::string> libraryFiles;
  /// Accelergy energy and area reference tables; empty when not given.
  std::string ertFile;
  std::string artFile;
};

/// Imports the architecture; errors (with file:line:col) go to the context's
/// diagnostic handler. Null on failure.
mlir::OwningOpRef<mlir::ModuleOp>
importTimeloopArch(const TimeloopImportOptions &options,
                   mlir::MLIRContext *context);

/// Applies an Accelergy ERT and/or ART (either path may be empty) to an
/// existing arch: a user table that overrides the energy models. Tables are
/// matched to components by leaf name; each action becomes an explicit
/// `#accel.action` with source `ERT <file>:<line>`. Errors (a table naming a
/// component the arch lacks) carry file:line:col.
mlir::LogicalResult applyAccelergyTables(accel::ArchOp arch,
                                         llvm::StringRef ertFile,
                                         llvm::StringRef artFile);

} // namespace dnnopt

#endif // DNNOPT_TARGET_TIMELOOP_IMPORTTIMELOOP_H

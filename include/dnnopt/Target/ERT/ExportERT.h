//===- ExportERT.h - energy and area tables of an accel.arch ----*- C++ -*-===//
//
// Prints, for every component of every accel.arch of a module, the energy of
// each action in pJ as Accelergy's ERT defines it (per block access for a
// storage level) and the area of one instance in um^2, each with its source,
// in Accelergy's ERT/ART YAML layout (v0.4) plus a `source` field, so that a
// user can audit every number and feed the table back with --ert.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_ERT_EXPORTERT_H
#define DNNOPT_TARGET_ERT_EXPORTERT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace dnnopt {
/// Writes the ERT and ART of every accel.arch in `module` to `os`. Fails (with
/// a diagnostic) when an arch has none or an energy cannot be resolved.
llvm::LogicalResult exportERT(mlir::ModuleOp module, llvm::raw_ostream &os);

/// Formats `value` with at least 6 significant digits and as many more as it
/// takes to read back the same double (512.000, 0.425640, 43.3530540).
std::string formatEnergy(double value);
} // namespace dnnopt

#endif // DNNOPT_TARGET_ERT_EXPORTERT_H

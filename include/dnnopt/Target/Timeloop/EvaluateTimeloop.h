//===- EvaluateTimeloop.h - timeloop-model on Timeloop inputs ---*- C++ -*-===//
//
// Evaluates a Timeloop mapping as timeloop-model does: reads an architecture
// (Timeloop YAML through the arch importer, or an accel.arch file or bundled
// name), a problem and a mapping, validates the mapping, counts the actions
// (dnnopt/Analysis/ActionCounts.h) and prints them in the layout of
// timeloop-model's stats.txt.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_TIMELOOP_EVALUATETIMELOOP_H
#define DNNOPT_TARGET_TIMELOOP_EVALUATETIMELOOP_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dnnopt {

struct TimeloopEvaluateOptions {
  /// Architecture: a Timeloop YAML file (with component libraries), an
  /// .mlir file holding one accel.arch, or a bundled arch name.
  std::string archFile;
  std::vector<std::string> libraryFiles;
  std::string ertFile, artFile;
  std::string problemFile;
  std::string mappingFile;
  /// Print the loop nest (map.txt layout) before the counts.
  bool printLoopNest = false;
  /// Accept imperfect factors (residuals such as `P=4,3`); off by default.
  bool imperfect = false;
};

/// Prints the counts of the mapping to `os`; errors (file:line:col) go to
/// the context's diagnostic handler.
llvm::LogicalResult evaluateTimeloop(const TimeloopEvaluateOptions &options,
                                     mlir::MLIRContext *context,
                                     llvm::raw_ostream &os);

struct TimeloopProblemImportOptions {
  std::string problemFile;
  /// Optional: a mapping, resolved against `archFile` (required with it).
  std::string mappingFile;
  std::string archFile;
  std::vector<std::string> libraryFiles;
  std::string ertFile, artFile;
  /// Accept imperfect factors in the mapping; off by default.
  bool imperfect = false;
};

/// Imports a Timeloop problem as a func holding one `dnn.generic` (its
/// dims, bounds and projections; non-read-write data spaces are the
/// operands, the read-write one the result), which carries `accel.mapping`
/// when a mapping is given (validated against the arch). Null on failure,
/// with the error on the context's handler.
mlir::OwningOpRef<mlir::ModuleOp>
importTimeloopProblemModule(const TimeloopProblemImportOptions &options,
                            mlir::MLIRContext *context);

} // namespace dnnopt

#endif // DNNOPT_TARGET_TIMELOOP_EVALUATETIMELOOP_H

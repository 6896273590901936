//===- EvaluateTimeloop.cpp - timeloop-model on Timeloop inputs -----------===//
//
// Glue: arch (YAML or MLIR) -> ArchSpec; problem and mapping files -> plain
// data; validate; count; print.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Timeloop/EvaluateTimeloop.h"
#include "accel/AccelOps.h"
#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Target/Timeloop/ImportTimeloop.h"
#include "dnnopt/Target/Timeloop/ImportTimeloopMapping.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace dnnopt;

/// Reports an llvm::Error ("file:line:col: message" or a plain message).
static LogicalResult report(MLIRContext *context, llvm::Error error) {
  emitError(UnknownLoc::get(context)) << llvm::toString(std::move(error));
  return failure();
}

LogicalResult dnnopt::evaluateTimeloop(const TimeloopEvaluateOptions &options,
                                       MLIRContext *context,
                                       llvm::raw_ostream &os) {
  OwningOpRef<ModuleOp> module;
  llvm::StringRef arch = options.archFile;
  if (arch.ends_with(".yaml") || arch.ends_with(".yml")) {
    TimeloopImportOptions importOptions;
    importOptions.archFile = options.archFile;
    importOptions.libraryFiles = options.libraryFiles;
    importOptions.ertFile = options.ertFile;
    importOptions.artFile = options.artFile;
    module = importTimeloopArch(importOptions, context);
  } else {
    module = loadArch(arch, context);
  }
  if (!module || failed(verify(*module)))
    return failure();
  auto archs = llvm::to_vector(module->getOps<accel::ArchOp>());
  if (archs.size() != 1) {
    emitError(module->getLoc())
        << "expected one accel.arch, found " << archs.size();
    return failure();
  }
  FailureOr<ArchSpec> spec = buildArchSpec(archs.front());
  if (failed(spec))
    return failure();

  llvm::Expected<Problem> problem = importTimeloopProblem(options.problemFile);
  if (!problem)
    return report(context, problem.takeError());
  llvm::Expected<Mapping> mapping =
      importTimeloopMapping(options.mappingFile, *problem, *spec);
  if (!mapping)
    return report(context, mapping.takeError());
  if (llvm::Error err = validateMapping(*problem, *spec, *mapping))
    return report(context, llvm::createStringError(
                               llvm::inconvertibleErrorCode(),
                               options.mappingFile + ": " +
                                   llvm::toString(std::move(err))));
  if (options.printLoopNest) {
    printMapping(os, *problem, *spec, *mapping);
    os << "\n";
  }
  ActionCounts counts;
  ActionCounter(*problem, *spec).count(*mapping, counts);
  printActionCounts(os, *problem, *spec, counts);
  return success();
}

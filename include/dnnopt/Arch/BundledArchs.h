//===- BundledArchs.h - the architectures shipped in arch/ ------*- C++ -*-===//
//
// The accel.arch descriptions of arch/*.mlir are embedded in the library at
// build time, so `arch=NAME` works from any directory, from the build tree and
// from an install. `resolveArch` takes a bundled name (`eyeriss-like`) or a
// path to an .mlir file.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_ARCH_BUNDLEDARCHS_H
#define DNNOPT_ARCH_BUNDLEDARCHS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/LogicalResult.h"

#include <string>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace dnnopt {

/// Names of the bundled architectures (file names of arch/*.mlir without the
/// extension), sorted.
llvm::SmallVector<llvm::StringRef> getBundledArchNames();

/// The text of a bundled arch, or std::nullopt. `name` may end in `.mlir`.
std::optional<llvm::StringRef> getBundledArch(llvm::StringRef name);

/// The MLIR text for `nameOrPath`: the file when it exists, else the bundled
/// arch of that name. On failure `error` (when given) says what was tried and
/// lists the bundled names.
llvm::FailureOr<std::string> resolveArch(llvm::StringRef nameOrPath,
                                         std::string *error = nullptr);

/// Parses the arch named by `nameOrPath` (see resolveArch) into a module;
/// diagnostics go to the context's handler. Null on failure.
mlir::OwningOpRef<mlir::ModuleOp> loadArch(llvm::StringRef nameOrPath,
                                           mlir::MLIRContext *context);

} // namespace dnnopt

#endif // DNNOPT_ARCH_BUNDLEDARCHS_H

//===- Diagnostics.h - how the tools write a diagnostic ---------*- C++ -*-===//
//
// The location and severity of a diagnostic as dnn-translate and the Python
// package write them: `file:line:col:`, or `file: 'node':` for an op named
// after its ONNX node.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SUPPORT_DIAGNOSTICS_H
#define DNNOPT_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/raw_ostream.h"

namespace dnnopt {

/// Writes `loc` as `file:line:col:` (`file:` without a line), a named
/// location as its child then ` 'name':`, a fused one as its first
/// location; nothing for an unknown location.
void printLocation(mlir::Location loc, llvm::raw_ostream &os);

/// `error`, `warning`, `note` or `remark`.
llvm::StringRef getSeverityName(mlir::DiagnosticSeverity severity);

} // namespace dnnopt

#endif // DNNOPT_SUPPORT_DIAGNOSTICS_H

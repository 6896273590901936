//===- ExportJSON.h - model statistics as JSON ------------------*- C++ -*-===//
//
// Writes one JSON document per module: an `ops` array (a row per op) and a
// `totals` object. The schema is documented in docs/json-schema.md.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_JSON_EXPORTJSON_H
#define DNNOPT_TARGET_JSON_EXPORTJSON_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace dnnopt {

/// Builds the statistics document of `module`.
llvm::json::Value buildStatsJSON(mlir::ModuleOp module);

/// Writes the statistics document of `module` to `os`.
mlir::LogicalResult exportJSON(mlir::ModuleOp module, llvm::raw_ostream &os);

/// Writes the same rows as an aligned text table, one line per op, with the
/// totals at the end: what a person reads in a terminal.
mlir::LogicalResult exportTable(mlir::ModuleOp module, llvm::raw_ostream &os);

} // namespace dnnopt

#endif // DNNOPT_TARGET_JSON_EXPORTJSON_H

//===- ImportONNX.h - ONNX model to the dnn dialect -------------*- C++ -*-===//
//
// Reads an ONNX model (binary protobuf, or ONNX's text format) into a
// func.func of dnn ops. Weights are never copied into the IR: each becomes a
// dnn.weight with its shape, element type and fraction of zeros.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_ONNX_IMPORTONNX_H
#define DNNOPT_TARGET_ONNX_IMPORTONNX_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace dnnopt {

struct ImportOptions {
  /// `NAME:1x3x224x224` pairs that fix the shape of a graph input.
  llvm::SmallVector<std::string> inputShapes;
  /// Import unknown operators as dnn.opaque instead of failing.
  bool allowUnsupported = false;
  /// Size given to a dynamic first (batch) dim of an input that
  /// `inputShapes` does not fix; 0 leaves such dims an error.
  int64_t batch = 0;
  /// Parse the file as ONNX's text format (`.onnxtext`) instead of protobuf.
  bool textFormat = false;
};

/// Imports the model at `path`. Diagnostics name the file and the node; on
/// failure the result is null.
mlir::OwningOpRef<mlir::ModuleOp> importONNX(llvm::StringRef path,
                                             const ImportOptions &options,
                                             mlir::MLIRContext *context);

} // namespace dnnopt

#endif // DNNOPT_TARGET_ONNX_IMPORTONNX_H

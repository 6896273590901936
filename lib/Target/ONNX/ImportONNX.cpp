#include "dnnopt/Target/ONNX/ImportONNX.h"
mlir::OwningOpRef<mlir::ModuleOp> dnnopt::importONNX(llvm::StringRef, const ImportOptions &, mlir::MLIRContext *) { return nullptr; }

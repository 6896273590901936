//===- InitAll.cpp - register every dialect and pass ----------------------===//

#include "dnnopt/InitAll.h"
#include "accel/AccelDialect.h"
#include "dnn/DnnDialect.h"
#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void dnnopt::registerAllDialects(mlir::DialectRegistry &registry) {
  registry
      .insert<dnn::DnnDialect, accel::AccelDialect, mlir::func::FuncDialect>();
}

void dnnopt::registerAllPasses() {
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
  dnnopt::registerDnnTransformsPasses();
  dnnopt::registerDnnPipelinesPasses();
  dnnopt::registerEvaluatePipeline();
}

//===- dnn-opt.cpp - the dnn-opt driver -----------------------------------===//
//
// mlir-opt for dnn-opt: every dialect, pass and named pipeline of the
// project, plus the upstream passes a user needs around them.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/InitAll.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  dnnopt::registerAllDialects(registry);
  dnnopt::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "dnn-opt: DNN cost analysis\n", registry));
}

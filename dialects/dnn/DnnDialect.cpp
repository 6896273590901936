//===- DnnDialect.cpp - the dnn dialect -----------------------------------===//
//
// Registers the dnn dialect's ops and attributes.
//
//===----------------------------------------------------------------------===//

#include "dnn/DnnDialect.h"
#include "dnn/DnnOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace dnn;

#include "dnn/DnnDialect.cpp.inc"
#include "dnn/DnnEnums.cpp.inc"

void DnnDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dnn/DnnOps.cpp.inc"
      >();
}

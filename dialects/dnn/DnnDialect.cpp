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

#define GET_ATTRDEF_CLASSES
#include "dnn/DnnAttributes.cpp.inc"

void DnnDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dnn/DnnOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dnn/DnnAttributes.cpp.inc"
      >();
}

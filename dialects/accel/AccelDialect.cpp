//===- AccelDialect.cpp - the accel dialect -------------------------------===//
//
// Registers the accel dialect's ops and attributes.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelDialect.h"
#include "accel/AccelOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace mlir;
using namespace accel;

#include "accel/AccelDialect.cpp.inc"
#include "accel/AccelEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/AccelAttributes.cpp.inc"

void accel::printShortestDouble(AsmPrinter &printer, const APFloat &value) {
  double x = value.convertToDouble();
  for (int digits = 6; digits <= 17; ++digits) {
    std::string text = llvm::formatv("{0}", llvm::format("%.*g", digits, x));
    if (std::strtod(text.c_str(), nullptr) == x) {
      // Keep a '.' or exponent so the text reads as a float.
      if (StringRef(text).find_first_of(".eEn") == StringRef::npos)
        text += ".0";
      printer << text;
      return;
    }
  }
  printer.printFloat(value);
}

void AccelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "accel/AccelOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/AccelAttributes.cpp.inc"
      >();
}

//===- AccelDialect.h - the accel dialect -----------------------*- C++ -*-===//
//
// Declares the accel dialect, its enums and attributes.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_ACCELDIALECT_H
#define ACCEL_ACCELDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"

#include "accel/AccelDialect.h.inc"

namespace accel {
/// Prints `value` with the fewest significant digits that parse back to the
/// same double (32.342452, not 32.342452000000002).
void printShortestDouble(mlir::AsmPrinter &printer, const llvm::APFloat &value);
} // namespace accel
#include "accel/AccelEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/AccelAttributes.h.inc"

#endif // ACCEL_ACCELDIALECT_H

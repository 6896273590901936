//===- DnnDialect.h - the dnn dialect ---------------------------*- C++ -*-===//
//
// Declares the dnn dialect, its enums and attributes.
//
//===----------------------------------------------------------------------===//

#ifndef DNN_DNNDIALECT_H
#define DNN_DNNDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "dnn/DnnDialect.h.inc"
#include "dnn/DnnEnums.h.inc"

#endif // DNN_DNNDIALECT_H

//===- DnnOps.h - operators of the dnn dialect ------------------*- C++ -*-===//
//
// Declares the dnn ops and the workload interface they implement.
//
//===----------------------------------------------------------------------===//

#ifndef DNN_DNNOPS_H
#define DNN_DNNOPS_H

#include "dnn/DnnDialect.h"
#include "dnn/Workload.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dnn/DnnInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dnn/DnnOps.h.inc"

namespace dnn {
/// Element bit width of `value`'s type, looking through dequantization (the
/// width of the data a consumer really moves).
unsigned getStoredBits(mlir::Value value);
/// True when `value` is a trained parameter (a dnn.weight, possibly through
/// dequantization), as opposed to an activation.
bool isWeight(mlir::Value value);
} // namespace dnn

#endif // DNN_DNNOPS_H

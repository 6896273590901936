//===- AccelOps.h - operations of the accel dialect -------------*- C++ -*-===//
//
// Declares the accel ops and the action vocabulary shared by the verifier
// and the cost models (Timeloop's priority lists of action names).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_ACCELOPS_H
#define ACCEL_ACCELOPS_H

#include "accel/AccelDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"

#define GET_OP_CLASSES
#include "accel/AccelOps.h.inc"

namespace accel {
/// The ERT action names that stand for a Timeloop action, in Timeloop's
/// priority order (model/topology.hpp; TIMELOOP-SEMANTICS.md §7). `what` is
/// one of read, fill, update, leak, compute; an unknown name maps to itself.
llvm::ArrayRef<llvm::StringRef> getActionAliases(llvm::StringRef what);

/// The explicit action of `actions` that stands for Timeloop action `what`:
/// the first alias present; among entries of one name that differ by
/// arguments, the one of largest energy (Timeloop takes the maximum). Null
/// when none is listed.
ActionAttr findAction(mlir::ArrayAttr actions, llvm::StringRef what);
} // namespace accel

#endif // ACCEL_ACCELOPS_H

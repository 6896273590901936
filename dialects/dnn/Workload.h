//===- Workload.h - iteration space and data spaces of an op ----*- C++ -*-===//
//
// The plain description of an op's work that the workload interface returns:
// named loop dimensions with bounds and one affine projection per data space,
// in the spirit of Timeloop's problem shapes. Everything that counts work
// (MACs, operand sizes, reuse, mapping) derives from this, never from per-op
// formulas.
//
//===----------------------------------------------------------------------===//

#ifndef DNN_WORKLOAD_H
#define DNN_WORKLOAD_H

#include "mlir/IR/AffineMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace dnn {

/// How the points of an iteration space are counted.
enum class WorkKind {
  /// Every point is one multiply-accumulate.
  Mac,
  /// Every point is `opsPerPoint` element operations (a vector unit's work).
  Vector,
  /// Not an affine loop nest this tool can cost; `note` says why.
  NotModeled,
};

/// The part a data space plays, which later maps onto an architecture's
/// data spaces (Weights, Inputs, Outputs).
enum class DataSpaceRole { Weight, Input, Output };

llvm::StringRef stringifyWorkKind(WorkKind kind);
llvm::StringRef stringifyDataSpaceRole(DataSpaceRole role);

/// One loop dimension of the iteration space.
struct WorkloadDim {
  std::string name;
  int64_t bound = 1;
};

/// One tensor the op reads or writes, projected onto the iteration space.
struct DataSpace {
  std::string name;
  DataSpaceRole role = DataSpaceRole::Input;
  /// Operand number, or -1 for the op's first result.
  int operandIndex = -1;
  /// Map from the iteration space (one dim per WorkloadDim) to the tensor's
  /// indices. Only linear combinations with constant coefficients appear.
  mlir::AffineMap projection;
  /// Bits per element (after looking through dequantization).
  unsigned bits = 32;
  /// True when a weight-role operand is computed at run time (the second
  /// activation operand of an attention matmul).
  bool isActivation = true;
  /// True for the output that is reduced in place (Timeloop's read_write).
  bool readWrite = false;
};

/// The workload of one op.
struct Workload {
  WorkKind kind = WorkKind::NotModeled;
  llvm::SmallVector<WorkloadDim, 8> dims;
  llvm::SmallVector<DataSpace, 4> dataSpaces;
  /// Element operations per point for vector workloads.
  double opsPerPoint = 1.0;
  /// How the op is counted when that is not obvious, or why it is not
  /// modeled.
  std::string note;

  /// Number of points of the iteration space.
  int64_t getPoints() const;
  /// Multiply-accumulates (the points of a Mac workload, else 0).
  int64_t getMacs() const;
  /// Element operations of a vector workload (else 0).
  double getOtherOps() const;
  /// Bounds of the dims, in order.
  llvm::SmallVector<int64_t, 8> getBounds() const;
  /// Size (elements) of the box that `space`'s projection covers when every
  /// dim spans its full bound; holes between strided points count, as in
  /// Timeloop.
  int64_t getDataSpaceSize(const DataSpace &space) const;
  /// The data space with `role`, or null.
  const DataSpace *find(DataSpaceRole role) const;
  /// True when two operands are activations (attention-style matmul).
  bool hasTwoActivationOperands() const;
};

/// Linear coefficients of each result of `map` (one row per result, one
/// column per dim) and the constant terms; fails on a non-linear map.
bool getLinearCoefficients(mlir::AffineMap map,
                           llvm::SmallVectorImpl<int64_t> &coefficients,
                           llvm::SmallVectorImpl<int64_t> &constants);

} // namespace dnn

#endif // DNN_WORKLOAD_H

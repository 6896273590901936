//===- EvaluateSupport.h - what the evaluation passes share -----*- C++ -*-===//
//
// The evaluation passes (accel-map, accel-count-actions,
// accel-estimate-energy, accel-estimate-latency) each read what the one
// before attached and the architecture the module carries. This header is
// what they share: where the arch lives (an accel.arch op in the model's
// module, put there by accel-map), which ops are MAC ops, vector ops or
// data movement, the problem and mapping of a MAC op, and the layer-by-layer
// cost of the ops that have no mapping.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_PIPELINES_EVALUATESUPPORT_H
#define DNNOPT_LIB_PIPELINES_EVALUATESUPPORT_H

#include "accel/AccelOps.h"
#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Mapping/Mapping.h"
#include "mlir/IR/BuiltinOps.h"

#include <optional>

namespace dnnopt {

/// Loads the arch `nameOrPath` (bundled name or file) and puts a copy of
/// its accel.arch op at the start of `module`, replacing an arch of the
/// same name; every later pass reads it from there. Errors on the module.
mlir::FailureOr<accel::ArchOp> attachArch(mlir::ModuleOp module,
                                          llvm::StringRef nameOrPath);

/// The arch the module carries (the one accel-map attached; with several,
/// the one `accel.arch` names), as plain data. Errors on the module when
/// there is none.
mlir::FailureOr<ArchSpec> getModuleArch(mlir::ModuleOp module);

/// How the evaluation treats an op.
enum class OpKind {
  /// Not evaluated: not a dnn op, or a weight, constant or reshape.
  Skip,
  /// A workload of MACs: mapped, counted and costed.
  Mac,
  /// Operations that are not MACs (pooling, element-wise, normalization):
  /// run on the MAC array, layer by layer.
  Vector,
  /// Moves data, no arithmetic.
  Movement,
  /// An op without semantics (imported with --allow-unsupported), or one
  /// whose workload is not modeled.
  NotModeled,
};
OpKind getOpKind(mlir::Operation *op);

/// Marks `op` not modeled, with the reason (`accel.modeled = false`,
/// `accel.reason`), and warns.
void markNotModeled(mlir::Operation *op, const llvm::Twine &reason);
/// False when an earlier pass marked `op` not modeled.
bool isModeled(mlir::Operation *op);

/// The loop problem of a MAC op; fails (with the reason) when its workload
/// has no linear projections.
llvm::Expected<Problem> getOpProblem(mlir::Operation *op);

/// The mapping `op` carries in `accel.mapping`, checked against the problem
/// and the arch; std::nullopt when it carries none. An error on the op
/// when the attribute is malformed or the mapping does not fit (naming the
/// level and the factor).
/// `imperfect` accepts imperfect factors (validateMapping).
mlir::FailureOr<std::optional<Mapping>> getOpMapping(mlir::Operation *op,
                                                     const Problem &problem,
                                                     const ArchSpec &arch,
                                                     bool imperfect);

/// A mapped op with its counts: what accel-count-actions,
/// accel-estimate-energy and accel-estimate-latency each rebuild from
/// `accel.mapping` (the counter is closed-form: microseconds per op).
struct MappedOp {
  Problem problem;
  Mapping mapping;
  ActionCounts counts;
};
/// std::nullopt when the op has no mapping or is not modeled; failure
/// (with an error on the op) when its mapping is malformed or does not fit.
mlir::FailureOr<std::optional<MappedOp>> getMappedOp(mlir::Operation *op,
                                                     const ArchSpec &arch);

/// The layer-by-layer cost of a vector or data-movement op: its operations
/// run on the MAC array, one per MAC unit per cycle, at the MAC's energy;
/// its inputs are read from and its outputs written to the outermost level.
struct LayerCost {
  double ops = 0;
  int64_t cycles = 0;
  int64_t dramReads = 0, dramWrites = 0;
  double computePJ = 0, dramPJ = 0;
  /// How it was costed, for the report.
  std::string model;
};
LayerCost getLayerCost(mlir::Operation *op, const ArchSpec &arch);

/// The name of the compute component in energy breakdowns.
llvm::StringRef getComputeName(const ArchSpec &arch);

} // namespace dnnopt

#endif // DNNOPT_LIB_PIPELINES_EVALUATESUPPORT_H

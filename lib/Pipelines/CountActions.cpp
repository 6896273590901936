//===- CountActions.cpp - count the actions of every op -------------------===//
//
// The accel-count-actions pass (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "EvaluateSupport.h"

#include "dnn/DnnOps.h"
#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Search/Mapper.h"
#include "mlir/IR/Builders.h"

namespace dnnopt {
#define GEN_PASS_DEF_ACCELCOUNTACTIONS
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

/// `accel.actions` of a mapped op: the op's figures, then per level its
/// cycles, instances and capacity, and per kept data space the reads,
/// fills and updates.
static DictionaryAttr getCountsAttr(Builder &b, const ArchSpec &arch,
                                    const MappedOp &m) {
  const ActionCounts &counts = m.counts;
  SmallVector<Attribute> levels;
  for (auto [l, lc] : llvm::enumerate(counts.levels)) {
    SmallVector<NamedAttribute> entries = {
        b.getNamedAttr("level", b.getStringAttr(arch.levels[l].name)),
        b.getNamedAttr("cycles", b.getI64IntegerAttr(lc.cycles)),
        b.getNamedAttr("instances", b.getI64IntegerAttr(lc.utilizedInstances)),
        b.getNamedAttr("capacity_words",
                       b.getI64IntegerAttr(lc.utilizedCapacity))};
    // The share of the level's size its tiles use (levels with a size).
    if (const auto &size = arch.levels[l].sizeWords; size && *size > 0)
      entries.push_back(b.getNamedAttr(
          "capacity_utilization",
          b.getF64FloatAttr((double)lc.utilizedCapacity / *size)));
    for (auto [s, dc] : llvm::enumerate(lc.spaces)) {
      if (!dc.kept)
        continue;
      SmallVector<NamedAttribute> fields{
          b.getNamedAttr("reads", b.getI64IntegerAttr(dc.reads)),
          b.getNamedAttr("fills", b.getI64IntegerAttr(dc.fills)),
          b.getNamedAttr("updates", b.getI64IntegerAttr(dc.updates)),
          b.getNamedAttr("instances",
                         b.getI64IntegerAttr(dc.utilizedInstances)),
          b.getNamedAttr("temporal_reductions",
                         b.getI64IntegerAttr(dc.temporalReductions)),
          // Over the fan-out below the level, per instance: the
          // words sent (after multicast; for the output, the partial
          // sums received after spatial reduction), the words the
          // children receive (or send), the groups of children that
          // share one send, and the partial sums added on the way.
          b.getNamedAttr("network_words", b.getI64IntegerAttr(dc.networkWords)),
          b.getNamedAttr("network_deliveries",
                         b.getI64IntegerAttr(dc.networkDeliveries)),
          b.getNamedAttr("multicast_groups",
                         b.getI64IntegerAttr(dc.multicastGroups)),
          b.getNamedAttr("spatial_reductions",
                         b.getI64IntegerAttr(dc.spatialReductions))};
      // An imperfect mapping: the figures above are the busiest
      // instance's; the level's exact totals follow.
      if (!lc.clippedTotals.empty()) {
        const AccessTotals &t = lc.clippedTotals[s];
        for (auto [name, value] :
             {std::pair("total_reads", t.reads),
              std::pair("total_fills", t.fills),
              std::pair("total_updates", t.updates),
              std::pair("total_temporal_reductions", t.temporalReductions),
              std::pair("total_network_words", t.networkWords),
              std::pair("total_network_deliveries", t.networkDeliveries),
              std::pair("total_spatial_reductions", t.spatialReductions)})
          fields.push_back(b.getNamedAttr(name, b.getI64IntegerAttr(value)));
      }
      entries.push_back(b.getNamedAttr(m.problem.dataSpaces[s].name,
                                       b.getDictionaryAttr(fields)));
    }
    levels.push_back(b.getDictionaryAttr(entries));
  }
  // What binds the op's cycles: the compute units, or the bandwidth of the
  // level that throttles most.
  std::string bound = "compute";
  double slowest = 1.0;
  for (auto [l, lc] : llvm::enumerate(counts.levels))
    if (lc.slowdown < slowest) {
      slowest = lc.slowdown;
      bound = arch.levels[l].name + " bandwidth";
    }
  return b.getDictionaryAttr(
      {b.getNamedAttr("bound", b.getStringAttr(bound)),
       b.getNamedAttr("macs", b.getI64IntegerAttr(counts.computes)),
       b.getNamedAttr("cycles", b.getI64IntegerAttr(counts.cycles)),
       b.getNamedAttr("compute_cycles",
                      b.getI64IntegerAttr(counts.computeCycles)),
       b.getNamedAttr("utilization", b.getF64FloatAttr(counts.utilization)),
       b.getNamedAttr("dram_accesses",
                      b.getI64IntegerAttr(getOuterAccesses(counts))),
       b.getNamedAttr("levels", b.getArrayAttr(levels))});
}

/// `accel.actions` of a vector or data-movement op.
static DictionaryAttr getLayerCountsAttr(Builder &b, const ArchSpec &arch,
                                         const LayerCost &cost) {
  int64_t macUnits = std::max<int64_t>(arch.compute.instances, 1);
  return b.getDictionaryAttr(
      {b.getNamedAttr("ops", b.getF64FloatAttr(cost.ops)),
       b.getNamedAttr("cycles", b.getI64IntegerAttr(cost.cycles)),
       b.getNamedAttr("bound", b.getStringAttr(cost.ops > 0 ? "compute"
                                                            : "data movement")),
       b.getNamedAttr(
           "utilization",
           b.getF64FloatAttr(cost.cycles
                                 ? cost.ops / ((double)cost.cycles * macUnits)
                                 : 0.0)),
       b.getNamedAttr("dram_accesses",
                      b.getI64IntegerAttr(cost.dramReads + cost.dramWrites)),
       b.getNamedAttr("model", b.getStringAttr(cost.model))});
}

namespace {
struct AccelCountActions
    : dnnopt::impl::AccelCountActionsBase<AccelCountActions> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<ArchSpec> arch = getModuleArch(module);
    if (failed(arch))
      return signalPassFailure();
    Builder b(&getContext());
    bool failedOp = false;
    module.walk([&](Operation *op) {
      OpKind kind = getOpKind(op);
      if (kind == OpKind::Skip || !isModeled(op))
        return;
      switch (kind) {
      case OpKind::Skip:
        return;
      case OpKind::NotModeled:
        markNotModeled(op, isa<dnn::OpaqueOp>(op)
                               ? "operator imported without semantics"
                               : "its workload is not modeled");
        return;
      case OpKind::Vector:
      case OpKind::Movement:
        op->setAttr("accel.actions",
                    getLayerCountsAttr(b, *arch, getLayerCost(op, *arch)));
        return;
      case OpKind::Mac: {
        if (!op->hasAttr("accel.mapping")) {
          markNotModeled(op, "no mapping: run accel-map first");
          return;
        }
        FailureOr<std::optional<MappedOp>> mapped = getMappedOp(op, *arch);
        if (failed(mapped)) {
          failedOp = true;
          return;
        }
        op->setAttr("accel.actions", getCountsAttr(b, *arch, **mapped));
        return;
      }
      }
    });
    if (failedOp)
      signalPassFailure();
  }
};
} // namespace

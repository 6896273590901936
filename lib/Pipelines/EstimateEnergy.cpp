//===- EstimateEnergy.cpp - energy of every op ----------------------------===//
//
// The accel-estimate-energy pass (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "EvaluateSupport.h"

#include "dnnopt/Analysis/Energy.h"
#include "dnnopt/Pipelines/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace dnnopt {
#define GEN_PASS_DEF_ACCELESTIMATEENERGY
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

/// `accel.energy` of a mapped op: by component (each storage level with
/// the network below it, then the MAC units) and by arch data space.
static DictionaryAttr getEnergyAttr(Builder &b, const ArchSpec &arch,
                                    const MappedOp &m) {
  EnergyBreakdown e;
  estimateEnergy(m.problem, arch, m.counts, e);
  SmallVector<NamedAttribute> byComponent;
  double bySpace[kNumDataSpaces] = {0, 0, 0};
  for (auto [l, le] : llvm::enumerate(e.levels)) {
    byComponent.push_back(b.getNamedAttr(arch.levels[l].name,
                                         b.getF64FloatAttr(le.getTotalPJ())));
    for (auto [s, pj] : llvm::enumerate(le.spacePJ))
      bySpace[(unsigned)m.problem.dataSpaces[s].archSpace] += pj;
  }
  byComponent.push_back(
      b.getNamedAttr(getComputeName(arch), b.getF64FloatAttr(e.macPJ)));
  if (arch.compute.isCrossbar) {
    byComponent.push_back(b.getNamedAttr((getComputeName(arch) + " DAC").str(),
                                         b.getF64FloatAttr(e.dacPJ)));
    byComponent.push_back(b.getNamedAttr((getComputeName(arch) + " ADC").str(),
                                         b.getF64FloatAttr(e.adcPJ)));
  }
  SmallVector<NamedAttribute> bySpaceAttr;
  for (unsigned s = 0; s < kNumDataSpaces; ++s)
    bySpaceAttr.push_back(b.getNamedAttr(stringifyDataSpace((DataSpace)s),
                                         b.getF64FloatAttr(bySpace[s])));
  return b.getDictionaryAttr(
      {b.getNamedAttr("total_pJ", b.getF64FloatAttr(e.totalPJ)),
       b.getNamedAttr("by_component_pJ", b.getDictionaryAttr(byComponent)),
       b.getNamedAttr("by_dataspace_pJ", b.getDictionaryAttr(bySpaceAttr))});
}

/// `accel.energy` of a vector or data-movement op.
static DictionaryAttr getLayerEnergyAttr(Builder &b, const ArchSpec &arch,
                                         const LayerCost &cost) {
  return b.getDictionaryAttr(
      {b.getNamedAttr("total_pJ",
                      b.getF64FloatAttr(cost.computePJ + cost.dramPJ)),
       b.getNamedAttr(
           "by_component_pJ",
           b.getDictionaryAttr(
               {b.getNamedAttr(arch.levels.front().name,
                               b.getF64FloatAttr(cost.dramPJ)),
                b.getNamedAttr(getComputeName(arch),
                               b.getF64FloatAttr(cost.computePJ))}))});
}

namespace {
struct AccelEstimateEnergy
    : dnnopt::impl::AccelEstimateEnergyBase<AccelEstimateEnergy> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<ArchSpec> arch = getModuleArch(module);
    if (failed(arch))
      return signalPassFailure();
    Builder b(&getContext());
    bool failedOp = false;
    module.walk([&](func::FuncOp func) {
      double totalPJ = 0;
      func.walk([&](Operation *op) {
        OpKind kind = getOpKind(op);
        if (!isModeled(op))
          return;
        DictionaryAttr energy;
        if (kind == OpKind::Vector || kind == OpKind::Movement) {
          energy = getLayerEnergyAttr(b, *arch, getLayerCost(op, *arch));
        } else if (kind == OpKind::Mac) {
          FailureOr<std::optional<MappedOp>> mapped = getMappedOp(op, *arch);
          if (failed(mapped)) {
            failedOp = true;
            return;
          }
          if (!*mapped)
            return;
          energy = getEnergyAttr(b, *arch, **mapped);
        } else {
          return;
        }
        op->setAttr("accel.energy", energy);
        totalPJ += energy.getAs<FloatAttr>("total_pJ").getValueAsDouble();
      });
      func->setAttr("accel.energy_pJ", b.getF64FloatAttr(totalPJ));
    });
    if (failedOp)
      signalPassFailure();
  }
};
} // namespace

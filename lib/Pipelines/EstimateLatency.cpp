//===- EstimateLatency.cpp - latency, throughput, power, Eyexam -----------===//
//
// The accel-estimate-latency pass (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "EvaluateSupport.h"

#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Support/DictionaryNumber.h"
#include "mlir/IR/Builders.h"

#include <cmath>

namespace dnnopt {
#define GEN_PASS_DEF_ACCELESTIMATELATENCY
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

/// Most MAC units the fan-outs of `arch` can keep busy on `problem` when
/// only their X and Y sizes (and a crossbar's rule of which dims its rows
/// and columns carry) limit the spatial factors (Eyexam step 4):
/// greedily, fan-out by fan-out and axis by axis, the largest product of
/// one divisor per dim that fits the axis.
static int64_t getArrayDimsParallelism(const Problem &problem,
                                       const ArchSpec &arch) {
  SmallVector<int64_t> remaining(problem.bounds.begin(), problem.bounds.end());
  int64_t total = 1;
  for (unsigned l = 0; l < arch.levels.size(); ++l) {
    const FanoutSpec &fanout = getFanoutBelow(arch, l);
    for (bool y : {false, true}) {
      int64_t cap = y ? fanout.meshY : fanout.meshX;
      if (cap <= 1)
        continue;
      // from[p] = (dim, divisor, previous product) reaching product p.
      std::vector<std::tuple<int, int64_t, int64_t>> from(cap + 1, {-2, 0, 0});
      from[1] = {-1, 1, 0};
      for (unsigned d = 0; d < remaining.size(); ++d) {
        if (!maySpatiallyMap(problem, fanout, d, y))
          continue;
        std::vector<std::tuple<int, int64_t, int64_t>> next = from;
        for (int64_t p = 1; p <= cap; ++p) {
          if (std::get<0>(from[p]) == -2)
            continue;
          for (int64_t q = 2; q <= remaining[d] && p * q <= cap; ++q)
            if (remaining[d] % q == 0 && std::get<0>(next[p * q]) == -2)
              next[p * q] = {(int)d, q, p};
        }
        from = std::move(next);
      }
      int64_t best = cap;
      while (std::get<0>(from[best]) == -2)
        --best;
      total *= best;
      for (int64_t p = best; p > 1;) {
        auto [d, q, prev] = from[p];
        remaining[d] /= q;
        p = prev;
      }
    }
  }
  return total;
}

namespace {
/// The bandwidth losses Timeloop's cycles leave out (Eyexam step 7).
struct BandwidthLosses {
  /// The most cycles one fan-out's network needs to carry its words at its
  /// bandwidth (0 when no fan-out gives a bandwidth).
  int64_t networkCycles = 0;
  /// Cycles single-buffered levels spend filling while nothing computes:
  /// their fills per instance at their write bandwidth.
  int64_t fillStallCycles = 0;
  /// The op's cycles with both: max(Timeloop's cycles, network cycles,
  /// compute cycles + fill stalls).
  int64_t cycles = 0;
};
} // namespace

static BandwidthLosses getBandwidthLosses(const ArchSpec &arch,
                                          const ActionCounts &counts) {
  BandwidthLosses losses;
  for (auto [l, lc] : llvm::enumerate(counts.levels)) {
    const StorageLevelSpec &spec = arch.levels[l];
    const FanoutSpec &below = getFanoutBelow(arch, l);
    int64_t networkWords = 0, fills = 0;
    for (const DataSpaceCounts &dc : lc.spaces) {
      networkWords += dc.networkWords;
      fills += dc.fills;
    }
    if (below.bandwidth && below.getFanout() > 1)
      losses.networkCycles =
          std::max(losses.networkCycles,
                   (int64_t)std::ceil((double)networkWords / *below.bandwidth));
    std::optional<double> fillRate = spec.writeBandwidth;
    if (spec.sharedBandwidth)
      fillRate = std::min(fillRate.value_or(*spec.sharedBandwidth),
                          *spec.sharedBandwidth);
    if (l > 0 && spec.multipleBuffering < 2 && fillRate)
      losses.fillStallCycles += (int64_t)std::ceil((double)fills / *fillRate);
  }
  losses.cycles = std::max({counts.cycles, losses.networkCycles,
                            counts.computeCycles + losses.fillStallCycles});
  return losses;
}

namespace {
struct AccelEstimateLatency
    : dnnopt::impl::AccelEstimateLatencyBase<AccelEstimateLatency> {
  using Base::Base;
  void runOnOperation() override;
};
} // namespace

void AccelEstimateLatency::runOnOperation() {
  ModuleOp module = getOperation();
  FailureOr<ArchSpec> archSpec = getModuleArch(module);
  if (failed(archSpec))
    return signalPassFailure();
  const ArchSpec &arch = *archSpec;
  Builder b(&getContext());
  double clockHz = arch.clockMHz * 1e6;
  int64_t batch = 1;
  if (auto given = module->getAttrOfType<IntegerAttr>("dnn.batch"))
    batch = std::max<int64_t>(given.getInt(), 1);
  // MAC units busy at once, and MACs per cycle when they are (a crossbar
  // takes several cycles per step).
  double perStep = 1.0 / (double)arch.compute.cyclesPerCompute;
  double peak = (double)std::max<int64_t>(arch.compute.instances, 1) * perStep;

  // Model totals: layers run one after the other (Timeloop's layer-by-layer
  // convention), so cycles add up and utilization is weighted by cycles.
  double energyPJ = 0, utilizationCycles = 0;
  int64_t cycles = 0, dramAccesses = 0;
  bool haveEnergy = false;
  double eyexamMacs = 0;
  double eyexamCycles[7] = {0, 0, 0, 0, 0, 0, 0};
  bool failedOp = false;

  module.walk([&](Operation *op) {
    auto actions = op->getAttrOfType<DictionaryAttr>("accel.actions");
    if (!actions || !isModeled(op))
      return;
    int64_t opCycles = (int64_t)getNumber(actions, "cycles");
    auto energy = op->getAttrOfType<DictionaryAttr>("accel.energy");
    double opEnergyPJ = getNumber(energy, "total_pJ");
    double latency = clockHz > 0 ? opCycles / clockHz : 0;
    SmallVector<NamedAttribute> entries = {
        b.getNamedAttr("latency_s", b.getF64FloatAttr(latency)),
        b.getNamedAttr("throughput_per_s",
                       b.getF64FloatAttr(latency > 0 ? batch / latency : 0))};
    if (energy)
      entries.push_back(b.getNamedAttr(
          "power_W",
          b.getF64FloatAttr(latency > 0 ? opEnergyPJ * 1e-12 / latency : 0)));

    FailureOr<std::optional<MappedOp>> mapped = getMappedOp(op, arch);
    if (failed(mapped)) {
      failedOp = true;
      return;
    }
    if (*mapped) {
      const MappedOp &m = **mapped;
      BandwidthLosses losses = getBandwidthLosses(arch, m.counts);
      entries.push_back(b.getNamedAttr(
          "network_cycles", b.getI64IntegerAttr(losses.networkCycles)));
      entries.push_back(b.getNamedAttr(
          "fill_stall_cycles", b.getI64IntegerAttr(losses.fillStallCycles)));
      // The Eyexam steps (seed slides 7-10): MACs per cycle after each.
      double macs = (double)m.counts.computes;
      double s[7];
      s[0] = macs; // 1 workload parallelism
      // 2 dataflow: what the constraints accel-map worked under allow on
      // fan-outs of any size (every dim may be spatial without them).
      s[1] = s[0];
      if (auto mapper = op->getAttrOfType<DictionaryAttr>("accel.mapper"))
        if (auto p = mapper.getAs<IntegerAttr>("dataflow_parallelism"))
          s[1] = std::min(s[0], (double)p.getInt());
      s[2] = std::min(s[1], peak); // 3 finite PE array
      s[3] = std::min(s[2], (double)getArrayDimsParallelism(m.problem, arch) *
                                perStep); // 4 dims
      s[4] =
          std::min(s[3], (double)std::max<int64_t>(m.counts.utilizedMacs, 1) *
                             perStep); // 5 capacity
      s[5] = std::min(s[4], macs / (double)std::max<int64_t>(
                                       m.counts.cycles, 1)); // 6 average bw
      s[6] = std::min(s[5], macs / (double)std::max<int64_t>(
                                       losses.cycles, 1)); // 7 instantaneous
      op->setAttr(
          "accel.eyexam",
          b.getDictionaryAttr(
              {b.getNamedAttr("macs_per_cycle", b.getDenseF64ArrayAttr(s)),
               b.getNamedAttr(
                   "note",
                   b.getStringAttr(
                       "steps: 1 workload, 2 dataflow (the dims the dataflow's "
                       "constraints let fan-outs of any size hold), 3 PE array "
                       "size, 4 PE array dims (greedy "
                       "divisors per axis), 5 storage capacity (the chosen "
                       "mapping's spatial use), 6 average bandwidth "
                       "(Timeloop's cycles), 7 instantaneous bandwidth "
                       "(network bandwidth and the fills of single-buffered "
                       "levels)"))}));
      eyexamMacs += macs;
      for (unsigned k = 0; k < 7; ++k)
        if (s[k] > 0)
          eyexamCycles[k] += macs / s[k];
    }
    op->setAttr("accel.latency", b.getDictionaryAttr(entries));
    energyPJ += opEnergyPJ;
    haveEnergy |= energy != nullptr;
    cycles += opCycles;
    utilizationCycles += getNumber(actions, "utilization") * opCycles;
    dramAccesses += (int64_t)getNumber(actions, "dram_accesses");
  });
  if (failedOp)
    return signalPassFailure();

  double latency = clockHz > 0 ? cycles / clockHz : 0;
  SmallVector<NamedAttribute> totals = {
      b.getNamedAttr("cycles", b.getI64IntegerAttr(cycles)),
      b.getNamedAttr("latency_s", b.getF64FloatAttr(latency)),
      b.getNamedAttr("batch", b.getI64IntegerAttr(batch)),
      b.getNamedAttr("throughput_per_s",
                     b.getF64FloatAttr(latency > 0 ? batch / latency : 0)),
      b.getNamedAttr(
          "utilization",
          b.getF64FloatAttr(cycles ? utilizationCycles / cycles : 0.0)),
      b.getNamedAttr("dram_accesses", b.getI64IntegerAttr(dramAccesses))};
  if (haveEnergy) {
    totals.push_back(b.getNamedAttr("energy_pJ", b.getF64FloatAttr(energyPJ)));
    totals.push_back(b.getNamedAttr(
        "power_W",
        b.getF64FloatAttr(latency > 0 ? energyPJ * 1e-12 / latency : 0)));
  }
  if (eyexamMacs > 0) {
    // The model's MACs over the cycles each step allows every MAC layer.
    SmallVector<double> steps;
    for (double c : eyexamCycles)
      steps.push_back(c > 0 ? eyexamMacs / c : 0.0);
    totals.push_back(
        b.getNamedAttr("eyexam_macs_per_cycle", b.getDenseF64ArrayAttr(steps)));
  }
  module->setAttr("accel.totals", b.getDictionaryAttr(totals));

  std::string acc = accuracy;
  if (acc.empty())
    if (auto given = module->getAttrOfType<StringAttr>("dnn.accuracy"))
      acc = given.str();
  if (!acc.empty())
    module->setAttr("accel.accuracy", b.getStringAttr(acc));
}

//===- Pipeline.cpp - the dnn-evaluate pipeline ---------------------------===//
//
// dnn-canonicalize, accel-map, accel-count-actions, accel-estimate-energy,
// accel-estimate-latency, with the options of the passes.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace dnnopt;

namespace {
/// The pipeline's options: those of the passes (declared, with their help,
/// in Passes.td; a pipeline needs them as PassOptions).
struct EvaluatePipelineOptions : PassPipelineOptions<EvaluatePipelineOptions> {
  Option<std::string> archName{*this, "arch", llvm::cl::desc("see accel-map"),
                               llvm::cl::init("eyeriss-like")};
  Option<std::string> objective{*this, "objective",
                                llvm::cl::desc("see accel-map"),
                                llvm::cl::init("edp")};
  Option<std::string> dataflow{*this, "dataflow",
                               llvm::cl::desc("see accel-map"),
                               llvm::cl::init("any")};
  Option<uint64_t> budget{*this, "budget", llvm::cl::desc("see accel-map"),
                          llvm::cl::init(20000)};
  Option<uint64_t> seed{*this, "seed", llvm::cl::desc("see accel-map"),
                        llvm::cl::init(1)};
  Option<double> timeout{*this, "timeout", llvm::cl::desc("see accel-map"),
                         llvm::cl::init(60.0)};
  Option<std::string> accuracy{*this, "accuracy",
                               llvm::cl::desc("see accel-estimate-latency"),
                               llvm::cl::init("")};
};
} // namespace

void dnnopt::registerEvaluatePipeline() {
  PassPipelineRegistration<EvaluatePipelineOptions>(
      "dnn-evaluate",
      "Canonicalize, map, count, and estimate energy and latency of every op "
      "on an architecture (options of accel-map and accel-estimate-latency)",
      [](OpPassManager &pm, const EvaluatePipelineOptions &options) {
        AccelMapOptions map;
        map.archName = options.archName;
        map.objective = options.objective;
        map.dataflow = options.dataflow;
        map.budget = options.budget;
        map.seed = options.seed;
        map.timeout = options.timeout;
        AccelEstimateLatencyOptions latency;
        latency.accuracy = options.accuracy;
        pm.addPass(createDnnCanonicalize());
        pm.addPass(createAccelMap(map));
        pm.addPass(createAccelCountActions());
        pm.addPass(createAccelEstimateEnergy());
        pm.addPass(createAccelEstimateLatency(latency));
      });
}

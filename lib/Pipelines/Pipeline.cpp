//===- Pipeline.cpp - the dnn-evaluate pipeline ---------------------------===//
//
// dnn-canonicalize, accel-map, accel-count-actions, accel-estimate-energy,
// accel-estimate-latency, and accel-report when a report is asked for, with
// the options of the passes.
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
/// The mapper's options default to accel-map's own (AccelMapOptions).
struct EvaluatePipelineOptions : PassPipelineOptions<EvaluatePipelineOptions> {
  Option<std::string> archName{*this, "arch", llvm::cl::desc("see accel-map"),
                               llvm::cl::init(AccelMapOptions().archName)};
  Option<std::string> objective{*this, "objective",
                                llvm::cl::desc("see accel-map"),
                                llvm::cl::init(AccelMapOptions().objective)};
  Option<std::string> dataflow{*this, "dataflow",
                               llvm::cl::desc("see accel-map"),
                               llvm::cl::init(AccelMapOptions().dataflow)};
  Option<std::string> constraints{*this, "constraints",
                                  llvm::cl::desc("see accel-map"),
                                  llvm::cl::init("")};
  Option<uint64_t> budget{*this, "budget", llvm::cl::desc("see accel-map"),
                          llvm::cl::init(AccelMapOptions().budget)};
  Option<uint64_t> seed{*this, "seed", llvm::cl::desc("see accel-map"),
                        llvm::cl::init(AccelMapOptions().seed)};
  Option<double> timeout{*this, "timeout", llvm::cl::desc("see accel-map"),
                         llvm::cl::init(AccelMapOptions().timeout)};
  Option<bool> imperfect{*this, "imperfect", llvm::cl::desc("see accel-map"),
                         llvm::cl::init(AccelMapOptions().imperfect)};
  Option<std::string> accuracy{*this, "accuracy",
                               llvm::cl::desc("see accel-estimate-latency"),
                               llvm::cl::init("")};
  Option<std::string> json{*this, "json", llvm::cl::desc("see accel-report"),
                           llvm::cl::init("")};
  Option<std::string> csv{*this, "csv", llvm::cl::desc("see accel-report"),
                          llvm::cl::init("")};
  Option<std::string> html{*this, "html", llvm::cl::desc("see accel-report"),
                           llvm::cl::init("")};
  Option<std::string> table{*this, "table", llvm::cl::desc("see accel-report"),
                            llvm::cl::init("")};
  Option<bool> lower{*this, "lower",
                     llvm::cl::desc("Materialize each mapping as an accel "
                                    "loop nest (accel-lower)"),
                     llvm::cl::init(true)};
  Option<uint64_t> batch{*this, "batch",
                         llvm::cl::desc("see dnn-set-batch (0 keeps the "
                                        "model's batch)"),
                         llvm::cl::init(0)};
};
} // namespace

void dnnopt::registerEvaluatePipeline() {
  PassPipelineRegistration<EvaluatePipelineOptions>(
      "dnn-evaluate",
      "Canonicalize, map, count, and estimate energy and latency of every op "
      "on an architecture, and write the reports asked for (options of "
      "accel-map, accel-estimate-latency and accel-report)",
      [](OpPassManager &pm, const EvaluatePipelineOptions &options) {
        AccelMapOptions map;
        map.archName = options.archName;
        map.objective = options.objective;
        map.dataflow = options.dataflow;
        map.constraints = options.constraints;
        map.budget = options.budget;
        map.seed = options.seed;
        map.timeout = options.timeout;
        map.imperfect = options.imperfect;
        AccelEstimateLatencyOptions latency;
        latency.accuracy = options.accuracy;
        if (options.batch > 0)
          pm.addPass(createDnnSetBatch({options.batch}));
        pm.addPass(createDnnCanonicalize());
        pm.addPass(createAccelMap(map));
        if (options.lower)
          pm.addPass(createAccelLower());
        pm.addPass(createAccelCountActions());
        pm.addPass(createAccelEstimateEnergy());
        pm.addPass(createAccelEstimateLatency(latency));
        // Reports only when asked for.
        AccelReportOptions report;
        report.jsonPath = options.json;
        report.csvPath = options.csv;
        report.htmlPath = options.html;
        report.tablePath = options.table;
        if (!report.jsonPath.empty() || !report.csvPath.empty() ||
            !report.htmlPath.empty() || !report.tablePath.empty())
          pm.addPass(createAccelReport(report));
      });
}

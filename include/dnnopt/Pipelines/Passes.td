//===- Passes.td - evaluation passes and pipeline ----------*- tablegen -*-===//
//
// The pass that maps, counts and costs every op of a model on an
// architecture, and the options of the `dnn-evaluate` pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_PIPELINES_PASSES_TD
#define DNNOPT_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def AccelEvaluate : Pass<"accel-evaluate", "mlir::ModuleOp"> {
  let summary = "Map, count and cost every op of a model on an architecture";
  let description = [{
    For every multiply-accumulate op (convolutions, matmuls, einsums,
    recurrent layers), keeps the mapping it already carries in
    `accel.mapping` (an error when it does not fit) or searches one with the
    mapper; then counts its actions (Timeloop's rules) and its energy.
    Ops with the same workload share one search. The results are attached
    as `accel.mapping`, `accel.actions` (MACs, cycles, utilization, per
    level reads, fills and updates), `accel.energy` (pJ by component and by
    data space) and `accel.mapper` (candidates, time). Vector ops (pooling,
    element-wise, normalization, softmax) run on the PE array: one operation
    per MAC unit per cycle, at the MAC's energy, with their inputs read from
    and outputs written to the outermost level (Timeloop's layer-by-layer
    convention). Ops that cannot be evaluated get a warning and
    `accel.modeled = false` with the reason; the run still succeeds.
    Architecture and clock go on the module as `accel.arch`.
  }];
  let options = [
    Option<"archName", "arch", "std::string", /*default=*/"\"eyeriss-like\"",
           "Bundled architecture name or path of an accel.arch file">,
    Option<"objective", "objective", "std::string", /*default=*/"\"edp\"",
           "What the mapper minimizes: energy, delay, edp, dram-accesses">,
    Option<"dataflow", "dataflow", "std::string", /*default=*/"\"any\"",
           "Dataflow preset: any, weight-stationary, output-stationary, "
           "input-stationary, row-stationary, no-local-reuse">,
    Option<"constraints", "constraints", "std::string", /*default=*/"\"\"",
           "Timeloop mapspace-constraints YAML the mapper honours (with the "
           "arch's inline constraints and the dataflow preset); a given "
           "mapping that violates it gets a warning (docs/constraints.md)">,
    Option<"budget", "budget", "uint64_t", /*default=*/"20000",
           "Candidate mappings per distinct workload">,
    Option<"seed", "seed", "uint64_t", /*default=*/"1",
           "Seed of the mapper's random streams">,
    Option<"timeout", "timeout", "double", /*default=*/"60.0",
           "Wall-time guard per search, in seconds">,
    Option<"accuracy", "accuracy", "std::string", /*default=*/"\"\"",
           "The model's accuracy, as the user states it (e.g. 76.1% top-1 "
           "ImageNet), for the report card; else the model's metadata">,
  ];
  let dependentDialects = ["accel::AccelDialect", "dnn::DnnDialect"];
}

#endif // DNNOPT_PIPELINES_PASSES_TD

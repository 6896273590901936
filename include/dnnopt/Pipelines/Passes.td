//===- Passes.td - evaluation passes and pipeline ----------*- tablegen -*-===//
//
// The passes that map, count and cost every op of a model on an
// architecture; `dnn-evaluate` runs them in order (Pipeline.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_PIPELINES_PASSES_TD
#define DNNOPT_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def AccelMap : Pass<"accel-map", "mlir::ModuleOp"> {
  let summary = "Search a mapping of every MAC op onto an architecture";
  let description = [{
    Puts the architecture `arch` (a bundled name or an accel.arch file) into
    the module as an `accel.arch` op, the one every later pass reads, and a
    summary of it (clock, MAC units, on-chip storage, area) as the module
    attribute `accel.arch`. Then, for every op whose workload is MACs
    (convolutions, matmuls, einsums, recurrent layers): keeps the mapping
    it already carries in `accel.mapping` (an error when it does not fit)
    or searches one with the mapper under the objective and the dataflow
    preset. Ops with equal workloads share one search; searches run in
    parallel. Attaches `accel.mapping` and `accel.mapper` (given or
    searched; candidates evaluated, valid, pruned; cut short). Ops that
    cannot be mapped get a warning and `accel.modeled = false` with the
    reason; the run still succeeds.
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
    Option<"budget", "budget", "uint64_t", /*default=*/"50000",
           "Candidate mappings per distinct workload">,
    Option<"seed", "seed", "uint64_t", /*default=*/"1",
           "Seed of the mapper's random streams">,
    Option<"timeout", "timeout", "double", /*default=*/"60.0",
           "Wall-time guard per search, in seconds">,
    Option<"imperfect", "imperfect", "bool", /*default=*/"false",
           "Accept and search imperfect factors (factors of a dim that "
           "multiply to more than its bound; the last tiles are partial): "
           "counted on the clipped nest (docs/action-counts.md). An op whose "
           "mapping is imperfect then has imperfect = true in accel.mapper, "
           "and the later passes accept its mapping">,
  ];
  let dependentDialects = ["accel::AccelDialect", "dnn::DnnDialect"];
}

def AccelCountActions : Pass<"accel-count-actions", "mlir::ModuleOp"> {
  let summary = "Count the actions of every op on the module's architecture";
  let description = [{
    For every op with an `accel.mapping`: per storage level and data space
    the reads, fills and updates, the utilized instances and capacity, the
    MACs, and Timeloop's `cycles` (compute throttled by each level's
    bandwidth), by Timeloop's rules (docs/action-counts.md); attached as
    `accel.actions` with the bound that binds the cycles and the DRAM
    (outermost level) accesses. Vector and data-movement ops get the
    layer-by-layer counts (operations on the MAC array, inputs read from
    and outputs written to the outermost level). Ops without semantics are
    marked not modeled. Needs the `accel.arch` op accel-map puts in the
    module.
  }];
  let dependentDialects = ["accel::AccelDialect", "dnn::DnnDialect"];
}

def AccelEstimateEnergy : Pass<"accel-estimate-energy", "mlir::ModuleOp"> {
  let summary = "Energy of every op: actions x energy per action";
  let description = [{
    Energy by Timeloop's rules (per-action energy of a block access, scalar
    accesses rounded up to blocks per data space and action, leakage over
    the throttled cycles of the utilized instances, no leakage on compute
    units), broken down by component (each storage level with its network,
    the MAC units) and by data space; attached as `accel.energy`
    (`total_pJ`, `by_component_pJ`, `by_dataspace_pJ`). Each function gets
    its total as `accel.energy_pJ`. Needs the module's `accel.arch` and the
    ops' `accel.mapping` (the counts are recomputed from it) or, for vector
    and data-movement ops, nothing else.
  }];
  let dependentDialects = ["accel::AccelDialect", "dnn::DnnDialect"];
}

def AccelEstimateLatency : Pass<"accel-estimate-latency", "mlir::ModuleOp"> {
  let summary = "Latency, throughput, power and the Eyexam steps";
  let description = [{
    From the `cycles` of accel-count-actions (Timeloop's), at the arch's
    clock and the model's batch: per op `accel.latency` (`latency_s`,
    `throughput_per_s`, `power_W` when accel-estimate-energy ran, and the
    bandwidth losses Timeloop does not model as separate figures: the
    cycles the fan-out networks need at their bandwidth and the stalls of
    single-buffered levels that cannot fill while computing) and
    `accel.eyexam` (MACs per cycle after each of the seven Eyexam steps,
    and the roofline's operational intensity). On the module,
    `accel.totals`: the model's energy, cycles, latency, throughput, power,
    time-weighted utilization, DRAM accesses and Eyexam steps (layers run
    one after the other), and `accel.accuracy` for the report card.
  }];
  let options = [
    Option<"accuracy", "accuracy", "std::string", /*default=*/"\"\"",
           "The model's accuracy, as the user states it (e.g. 76.1% top-1 "
           "ImageNet), for the report card; else the model's metadata">,
  ];
  let dependentDialects = ["accel::AccelDialect", "dnn::DnnDialect"];
}

def AccelReport : Pass<"accel-report", "mlir::ModuleOp"> {
  let summary = "Write the reports of the evaluated module";
  let description = [{
    Writes the statistics document of the module (docs/json-schema.md) as
    JSON, CSV, a self-contained HTML report with plots, or the text table,
    to the files its options name (`-` is standard output): the same
    documents as `dnn-translate --export-json`, `--export-csv`,
    `--export-html` and `--export-table`, from inside a pass pipeline. The
    IR is left as it is.
  }];
  let options = [
    Option<"jsonPath", "json", "std::string", /*default=*/"\"\"",
           "Write the JSON document here">,
    Option<"csvPath", "csv", "std::string", /*default=*/"\"\"",
           "Write the CSV rows here">,
    Option<"htmlPath", "html", "std::string", /*default=*/"\"\"",
           "Write the HTML report here">,
    Option<"tablePath", "table", "std::string", /*default=*/"\"\"",
           "Write the text table here">,
  ];
}

#endif // DNNOPT_PIPELINES_PASSES_TD

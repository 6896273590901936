//===- Evaluate.cpp - map, count and cost every op of a model -------------===//
//
// The accel-evaluate pass and the dnn-evaluate pipeline (see Passes.td).
// The per-op work happens on plain data (Problem, ArchSpec, Mapping): the
// IR is read once to build the problems and written once with the results.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelOps.h"
#include "dnn/DnnOps.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Search/Mapper.h"
#include "dnnopt/Target/Timeloop/ImportTimeloopConstraints.h"
#include "dnnopt/Transforms/Passes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Threading.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Process.h"

#include <atomic>
#include <mutex>

namespace dnnopt {
#define GEN_PASS_DEF_ACCELEVALUATE
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

static const char *dataSpaceName(DataSpace space) {
  switch (space) {
  case DataSpace::Weights:
    return "Weights";
  case DataSpace::Inputs:
    return "Inputs";
  case DataSpace::Outputs:
    return "Outputs";
  }
  return "";
}

/// A key that is equal for equal problems.
static std::string problemKey(const Problem &problem) {
  std::string key;
  llvm::raw_string_ostream os(key);
  for (auto [name, bound] : llvm::zip(problem.dimNames, problem.bounds))
    os << name << '=' << bound << ',';
  for (const ProblemDataSpace &s : problem.dataSpaces) {
    os << '|' << (unsigned)s.archSpace << s.readWrite << ':';
    for (int64_t c : s.coefficients)
      os << c << ',';
  }
  return key;
}

/// Most MAC units the fan-outs of `arch` can keep busy on `problem` when
/// only their X and Y sizes limit the spatial factors (Eyexam step 4):
/// greedily, fan-out by fan-out and axis by axis, the largest product of
/// one divisor per dim that fits the axis.
static int64_t getArrayDimsParallelism(const Problem &problem,
                                       const ArchSpec &arch) {
  SmallVector<int64_t> remaining(problem.bounds.begin(), problem.bounds.end());
  int64_t total = 1;
  for (unsigned l = 0; l < arch.levels.size(); ++l) {
    const FanoutSpec &fanout = getFanoutBelow(arch, l);
    for (int64_t cap : {fanout.meshX, fanout.meshY}) {
      if (cap <= 1)
        continue;
      // best[p] = (dim, divisor, previous product) reaching product p.
      std::vector<std::tuple<int, int64_t, int64_t>> from(cap + 1, {-2, 0, 0});
      from[1] = {-1, 1, 0};
      for (unsigned d = 0; d < remaining.size(); ++d) {
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

/// What one evaluated op gets.
struct OpResult {
  Mapping mapping;
  ActionCounts counts;
  EnergyBreakdown energy;
  uint64_t evaluated = 0, valid = 0, pruned = 0;
  bool cutShort = false, given = false;
};

struct AccelEvaluate : dnnopt::impl::AccelEvaluateBase<AccelEvaluate> {
  using Base::Base;

  void runOnOperation() override;

  DictionaryAttr countsAttr(Builder &b, const Problem &problem,
                            const ArchSpec &arch, const OpResult &r) {
    SmallVector<Attribute> levels;
    for (auto [l, lc] : llvm::enumerate(r.counts.levels)) {
      SmallVector<NamedAttribute> entries = {
          b.getNamedAttr("level", b.getStringAttr(arch.levels[l].name)),
          b.getNamedAttr("cycles", b.getI64IntegerAttr(lc.cycles)),
          b.getNamedAttr("instances",
                         b.getI64IntegerAttr(lc.utilizedInstances)),
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
        entries.push_back(b.getNamedAttr(
            problem.dataSpaces[s].name,
            b.getDictionaryAttr(
                {b.getNamedAttr("reads", b.getI64IntegerAttr(dc.reads)),
                 b.getNamedAttr("fills", b.getI64IntegerAttr(dc.fills)),
                 b.getNamedAttr("updates", b.getI64IntegerAttr(dc.updates)),
                 b.getNamedAttr("instances",
                                b.getI64IntegerAttr(dc.utilizedInstances))})));
      }
      levels.push_back(b.getDictionaryAttr(entries));
    }
    // What binds the op's cycles: the compute units, or the bandwidth of
    // the level that throttles most.
    std::string bound = "compute";
    double slowest = 1.0;
    for (auto [l, lc] : llvm::enumerate(r.counts.levels))
      if (lc.slowdown < slowest) {
        slowest = lc.slowdown;
        bound = arch.levels[l].name + " bandwidth";
      }
    return b.getDictionaryAttr(
        {b.getNamedAttr("bound", b.getStringAttr(bound)),
         b.getNamedAttr("macs", b.getI64IntegerAttr(r.counts.computes)),
         b.getNamedAttr("cycles", b.getI64IntegerAttr(r.counts.cycles)),
         b.getNamedAttr("compute_cycles",
                        b.getI64IntegerAttr(r.counts.computeCycles)),
         b.getNamedAttr("utilization", b.getF64FloatAttr(r.counts.utilization)),
         b.getNamedAttr("dram_accesses",
                        b.getI64IntegerAttr(getOuterAccesses(r.counts))),
         b.getNamedAttr("levels", b.getArrayAttr(levels))});
  }

  DictionaryAttr energyAttr(Builder &b, const Problem &problem,
                            const ArchSpec &arch, const EnergyBreakdown &e) {
    SmallVector<NamedAttribute> byComponent;
    double bySpace[kNumDataSpaces] = {0, 0, 0};
    for (auto [l, le] : llvm::enumerate(e.levels)) {
      byComponent.push_back(b.getNamedAttr(arch.levels[l].name,
                                           b.getF64FloatAttr(le.getTotalPJ())));
      for (auto [s, pj] : llvm::enumerate(le.spacePJ))
        bySpace[(unsigned)problem.dataSpaces[s].archSpace] += pj;
    }
    byComponent.push_back(
        b.getNamedAttr(arch.compute.name.empty() ? "MAC" : arch.compute.name,
                       b.getF64FloatAttr(e.macPJ)));
    SmallVector<NamedAttribute> bySpaceAttr;
    for (unsigned s = 0; s < kNumDataSpaces; ++s)
      bySpaceAttr.push_back(b.getNamedAttr(dataSpaceName((DataSpace)s),
                                           b.getF64FloatAttr(bySpace[s])));
    return b.getDictionaryAttr(
        {b.getNamedAttr("total_pJ", b.getF64FloatAttr(e.totalPJ)),
         b.getNamedAttr("by_component_pJ", b.getDictionaryAttr(byComponent)),
         b.getNamedAttr("by_dataspace_pJ", b.getDictionaryAttr(bySpaceAttr))});
  }
};

} // namespace

/// Elements of the values, for the layer-by-layer DRAM traffic of vector
/// and data-movement ops.
static int64_t elements(ValueRange values) {
  int64_t n = 0;
  for (Value v : values)
    if (auto t = dyn_cast<ShapedType>(v.getType()); t && t.hasStaticShape())
      n += t.getNumElements();
  return n;
}

void AccelEvaluate::runOnOperation() {
  ModuleOp module = getOperation();
  MLIRContext *ctx = &getContext();
  OwningOpRef<ModuleOp> archModule = loadArch(archName, ctx);
  if (!archModule) {
    module.emitError() << "cannot load the architecture '" << archName << "'";
    return signalPassFailure();
  }
  accel::ArchOp archOp;
  archModule->walk([&](accel::ArchOp op) { archOp = op; });
  if (!archOp) {
    module.emitError() << "'" << archName << "' holds no accel.arch";
    return signalPassFailure();
  }
  FailureOr<ArchSpec> archSpec = buildArchSpec(archOp);
  if (failed(archSpec))
    return signalPassFailure();
  const ArchSpec &arch = *archSpec;
  MapperOptions options;
  std::optional<Objective> obj = parseObjective(objective);
  std::optional<Dataflow> flow = parseDataflow(dataflow);
  if (!obj || !flow) {
    module.emitError() << (obj ? "dataflow '" + dataflow
                               : "objective '" + objective)
                       << "' is not one of the choices (see --help)";
    return signalPassFailure();
  }
  options.objective = *obj;
  options.dataflow = *flow;
  if (!constraints.empty()) {
    llvm::Expected<std::vector<ConstraintEntry>> entries =
        importTimeloopConstraints(constraints, arch);
    if (!entries) {
      module.emitError() << llvm::toString(entries.takeError());
      return signalPassFailure();
    }
    options.constraints = std::move(*entries);
  }
  bool hasUserConstraints =
      !options.constraints.empty() ||
      llvm::any_of(arch.levels, [](const StorageLevelSpec &level) {
        return level.constraints.has_value();
      });
  options.budget = budget;
  options.seed = seed;
  options.timeoutSeconds = timeout;

  // Problems of the MAC ops, shared between equal workloads.
  struct Item {
    Operation *op;
    unsigned problem;
  };
  std::vector<Item> items;
  std::vector<Problem> problems;
  llvm::StringMap<unsigned> byKey;
  std::vector<Operation *> vectorOps, movementOps;
  Builder b(ctx);
  unsigned archBits = arch.compute.precisionBits;
  bool wider = false;
  module.walk([&](Operation *op) {
    if (!isa_and_nonnull<dnn::DnnDialect>(op->getDialect()) ||
        isa<dnn::WeightOp, dnn::ConstantOp, dnn::ReshapeOp>(op))
      return;
    auto iface = dyn_cast<dnn::WorkloadOpInterface>(op);
    if (!iface) {
      if (isa<dnn::OpaqueOp>(op)) {
        op->emitWarning() << "not modeled: operator imported without "
                             "semantics";
        op->setAttr("accel.modeled", b.getBoolAttr(false));
      } else {
        movementOps.push_back(op);
      }
      return;
    }
    dnn::Workload w = iface.getWorkload();
    for (const dnn::DataSpace &s : w.dataSpaces)
      wider |= archBits && s.bits > archBits;
    if (w.kind == dnn::WorkKind::Vector) {
      vectorOps.push_back(op);
      return;
    }
    llvm::Expected<Problem> problem = problemFromWorkload(w);
    if (!problem) {
      std::string reason = llvm::toString(problem.takeError());
      op->emitWarning() << "not modeled: " << reason;
      op->setAttr("accel.modeled", b.getBoolAttr(false));
      op->setAttr("accel.reason", b.getStringAttr(reason));
      return;
    }
    std::string key = problemKey(*problem);
    auto [it, inserted] = byKey.try_emplace(key, problems.size());
    if (inserted)
      problems.push_back(std::move(*problem));
    items.push_back({op, it->second});
  });

  // Given mappings are evaluated as they are; the others are searched once
  // per distinct workload, in parallel.
  std::vector<std::optional<OpResult>> searched(problems.size());
  std::vector<std::string> failures(problems.size());
  std::vector<bool> needsSearch(problems.size(), false);
  std::vector<std::optional<OpResult>> given(items.size());
  for (auto [i, item] : llvm::enumerate(items)) {
    // A mapping the op carries (#accel.mapping, as written by hand, by a
    // previous run, or by dnn-translate --import-timeloop-problem).
    auto typed = item.op->getAttrOfType<accel::MappingAttr>("accel.mapping");
    if (!typed) {
      if (item.op->hasAttr("accel.mapping")) {
        item.op->emitError() << "accel.mapping must be an #accel.mapping "
                                "attribute";
        return signalPassFailure();
      }
      needsSearch[item.problem] = true;
      continue;
    }
    const Problem &problem = problems[item.problem];
    FailureOr<Mapping> mapping = failure();
    llvm::Expected<Mapping> fromAttr = getMappingFromAttr(typed, problem, arch);
    if (!fromAttr) {
      item.op->emitError() << llvm::toString(fromAttr.takeError());
      return signalPassFailure();
    }
    mapping = std::move(*fromAttr);
    if (failed(mapping))
      return signalPassFailure();
    llvm::Expected<ActionCounts> counts = countActions(problem, arch, *mapping);
    if (!counts) {
      item.op->emitError() << "the given mapping does not fit: "
                           << llvm::toString(counts.takeError());
      return signalPassFailure();
    }
    // Timeloop applies constraints to its search only: a given mapping that
    // violates them is evaluated, with a warning.
    llvm::Expected<MapspaceConstraints> pinned = resolveConstraints(
        problem, arch, options.constraints, options.dataflow);
    if (!pinned) {
      item.op->emitError() << llvm::toString(pinned.takeError());
      return signalPassFailure();
    }
    if (llvm::Error err =
            checkMappingConstraints(*pinned, problem, arch, *mapping))
      item.op->emitWarning() << "the given mapping violates a constraint: "
                             << llvm::toString(std::move(err));
    OpResult r;
    r.mapping = *mapping;
    r.counts = *counts;
    r.given = true;
    estimateEnergy(problem, arch, r.counts, r.energy);
    given[i] = std::move(r);
  }
  std::vector<unsigned> toSearch;
  for (unsigned p = 0; p < problems.size(); ++p)
    if (needsSearch[p])
      toSearch.push_back(p);
  // Constraints that do not apply to a workload (a name it lacks, a factor
  // that does not divide its bound) are the user's error, not a modeling
  // gap: fail on the first op that has one.
  for (const Item &item : items) {
    if (!needsSearch[item.problem])
      continue;
    llvm::Expected<MapspaceConstraints> resolved = resolveConstraints(
        problems[item.problem], arch, options.constraints, options.dataflow);
    if (!resolved) {
      item.op->emitError() << llvm::toString(resolved.takeError());
      return signalPassFailure();
    }
  }
  options.threads = toSearch.size() > 1 ? 1 : 0;
  std::atomic<unsigned> done{0};
  bool progress =
      toSearch.size() > 8 && llvm::sys::Process::StandardErrIsDisplayed();
  std::mutex progressMutex;
  (void)failableParallelForEach(ctx, toSearch, [&](unsigned p) {
    llvm::Expected<MapperResult> r = searchMapping(problems[p], arch, options);
    if (!r) {
      failures[p] = llvm::toString(r.takeError());
    } else {
      OpResult o;
      o.mapping = std::move(r->mapping);
      o.counts = std::move(r->counts);
      o.energy = std::move(r->energy);
      o.evaluated = r->evaluated;
      o.valid = r->valid;
      o.pruned = r->pruned;
      o.cutShort = r->cutShort;
      searched[p] = std::move(o);
    }
    unsigned n = ++done;
    if (progress) {
      std::lock_guard<std::mutex> lock(progressMutex);
      llvm::errs() << "\raccel-evaluate: " << n << "/" << toSearch.size()
                   << " workloads mapped";
      if (n == toSearch.size())
        llvm::errs() << "\n";
    }
    return success();
  });

  // Attach the results.
  llvm::DenseMap<unsigned, unsigned> sharing;
  for (const Item &item : items)
    ++sharing[item.problem];
  for (auto [i, item] : llvm::enumerate(items)) {
    const Problem &problem = problems[item.problem];
    const OpResult *r =
        given[i]
            ? &*given[i]
            : (searched[item.problem] ? &*searched[item.problem] : nullptr);
    if (!r && hasUserConstraints) {
      // The user's constraints leave no mapping: an error, not a gap of the
      // model.
      item.op->emitError() << "no mapping on '" << arch.name
                           << "' satisfies the constraints: "
                           << failures[item.problem];
      return signalPassFailure();
    }
    if (!r) {
      item.op->emitWarning()
          << "not modeled on '" << arch.name << "': " << failures[item.problem];
      item.op->setAttr("accel.modeled", b.getBoolAttr(false));
      item.op->setAttr("accel.reason", b.getStringAttr(failures[item.problem]));
      continue;
    }
    item.op->setAttr("accel.mapping",
                     getMappingAttr(ctx, problem, arch, r->mapping));
    item.op->setAttr("accel.actions", countsAttr(b, problem, arch, *r));
    item.op->setAttr("accel.energy", energyAttr(b, problem, arch, r->energy));
    // The Eyexam steps (seed slides 7-10): MACs per cycle after each.
    double macs = (double)r->counts.computes;
    double peak = (double)std::max<int64_t>(arch.compute.instances, 1);
    double s1 = macs;               // workload parallelism
    double s2 = s1;                 // dataflow: every dim may be spatial
    double s3 = std::min(s2, peak); // finite PE array
    double s4 = std::min(
        s3, (double)getArrayDimsParallelism(problem, arch)); // array dims
    double s5 = std::min(
        s4, (double)std::max<int64_t>(r->counts.utilizedMacs, 1)); // capacity
    double s6 = std::min(
        s5, macs / (double)std::max<int64_t>(r->counts.cycles, 1)); // avg bw
    double s7 = s6; // instantaneous bandwidth: not modeled
    item.op->setAttr(
        "accel.eyexam",
        b.getDictionaryAttr(
            {b.getNamedAttr("macs_per_cycle",
                            b.getF64ArrayAttr({s1, s2, s3, s4, s5, s6, s7})),
             b.getNamedAttr(
                 "note",
                 b.getStringAttr(
                     "steps: 1 workload, 2 dataflow (= 1: every dim may be "
                     "spatial), 3 PE array size, 4 PE array dims (greedy "
                     "divisors per axis), 5 storage capacity (the chosen "
                     "mapping's spatial use), 6 average bandwidth "
                     "(Timeloop's cycles), 7 instantaneous bandwidth (not "
                     "modeled: = 6)"))}));
    item.op->setAttr(
        "accel.mapper",
        b.getDictionaryAttr(
            {b.getNamedAttr("mapping",
                            b.getStringAttr(r->given ? "given" : "searched")),
             b.getNamedAttr("objective", b.getStringAttr(objective)),
             b.getNamedAttr("evaluated", b.getI64IntegerAttr(r->evaluated)),
             b.getNamedAttr("valid", b.getI64IntegerAttr(r->valid)),
             b.getNamedAttr("pruned", b.getI64IntegerAttr(r->pruned)),
             b.getNamedAttr("cut_short", b.getBoolAttr(r->cutShort)),
             b.getNamedAttr("ops_sharing_search",
                            b.getI64IntegerAttr(sharing[item.problem]))}));
  }

  // Vector ops run on the MAC array; data movement only moves data. Both
  // read their inputs from and write their outputs to the outermost level.
  const StorageLevelSpec &outer = arch.levels.front();
  double wordReadPJ =
      outer.readPJ.value / std::max<int64_t>(outer.blockSize, 1);
  double wordWritePJ =
      outer.fillPJ.value / std::max<int64_t>(outer.blockSize, 1);
  int64_t macUnits = std::max<int64_t>(arch.compute.instances, 1);
  auto costTraffic = [&](Operation *op, double ops, StringRef how) {
    int64_t in = elements(op->getOperands()), out = elements(op->getResults());
    double computePJ = ops * arch.compute.macPJ.value;
    double dramPJ = in * wordReadPJ + out * wordWritePJ;
    int64_t cycles = (int64_t)std::ceil(ops / (double)macUnits);
    op->setAttr(
        "accel.actions",
        b.getDictionaryAttr(
            {b.getNamedAttr("ops", b.getF64FloatAttr(ops)),
             b.getNamedAttr("cycles", b.getI64IntegerAttr(cycles)),
             b.getNamedAttr(
                 "bound",
                 b.getStringAttr(ops > 0 ? "compute" : "data movement")),
             b.getNamedAttr(
                 "utilization",
                 b.getF64FloatAttr(cycles ? ops / ((double)cycles * macUnits)
                                          : 0.0)),
             b.getNamedAttr("dram_accesses", b.getI64IntegerAttr(in + out)),
             b.getNamedAttr("model", b.getStringAttr(how))}));
    op->setAttr(
        "accel.energy",
        b.getDictionaryAttr(
            {b.getNamedAttr("total_pJ", b.getF64FloatAttr(computePJ + dramPJ)),
             b.getNamedAttr(
                 "by_component_pJ",
                 b.getDictionaryAttr(
                     {b.getNamedAttr(outer.name, b.getF64FloatAttr(dramPJ)),
                      b.getNamedAttr(
                          arch.compute.name.empty() ? "MAC" : arch.compute.name,
                          b.getF64FloatAttr(computePJ))}))}));
  };
  for (Operation *op : vectorOps)
    costTraffic(op,
                cast<dnn::WorkloadOpInterface>(op).getWorkload().getOtherOps(),
                "vector op on the MAC array: one operation per MAC unit per "
                "cycle at the MAC's energy; inputs and outputs through " +
                    outer.name);
  for (Operation *op : movementOps)
    costTraffic(op, 0,
                "data movement: inputs read from and outputs written to " +
                    outer.name + "; no arithmetic");

  SmallVector<NamedAttribute> archInfo = {
      b.getNamedAttr("name", b.getStringAttr(arch.name)),
      b.getNamedAttr("source", b.getStringAttr(archName)),
      b.getNamedAttr("clock_mhz", b.getF64FloatAttr(arch.clockMHz)),
      b.getNamedAttr("mac_units", b.getI64IntegerAttr(macUnits)),
      b.getNamedAttr("objective", b.getStringAttr(objective)),
      b.getNamedAttr("dataflow", b.getStringAttr(dataflow))};
  // Hardware cost: on-chip storage (every level but the outermost, on all
  // its instances) and area (every component with an area, on all its
  // instances; the models' or the ART's figures).
  double storageBytes = 0, areaUM2 = 0;
  bool allAreas = true;
  for (auto [l, level] : llvm::enumerate(arch.levels)) {
    if (l > 0 && level.sizeWords)
      storageBytes += (double)*level.sizeWords * level.wordBits / 8.0 *
                      std::max<int64_t>(level.instances, 1);
    if (level.areaUM2)
      areaUM2 += level.areaUM2->value * std::max<int64_t>(level.instances, 1);
    else if (l > 0)
      allAreas = false;
  }
  if (arch.compute.areaUM2)
    areaUM2 += arch.compute.areaUM2->value * macUnits;
  else
    allAreas = false;
  archInfo.push_back(
      b.getNamedAttr("on_chip_storage_bytes", b.getF64FloatAttr(storageBytes)));
  archInfo.push_back(
      b.getNamedAttr("technology_nm", b.getF64FloatAttr(arch.technologyNM)));
  if (areaUM2 > 0)
    archInfo.push_back(
        b.getNamedAttr("area_mm2", b.getF64FloatAttr(areaUM2 / 1e6)));
  archInfo.push_back(b.getNamedAttr(
      "area_note",
      b.getStringAttr(allAreas ? "on-chip components (area models or ART; "
                                 "DRAM excluded)"
                               : "some components have no area model: the "
                                 "area counts only those that have one")));
  std::string acc = accuracy;
  if (acc.empty())
    if (auto given = module->getAttrOfType<StringAttr>("dnn.accuracy"))
      acc = given.str();
  if (!acc.empty())
    module->setAttr("accel.accuracy", b.getStringAttr(acc));
  if (wider)
    archInfo.push_back(b.getNamedAttr(
        "precision_note",
        b.getStringAttr(("tensors wider than the architecture's " +
                         Twine(archBits) +
                         "-bit datapath are evaluated at its width")
                            .str())));
  module->setAttr("accel.arch", b.getDictionaryAttr(archInfo));
}

namespace {
/// The pipeline's options: those of accel-evaluate (the pass declares them,
/// with their help, in Passes.td; a pipeline needs them as PassOptions).
struct EvaluatePipelineOptions : PassPipelineOptions<EvaluatePipelineOptions> {
  Option<std::string> archName{*this, "arch",
                               llvm::cl::desc("see accel-evaluate"),
                               llvm::cl::init("eyeriss-like")};
  Option<std::string> objective{*this, "objective",
                                llvm::cl::desc("see accel-evaluate"),
                                llvm::cl::init("edp")};
  Option<std::string> dataflow{*this, "dataflow",
                               llvm::cl::desc("see accel-evaluate"),
                               llvm::cl::init("any")};
  Option<std::string> constraints{*this, "constraints",
                                  llvm::cl::desc("see accel-evaluate"),
                                  llvm::cl::init("")};
  Option<uint64_t> budget{*this, "budget", llvm::cl::desc("see accel-evaluate"),
                          llvm::cl::init(20000)};
  Option<uint64_t> seed{*this, "seed", llvm::cl::desc("see accel-evaluate"),
                        llvm::cl::init(1)};
  Option<double> timeout{*this, "timeout", llvm::cl::desc("see accel-evaluate"),
                         llvm::cl::init(60.0)};
  Option<std::string> accuracy{*this, "accuracy",
                               llvm::cl::desc("see accel-evaluate"),
                               llvm::cl::init("")};
};
} // namespace

void dnnopt::registerEvaluatePipeline() {
  PassPipelineRegistration<EvaluatePipelineOptions>(
      "dnn-evaluate",
      "Canonicalize, then map, count and cost every op on an architecture "
      "(options as accel-evaluate)",
      [](OpPassManager &pm, const EvaluatePipelineOptions &options) {
        AccelEvaluateOptions pass;
        pass.archName = options.archName;
        pass.objective = options.objective;
        pass.dataflow = options.dataflow;
        pass.constraints = options.constraints;
        pass.budget = options.budget;
        pass.seed = options.seed;
        pass.timeout = options.timeout;
        pass.accuracy = options.accuracy;
        pm.addPass(createDnnCanonicalize());
        pm.addPass(createAccelEvaluate(pass));
      });
}

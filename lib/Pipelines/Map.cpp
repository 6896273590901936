//===- Map.cpp - search a mapping of every MAC op
//--------------------------===//
//
// The accel-map pass (see Passes.td). The search happens on plain data
// (Problem, ArchSpec, Mapping): the IR is read once to build the problems
// and written once with the mappings.
//
//===----------------------------------------------------------------------===//

#include "EvaluateSupport.h"

#include "dnn/DnnOps.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Search/Mapper.h"
#include "dnnopt/Target/Timeloop/ImportTimeloopConstraints.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Threading.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Process.h"

#include <atomic>
#include <mutex>

namespace dnnopt {
#define GEN_PASS_DEF_ACCELMAP
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

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

/// The summary of the arch the report card shows: clock, MAC units, the
/// mapper's settings and the hardware cost (on-chip storage on all
/// instances of every level but the outermost; area of every component
/// with an area model or ART entry).
static DictionaryAttr getArchSummary(Builder &b, const ArchSpec &arch,
                                     StringRef source, StringRef objective,
                                     StringRef dataflow,
                                     std::optional<unsigned> widerBits) {
  int64_t macUnits = std::max<int64_t>(arch.compute.instances, 1);
  SmallVector<NamedAttribute> info = {
      b.getNamedAttr("name", b.getStringAttr(arch.name)),
      b.getNamedAttr("source", b.getStringAttr(source)),
      b.getNamedAttr("clock_mhz", b.getF64FloatAttr(arch.clockMHz)),
      b.getNamedAttr("mac_units", b.getI64IntegerAttr(macUnits)),
      b.getNamedAttr("objective", b.getStringAttr(objective)),
      b.getNamedAttr("dataflow", b.getStringAttr(dataflow))};
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
    areaUM2 +=
        arch.compute.areaUM2->value * arch.compute.getPhysicalInstances();
  else
    allAreas = false;
  info.push_back(
      b.getNamedAttr("on_chip_storage_bytes", b.getF64FloatAttr(storageBytes)));
  info.push_back(
      b.getNamedAttr("technology_nm", b.getF64FloatAttr(arch.technologyNM)));
  if (areaUM2 > 0)
    info.push_back(
        b.getNamedAttr("area_mm2", b.getF64FloatAttr(areaUM2 / 1e6)));
  info.push_back(b.getNamedAttr(
      "area_note",
      b.getStringAttr(allAreas ? "on-chip components (area models or ART; "
                                 "DRAM excluded)"
                               : "some components have no area model: the "
                                 "area counts only those that have one")));
  if (widerBits)
    info.push_back(b.getNamedAttr(
        "precision_note",
        b.getStringAttr(("tensors wider than the architecture's " +
                         Twine(*widerBits) +
                         "-bit datapath are evaluated at its width")
                            .str())));
  return b.getDictionaryAttr(info);
}

namespace {
struct AccelMap : dnnopt::impl::AccelMapBase<AccelMap> {
  using Base::Base;
  void runOnOperation() override;
};
} // namespace

void AccelMap::runOnOperation() {
  ModuleOp module = getOperation();
  MLIRContext *ctx = &getContext();
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
  options.budget = budget;
  options.seed = seed;
  options.timeoutSeconds = timeout;
  options.imperfect = imperfect;
  FailureOr<accel::ArchOp> archOp = attachArch(module, archName);
  if (failed(archOp))
    return signalPassFailure();
  FailureOr<ArchSpec> archSpec = buildArchSpec(*archOp);
  if (failed(archSpec))
    return signalPassFailure();
  const ArchSpec &arch = *archSpec;
  if (!constraints.empty()) {
    llvm::Expected<std::vector<ConstraintEntry>> entries =
        importTimeloopConstraints(constraints, arch);
    if (!entries) {
      module.emitError() << llvm::toString(entries.takeError());
      return signalPassFailure();
    }
    options.constraints = std::move(*entries);
  }
  // The user's constraints (a file, or inline in the arch) that leave no
  // mapping are an error, not a gap of the model.
  bool hasUserConstraints =
      !options.constraints.empty() ||
      llvm::any_of(arch.levels, [](const StorageLevelSpec &level) {
        return level.constraints.has_value();
      });

  // The problems of the MAC ops without a mapping, one per distinct
  // workload; given mappings are checked here, as the first pass that
  // sees them.
  struct Item {
    Operation *op;
    unsigned problem;
    /// Eyexam step 2 of the op.
    int64_t dataflowParallelism;
  };
  std::vector<Item> items;
  std::vector<Problem> problems;
  llvm::StringMap<unsigned> byKey;
  Builder b(ctx);
  unsigned archBits = arch.compute.precisionBits;
  bool wider = false, failedOp = false;
  module.walk([&](Operation *op) {
    OpKind kind = getOpKind(op);
    if (kind == OpKind::Skip || kind == OpKind::Movement)
      return;
    if (kind == OpKind::NotModeled) {
      if (isModeled(op))
        markNotModeled(op, isa<dnn::OpaqueOp>(op)
                               ? "operator imported without semantics"
                               : "its workload is not modeled");
      return;
    }
    dnn::Workload w = cast<dnn::WorkloadOpInterface>(op).getWorkload();
    for (const dnn::DataSpace &s : w.dataSpaces)
      wider |= archBits && s.bits > archBits;
    if (kind != OpKind::Mac)
      return;
    llvm::Expected<Problem> problem = problemFromWorkload(w);
    if (!problem) {
      markNotModeled(op, llvm::toString(problem.takeError()));
      return;
    }
    // A mapping an earlier search found for another arch is searched
    // again; a given one must fit.
    auto mapper = op->getAttrOfType<DictionaryAttr>("accel.mapper");
    auto previous = op->getAttrOfType<accel::MappingAttr>("accel.mapping");
    StringAttr how = mapper ? mapper.getAs<StringAttr>("mapping") : nullptr;
    if (previous && previous.getArch() != arch.name && how &&
        how.getValue() == "searched")
      op->removeAttr("accel.mapping");
    // Constraints that do not apply to a workload (a name it lacks, a
    // factor that does not divide its bound) are the user's error.
    llvm::Expected<MapspaceConstraints> resolved = resolveConstraints(
        *problem, arch, options.constraints, options.dataflow);
    if (!resolved) {
      op->emitError() << llvm::toString(resolved.takeError());
      failedOp = true;
      return;
    }
    // Eyexam step 2, under the constraints the op is mapped with.
    int64_t parallelism = getDataflowParallelism(*resolved, *problem, arch);
    if (op->hasAttr("accel.mapping")) {
      FailureOr<std::optional<Mapping>> given =
          getOpMapping(op, *problem, arch, imperfect);
      failedOp |= failed(given);
      // Timeloop applies constraints to its search only: a given mapping
      // that violates them is evaluated, with a warning.
      if (succeeded(given))
        if (llvm::Error err =
                checkMappingConstraints(*resolved, *problem, arch, **given))
          op->emitWarning() << "the given mapping violates a constraint: "
                            << llvm::toString(std::move(err));
      SmallVector<NamedAttribute> info = {
          b.getNamedAttr("mapping", b.getStringAttr("given")),
          b.getNamedAttr("dataflow_parallelism",
                         b.getI64IntegerAttr(parallelism))};
      // The later passes accept imperfect factors where accel-map did.
      if (succeeded(given) && *given && isImperfect(*problem, **given))
        info.push_back(b.getNamedAttr("imperfect", b.getBoolAttr(true)));
      op->setAttr("accel.mapper", b.getDictionaryAttr(info));
      return;
    }
    std::string key = problemKey(*problem);
    auto [it, inserted] = byKey.try_emplace(key, problems.size());
    if (inserted)
      problems.push_back(std::move(*problem));
    items.push_back({op, it->second, parallelism});
  });
  if (failedOp)
    return signalPassFailure();

  // One search per distinct workload, in parallel; each search runs on one
  // thread when there are several (its result does not depend on threads).
  std::vector<std::optional<MapperResult>> results(problems.size());
  std::vector<std::string> failures(problems.size());
  options.threads = problems.size() > 1 ? 1 : 0;
  std::atomic<unsigned> done{0};
  bool progress =
      problems.size() > 8 && llvm::sys::Process::StandardErrIsDisplayed();
  std::mutex progressMutex;
  (void)failableParallelForEach(
      ctx, llvm::seq<unsigned>(0, problems.size()), [&](unsigned p) {
        llvm::Expected<MapperResult> r =
            searchMapping(problems[p], arch, options);
        if (!r)
          failures[p] = llvm::toString(r.takeError());
        else
          results[p] = std::move(*r);
        unsigned n = ++done;
        if (progress) {
          std::lock_guard<std::mutex> lock(progressMutex);
          llvm::errs() << "\raccel-map: " << n << "/" << problems.size()
                       << " workloads mapped";
          if (n == problems.size())
            llvm::errs() << "\n";
        }
        return success();
      });

  llvm::DenseMap<unsigned, unsigned> sharing;
  for (const Item &item : items)
    ++sharing[item.problem];
  for (const Item &item : items) {
    const std::optional<MapperResult> &r = results[item.problem];
    if (!r && hasUserConstraints) {
      item.op->emitError() << "no mapping on '" << arch.name
                           << "' satisfies the constraints: "
                           << failures[item.problem];
      return signalPassFailure();
    }
    if (!r) {
      markNotModeled(item.op, "cannot be mapped on '" + arch.name +
                                  "': " + failures[item.problem]);
      continue;
    }
    item.op->setAttr(
        "accel.mapping",
        getMappingAttr(ctx, problems[item.problem], arch, r->mapping));
    SmallVector<NamedAttribute> info = {
        b.getNamedAttr("mapping", b.getStringAttr("searched")),
        b.getNamedAttr("dataflow_parallelism",
                       b.getI64IntegerAttr(item.dataflowParallelism)),
        b.getNamedAttr("objective", b.getStringAttr(objective)),
        b.getNamedAttr("objective_value", b.getF64FloatAttr(r->objectiveValue)),
        b.getNamedAttr("evaluated", b.getI64IntegerAttr(r->evaluated)),
        b.getNamedAttr("valid", b.getI64IntegerAttr(r->valid)),
        b.getNamedAttr("pruned", b.getI64IntegerAttr(r->pruned)),
        b.getNamedAttr("cut_short", b.getBoolAttr(r->cutShort)),
        b.getNamedAttr("ops_sharing_search",
                       b.getI64IntegerAttr(sharing[item.problem]))};
    if (isImperfect(problems[item.problem], r->mapping))
      info.push_back(b.getNamedAttr("imperfect", b.getBoolAttr(true)));
    item.op->setAttr("accel.mapper", b.getDictionaryAttr(info));
  }
  module->setAttr(
      "accel.arch",
      getArchSummary(b, arch, archName, objective, dataflow,
                     wider ? std::optional<unsigned>(archBits) : std::nullopt));
}

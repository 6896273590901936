//===- mapper_bench.cpp - speed and quality of the mapper -----------------===//
//
// Maps one convolution layer onto a bundled (or given) architecture and
// prints the candidates evaluated per second, the best mapping and its cost.
// Default layer: the tutorial's 3x3 convolution C=128, M=256, P=Q=56 (the
// timeloop+accelergy exercise) on eyeriss-like.
//
// Usage: dnnopt-bench-mapper [arch] [budget] [threads] [objective]
//                            [problem.yaml [reference-map.yaml]]
// With a Timeloop problem the layer is that problem; with a reference
// mapping (e.g. what timeloop-mapper found) its cost by the same rules is
// printed beside the mapper's, so the two can be compared. With
// DNNOPT_BENCH_IMPERFECT=1 in the environment the mapper also searches
// imperfect factors.
//
//===----------------------------------------------------------------------===//

#include "ConvProblem.h"
#include "accel/AccelDialect.h"
#include "accel/AccelOps.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/InitAll.h"
#include "dnnopt/Search/Mapper.h"
#include "dnnopt/Target/Timeloop/ImportTimeloopMapping.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>

using namespace dnnopt;

int main(int argc, char **argv) {
  const char *archName = argc > 1 ? argv[1] : "eyeriss-like";
  MapperOptions options;
  options.budget = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 400000;
  options.threads = argc > 3 ? std::atoi(argv[3]) : 1;
  if (argc > 4)
    options.objective = parseObjective(argv[4]).value_or(Objective::EDP);
  // DNNOPT_BENCH_IMPERFECT=1 also searches imperfect factors.
  if (const char *imperfect = std::getenv("DNNOPT_BENCH_IMPERFECT"))
    options.imperfect = imperfect[0] == '1';
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  auto module = loadArch(archName, &context);
  if (!module)
    return 1;
  accel::ArchOp archOp;
  module->walk([&](accel::ArchOp op) { archOp = op; });
  llvm::FailureOr<ArchSpec> arch = buildArchSpec(archOp);
  if (failed(arch))
    return 1;
  Problem problem = makeConv(3, 3, 56, 56, 128, 256, 1);
  if (argc > 5) {
    llvm::Expected<Problem> p = importTimeloopProblem(argv[5]);
    if (!p) {
      llvm::errs() << llvm::toString(p.takeError()) << "\n";
      return 1;
    }
    problem = std::move(*p);
  }
  if (argc > 6) {
    llvm::Expected<Mapping> ref =
        importTimeloopMapping(argv[6], problem, *arch, options.imperfect);
    if (!ref) {
      llvm::errs() << llvm::toString(ref.takeError()) << "\n";
      return 1;
    }
    llvm::Expected<ActionCounts> counts =
        countActions(problem, *arch, *ref, options.imperfect);
    if (!counts) {
      llvm::errs() << llvm::toString(counts.takeError()) << "\n";
      return 1;
    }
    EnergyBreakdown energy;
    estimateEnergy(problem, *arch, *counts, energy);
    llvm::outs() << llvm::formatv(
        "reference mapping: energy {0:F2} uJ, cycles {1}, EDP {2:E3} "
        "J*cycles, utilization {3:P}\n",
        energy.totalPJ / 1e6, counts->cycles,
        energy.totalPJ * 1e-12 * counts->cycles, counts->utilization);
  }
  llvm::Expected<MapperResult> result = searchMapping(problem, *arch, options);
  if (!result) {
    llvm::errs() << llvm::toString(result.takeError()) << "\n";
    return 1;
  }
  printMapping(llvm::outs(), problem, *arch, result->mapping);
  // Per second of the search's wall time and per thread: candidates
  // generated (each fully built and repaired), valid (met every constraint)
  // and fully evaluated (exact counts and energy).
  unsigned threads = std::max(1u, options.threads);
  auto rate = [&](uint64_t n) { return (double)n / result->seconds / threads; };
  llvm::outs() << llvm::formatv(
      "arch {0}, objective {1}, budget {2}, threads {3}\n"
      "candidates: {4} generated, {5} valid, {6} evaluated, {7} pruned{8}\n"
      "time: {9:F2} s; per second per thread: {10:F0} generated, {11:F0} "
      "valid, {12:F0} evaluated\n"
      "best: energy {13:F1} uJ, cycles {14}, EDP {15:E3} J*cycles, "
      "utilization {16:P}, DRAM accesses {17}\n",
      archName, stringifyObjective(options.objective), options.budget,
      options.threads, result->generated, result->valid, result->evaluated,
      result->pruned, result->cutShort ? " (cut short by the time guard)" : "",
      result->seconds, rate(result->generated), rate(result->valid),
      rate(result->evaluated), result->energy.totalPJ / 1e6,
      result->counts.cycles,
      result->energy.totalPJ * 1e-12 * result->counts.cycles,
      result->counts.utilization, getOuterAccesses(result->counts));
  return 0;
}

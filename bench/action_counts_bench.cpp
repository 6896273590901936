//===- action_counts_bench.cpp - speed of the action counter --------------===//
//
// Evaluations per second of ActionCounter::count (and with
// estimateEnergy) on one core: random mappings of a ResNet-50 3x3
// convolution (C = M = 128, P = Q = 28, R = S = 3) onto a bundled
// architecture (eyeriss-like by default: 6 storage levels, a 14 x 12 PE
// array), generated first and then counted in a loop, so only the counter
// is timed. The mapper calls the same function for every candidate.
//
// Usage: dnnopt-bench-action-counts [arch] [evaluations]
//
// With DNNOPT_BENCH_IMPERFECT=1 in the environment the layer has P = Q = 27
// and its mappings are imperfect: random mappings of P = Q = 28 whose
// outermost loop of each dim is trimmed to ceil(27 / inner), so they are
// counted by the clipped-nest evaluator (docs/action-counts.md).
//
//===----------------------------------------------------------------------===//

#include "ConvProblem.h"
#include "accel/AccelOps.h"
#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Analysis/Energy.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/InitAll.h"
#include "dnnopt/Support/PrimeFactors.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

using namespace dnnopt;

/// A random mapping: each prime factor of each bound goes to a random
/// temporal slot, or to a spatial slot whose X product stays within the
/// fan-out; random loop orders.
static Mapping randomMapping(std::mt19937 &rng, const Problem &problem,
                             const ArchSpec &arch) {
  Mapping mapping = makeOuterMapping(problem, arch);
  unsigned nd = problem.getNumDims(), nl = arch.levels.size();
  for (LevelMapping &lm : mapping.levels) {
    lm.temporalFactors.assign(nd, 1);
    std::shuffle(lm.temporalOrder.begin(), lm.temporalOrder.end(), rng);
  }
  for (unsigned d = 0; d < nd; ++d) {
    for (int64_t f : getPrimeFactors(problem.bounds[d])) {
      unsigned l = rng() % nl;
      LevelMapping &lm = mapping.levels[l];
      const FanoutSpec &fanout = getFanoutBelow(arch, l);
      int64_t x = 1;
      for (int64_t s : lm.spatialFactors)
        x *= s;
      if (rng() % 3 == 0 && x * f <= fanout.meshX)
        lm.spatialFactors[d] *= f;
      else
        lm.temporalFactors[d] *= f;
    }
  }
  return mapping;
}

/// `mapping` (of a problem whose bounds are at least `problem`'s) with the
/// outermost loop of each dim trimmed to ceil(bound / inner): a valid
/// imperfect mapping of `problem` (temporal before spatial, level 0 first).
static Mapping tighten(Mapping mapping, const Problem &problem) {
  for (unsigned d = 0; d < problem.getNumDims(); ++d) {
    int64_t bound = problem.bounds[d], product = 1;
    for (const LevelMapping &lm : mapping.levels)
      product *= lm.temporalFactors[d] * lm.spatialFactors[d];
    bool tight = product == bound;
    for (LevelMapping &lm : mapping.levels)
      for (int64_t *f : {&lm.temporalFactors[d], &lm.spatialFactors[d]}) {
        if (tight || *f == 1)
          continue;
        int64_t inner = product / *f;
        *f = (bound + inner - 1) / inner;
        product = inner * *f;
        tight = *f > 1 || product == bound;
      }
  }
  return mapping;
}

int main(int argc, char **argv) {
  const char *archName = argc > 1 ? argv[1] : "eyeriss-like";
  uint64_t evaluations =
      argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2000000;
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  mlir::OwningOpRef<mlir::ModuleOp> module = loadArch(archName, &context);
  if (!module)
    return 1;
  auto archOp = *module->getOps<accel::ArchOp>().begin();
  llvm::FailureOr<ArchSpec> arch = buildArchSpec(archOp);
  if (failed(arch))
    return 1;
  const char *imperfectEnv = std::getenv("DNNOPT_BENCH_IMPERFECT");
  bool imperfect = imperfectEnv && imperfectEnv[0] == '1';
  int64_t pq = imperfect ? 27 : 28;
  Problem problem = makeConv(3, 3, pq, pq, 128, 128, 1);
  Problem padded = makeConv(3, 3, 28, 28, 128, 128, 1);

  std::mt19937 rng(1);
  std::vector<Mapping> mappings;
  unsigned valid = 0, clipped = 0;
  for (unsigned i = 0; i < 1024; ++i) {
    mappings.push_back(imperfect
                           ? tighten(randomMapping(rng, padded, *arch), problem)
                           : randomMapping(rng, problem, *arch));
    valid += !llvm::errorToBool(
        validateMapping(problem, *arch, mappings.back(), imperfect));
    clipped += isImperfect(problem, mappings.back());
  }

  ActionCounter counter(problem, *arch);
  ActionCounts counts;
  EnergyBreakdown energy;
  int64_t checksum = 0;
  // CPU time of this process (the machine may be shared), and wall time.
  auto time = [&](bool withEnergy) {
    std::clock_t cpuStart = std::clock();
    auto start = std::chrono::steady_clock::now();
    for (uint64_t i = 0; i < evaluations; ++i) {
      counter.count(mappings[i % mappings.size()], counts);
      if (withEnergy)
        estimateEnergy(problem, *arch, counts, energy);
      checksum += counts.cycles;
    }
    std::chrono::duration<double> seconds =
        std::chrono::steady_clock::now() - start;
    double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    return std::make_pair(cpu, seconds.count());
  };
  auto [countSeconds, countWall] = time(false);
  auto [energySeconds, energyWall] = time(true);
  llvm::outs() << llvm::formatv(
      "arch {0}: {1} storage levels; problem C=M=128 P=Q={3} R=S=3; {2} of "
      "1024 random mappings valid, {4} imperfect\n",
      archName, arch->levels.size(), valid, pq, clipped);
  llvm::outs() << llvm::formatv(
      "count:          {0} evaluations in {1:f3} s of CPU = {2:f0} per "
      "second per core ({3:f0} per second of wall time)\n",
      evaluations, countSeconds, evaluations / countSeconds,
      evaluations / countWall);
  llvm::outs() << llvm::formatv(
      "count + energy: {0} evaluations in {1:f3} s of CPU = {2:f0} per "
      "second per core ({3:f0} per second of wall time)\n",
      evaluations, energySeconds, evaluations / energySeconds,
      evaluations / energyWall);
  llvm::outs() << "(checksum " << checksum << ")\n";
  return 0;
}

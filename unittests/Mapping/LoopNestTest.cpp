//===- LoopNestTest.cpp - mappings to accel loop nests and back -----------===//
//
// Random mappings of a conv-like problem go through every form accel-lower
// and its readers use: #accel.mapping, accel.loop_nest (built, verified,
// printed and parsed again) and back to plain data, which must give the
// canonical form of the mapping. The canonical form must count the same
// actions as the original (it only moves loops of factor 1).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Mapping/LoopNest.h"
#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "dnnopt/Support/PrimeFactors.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <random>

using namespace dnnopt;

namespace {

/// A 1-D convolution: dims K, C, P, R; Weights[K][C][R], Inputs[C][P+R],
/// Outputs[K][P] (read-write).
Problem makeConv1D(int64_t k, int64_t c, int64_t p, int64_t r) {
  Problem problem;
  problem.name = "conv1d";
  problem.dimNames = {"K", "C", "P", "R"};
  problem.bounds = {k, c, p, r};
  auto space = [](std::string name, DataSpace arch,
                  std::vector<std::vector<int64_t>> rows, bool readWrite) {
    ProblemDataSpace ds;
    ds.name = std::move(name);
    ds.archSpace = arch;
    ds.readWrite = readWrite;
    ds.numRanks = rows.size();
    for (const std::vector<int64_t> &row : rows)
      ds.coefficients.append(row.begin(), row.end());
    return ds;
  };
  problem.dataSpaces.push_back(space("Weights", DataSpace::Weights,
                                     {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}},
                                     false));
  problem.dataSpaces.push_back(
      space("Inputs", DataSpace::Inputs, {{0, 1, 0, 0}, {0, 0, 1, 1}}, false));
  problem.dataSpaces.push_back(
      space("Outputs", DataSpace::Outputs, {{1, 0, 0, 0}, {0, 0, 1, 0}}, true));
  return problem;
}

/// Three levels, each with a large fan-out below and no capacity limit, so
/// that every random mapping validates.
ArchSpec makeArch() {
  ArchSpec arch;
  arch.name = "test";
  int64_t instances = 1;
  for (const char *name : {"DRAM", "GlobalBuffer", "RF"}) {
    StorageLevelSpec level;
    level.name = name;
    int64_t mesh = arch.levels.empty() ? 1 : 64;
    level.fanoutAbove.meshX = level.fanoutAbove.meshY = mesh;
    instances *= mesh * mesh;
    level.instances = instances;
    arch.levels.push_back(level);
  }
  arch.compute.name = "MAC";
  arch.compute.fanoutAbove.meshX = arch.compute.fanoutAbove.meshY = 64;
  arch.compute.instances = instances * 64 * 64;
  return arch;
}

/// A random mapping: each bound split over the levels' temporal and spatial
/// factors, random orders and splits, random bypass below the outermost
/// level.
Mapping makeRandomMapping(const Problem &problem, unsigned numLevels,
                          std::mt19937 &rng) {
  unsigned nd = problem.getNumDims();
  Mapping mapping;
  mapping.levels.resize(numLevels);
  for (LevelMapping &lm : mapping.levels) {
    lm.temporalFactors.assign(nd, 1);
    lm.spatialFactors.assign(nd, 1);
    for (unsigned d = 0; d < nd; ++d) {
      lm.temporalOrder.push_back(d);
      lm.spatialOrder.push_back(d);
    }
    std::shuffle(lm.temporalOrder.begin(), lm.temporalOrder.end(), rng);
    std::shuffle(lm.spatialOrder.begin(), lm.spatialOrder.end(), rng);
    lm.spatialSplit = rng() % (nd + 1);
    lm.keepMask = rng() % (1u << problem.dataSpaces.size());
  }
  mapping.levels[0].keepMask = (1u << problem.dataSpaces.size()) - 1;
  for (unsigned d = 0; d < nd; ++d) {
    // Put the prime factors of the bound onto random slots.
    for (int64_t f : getPrimeFactors(problem.bounds[d])) {
      LevelMapping &lm = mapping.levels[rng() % numLevels];
      (rng() % 2 ? lm.temporalFactors : lm.spatialFactors)[d] *= f;
    }
  }
  return mapping;
}

std::string printCounts(const Problem &problem, const ArchSpec &arch,
                        const Mapping &mapping) {
  llvm::Expected<ActionCounts> counts = countActions(problem, arch, mapping);
  if (!counts)
    return "error: " + llvm::toString(counts.takeError());
  std::string text;
  llvm::raw_string_ostream os(text);
  printActionCounts(os, problem, arch, *counts);
  return text;
}

TEST(LoopNest, RandomMappingsReadBackCanonical) {
  mlir::MLIRContext context;
  context.loadDialect<accel::AccelDialect>();
  Problem problem = makeConv1D(12, 8, 6, 3);
  ArchSpec arch = makeArch();
  std::mt19937 rng(7);
  for (unsigned trial = 0; trial < 200; ++trial) {
    SCOPED_TRACE(trial);
    Mapping mapping = makeRandomMapping(problem, arch.levels.size(), rng);
    ASSERT_FALSE(llvm::errorToBool(validateMapping(problem, arch, mapping)));
    Mapping canonical = canonicalizeMapping(mapping);
    EXPECT_EQ(canonicalizeMapping(canonical), canonical);

    // Plain data -> attribute -> plain data (levels in the attribute's
    // order, no arch).
    accel::MappingAttr attr = getMappingAttr(&context, problem, arch, mapping);
    llvm::Expected<Mapping> fromAttr = getMappingFromAttr(attr, problem);
    ASSERT_TRUE(bool(fromAttr)) << llvm::toString(fromAttr.takeError());
    EXPECT_EQ(*fromAttr, mapping);

    // -> loop nest, verified, printed and parsed -> plain data.
    NamedMapping named;
    named.arch = arch.name;
    for (llvm::StringRef level : getMappingLevelNames(attr))
      named.levelNames.push_back(level.str());
    named.mapping = *fromAttr;
    mlir::OpBuilder builder(&context);
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
    buildLoopNest(builder, builder.getUnknownLoc(), "op", problem, named);
    ASSERT_TRUE(mlir::succeeded(mlir::verify(*module)));
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os);
    mlir::OwningOpRef<mlir::ModuleOp> parsed =
        mlir::parseSourceString<mlir::ModuleOp>(text, &context);
    ASSERT_TRUE(parsed) << text;
    accel::LoopNestOp nest;
    parsed->walk([&](accel::LoopNestOp op) { nest = op; });
    ASSERT_TRUE(nest);
    llvm::Expected<NamedMapping> back = readLoopNest(nest, problem);
    ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(back->arch, "test");
    EXPECT_EQ(back->levelNames, named.levelNames);
    EXPECT_EQ(back->mapping, canonical) << text;

    // Moving loops of factor 1 changes no count.
    EXPECT_EQ(printCounts(problem, arch, canonical),
              printCounts(problem, arch, mapping));
  }
}

TEST(LoopNest, ReadingChecksTheProblem) {
  mlir::MLIRContext context;
  context.loadDialect<accel::AccelDialect>();
  Problem problem = makeConv1D(4, 2, 3, 1);
  ArchSpec arch = makeArch();
  NamedMapping named;
  named.arch = arch.name;
  for (const StorageLevelSpec &level : arch.levels)
    named.levelNames.push_back(level.name);
  named.mapping = makeOuterMapping(problem, arch);
  mlir::OpBuilder builder(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::ModuleOp::create(builder.getUnknownLoc());
  builder.setInsertionPointToEnd(module->getBody());
  accel::LoopNestOp nest =
      buildLoopNest(builder, builder.getUnknownLoc(), "op", problem, named);
  ASSERT_TRUE(mlir::succeeded(mlir::verify(*module)));

  Problem other = makeConv1D(8, 2, 3, 1);
  llvm::Expected<NamedMapping> back = readLoopNest(nest, other);
  ASSERT_FALSE(bool(back));
  EXPECT_EQ(llvm::toString(back.takeError()),
            "the loop nest's bound of 'K' is 4, the workload's 8");

  Problem renamed = problem;
  renamed.dataSpaces[0].name = "Filters";
  back = readLoopNest(nest, renamed);
  ASSERT_FALSE(bool(back));
  EXPECT_EQ(llvm::toString(back.takeError()),
            "the loop nest's data space 'Weights' is not a data space of "
            "the workload");
}

} // namespace

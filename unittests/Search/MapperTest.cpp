//===- MapperTest.cpp - the mapper's contracts ----------------------------===//
//
// On small hand-built problems and architectures: the best mapping is
// valid, the search is deterministic whatever the thread count, the budget
// is spent exactly, dataflow presets hold, and on a space small enough to
// enumerate, the search finds the exhaustive optimum.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Search/Mapper.h"

#include "gtest/gtest.h"

using namespace dnnopt;

namespace {

/// A 1-D convolution: dims R, P, K (output channels), C.
Problem conv1d(int64_t r, int64_t p, int64_t k, int64_t c) {
  Problem problem;
  problem.dimNames = {"R", "P", "K", "C"};
  problem.bounds = {r, p, k, c};
  // Weights[K][C][R], Inputs[C][R + P], Outputs[K][P].
  problem.dataSpaces.push_back(
      makeDataSpace("Weights", DataSpace::Weights, 4, {{{2}}, {{3}}, {{0}}}));
  problem.dataSpaces.push_back(
      makeDataSpace("Inputs", DataSpace::Inputs, 4, {{{3}}, {{0}, {1}}}));
  problem.dataSpaces.push_back(
      makeDataSpace("Outputs", DataSpace::Outputs, 4, {{{2}}, {{1}}}, true));
  return problem;
}

StorageLevelSpec level(const char *name, std::optional<int64_t> size,
                       double readPJ, int64_t instances, int64_t meshX) {
  StorageLevelSpec s;
  s.name = name;
  s.sizeWords = size;
  s.wordBits = 16;
  s.instances = instances;
  s.meshX = meshX;
  s.readPJ = {readPJ, "test"};
  s.fillPJ = {readPJ, "test"};
  s.updatePJ = {readPJ, "test"};
  s.leakPJ = {0, "test"};
  return s;
}

/// DRAM -> 64-word buffer -> 4 PEs (4 x 1) each with a 4-word register file.
ArchSpec smallArch() {
  ArchSpec arch;
  arch.name = "small";
  arch.clockMHz = 1000;
  arch.levels.push_back(level("DRAM", std::nullopt, 100, 1, 1));
  arch.levels.push_back(level("Buffer", 64, 6, 1, 1));
  StorageLevelSpec rf = level("RF", 4, 1, 4, 4);
  rf.fanoutAbove.meshX = 4;
  rf.fanoutAbove.meshY = 1;
  arch.levels.push_back(rf);
  arch.compute.name = "MAC";
  arch.compute.instances = 4;
  arch.compute.meshX = 4;
  arch.compute.macPJ = {1, "test"};
  arch.compute.leakPJ = {0, "test"};
  return arch;
}

TEST(Mapper, FindsValidDeterministicMapping) {
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.budget = 3000;
  options.threads = 1;
  llvm::Expected<MapperResult> one = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
  EXPECT_FALSE(bool(validateMapping(problem, arch, one->mapping)));
  EXPECT_EQ(one->generated, 3000u);
  EXPECT_EQ(one->valid + one->pruned, one->generated);
  EXPECT_EQ(one->counts.computes, 3 * 16 * 8 * 4);
  // The same seed and budget give the same result on more threads.
  options.threads = 3;
  llvm::Expected<MapperResult> three = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(three));
  EXPECT_EQ(one->objectiveValue, three->objectiveValue);
  EXPECT_EQ(one->counts.cycles, three->counts.cycles);
}

TEST(Mapper, BeatsTheOuterMapping) {
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  Mapping outer = makeOuterMapping(problem, arch);
  llvm::Expected<ActionCounts> counts = countActions(problem, arch, outer);
  ASSERT_TRUE(bool(counts)) << llvm::toString(counts.takeError());
  EnergyBreakdown energy;
  estimateEnergy(problem, arch, *counts, energy);
  MapperOptions options;
  options.objective = Objective::Energy;
  options.budget = 4000;
  llvm::Expected<MapperResult> best = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(best));
  EXPECT_LT(best->energy.totalPJ, energy.totalPJ);
  // Four PEs are used in the best delay mapping: 384 MACs in 96 cycles.
  options.objective = Objective::Delay;
  best = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(best));
  EXPECT_EQ(best->counts.cycles, 3 * 16 * 8 * 4 / 4);
}

// Prime bounds leave a perfect mapping 3 of the 4 PEs at best (R = 3):
// 3 x 13 x 7 x 5 = 1365 MACs in 455 cycles. Imperfect splits may spread
// P = 13 over all 4 PEs (ceil(13 / 4) = 4 steps each): 420 cycles.
TEST(Mapper, ImperfectSplitsUseTheArray) {
  Problem problem = conv1d(3, 13, 7, 5);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.objective = Objective::Delay;
  options.budget = 4000;
  options.threads = 1;
  llvm::Expected<MapperResult> perfect = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(perfect)) << llvm::toString(perfect.takeError());
  EXPECT_EQ(perfect->counts.cycles, 455);
  options.imperfect = true;
  llvm::Expected<MapperResult> imperfect =
      searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(imperfect)) << llvm::toString(imperfect.takeError());
  EXPECT_TRUE(isImperfect(problem, imperfect->mapping));
  EXPECT_FALSE(bool(validateMapping(problem, arch, imperfect->mapping,
                                    /*imperfect=*/true)));
  EXPECT_EQ(imperfect->counts.computes, 1365);
  EXPECT_LE(imperfect->counts.cycles, 420);
  // Deterministic whatever the threads, as without the option.
  options.threads = 3;
  llvm::Expected<MapperResult> three = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(three));
  EXPECT_EQ(imperfect->objectiveValue, three->objectiveValue);
}

TEST(Mapper, DataflowPresetsHold) {
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.budget = 2000;
  options.dataflow = Dataflow::WeightStationary;
  llvm::Expected<MapperResult> ws = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(ws));
  // At the innermost level, R, K and C (which index the weights) do not
  // iterate in time.
  const LevelMapping &rf = ws->mapping.levels.back();
  EXPECT_EQ(rf.temporalFactors[0], 1);
  EXPECT_EQ(rf.temporalFactors[2], 1);
  EXPECT_EQ(rf.temporalFactors[3], 1);
  options.dataflow = Dataflow::NoLocalReuse;
  llvm::Expected<MapperResult> nlr = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(nlr));
  EXPECT_EQ(nlr->mapping.levels.back().keepMask, 0u);
}

TEST(Mapper, ReportsWhenNothingFits) {
  // A weight tile of one element does not fit a level of capacity 0 that
  // must keep weights... use a buffer too small for anything but DRAM loops:
  // the search still succeeds by moving everything outward.
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  arch.levels[1].sizeWords = 1;
  MapperOptions options;
  options.budget = 500;
  llvm::Expected<MapperResult> r = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  EXPECT_FALSE(bool(validateMapping(problem, arch, r->mapping)));
}

/// A constraint entry on `level` of `kind`, from text like Timeloop's.
ConstraintEntry entry(ConstraintEntry::Kind kind, unsigned level,
                      const char *factors, const char *where) {
  ConstraintEntry e;
  e.kind = kind;
  e.level = level;
  e.where = where;
  llvm::cantFail(parseFactorTerms(factors, e.factors));
  return e;
}

TEST(MapspaceConstraints, EveryCandidateHonoursThem) {
  // Pinned, capped and free factors, a partial permutation, an X/Y split
  // and keep/bypass: the best mapping holds them all, and so does every
  // candidate (checked through the result of several seeds and objectives).
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.budget = 3000;
  ConstraintEntry rf =
      entry(ConstraintEntry::Kind::Temporal, 2, "R=3 P<=2", "rf");
  rf.permutation = {"R", "P"};
  ConstraintEntry pes = entry(ConstraintEntry::Kind::Spatial, 1, "K=4", "pes");
  pes.permutation = {"K"};
  pes.split = 1;
  ConstraintEntry buffer =
      entry(ConstraintEntry::Kind::DataSpace, 1, "", "buffer");
  buffer.keep = {"Outputs"};
  buffer.bypass = {"Inputs"};
  options.constraints = {rf, pes, buffer};
  for (Objective objective : {Objective::Energy, Objective::EDP})
    for (uint64_t seed : {1, 7}) {
      options.objective = objective;
      options.seed = seed;
      llvm::Expected<MapperResult> r = searchMapping(problem, arch, options);
      ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
      const LevelMapping &l2 = r->mapping.levels[2];
      EXPECT_EQ(l2.temporalFactors[0], 3);
      EXPECT_LE(l2.temporalFactors[1], 2);
      // R (dim 0) is the innermost loop; P the next when it iterates.
      EXPECT_EQ(l2.temporalOrder[0], 0u);
      EXPECT_EQ(l2.temporalOrder[1], 1u);
      const LevelMapping &l1 = r->mapping.levels[1];
      EXPECT_EQ(l1.spatialFactors[2], 4);
      EXPECT_TRUE(l1.keeps(2));
      EXPECT_FALSE(l1.keeps(1));
      llvm::Expected<MapspaceConstraints> resolved =
          resolveConstraints(problem, arch, options.constraints, Dataflow::Any);
      ASSERT_TRUE(bool(resolved));
      EXPECT_FALSE(
          bool(checkMappingConstraints(*resolved, problem, arch, r->mapping)));
    }
}

TEST(MapspaceConstraints, DeterministicAndUnchangedWithoutConstraints) {
  // No constraints: the search draws as it did before constraints existed;
  // with constraints, the result still depends only on seed and budget.
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.budget = 2000;
  options.constraints = {
      entry(ConstraintEntry::Kind::Temporal, 1, "K=2", "buffer")};
  options.threads = 1;
  llvm::Expected<MapperResult> a = searchMapping(problem, arch, options);
  options.threads = 4;
  llvm::Expected<MapperResult> b = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(a) && bool(b));
  EXPECT_EQ(a->objectiveValue, b->objectiveValue);
  EXPECT_EQ(a->mapping.levels[1].temporalFactors,
            b->mapping.levels[1].temporalFactors);
  EXPECT_EQ(a->mapping.levels[1].temporalFactors[2], 2);
}

TEST(MapspaceConstraints, ErrorsNameTheConstraint) {
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  auto resolve = [&](std::vector<ConstraintEntry> entries,
                     Dataflow dataflow = Dataflow::Any) {
    llvm::Expected<MapspaceConstraints> r =
        resolveConstraints(problem, arch, entries, dataflow);
    return r ? std::string() : llvm::toString(r.takeError());
  };
  EXPECT_EQ(resolve({entry(ConstraintEntry::Kind::Temporal, 2, "K=3", "f:3")}),
            "f:3: factors: K=3 does not divide the bound 8 of K");
  EXPECT_EQ(resolve({entry(ConstraintEntry::Kind::Temporal, 2, "Z=1", "f:4")}),
            "f:4: factors: dimension Z not found in the problem (dims: R, P, "
            "K, C)");
  // The weight-stationary preset pins K to 1 in the RF.
  EXPECT_EQ(resolve({entry(ConstraintEntry::Kind::Temporal, 2, "K=2", "f:5")},
                    Dataflow::WeightStationary),
            "dataflow weight-stationary: the temporal factor of K at RF is "
            "pinned to 1 here but to 2 by f:5");
  // Spatial K=8 does not fit the 4 x 1 fan-out.
  EXPECT_EQ(resolve({entry(ConstraintEntry::Kind::Spatial, 1, "K=8", "f:6")}),
            "f:6: the spatial factor K=8 below Buffer does not fit its "
            "fan-out (4 x 1)");
  ConstraintEntry keep = entry(ConstraintEntry::Kind::DataSpace, 0, "", "f:7");
  keep.bypass = {"Weights"};
  EXPECT_EQ(resolve({keep}), "f:7: the outermost level DRAM keeps every data "
                             "space; it cannot bypass Weights");
}

TEST(MapspaceConstraints, MinimumUtilizationAndCaps) {
  // All 4 PEs busy, and no temporal loop of P in the Buffer beyond 2: every
  // mapping the search keeps has spatial factors multiplying to 4.
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapperOptions options;
  options.budget = 2000;
  ConstraintEntry util;
  util.kind = ConstraintEntry::Kind::Utilization;
  util.level = 2;
  util.where = "util";
  util.minUtilization = 1.0;
  options.constraints = {
      util, entry(ConstraintEntry::Kind::Temporal, 1, "P<=2", "cap")};
  llvm::Expected<MapperResult> r = searchMapping(problem, arch, options);
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  int64_t used = 1;
  for (const LevelMapping &level : r->mapping.levels)
    for (int64_t f : level.spatialFactors)
      used *= f;
  EXPECT_EQ(used, 4);
  EXPECT_LE(r->mapping.levels[1].temporalFactors[1], 2);
  EXPECT_GT(r->pruned, 0u);
}

TEST(MapspaceConstraints, PresetsAreConstraints) {
  // The presets resolve to pinned factors and bypasses, as a constraints
  // file would give them.
  Problem problem = conv1d(3, 16, 8, 4);
  ArchSpec arch = smallArch();
  MapspaceConstraints c = MapspaceConstraints::getEmpty(problem, arch);
  ASSERT_FALSE(bool(addDataflow(c, Dataflow::WeightStationary, problem, arch)));
  // Weights are indexed by R, K, C: pinned to 1 in the RF; P is free.
  EXPECT_EQ(c.levels[2].temporalExact[0], 1);
  EXPECT_EQ(c.levels[2].temporalExact[1], 0);
  EXPECT_EQ(c.levels[2].temporalExact[2], 1);
  EXPECT_EQ(c.levels[2].temporalExact[3], 1);
  MapspaceConstraints n = MapspaceConstraints::getEmpty(problem, arch);
  ASSERT_FALSE(bool(addDataflow(n, Dataflow::NoLocalReuse, problem, arch)));
  EXPECT_EQ(n.levels[2].mustBypass, 7u);
}

} // namespace

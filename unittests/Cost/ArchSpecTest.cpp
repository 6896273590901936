//===- ArchSpecTest.cpp - tests of the plain-data view of an accel.arch ---===//
//
// Small archs written here; expected numbers are the explicit energies of
// the input or hand computations from the models (said per test).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Cost/ArchSpec.h"
#include "accel/AccelDialect.h"
#include "accel/AccelOps.h"
#include "dnnopt/Arch/BundledArchs.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace dnnopt;

namespace {

class ArchSpecTest : public ::testing::Test {
protected:
  ArchSpecTest() { context.loadDialect<accel::AccelDialect>(); }

  FailureOr<ArchSpec> build(StringRef text) {
    module = parseSourceString<ModuleOp>(text, &context);
    if (!module)
      return failure();
    auto archs = module->getOps<accel::ArchOp>();
    if (archs.empty())
      return failure();
    return buildArchSpec(*archs.begin());
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

constexpr StringRef kTiny = R"mlir(
accel.arch @tiny attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "horowitz-45nm"} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64, block_size = 4 : i64}
  accel.fanout @PE 4 x 2 {spatial_reduction = false}
  accel.storage @RF class "regfile" {size_words = 16 : i64, word_bits = 8 : i64, keep = #accel.dataspaces<weights>,
      instances = 8 : i64, mesh_x = 4 : i64,
      actions = [#accel.action<"write", 0.5 pJ, args {data_delta = 0 : i64}, source "user">,
                 #accel.action<"write", 0.7 pJ, args {data_delta = 1 : i64}, source "user">,
                 #accel.action<"read", 0.25 pJ, source "user">]}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 8 : i64, mesh_x = 4 : i64}
}
)mlir";

TEST_F(ArchSpecTest, LevelsFanoutsAndEnergies) {
  auto spec = build(kTiny);
  ASSERT_TRUE(succeeded(spec));
  EXPECT_EQ(spec->name, "tiny");
  ASSERT_EQ(spec->levels.size(), 2u);
  const StorageLevelSpec &dram = spec->levels[0];
  // Horowitz DRAM: 640 pJ per 32 bits = 20 pJ/bit x 8 bits x 4 words.
  EXPECT_DOUBLE_EQ(dram.readPJ.value, 640);
  EXPECT_DOUBLE_EQ(dram.updatePJ.value, 640);
  EXPECT_TRUE(dram.keeps(DataSpace::Outputs));

  const StorageLevelSpec &rf = spec->levels[1];
  EXPECT_EQ(rf.instances, 8);
  EXPECT_EQ(rf.meshX, 4);
  EXPECT_EQ(rf.meshY, 2);
  EXPECT_EQ(rf.fanoutAbove.getFanout(), 8);
  EXPECT_FALSE(rf.fanoutAbove.spatialReduction);
  EXPECT_TRUE(rf.keeps(DataSpace::Weights));
  EXPECT_FALSE(rf.keeps(DataSpace::Inputs));
  // Explicit energies win over the model; among argument variants the
  // counts use the largest (Timeloop).
  EXPECT_DOUBLE_EQ(rf.readPJ.value, 0.25);
  EXPECT_EQ(rf.readPJ.source, "user");
  EXPECT_DOUBLE_EQ(rf.fillPJ.value, 0.7);
  // Both write variants are kept with their arguments.
  unsigned writes = 0;
  for (const ActionEnergy &action : rf.actions)
    if (action.name == "write") {
      ++writes;
      ASSERT_EQ(action.arguments.size(), 1u);
      EXPECT_EQ(action.arguments[0].first, "data_delta");
    }
  EXPECT_EQ(writes, 2u);

  // int8 MAC at 45 nm = 0.2 + 0.03 pJ (Horowitz, seed slide 11).
  EXPECT_DOUBLE_EQ(spec->compute.macPJ.value, 0.23);
  EXPECT_EQ(spec->compute.instances, 8);
  EXPECT_EQ(spec->compute.meshY, 2);
}

TEST_F(ArchSpecTest, UnknownModelIsAnError) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  auto spec = build(R"mlir(
accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "cacti7"} {
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}
)mlir");
  EXPECT_TRUE(failed(spec));
  EXPECT_NE(message.find("'MAC': unknown energy model 'cacti7'"),
            std::string::npos)
      << message;
}

TEST_F(ArchSpecTest, ModelThatCannotEstimateIsAnError) {
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  // horowitz-45nm needs a capacity for an SRAM.
  auto spec = build(R"mlir(
accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "horowitz-45nm"} {
  accel.storage @Buf class "SRAM" {word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}
)mlir");
  EXPECT_TRUE(failed(spec));
  EXPECT_NE(message.find("'Buf': no energy for action 'read': energy model "
                         "'horowitz-45nm' does not cover class 'SRAM'"),
            std::string::npos)
      << message;
}

} // namespace

namespace {
// Every bundled architecture builds a spec; eyeriss-like has the structure of
// Chen et al., JSSC 2017 (reference/published.yaml eyeriss_v1_chip: 168 PEs
// as 12 x 14, 108 KB global buffer, 200 MHz, 65 nm).
TEST(BundledArchs, BuildSpecs) {
  MLIRContext context;
  context.loadDialect<accel::AccelDialect>();
  for (StringRef name : getBundledArchNames()) {
    OwningOpRef<ModuleOp> module = loadArch(name, &context);
    ASSERT_TRUE(module) << name.str();
    auto archs = module->getOps<accel::ArchOp>();
    ASSERT_FALSE(archs.empty()) << name.str();
    EXPECT_TRUE(succeeded(buildArchSpec(*archs.begin()))) << name.str();
  }
  OwningOpRef<ModuleOp> module = loadArch("eyeriss-like", &context);
  auto spec = buildArchSpec(*module->getOps<accel::ArchOp>().begin());
  ASSERT_TRUE(succeeded(spec));
  EXPECT_EQ(spec->clockMHz, 200);
  EXPECT_EQ(spec->technologyNM, 65);
  ASSERT_EQ(spec->levels.size(), 5u);
  // 108 KB of 16-bit words.
  EXPECT_EQ(*spec->levels[1].sizeWords * 16 / 8, 108 * 1024);
  EXPECT_FALSE(spec->levels[1].keeps(DataSpace::Weights));
  EXPECT_EQ(spec->levels[2].fanoutAbove.meshX, 14);
  EXPECT_EQ(spec->levels[2].fanoutAbove.meshY, 12);
  EXPECT_TRUE(spec->levels[3].keeps(DataSpace::Weights));
  EXPECT_FALSE(spec->levels[3].keeps(DataSpace::Inputs));
  EXPECT_EQ(spec->compute.instances, 168);
  EXPECT_EQ(spec->compute.precisionBits, 16);

  // The PIM arch's converters come from the converter models (ISAAC's 8-bit
  // ADC at 1.28 GS/s, 1-bit DACs).
  module = loadArch("pim-isaac-like", &context);
  spec = buildArchSpec(*module->getOps<accel::ArchOp>().begin());
  ASSERT_TRUE(succeeded(spec));
  EXPECT_TRUE(spec->compute.isCrossbar);
  // 96 crossbars of 128 rows x 128 columns of 2-bit cells; 16-bit words
  // (the input register's): a weight spans 8 columns, 16 weights per row,
  // 96 x 128 x 16 = 196608 logical MACs; an input is 16 one-bit slices,
  // each read out by one ADC per 128 columns at 1280 MHz / 1200 MHz =
  // 1.07 samples per cycle: ceil(128 / 1.0667) = 120 cycles, 1920 a step.
  EXPECT_EQ(spec->compute.crossbars, 96);
  EXPECT_EQ(spec->compute.instances, 196608);
  EXPECT_EQ(spec->compute.columnsPerWeight, 8);
  EXPECT_EQ(spec->compute.inputSlices, 16);
  EXPECT_EQ(spec->compute.cyclesPerCompute, 1920);
  ASSERT_EQ(spec->levels.back().name, "xbar.cells");
  EXPECT_EQ(*spec->levels.back().sizeWords, 128 * 16);
  EXPECT_TRUE(spec->compute.fanoutAbove.crossbar);
  // The units built are the 96 crossbars; the area is one crossbar's.
  EXPECT_EQ(spec->compute.getPhysicalInstances(), 96);
  EXPECT_DOUBLE_EQ(spec->compute.adcPJ.value, getADCEnergyPJ(8, 1280));
  EXPECT_DOUBLE_EQ(spec->compute.dacPJ.value, getDACEnergyPJ(1));
}

TEST(BundledArchs, ResolveNamesAndPaths) {
  std::string error;
  EXPECT_TRUE(succeeded(resolveArch("simple-ws", &error)));
  EXPECT_TRUE(succeeded(resolveArch("simple-ws.mlir", &error)));
  EXPECT_TRUE(failed(resolveArch("no-such-arch", &error)));
  EXPECT_NE(error.find("bundled: eyeriss-like"), std::string::npos) << error;
}
} // namespace

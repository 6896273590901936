//===- ReportTableTest.cpp - tests of the flattened statistics table ------===//
//
// Small documents written here; the expected columns follow the rules of
// docs/reports.md (schema order, dotted names, `note` last, totals-only keys
// after the row columns).
//
//===----------------------------------------------------------------------===//

#include "ReportTable.h"
#include "gtest/gtest.h"

using namespace dnnopt::report;
namespace json = llvm::json;

namespace {

json::Value parse(llvm::StringRef text) {
  llvm::Expected<json::Value> v = json::parse(text);
  EXPECT_TRUE(static_cast<bool>(v)) << llvm::toString(v.takeError());
  return v ? std::move(*v) : json::Value(nullptr);
}

TEST(ReportTableTest, ColumnsInReportOrder) {
  // Rows carry different keys; `note` comes last, unknown keys sorted
  // after the known ones, totals-only keys at the end.
  json::Value doc = parse(R"({
    "ops": [
      {"name": "a", "zeta": 1, "macs": 2, "note": "n", "kind": "conv"},
      {"name": "b", "energy_pJ": 3, "alpha": true, "macs": 0}
    ],
    "totals": {"macs": 2, "ops": 2}
  })");
  llvm::FailureOr<Document> d = getDocument(doc);
  ASSERT_TRUE(succeeded(d));
  Table t = flatten(*d);
  std::vector<std::string> expected = {"name",  "kind", "macs", "energy_pJ",
                                       "alpha", "zeta", "note", "ops"};
  EXPECT_EQ(t.columns, expected);
  EXPECT_EQ(t.numRowColumns, 7u);
  EXPECT_EQ(formatScalar(t.rows[1].find("alpha")->second), "true");
  EXPECT_EQ(t.rows[0].count("energy_pJ"), 0u);
}

TEST(ReportTableTest, NestedValuesFlattenToDottedNames) {
  json::Value doc = parse(R"({"ops": [{
    "input_shapes": [[1, 3, 8, 8], [4], [], [null, 2]],
    "energy_by_component_pJ": {"MAC": 1, "DRAM": 2},
    "eyexam_macs_per_cycle": [8, 4],
    "levels": [{"level": "DRAM", "Weights": {"reads": 5}},
               {"level": "RF", "cycles": 7}]
  }]})");
  llvm::FailureOr<Document> d = getDocument(doc);
  ASSERT_TRUE(succeeded(d));
  Table t = flatten(*d);
  const FlatRow &row = t.rows[0];
  EXPECT_EQ(formatScalar(row.find("input_shapes")->second),
            "1x3x8x8;4;scalar;?x2");
  EXPECT_EQ(formatScalar(row.find("energy_by_component_pJ.DRAM")->second), "2");
  EXPECT_EQ(formatScalar(row.find("eyexam_macs_per_cycle.2")->second), "4");
  EXPECT_EQ(formatScalar(row.find("levels.DRAM.Weights.reads")->second), "5");
  EXPECT_EQ(formatScalar(row.find("levels.RF.cycles")->second), "7");
  EXPECT_EQ(row.count("levels.1.level"), 0u);
}

TEST(ReportTableTest, NumbersReadBackExactly) {
  EXPECT_EQ(formatNumber(1536.0), "1536");
  EXPECT_EQ(formatNumber(0.1), "0.1");
  EXPECT_EQ(formatNumber(1.2e-7), "1.2e-07");
  EXPECT_EQ(formatNumber(2.0 / 3.0), "0.6666666666666666");
  EXPECT_EQ(formatScalar(json::Value(int64_t(3857973248))), "3857973248");
  EXPECT_EQ(formatScalar(json::Value(nullptr)), "");
}

TEST(ReportTableTest, RefusesWhatIsNotAStatisticsDocument) {
  EXPECT_TRUE(failed(getDocument(parse(R"([1, 2])"))));
  EXPECT_TRUE(failed(getDocument(parse(R"({"totals": {}})"))));
  EXPECT_TRUE(failed(getDocument(parse(R"({"ops": [1]})"))));
  EXPECT_TRUE(failed(getDocument(parse(R"({"ops": [], "totals": 3})"))));
  EXPECT_TRUE(succeeded(getDocument(parse(R"({"ops": []})"))));
}

} // namespace

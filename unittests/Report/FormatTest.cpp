//===- FormatTest.cpp - tests of how the HTML report writes values --------===//
//
// Expected strings are worked out by hand from the rules in Format.h: the
// SI prefix that leaves 1 <= |v| < 1000, three significant digits, the unit
// a key names in its suffix.
//
//===----------------------------------------------------------------------===//

#include "Format.h"
#include "gtest/gtest.h"

using namespace dnnopt::report;

namespace {

TEST(FormatTest, SIUnitsTakeAPrefix) {
  // 1.5e9 pJ = 1.5e-3 J.
  EXPECT_EQ(humanValue(1.5e9, "pJ"), "1.50 mJ");
  // 44672374908 pJ = 0.0447 J.
  EXPECT_EQ(humanValue(44672374908.9, "pJ"), "44.7 mJ");
  EXPECT_EQ(humanValue(0.0123, "s"), "12.3 ms");
  EXPECT_EQ(humanValue(1.2e-7, "s"), "120 ns");
  EXPECT_EQ(humanValue(0.0067, "W"), "6.70 mW");
  EXPECT_EQ(humanValue(200, "mhz"), "200 MHz");
  EXPECT_EQ(humanValue(0, "pJ"), "0 J");
}

TEST(FormatTest, RoundingCarriesIntoTheNextPrefix) {
  // 999.7 ns rounds to 1000 ns at three digits: 1.00 us, not "1000 ns".
  EXPECT_EQ(humanValue(999.7e-9, "s"), "1.00 µs");
  // 99.99 ms rounds to 100 ms, not "100.0 ms".
  EXPECT_EQ(humanValue(0.09999, "s"), "100 ms");
}

TEST(FormatTest, CountsTakeASuffix) {
  EXPECT_EQ(humanValue(9408), "9408");
  EXPECT_EQ(humanValue(3857973248.0), "3.86 G");
  EXPECT_EQ(humanValue(25610152), "25.6 M");
  EXPECT_EQ(humanValue(0.333), "0.333");
  EXPECT_EQ(humanValue(5555555.6, "per_s"), "5.56 M/s");
  EXPECT_EQ(humanValue(1.5, "mm2"), "1.50 mm²");
}

TEST(FormatTest, UnitsComeFromKeySuffixes) {
  EXPECT_EQ(splitUnit("energy_pJ").unit, "pJ");
  EXPECT_EQ(splitUnit("energy_pJ").quantity, "energy");
  EXPECT_EQ(splitUnit("throughput_per_s").unit, "per_s");
  EXPECT_EQ(splitUnit("latency_s").unit, "s");
  // Counts: no unit, even when the name ends in s.
  EXPECT_EQ(splitUnit("unmodeled_ops").unit, "");
  EXPECT_EQ(splitUnit("dram_accesses").unit, "");
  EXPECT_EQ(splitUnit("macs").unit, "");
  // In a dotted column, the key with the unit decides; the rest stays.
  KeyUnit nested = splitUnit("energy_by_component_pJ.DRAM");
  EXPECT_EQ(nested.unit, "pJ");
  EXPECT_EQ(nested.quantity, "energy_by_component.DRAM");
}

TEST(FormatTest, ColumnLabelsShowUnits) {
  EXPECT_EQ(columnLabel("macs"), "MACs");
  EXPECT_EQ(columnLabel("energy_pJ"), "energy (pJ)");
  EXPECT_EQ(columnLabel("throughput_per_s"), "throughput (1/s)");
  EXPECT_EQ(columnLabel("energy_by_component_pJ.DRAM"),
            "energy by component: DRAM (pJ)");
  EXPECT_EQ(columnLabel("levels.DRAM.reads.Inputs"),
            "levels: DRAM reads Inputs");
}

TEST(FormatTest, EscapesEveryHTMLSpecialCharacter) {
  EXPECT_EQ(
      escapeHTML("<script>alert(\"x\" & 'y')</script>"),
      "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
}

} // namespace

//===- EnergyModels.cpp - the energy and area models ----------------------===//
//
// Every model constant below cites where it comes from. Units: energy in pJ,
// area in um^2 (Accelergy's units), power in uW, rates in MHz.
//
//  - horowitz-45nm       Horowitz, ISSCC 2014 (seed slide 11): add/multiply
//                        by width, 32-bit SRAM (8 KB) and DRAM reads.
//  - eyeriss-normalized  Chen et al., ISCA 2016 (seed slide 27): energy of a
//                        data access relative to a MAC (DRAM 200, global
//                        buffer 6, NoC 2, RF 1, MAC 1), for relative studies.
//  - sram-cacti-fit      SRAM / register files: power laws fitted to CACTI
//                        results (as produced by Accelergy's CACTI plug-in in
//                        the Timeloop tutorial's ERT/ART), at 40 nm.
//  - dram-per-bit        DRAM energy per bit by type.
//  - pim-crossbar        ISAAC's crossbar cell (Shafiee et al., ISCA 2016),
//                        an ADC model fitted to Murmann's ADC survey, and a
//                        capacitive DAC.
//  - default             DRAM -> dram-per-bit, other storage ->
//                        sram-cacti-fit, MACs -> horowitz-45nm, crossbars ->
//                        pim-crossbar; every number scaled to the arch's node.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Cost/EnergyModel.h"
#include "dnnopt/Cost/TechnologyScaling.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <memory>

using namespace dnnopt;
using llvm::StringRef;

EnergyModel::~EnergyModel() = default;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {
struct TablePoint {
  double bits;
  double pJ;
};
} // namespace

/// Exact at the table's points; a power law through the two nearest points
/// elsewhere (the end segments extend beyond the table).
static double interpolateLogLog(llvm::ArrayRef<TablePoint> table, double bits) {
  for (const TablePoint &point : table)
    if (point.bits == bits)
      return point.pJ;
  size_t hi = 1;
  while (hi + 1 < table.size() && bits > table[hi].bits)
    ++hi;
  const TablePoint &a = table[hi - 1], &b = table[hi];
  double exponent = std::log(b.pJ / a.pJ) / std::log(b.bits / a.bits);
  return a.pJ * std::pow(bits / a.bits, exponent);
}

static bool isDRAM(const ComponentQuery &c) {
  return StringRef(c.componentClass).contains_insensitive("dram");
}

/// Up to 6 significant digits, no trailing zeros (64, 0.79, 13824).
static std::string formatNumber(double value) {
  return llvm::formatv("{0}", llvm::format("%.6g", value)).str();
}

/// Scales `estimate` from `fromNM` to the query's node by `getScale`
/// (energy or area). std::nullopt when the node is outside the scaling
/// table.
static std::optional<Estimate>
scaleTo(Estimate estimate, double fromNM, const ComponentQuery &c,
        llvm::Expected<double> (*getScale)(double, double)) {
  if (fromNM == c.technologyNM)
    return estimate;
  auto factor = getScale(fromNM, c.technologyNM);
  if (!factor) {
    llvm::consumeError(factor.takeError());
    return std::nullopt;
  }
  estimate.value *= *factor;
  estimate.source +=
      llvm::formatv(", scaled {0} nm -> {1} nm x{2} "
                    "(Stillmaker & Baas 2017)",
                    formatNumber(fromNM), formatNumber(c.technologyNM),
                    formatNumber(*factor))
          .str();
  return estimate;
}

static std::optional<Estimate> scaleEnergy(Estimate estimate, double fromNM,
                                           const ComponentQuery &c) {
  return scaleTo(std::move(estimate), fromNM, c, getEnergyScale);
}

static std::optional<Estimate> scaleArea(Estimate estimate, double fromNM,
                                         const ComponentQuery &c) {
  return scaleTo(std::move(estimate), fromNM, c, getAreaScale);
}

/// Bits one access of a storage level moves.
static double accessBits(const ComponentQuery &c) {
  return double(c.wordBits) * double(c.blockSize);
}

//===----------------------------------------------------------------------===//
// Horowitz, ISSCC 2014, 45 nm
//===----------------------------------------------------------------------===//

// M. Horowitz, "Computing's energy problem (and what we can do about it)",
// ISSCC 2014, as quoted on the seed's slide 11 and in
// reference/published.yaml (energy_per_op_45nm_pJ).
static const TablePoint kHorowitzIntAdd[] = {{8, 0.03}, {16, 0.05}, {32, 0.1}};
static const TablePoint kHorowitzIntMult[] = {{8, 0.2}, {32, 3.1}};
static const TablePoint kHorowitzFpAdd[] = {{16, 0.4}, {32, 0.9}};
static const TablePoint kHorowitzFpMult[] = {{16, 1.1}, {32, 3.7}};
/// 32-bit read of an 8 KB SRAM (same source).
constexpr double kHorowitzSRAMRead32bPJ = 5;
constexpr double kHorowitzSRAMBytes = 8 * 1024;
/// 32-bit DRAM read (same source): 20 pJ per bit.
constexpr double kHorowitzDRAMRead32bPJ = 640;
constexpr double kHorowitzNodeNM = 45;

double dnnopt::getHorowitzAddPJ(int64_t bits, bool isFloat) {
  return interpolateLogLog(isFloat ? llvm::ArrayRef(kHorowitzFpAdd)
                                   : llvm::ArrayRef(kHorowitzIntAdd),
                           bits);
}

double dnnopt::getHorowitzMultPJ(int64_t bits, bool isFloat) {
  return interpolateLogLog(isFloat ? llvm::ArrayRef(kHorowitzFpMult)
                                   : llvm::ArrayRef(kHorowitzIntMult),
                           bits);
}

namespace {
class HorowitzModel : public EnergyModel {
public:
  StringRef getName() const override { return "horowitz-45nm"; }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    std::string src = "horowitz-45nm (Horowitz ISSCC 2014)";
    if (action == "leak")
      return Estimate{0, src + ": dynamic energy only, no leakage data"};
    switch (c.kind) {
    case ComponentQuery::Kind::Compute: {
      if (action != "compute" || c.precisionBits <= 0)
        return std::nullopt;
      double mult = getHorowitzMultPJ(c.precisionBits, c.isFloat);
      double add = getHorowitzAddPJ(c.precisionBits, c.isFloat);
      std::string kind = c.isFloat ? "fp" : "int";
      return scaleEnergy(
          {mult + add, llvm::formatv("{0}: {1}{2} mult {3} + add {4} pJ", src,
                                     kind, c.precisionBits, formatNumber(mult),
                                     formatNumber(add))},
          kHorowitzNodeNM, c);
    }
    case ComponentQuery::Kind::Storage: {
      if (action != "read" && action != "write" && action != "update")
        return std::nullopt;
      double bits = accessBits(c);
      if (isDRAM(c))
        return Estimate{kHorowitzDRAMRead32bPJ / 32 * bits,
                        llvm::formatv("{0}: DRAM 640 pJ per 32 bits x {1} "
                                      "bits",
                                      src, formatNumber(bits))};
      if (!c.sizeWords)
        return std::nullopt;
      // First-order assumption: energy grows with the bits moved and with
      // the square root of the capacity (bit-line and word-line length).
      double bytes = double(*c.sizeWords) * c.wordBits / 8;
      double pJ = kHorowitzSRAMRead32bPJ * bits / 32 *
                  std::sqrt(bytes / kHorowitzSRAMBytes);
      return scaleEnergy(
          {pJ, llvm::formatv("{0}: SRAM 5 pJ per 32 bits at 8 KB, x {1} bits "
                             "/ 32 x sqrt({2} B / 8 KB)",
                             src, formatNumber(bits), formatNumber(bytes))},
          kHorowitzNodeNM, c);
    }
    default:
      return std::nullopt;
    }
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &) const override {
    return std::nullopt;
  }
};

//===----------------------------------------------------------------------===//
// Normalized Eyeriss costs
//===----------------------------------------------------------------------===//

// Chen, Emer, Sze, ISCA 2016, as on the seed's slide 27 (measured in a
// commercial 65 nm process) and in reference/published.yaml
// (eyeriss_normalized_energy): energy of one data access relative to one
// MAC. The slide's size classes decide which applies to a storage level:
// an RF of 0.5-1.0 kB costs 1, a global buffer of 100-500 kB costs 6.
constexpr double kEyerissDRAM = 200;
constexpr double kEyerissGlobalBuffer = 6;
constexpr double kEyerissNoC = 2;
constexpr double kEyerissRF = 1;
constexpr double kEyerissMAC = 1;
/// Storage up to this size counts as an RF (the slide's upper RF size).
constexpr double kEyerissRFMaxBytes = 1024;

class EyerissNormalizedModel : public EnergyModel {
public:
  StringRef getName() const override { return "eyeriss-normalized"; }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    std::string src = "eyeriss-normalized (Chen ISCA 2016, seed slide 27; "
                      "units of one MAC)";
    if (action == "leak")
      return Estimate{0, src + ": no leakage in the normalized costs"};
    switch (c.kind) {
    case ComponentQuery::Kind::Compute:
      if (action != "compute")
        return std::nullopt;
      return Estimate{kEyerissMAC, src + ": MAC 1"};
    case ComponentQuery::Kind::Network:
      if (action != "transfer")
        return std::nullopt;
      return Estimate{kEyerissNoC, src + ": NoC 2 per word"};
    case ComponentQuery::Kind::Storage: {
      if (action != "read" && action != "write" && action != "update")
        return std::nullopt;
      double perWord;
      std::string what;
      if (isDRAM(c)) {
        perWord = kEyerissDRAM;
        what = "DRAM 200";
      } else if (c.sizeWords &&
                 double(*c.sizeWords) * c.wordBits / 8 <= kEyerissRFMaxBytes) {
        perWord = kEyerissRF;
        what = "RF (<= 1 kB) 1";
      } else {
        perWord = kEyerissGlobalBuffer;
        what = "global buffer 6";
      }
      return Estimate{perWord * c.blockSize,
                      llvm::formatv("{0}: {1} per word x {2} words", src, what,
                                    c.blockSize)};
    }
    default:
      return std::nullopt;
    }
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &) const override {
    return std::nullopt;
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// SRAM / register file fitted to CACTI
//===----------------------------------------------------------------------===//

// The fit: energy per access E = k * width * depth^beta (linear in the bits
// moved, sub-linear in the rows that the bit lines span), leakage and area
// as power laws of the capacity in bits. Each power law goes through two
// CACTI results at 40 nm, 1 port, 1 GHz, from the ERT/ART that Accelergy's
// CACTI plug-in produced for the Timeloop tutorial (timeloop-tutorial
// exercises 00-04, MIT license):
//   - a 64 x 8-bit register file: read = write = 0.42564 pJ,
//     leak 0.000861 pJ/cycle, area 887.84 um^2;
//   - a 32768 x 64-bit SRAM: read 43.353054 pJ, write 30.878292 pJ,
//     leak 0.007972 pJ/cycle, area 707084 um^2.
// On a third CACTI result that was not used for the fit (a 16384 x 64-bit
// SRAM at 45 nm, read 32.342452 pJ in the tutorial's Eyeriss-like ERT) the
// fit gives 40.6 pJ (+26%); docs/accel.md lists this error.
// Ports: each extra port adds a word line and a bit-line pair per cell, so
// the cell grows in both dimensions, area ~ ports^2 and wire energy ~ ports
// (N. Weste, D. Harris, CMOS VLSI Design, 4th ed., Sec. 12.2.3, multiported
// SRAM cells).
namespace {
struct Anchor {
  double x;
  double y;
};
/// y = y0 * (x / x0)^exponent through two anchors.
struct PowerLaw {
  Anchor a, b;
  double operator()(double x) const {
    double exponent = std::log(b.y / a.y) / std::log(b.x / a.x);
    return a.y * std::pow(x / a.x, exponent);
  }
};
} // namespace

constexpr double kCactiRFDepth = 64, kCactiRFWidth = 8;
constexpr double kCactiSRAMDepth = 32768, kCactiSRAMWidth = 64;
constexpr double kCactiRFReadPJ = 0.42564, kCactiRFWritePJ = 0.42564;
constexpr double kCactiSRAMReadPJ = 43.353054, kCactiSRAMWritePJ = 30.878292;
/// Leakage per cycle at 1 GHz = leakage power in mW... in pJ/ns, i.e. x1000
/// gives uW.
constexpr double kCactiRFLeakUW = 0.000861 * 1000;
constexpr double kCactiSRAMLeakUW = 0.007972 * 1000;
constexpr double kCactiRFAreaUM2 = 887.84, kCactiSRAMAreaUM2 = 707084;
constexpr double kCactiNodeNM = 40;

/// Energy per bit of width as a function of depth.
static double perBitOfWidth(double rfPJ, double sramPJ, double depth) {
  PowerLaw law{{kCactiRFDepth, rfPJ / kCactiRFWidth},
               {kCactiSRAMDepth, sramPJ / kCactiSRAMWidth}};
  return law(depth);
}

double dnnopt::getSRAMReadPJ(double depth, double widthBits, int64_t ports) {
  return widthBits * perBitOfWidth(kCactiRFReadPJ, kCactiSRAMReadPJ, depth) *
         double(ports);
}

double dnnopt::getSRAMWritePJ(double depth, double widthBits, int64_t ports) {
  return widthBits * perBitOfWidth(kCactiRFWritePJ, kCactiSRAMWritePJ, depth) *
         double(ports);
}

double dnnopt::getSRAMLeakUW(double depth, double widthBits, int64_t ports) {
  PowerLaw law{{kCactiRFDepth * kCactiRFWidth, kCactiRFLeakUW},
               {kCactiSRAMDepth * kCactiSRAMWidth, kCactiSRAMLeakUW}};
  // Leakage follows the cell area.
  return law(depth * widthBits) * double(ports * ports);
}

double dnnopt::getSRAMAreaUM2(double depth, double widthBits, int64_t ports) {
  PowerLaw law{{kCactiRFDepth * kCactiRFWidth, kCactiRFAreaUM2},
               {kCactiSRAMDepth * kCactiSRAMWidth, kCactiSRAMAreaUM2}};
  return law(depth * widthBits) * double(ports * ports);
}

namespace {
class SRAMFitModel : public EnergyModel {
public:
  StringRef getName() const override { return "sram-cacti-fit"; }

  static bool covers(const ComponentQuery &c) {
    return c.kind == ComponentQuery::Kind::Storage && !isDRAM(c) &&
           c.sizeWords && c.wordBits > 0 && c.blockSize > 0;
  }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    if (!covers(c))
      return std::nullopt;
    double width = accessBits(c);
    double depth = double(*c.sizeWords) / double(c.blockSize);
    std::string shape =
        llvm::formatv("{0} x {1} bits, {2} port(s)", formatNumber(depth),
                      formatNumber(width), c.ports);
    std::string src = "sram-cacti-fit (power laws through CACTI results at "
                      "40 nm; see docs/accel.md): " +
                      shape;
    double pJ;
    if (action == "read")
      pJ = getSRAMReadPJ(depth, width, c.ports);
    else if (action == "write" || action == "update")
      pJ = getSRAMWritePJ(depth, width, c.ports);
    else if (action == "leak") {
      // Leakage power times one clock period: uW / MHz = pJ.
      pJ = getSRAMLeakUW(depth, width, c.ports) / c.clockMHz;
      src += llvm::formatv(", leakage over one {0} MHz cycle",
                           formatNumber(c.clockMHz));
    } else
      return std::nullopt;
    return scaleEnergy({pJ, src}, kCactiNodeNM, c);
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &c) const override {
    if (!covers(c))
      return std::nullopt;
    double width = accessBits(c);
    double depth = double(*c.sizeWords) / double(c.blockSize);
    return scaleArea({getSRAMAreaUM2(depth, width, c.ports),
                      llvm::formatv("sram-cacti-fit: {0} x {1} bits",
                                    formatNumber(depth), formatNumber(width))},
                     kCactiNodeNM, c);
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// DRAM per bit
//===----------------------------------------------------------------------===//

std::optional<Estimate> dnnopt::getDRAMPJPerBit(StringRef type) {
  std::string upper = type.upper();
  // LPDDR4: 8 pJ/bit, the value behind the Timeloop tutorial's ERT (a 64-bit
  // LPDDR4 block read costs 512 pJ, a 256-bit one 2048 pJ), from
  // Accelergy's DRAM table.
  if (upper == "LPDDR4")
    return Estimate{8, "LPDDR4 8 pJ/bit (Accelergy DRAM table; Timeloop "
                       "tutorial ERT: 512 pJ per 64-bit read)"};
  // DDR4, GDDR5, HBM2: M. O'Connor et al., "Fine-Grained DRAM:
  // Energy-Efficient DRAM for Extreme Bandwidth Systems", MICRO 2017 (access
  // energy per bit of DDR4-class, GDDR5 and HBM2 devices), the values
  // Accelergy's DRAM table also uses.
  if (upper == "DDR4")
    return Estimate{15, "DDR4 15 pJ/bit (O'Connor MICRO 2017; Accelergy DRAM "
                        "table)"};
  if (upper == "GDDR5")
    return Estimate{14, "GDDR5 14 pJ/bit (O'Connor MICRO 2017; Accelergy "
                        "DRAM table)"};
  if (upper == "HBM2")
    return Estimate{3.9, "HBM2 3.9 pJ/bit (O'Connor MICRO 2017; Accelergy "
                         "DRAM table)"};
  return std::nullopt;
}

namespace {
class DRAMModel : public EnergyModel {
public:
  StringRef getName() const override { return "dram-per-bit"; }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    if (c.kind != ComponentQuery::Kind::Storage || !isDRAM(c))
      return std::nullopt;
    if (action == "leak")
      return Estimate{0, "dram-per-bit: off-chip DRAM leakage not counted "
                         "(0, as in the Timeloop tutorial ERT)"};
    if (action != "read" && action != "write" && action != "update")
      return std::nullopt;
    // The type defaults to LPDDR4, Accelergy's default DRAM type; the source
    // says so.
    StringRef type = c.technology.empty() ? "LPDDR4" : StringRef(c.technology);
    auto perBit = getDRAMPJPerBit(type);
    if (!perBit)
      return std::nullopt;
    double bits = accessBits(c);
    std::string src = llvm::formatv(
        "dram-per-bit: {0} x {1} bits{2}", perBit->source, formatNumber(bits),
        c.technology.empty() ? " (type not given: LPDDR4)" : "");
    return Estimate{perBit->value * bits, src};
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &c) const override {
    if (c.kind != ComponentQuery::Kind::Storage || !isDRAM(c))
      return std::nullopt;
    return Estimate{0, "dram-per-bit: off-chip, no die area (as the "
                       "Timeloop tutorial ART)"};
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// ADC, DAC and crossbar
//===----------------------------------------------------------------------===//

// ADC energy: the best published ADCs lie on the Schreier figure-of-merit
// envelope FOMS = SNDR + 10 log10(fs / 2 / P) (B. Murmann, "ADC Performance
// Survey 1997-2023", ISSCC & VLSI Symposium data). Fitted to the survey's
// Pareto front as in Accelergy's ADC plug-in (Andrulis et al., MIT license,
// adc_data/model.yaml): FOMS(fs) = min(180.14, 302.74 - 6.4608 ln fs[Hz]) dB,
// with SNDR = 6.02 bits + 1.76 dB; energy per conversion
// E = P / fs = 1 / (2 * 10^((FOMS - SNDR) / 10)) J.
constexpr double kAdcFomsMaxDB = 180.14159078904734;
constexpr double kAdcFomsInterceptDB = 302.7387019052544;
constexpr double kAdcFomsPerLnHz = -6.460790934271676;
// ADC area: log-linear regression over the same survey (same source):
// ln(area um^2) = 4.8506 + 0.066659 ln fs[Hz] + 0.79732 ln node[nm]
//                 - 0.13437 bits + 0.42366 ln E[pJ].
constexpr double kAdcAreaIntercept = 4.850567073004403;
constexpr double kAdcAreaPerLnHz = 0.06665851895885958;
constexpr double kAdcAreaPerLnNM = 0.797323960429599;
constexpr double kAdcAreaPerBit = -0.13437278622014803;
constexpr double kAdcAreaPerLnPJ = 0.4236571760437834;

double dnnopt::getADCEnergyPJ(int64_t bits, double sampleRateMHz) {
  double hz = sampleRateMHz * 1e6;
  double foms = std::min(kAdcFomsMaxDB,
                         kAdcFomsInterceptDB + kAdcFomsPerLnHz * std::log(hz));
  double sndr = 6.02 * double(bits) + 1.76;
  double joules = 1 / (2 * std::pow(10.0, (foms - sndr) / 10));
  return joules * 1e12;
}

double dnnopt::getADCAreaUM2(int64_t bits, double sampleRateMHz,
                             double technologyNM) {
  double hz = sampleRateMHz * 1e6;
  return std::exp(
      kAdcAreaIntercept + kAdcAreaPerLnHz * std::log(hz) +
      kAdcAreaPerLnNM * std::log(technologyNM) + kAdcAreaPerBit * double(bits) +
      kAdcAreaPerLnPJ * std::log(getADCEnergyPJ(bits, sampleRateMHz)));
}

// Capacitive (binary-weighted) DAC: switching a 2^bits * Cu array from a
// reference V costs on average about 1.33 * 2^bits * Cu * V^2 per conversion
// (conventional switching; M. Saberi et al., "Analysis of Power Consumption
// and Linearity in Capacitive DACs Used in SAR ADCs", IEEE TCAS-I 58(8),
// 2011: 1363 Cu V^2 for 10 bits). Cu = 1 fF and V = 1 V are our assumptions
// (a matching-limited unit capacitor); a MOM capacitor of 1 fF takes about
// 1 um^2 (density ~1 fF/um^2, same assumption).
constexpr double kDacSwitchingFactor = 1363.0 / 1024.0;
constexpr double kDacUnitCapF = 1e-15;
constexpr double kDacRefV = 1.0;
constexpr double kDacUnitCapAreaUM2 = 1.0;

double dnnopt::getDACEnergyPJ(int64_t bits) {
  return kDacSwitchingFactor * std::ldexp(1.0, int(bits)) * kDacUnitCapF *
         kDacRefV * kDacRefV * 1e12;
}

double dnnopt::getDACAreaUM2(int64_t bits) {
  return std::ldexp(1.0, int(bits)) * kDacUnitCapAreaUM2;
}

// Crossbar cell: ISAAC (Shafiee et al., ISCA 2016, Table of IMA components,
// 32 nm): 8 memristor arrays of 128 x 128 2-bit cells take 2.4 mW and
// 0.0002 mm^2, and one array read takes 100 ns. One cell operation costs
// 2.4 mW / 8 * 100 ns / 16384 = 1.831 fJ; one cell 0.0002 mm^2 / 8 / 16384
// = 0.001526 um^2.
constexpr double kIsaacArraysPerIMA = 8;
constexpr double kIsaacArrayPowerW = 2.4e-3 / kIsaacArraysPerIMA;
constexpr double kIsaacReadS = 100e-9;
constexpr double kIsaacCells = 128 * 128;
constexpr double kIsaacArrayAreaUM2 = 0.0002e6 / kIsaacArraysPerIMA;
constexpr double kIsaacCellBits = 2;
constexpr double kIsaacNodeNM = 32;

namespace {
class CrossbarModel : public EnergyModel {
public:
  StringRef getName() const override { return "pim-crossbar"; }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    if (c.kind != ComponentQuery::Kind::Crossbar)
      return std::nullopt;
    if (action == "crossbar_mac") {
      double pJ = kIsaacArrayPowerW * kIsaacReadS / kIsaacCells * 1e12;
      return scaleEnergy({pJ, "pim-crossbar: ISAAC cell (Shafiee ISCA 2016: "
                              "2.4 mW / 8 arrays x 100 ns / 128^2 cells)"},
                         kIsaacNodeNM, c);
    }
    if (action == "adc_convert")
      return Estimate{getADCEnergyPJ(c.adcBits, c.adcMHz),
                      llvm::formatv("pim-crossbar: ADC {0} bits at {1} MS/s "
                                    "(Murmann survey FOMS envelope)",
                                    c.adcBits, formatNumber(c.adcMHz))};
    if (action == "dac_convert")
      return Estimate{getDACEnergyPJ(c.dacBits),
                      llvm::formatv("pim-crossbar: capacitive DAC {0} bits "
                                    "(Saberi TCAS-I 2011, Cu = 1 fF, 1 V)",
                                    c.dacBits)};
    if (action == "leak")
      return Estimate{0, "pim-crossbar: no leakage data"};
    return std::nullopt;
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &c) const override {
    if (c.kind != ComponentQuery::Kind::Crossbar)
      return std::nullopt;
    // One crossbar: its cells (ISAAC's cell area, scaled by bits per cell
    // against ISAAC's 2-bit cells and to the arch's node), one ADC per
    // `columnsPerAdc` columns and one DAC per row.
    double cellArea = kIsaacArrayAreaUM2 / kIsaacCells *
                      (double(c.cellBits) / kIsaacCellBits);
    auto cells =
        scaleArea({double(c.rows * c.columns) * cellArea, ""}, kIsaacNodeNM, c);
    if (!cells)
      return std::nullopt;
    double adcs = double(c.columns) / double(c.columnsPerAdc);
    double adcArea = getADCAreaUM2(c.adcBits, c.adcMHz, c.technologyNM);
    double dacArea = getDACAreaUM2(c.dacBits);
    return Estimate{cells->value + adcs * adcArea + double(c.rows) * dacArea,
                    llvm::formatv("pim-crossbar: cells {0} um^2 (ISAAC) + {1} "
                                  "ADCs x {2} um^2 (Murmann survey fit) + {3} "
                                  "DACs x {4} um^2",
                                  formatNumber(cells->value),
                                  formatNumber(adcs), formatNumber(adcArea),
                                  c.rows, formatNumber(dacArea))};
  }
};

//===----------------------------------------------------------------------===//
// Default: the best model for each kind of component
//===----------------------------------------------------------------------===//

class DefaultModel : public EnergyModel {
public:
  StringRef getName() const override { return "default"; }

  const EnergyModel *delegate(const ComponentQuery &c) const {
    switch (c.kind) {
    case ComponentQuery::Kind::Storage:
      return lookupEnergyModel(isDRAM(c) ? "dram-per-bit" : "sram-cacti-fit");
    case ComponentQuery::Kind::Compute:
      return lookupEnergyModel("horowitz-45nm");
    case ComponentQuery::Kind::Crossbar:
      return lookupEnergyModel("pim-crossbar");
    case ComponentQuery::Kind::Network:
      return nullptr;
    }
    return nullptr;
  }

  std::optional<Estimate> getEnergyPJ(const ComponentQuery &c,
                                      StringRef action) const override {
    const EnergyModel *model = delegate(c);
    return model ? model->getEnergyPJ(c, action) : std::nullopt;
  }

  std::optional<Estimate> getAreaUM2(const ComponentQuery &c) const override {
    if (c.kind == ComponentQuery::Kind::Compute)
      return getMACAreaUM2(c);
    const EnergyModel *model = delegate(c);
    return model ? model->getAreaUM2(c) : std::nullopt;
  }

private:
  // Integer MAC area: an 8-bit intmac at 40 nm takes 332.25 um^2 (the
  // Timeloop tutorial's ART, from Accelergy's Aladdin plug-in); the array
  // multiplier dominates and grows with the square of the operand width.
  static constexpr double kIntMac8AreaUM2 = 332.25;
  static constexpr double kIntMacAreaNodeNM = 40;

  static std::optional<Estimate> getMACAreaUM2(const ComponentQuery &c) {
    if (c.isFloat || c.precisionBits <= 0)
      return std::nullopt;
    double ratio = double(c.precisionBits) / 8;
    return scaleArea({kIntMac8AreaUM2 * ratio * ratio,
                      llvm::formatv("intmac area: 332.25 um^2 at 8 bits, "
                                    "40 nm (Timeloop tutorial ART, Aladdin) x "
                                    "({0}/8)^2",
                                    c.precisionBits)},
                     kIntMacAreaNodeNM, c);
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Registry
//===----------------------------------------------------------------------===//

static llvm::ArrayRef<std::unique_ptr<EnergyModel>> getRegistry() {
  static const std::vector<std::unique_ptr<EnergyModel>> registry = [] {
    std::vector<std::unique_ptr<EnergyModel>> models;
    models.push_back(std::make_unique<DefaultModel>());
    models.push_back(std::make_unique<HorowitzModel>());
    models.push_back(std::make_unique<EyerissNormalizedModel>());
    models.push_back(std::make_unique<SRAMFitModel>());
    models.push_back(std::make_unique<DRAMModel>());
    models.push_back(std::make_unique<CrossbarModel>());
    return models;
  }();
  return registry;
}

const EnergyModel *dnnopt::lookupEnergyModel(StringRef name) {
  for (const auto &model : getRegistry())
    if (model->getName() == name)
      return model.get();
  return nullptr;
}

llvm::SmallVector<StringRef> dnnopt::getEnergyModelNames() {
  llvm::SmallVector<StringRef> names;
  for (const auto &model : getRegistry())
    names.push_back(model->getName());
  return names;
}

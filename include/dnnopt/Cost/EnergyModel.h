//===- EnergyModel.h - pluggable energy and area models ---------*- C++ -*-===//
//
// An energy model turns the description of one component (a storage level, a
// compute unit, a crossbar, a network) into the energy of each of its actions
// and its area, and names itself so that reports can show the source of every
// number. Models are looked up by name (`energy_model` on an accel.arch or a
// component). The models and their sources are documented in docs/accel.md.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_COST_ENERGYMODEL_H
#define DNNOPT_COST_ENERGYMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dnnopt {

/// What a model needs to know about a component.
struct ComponentQuery {
  enum class Kind { Storage, Compute, Crossbar, Network };
  Kind kind = Kind::Storage;
  std::string name;
  /// Accelergy/Timeloop class (`DRAM`, `SRAM`, `regfile`, `intmac`, ...).
  std::string componentClass;
  /// Memory technology or type (`LPDDR4`, `HBM2`); empty when not given.
  std::string technology;
  /// Storage: capacity in words (unset: unbounded), bits per word, words per
  /// access, read/write ports.
  std::optional<int64_t> sizeWords;
  int64_t wordBits = 0;
  int64_t blockSize = 1;
  int64_t ports = 1;
  /// Compute: operand precision and arithmetic.
  int64_t precisionBits = 0;
  bool isFloat = false;
  /// Crossbar.
  int64_t rows = 0, columns = 0, cellBits = 1, dacBits = 1, adcBits = 8;
  int64_t columnsPerAdc = 1;
  double adcMHz = 100;
  /// Process node the arch is built in (nm) and its clock (MHz).
  double technologyNM = 45;
  double clockMHz = 1000;
};

/// One number with where it comes from.
struct Estimate {
  double value = 0;
  std::string source;
};

/// An energy/area model. `getEnergyPJ` gives the energy of one action as
/// Accelergy's ERT defines it, in the ERT's action names: a storage `read`,
/// `write` or `update` moves one block of `blockSize` words; `leak` is the
/// leakage of one instance over one clock cycle; `compute` is one MAC;
/// a crossbar has `crossbar_mac` (one cell), `dac_convert`, `adc_convert`;
/// a network has `transfer` (one word over one hop). Numbers are scaled to
/// `ComponentQuery::technologyNM` (TechnologyScaling.h) when the model is
/// for one node, and the source says so. std::nullopt when the model does not
/// cover that component or action.
class EnergyModel {
public:
  virtual ~EnergyModel();
  /// The name used in `energy_model` and shown as the source of numbers.
  virtual llvm::StringRef getName() const = 0;
  virtual std::optional<Estimate> getEnergyPJ(const ComponentQuery &component,
                                              llvm::StringRef action) const = 0;
  /// Area of one instance in um^2 at the native node.
  virtual std::optional<Estimate>
  getAreaUM2(const ComponentQuery &component) const = 0;
};

/// The model called `name`, or nullptr.
const EnergyModel *lookupEnergyModel(llvm::StringRef name);
/// Names of every registered model.
llvm::SmallVector<llvm::StringRef> getEnergyModelNames();

//===----------------------------------------------------------------------===//
// The formulas behind the models, exposed for tests and for other models.
//===----------------------------------------------------------------------===//

/// Horowitz, ISSCC 2014 (the seed's slide 11): energy of one addition or
/// multiplication at 45 nm. Exact at the table's widths; between and beyond
/// them a power law through the nearest two table points.
double getHorowitzAddPJ(int64_t bits, bool isFloat);
double getHorowitzMultPJ(int64_t bits, bool isFloat);

/// SRAM / register-file access energy (pJ per access of `widthBits`), write
/// energy, leakage power (uW) and area (um^2) at 40 nm, fitted to CACTI data
/// (see EnergyModels.cpp for the fit and its anchors).
double getSRAMReadPJ(double depth, double widthBits, int64_t ports);
double getSRAMWritePJ(double depth, double widthBits, int64_t ports);
double getSRAMLeakUW(double depth, double widthBits, int64_t ports);
double getSRAMAreaUM2(double depth, double widthBits, int64_t ports);

/// DRAM access energy per bit for a DRAM type (LPDDR4, DDR4, GDDR5, HBM2);
/// std::nullopt for an unknown type.
std::optional<Estimate> getDRAMPJPerBit(llvm::StringRef type);

/// ADC energy per conversion (pJ) and area (um^2) for a resolution and a
/// sample rate, from the survey-based model of EnergyModels.cpp.
double getADCEnergyPJ(int64_t bits, double sampleRateMHz);
double getADCAreaUM2(int64_t bits, double sampleRateMHz, double technologyNM);
/// Capacitive DAC energy per conversion (pJ) and area (um^2).
double getDACEnergyPJ(int64_t bits);
double getDACAreaUM2(int64_t bits);

} // namespace dnnopt

#endif // DNNOPT_COST_ENERGYMODEL_H

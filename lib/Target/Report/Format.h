//===- Format.h - numbers, units and text for the HTML report ---*- C++ -*-===//
//
// How the HTML report writes what the document holds: the unit a key names
// (`energy_pJ` is in pJ), a value in a readable prefix of that unit
// (1.5e9 pJ is 1.50 mJ), column headers, and HTML escaping. Private to the
// report renderers.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_TARGET_REPORT_FORMAT_H
#define DNNOPT_LIB_TARGET_REPORT_FORMAT_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace dnnopt::report {

/// A key split into what it measures and its unit: `energy_pJ` is
/// {"energy", "pJ"}, `throughput_per_s` {"throughput", "per_s"},
/// `energy_by_component_pJ.DRAM` {"energy_by_component.DRAM", "pJ"}, `macs`
/// {"macs", ""} (a count). The unit is a key suffix, as `humanValue` takes.
struct KeyUnit {
  std::string quantity;
  std::string unit;
};

/// The unit a key names in its suffix (docs/json-schema.md: units are in key
/// names), or none for counts. For a dotted column the first key with a unit
/// decides.
KeyUnit splitUnit(llvm::StringRef key);

/// How a unit suffix reads: `per_s` is "1/s", `mm2` "mm²", `pJ` "pJ".
std::string unitSymbol(llvm::StringRef suffix);

/// A column header for people: `energy_by_component_pJ.DRAM` reads
/// "energy by component: DRAM (pJ)", `macs` "MACs".
std::string columnLabel(llvm::StringRef column);

/// `value` (in `unit`) with three significant digits and an SI prefix:
/// 1.5e9 with unit "pJ" is "1.50 mJ", 0.0123 "s" is "12.3 ms", 4.1e9 and no
/// unit "4.10 G". Integers below 10000 print exactly.
std::string humanValue(double value, llvm::StringRef unit = "");

/// `text` with &, <, >, " and ' replaced by entities: safe in element
/// content and in quoted attribute values.
std::string escapeHTML(llvm::StringRef text);

} // namespace dnnopt::report

#endif // DNNOPT_LIB_TARGET_REPORT_FORMAT_H

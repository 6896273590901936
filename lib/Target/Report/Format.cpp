//===- Format.cpp - numbers, units and text for the HTML report -----------===//
//
// The unit suffixes the documents use and how a value in each reads: SI
// units (J, s, W, Hz) take the prefix that leaves 1 to 999, counts take K, M,
// G, T as `--export-table` does, and every value keeps three significant
// digits. The exact value stays in the document and in the CSV.
//
//===----------------------------------------------------------------------===//

#include "Format.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>
#include <cstdio>

using namespace dnnopt;
using namespace dnnopt::report;

namespace {
/// A unit suffix of a key and how to print values in it.
struct UnitInfo {
  const char *suffix; ///< after the last `_` of the key (or `_per_s`)
  const char *shown;  ///< the unit in a header
  const char *base;   ///< the SI unit values are printed in ("" : no prefix)
  double toBase;      ///< one `suffix` in `base`
};
} // namespace

/// Units the documents use (docs/json-schema.md), longest suffix first.
static const UnitInfo kUnits[] = {
    {"per_s", "1/s", "", 1},   {"pJ", "pJ", "J", 1e-12},
    {"nJ", "nJ", "J", 1e-9},   {"uJ", "uJ", "J", 1e-6},
    {"mJ", "mJ", "J", 1e-3},   {"J", "J", "J", 1},
    {"ns", "ns", "s", 1e-9},   {"us", "us", "s", 1e-6},
    {"ms", "ms", "s", 1e-3},   {"s", "s", "s", 1},
    {"mW", "mW", "W", 1e-3},   {"W", "W", "W", 1},
    {"GHz", "GHz", "Hz", 1e9}, {"MHz", "MHz", "Hz", 1e6},
    {"mhz", "MHz", "Hz", 1e6}, {"Hz", "Hz", "Hz", 1},
    {"mm2", "mm²", "", 1},     {"um2", "µm²", "", 1},
    {"nm", "nm", "", 1},       {"bytes", "bytes", "", 1},
    {"bits", "bits", "", 1}};

static const UnitInfo *findUnit(llvm::StringRef key) {
  for (const UnitInfo &u : kUnits)
    if (key.ends_with(std::string("_") + u.suffix))
      return &u;
  return nullptr;
}

std::string report::unitSymbol(llvm::StringRef suffix) {
  for (const UnitInfo &u : kUnits)
    if (suffix == u.suffix)
      return u.shown;
  return suffix.str();
}

KeyUnit report::splitUnit(llvm::StringRef key) {
  llvm::SmallVector<llvm::StringRef> parts;
  key.split(parts, '.');
  KeyUnit out;
  for (llvm::StringRef part : parts) {
    if (!out.quantity.empty())
      out.quantity += ".";
    const UnitInfo *u = out.unit.empty() ? findUnit(part) : nullptr;
    if (u) {
      out.unit = u->suffix;
      part = part.drop_back(strlen(u->suffix) + 1);
    }
    out.quantity += part.str();
  }
  return out;
}

/// `input_activations` as "input activations", with acronyms capitalized.
static std::string words(llvm::StringRef key) {
  llvm::SmallVector<llvm::StringRef> parts;
  key.split(parts, '_');
  std::string out;
  for (llvm::StringRef p : parts) {
    if (!out.empty())
      out += " ";
    if (p == "macs")
      out += "MACs";
    else if (p == "mac")
      out += "MAC";
    else if (p == "dram")
      out += "DRAM";
    else if (p == "pe" || p == "pes")
      out += p == "pe" ? "PE" : "PEs";
    else
      out += p.str();
  }
  return out;
}

std::string report::columnLabel(llvm::StringRef column) {
  llvm::SmallVector<llvm::StringRef> parts;
  column.split(parts, '.');
  std::string label, unit;
  for (size_t i = 0; i < parts.size(); ++i) {
    llvm::StringRef part = parts[i];
    if (const UnitInfo *u = unit.empty() ? findUnit(part) : nullptr) {
      unit = u->shown;
      part = part.drop_back(strlen(u->suffix) + 1);
    }
    if (i == 1)
      label += ":";
    if (i)
      label += " ";
    label += i == 0 ? words(part) : part.str();
  }
  if (!unit.empty())
    label += " (" + unit + ")";
  return label;
}

/// Three significant digits (99.99 is "100", not "100.0").
static std::string threeDigits(double v) {
  double a = std::abs(std::stod(llvm::formatv("{0:E2}", v).str()));
  if (a > 0 && a < 1) {
    char buffer[32];
    snprintf(buffer, sizeof(buffer), "%.3g", v);
    return buffer;
  }
  const char *fmt = a >= 100 ? "{0:F0}" : a >= 10 ? "{0:F1}" : "{0:F2}";
  return llvm::formatv(fmt, v).str();
}

std::string report::humanValue(double value, llvm::StringRef unit) {
  if (!std::isfinite(value))
    return std::isnan(value) ? "nan" : (value < 0 ? "-inf" : "inf");
  const UnitInfo *info = nullptr;
  for (const UnitInfo &u : kUnits)
    if (unit == u.suffix)
      info = &u;
  if (info && *info->base) {
    // An SI unit: pick the prefix that leaves 1 <= |v| < 1000.
    double v = value * info->toBase;
    if (v == 0)
      return std::string("0 ") + info->base;
    static const char *const prefixes[] = {"f", "p", "n", "µ", "m",
                                           "",  "k", "M", "G", "T"};
    int exp3 = v == 0 ? 0 : int(std::floor(std::log10(std::abs(v)) / 3));
    exp3 = std::max(-5, std::min(4, exp3));
    // Rounding to three digits can carry into the next prefix (999.7 -> 1.00k).
    double scaled = v / std::pow(1000.0, exp3);
    if (std::abs(scaled) >= 999.5 && exp3 < 4)
      scaled = v / std::pow(1000.0, ++exp3);
    return threeDigits(scaled) + " " + prefixes[exp3 + 5] + info->base;
  }
  std::string suffix;
  if (info)
    suffix = std::string(" ") + info->shown;
  double a = std::abs(value);
  if (value == std::trunc(value) && a < 10000)
    return llvm::formatv("{0}", int64_t(value)).str() + suffix;
  if (a < 1000)
    return threeDigits(value) + suffix;
  static const char *const counts[] = {"", "K", "M", "G", "T", "P", "E"};
  int i = 0;
  while (std::abs(value) >= 999.5 && i < 6) {
    value /= 1000.0;
    ++i;
  }
  if (info && llvm::StringRef(info->suffix) == "per_s")
    return threeDigits(value) + " " + counts[i] + "/s";
  return threeDigits(value) + " " + counts[i] + suffix;
}

std::string report::escapeHTML(llvm::StringRef text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

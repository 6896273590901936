//===- ExportERT.cpp - energy and area tables of an accel.arch ------------===//
//
// Table names follow Accelergy: `<arch>.<component>[1..<instances>]`, so the
// importer's leaf-name matching reads them back.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/ERT/ExportERT.h"
#include "accel/AccelOps.h"
#include "dnnopt/Cost/ArchSpec.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace mlir;
using namespace dnnopt;

std::string dnnopt::formatEnergy(double value) {
  // The shortest text of 6 to 12 significant digits that reads back exactly.
  for (int digits = 6; digits <= 12; ++digits) {
    std::string text =
        llvm::formatv("{0}", llvm::format("%#.*g", digits, value)).str();
    if (std::strtod(text.c_str(), nullptr) == value)
      return text;
  }
  // Otherwise 12 significant digits (3.7 + 0.9 is 4.6000000000000005 in
  // binary; print 4.60000), keeping at least 6.
  std::string text = llvm::formatv("{0}", llvm::format("%#.12g", value)).str();
  size_t exponent = text.find_first_of("eE");
  std::string mantissa = text.substr(0, exponent);
  std::string suffix =
      exponent == std::string::npos ? "" : text.substr(exponent);
  auto significant = [](StringRef digits) {
    digits = digits.ltrim("-0.");
    return llvm::count_if(digits, [](char c) { return llvm::isDigit(c); });
  };
  while (!mantissa.empty() && mantissa.back() == '0' &&
         significant(mantissa) > 6)
    mantissa.pop_back();
  return mantissa + suffix;
}

/// A double-quoted YAML scalar.
static std::string quoted(StringRef text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

static std::string tableName(const ArchSpec &arch,
                             const ComponentSpec &component) {
  return llvm::formatv("{0}.{1}[1..{2}]", arch.name, component.name,
                       component.instances)
      .str();
}

/// `uses`: the energy of each Timeloop action the counts charge, chosen
/// from the actions by Timeloop's priority (the largest among argument
/// variants), so that a reader sees which ERT entry is used.
using Uses = SmallVector<std::pair<StringRef, double>>;

static void printERTTable(const ArchSpec &arch, const ComponentSpec &component,
                          const Uses &uses, llvm::raw_ostream &os) {
  if (component.actions.empty())
    return;
  os << "  - name: " << tableName(arch, component) << "\n";
  if (!uses.empty()) {
    os << "    counts_use: {";
    llvm::interleaveComma(uses, os, [&](const auto &use) {
      os << use.first << ": " << formatEnergy(use.second);
    });
    os << "}\n";
  }
  os << "    actions:\n";
  for (const ActionEnergy &action : component.actions) {
    os << "    - name: " << action.name << "\n";
    os << "      arguments: {";
    llvm::interleaveComma(action.arguments, os, [&](const auto &arg) {
      os << arg.first << ": " << arg.second;
    });
    os << "}\n";
    os << "      energy: " << formatEnergy(action.energyPJ) << "\n";
    os << "      source: " << quoted(action.source) << "\n";
  }
}

static void printARTTable(const ArchSpec &arch, const ComponentSpec &component,
                          llvm::raw_ostream &os) {
  os << "  - name: " << tableName(arch, component) << "\n";
  if (component.areaUM2) {
    os << "    area: " << formatEnergy(component.areaUM2->value) << "\n";
    os << "    source: " << quoted(component.areaUM2->source) << "\n";
  } else {
    os << "    area: null\n";
    os << "    source: \"no area: neither given nor estimated by the "
          "energy model\"\n";
  }
}

LogicalResult dnnopt::exportERT(ModuleOp module, llvm::raw_ostream &os) {
  auto archs = llvm::to_vector(module.getOps<accel::ArchOp>());
  if (archs.empty())
    return module.emitError() << "no accel.arch to export";
  for (accel::ArchOp archOp : archs) {
    // Errors name the component and the action; the op's generic form
    // would only add noise.
    MLIRContext *context = archOp.getContext();
    bool printOp = context->shouldPrintOpOnDiagnostic();
    context->printOpOnDiagnostic(false);
    FailureOr<ArchSpec> arch = buildArchSpec(archOp);
    context->printOpOnDiagnostic(printOp);
    if (failed(arch))
      return failure();
    os << "# Energy reference table (ERT) and area reference table (ART) of "
          "accel.arch @"
       << arch->name << ", "
       << llvm::formatv("{0}", llvm::format("%g", arch->technologyNM))
       << " nm, " << llvm::formatv("{0}", llvm::format("%g", arch->clockMHz))
       << " MHz.\n"
       << "# energy: pJ per action as Accelergy defines it (storage: one "
          "block of block_size words; leak: one instance, one cycle).\n"
       << "# area: um^2 per instance. `source` says where each number comes "
          "from.\n";
    os << "ERT:\n  version: '0.4'\n  tables:\n";
    for (const StorageLevelSpec &level : arch->levels) {
      // A crossbar's cells are the crossbar's: its table below.
      if (level.crossbarCells)
        continue;
      Uses uses{{"read", level.readPJ.value}, {"fill", level.fillPJ.value}};
      if (level.keeps(DataSpace::Outputs))
        uses.push_back({"update", level.updatePJ.value});
      uses.push_back({"leak", level.leakPJ.value});
      printERTTable(*arch, level, uses, os);
    }
    for (const ComponentSpec &network : arch->networks)
      printERTTable(*arch, network, {}, os);
    // A crossbar's table names its crossbars, not its logical MACs.
    ComputeSpec compute = arch->compute;
    compute.instances = compute.getPhysicalInstances();
    Uses uses{
        {compute.isCrossbar ? "crossbar_mac" : "compute", compute.macPJ.value}};
    if (compute.isCrossbar) {
      uses.push_back({"dac_convert", compute.dacPJ.value});
      uses.push_back({"adc_convert", compute.adcPJ.value});
    }
    uses.push_back({"leak", compute.leakPJ.value});
    printERTTable(*arch, compute, uses, os);
    os << "ART:\n  version: '0.4'\n  tables:\n";
    for (const StorageLevelSpec &level : arch->levels)
      if (!level.crossbarCells && (!level.holdsNothing() || level.areaUM2))
        printARTTable(*arch, level, os);
    for (const ComponentSpec &network : arch->networks)
      if (network.areaUM2)
        printARTTable(*arch, network, os);
    printARTTable(*arch, compute, os);
  }
  return success();
}

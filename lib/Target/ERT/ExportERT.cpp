//===- ExportERT.cpp - energy and area tables of an accel.arch ------------===//
//
// Table names follow Accelergy: `<arch>.<component>[1..<instances>]`, so the
// importer's leaf-name matching reads them back.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/ERT/ExportERT.h"
#include "accel/AccelOps.h"
#include "dnnopt/Cost/ArchSpec.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace mlir;
using namespace dnnopt;

std::string dnnopt::formatEnergy(double value) {
  for (int digits = 6; digits <= 17; ++digits) {
    std::string text =
        llvm::formatv("{0}", llvm::format("%#.*g", digits, value)).str();
    if (std::strtod(text.c_str(), nullptr) == value)
      return text;
  }
  return llvm::formatv("{0}", llvm::format("%.17g", value)).str();
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

static void printERTTable(const ArchSpec &arch, const ComponentSpec &component,
                          llvm::raw_ostream &os) {
  if (component.actions.empty())
    return;
  os << "  - name: " << tableName(arch, component) << "\n";
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
    FailureOr<ArchSpec> arch = buildArchSpec(archOp);
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
    for (const StorageLevelSpec &level : arch->levels)
      printERTTable(*arch, level, os);
    for (const ComponentSpec &network : arch->networks)
      printERTTable(*arch, network, os);
    printERTTable(*arch, arch->compute, os);
    os << "ART:\n  version: '0.4'\n  tables:\n";
    for (const StorageLevelSpec &level : arch->levels)
      if (!level.holdsNothing() || level.areaUM2)
        printARTTable(*arch, level, os);
    for (const ComponentSpec &network : arch->networks)
      if (network.areaUM2)
        printARTTable(*arch, network, os);
    printARTTable(*arch, arch->compute, os);
  }
  return success();
}

//===- dnn-translate.cpp - import to and export from the IR ---------------===//
//
// Imports models and architectures into the dnn and accel dialects and
// exports reports. `mlirTranslateMain` takes one input and no value options,
// so this tool has its own command line: one mode flag, the inputs it needs,
// and `-o`.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelOps.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/InitAll.h"
#include "dnnopt/Support/Diagnostics.h"
#include "dnnopt/Target/ERT/ExportERT.h"
#include "dnnopt/Target/JSON/ExportJSON.h"
#include "dnnopt/Target/ONNX/ImportONNX.h"
#include "dnnopt/Target/Report/ExportCSV.h"
#include "dnnopt/Target/Report/ExportHTML.h"
#include "dnnopt/Target/Timeloop/EvaluateTimeloop.h"
#include "dnnopt/Target/Timeloop/ImportTimeloop.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using dnnopt::getSeverityName;
using dnnopt::printLocation;
namespace cl = llvm::cl;

namespace {
enum class Mode {
  None,
  ImportONNX,
  ExportJSON,
  ExportTable,
  ExportCSV,
  ExportHTML,
  ExportERT,
  ImportTimeloopArch,
  EvaluateTimeloop,
  ImportTimeloopProblem
};
} // namespace

static cl::opt<Mode> mode(
    cl::desc("Translation (exactly one):"), cl::init(Mode::None),
    cl::values(
        clEnumValN(Mode::ImportONNX, "import-onnx",
                   "ONNX model (.onnx, or .onnxtext in ONNX's text format) "
                   "to the dnn dialect"),
        clEnumValN(Mode::ExportJSON, "export-json",
                   "model statistics (and analysis results) as JSON"),
        clEnumValN(Mode::ExportTable, "export-table",
                   "the same rows as a text table for a terminal"),
        clEnumValN(Mode::ExportCSV, "export-csv",
                   "the same rows as CSV (an MLIR file, or a .json "
                   "document from --export-json)"),
        clEnumValN(Mode::ExportHTML, "export-html",
                   "a self-contained HTML report with plots (an MLIR file, "
                   "or a .json document from --export-json)"),
        clEnumValN(Mode::ImportTimeloopArch, "import-timeloop-arch",
                   "Timeloop/Accelergy architecture (v0.3 or v0.4 YAML) and "
                   "component libraries to an accel.arch"),
        clEnumValN(Mode::ExportERT, "export-ert",
                   "energy per action and area per component of an "
                   "accel.arch (file or bundled name), with sources"),
        clEnumValN(Mode::EvaluateTimeloop, "evaluate-timeloop",
                   "count a Timeloop mapping as timeloop-model does: "
                   "arch (YAML, .mlir or bundled name), problem and mapping "
                   "files; prints stats.txt-style counts"),
        clEnumValN(Mode::ImportTimeloopProblem, "import-timeloop-problem",
                   "Timeloop problem (v0.3/v0.4) to a func with one "
                   "dnn.generic, carrying accel.mapping with --mapping and "
                   "--arch")));

static cl::list<std::string> inputs(cl::Positional, cl::desc("<inputs>"));
static cl::opt<std::string>
    ertFile("ert",
            cl::desc("Accelergy ERT (or user table in its layout) whose "
                     "energies override the models (--import-timeloop-arch, "
                     "--export-ert)"),
            cl::value_desc("file"));
static cl::opt<std::string>
    artFile("art",
            cl::desc("Accelergy ART whose areas override the models "
                     "(--import-timeloop-arch, --export-ert)"),
            cl::value_desc("file"));
static cl::opt<std::string> mappingFile(
    "mapping",
    cl::desc("Timeloop mapping the imported op carries as accel.mapping "
             "(--import-timeloop-problem; needs --arch)"),
    cl::value_desc("file"));
static cl::opt<bool> imperfect(
    "imperfect",
    cl::desc("Accept imperfect factors (residuals such as P=4,3) in a "
             "Timeloop mapping (--evaluate-timeloop, "
             "--import-timeloop-problem)"),
    cl::init(false));
static cl::opt<std::string> archFile(
    "arch",
    cl::desc("Architecture a mapping refers to: Timeloop YAML, .mlir or "
             "bundled name (--import-timeloop-problem)"),
    cl::value_desc("file"));
static cl::opt<bool>
    printLoopNest("print-loop-nest",
                  cl::desc("Print the mapping as a loop nest before the counts "
                           "(--evaluate-timeloop)"));
static cl::opt<std::string> energyModel(
    "energy-model",
    cl::desc("Energy model for every action an arch does not list "
             "explicitly, instead of the arch's own (--export-ert); e.g. "
             "eyeriss-normalized for relative studies"),
    cl::value_desc("name"));
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("file"),
                                           cl::init("-"));
static cl::list<std::string>
    inputShapes("input-shape",
                cl::desc("Shape of a graph input, NAME:1x3x224x224 "
                         "(repeatable; needed for dynamic dims)"),
                cl::value_desc("name:shape"));
static cl::opt<int64_t>
    batchSize("batch",
              cl::desc("Size of a dynamic batch (first) dim of the inputs that "
                       "--input-shape does not fix (--import-onnx)"),
              cl::value_desc("N"), cl::init(0));
static cl::opt<bool> allowUnsupported(
    "allow-unsupported",
    cl::desc("Import unknown operators as dnn.opaque (reported as not "
             "modeled) instead of failing"));

/// Prints diagnostics as `file: 'name': error: message`, or
/// `file:line:col: error: message` where a line is known.
static LogicalResult handleDiagnostic(Diagnostic &diag) {
  llvm::raw_ostream &os = llvm::errs();
  printLocation(diag.getLocation(), os);
  os << " " << getSeverityName(diag.getSeverity()) << ": ";
  os << diag << "\n";
  for (Diagnostic &note : diag.getNotes())
    (void)handleDiagnostic(note);
  return success();
}

/// Parses an MLIR file with source locations for its diagnostics.
static OwningOpRef<ModuleOp> parseMLIR(StringRef path, MLIRContext &context,
                                       llvm::SourceMgr &sourceMgr) {
  std::string error;
  auto file = openInputFile(path, &error);
  if (!file) {
    llvm::WithColor::error() << error << "\n";
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  return parseSourceFile<ModuleOp>(sourceMgr, &context);
}

static LogicalResult expectInputs(size_t n, StringRef what) {
  if (inputs.size() == n)
    return success();
  llvm::WithColor::error() << "expects " << what << ", got " << inputs.size()
                           << " input file(s)\n";
  return failure();
}

/// The statistics document of `path`: built from an MLIR module, or read
/// back as written by --export-json (a file ending in .json).
static std::optional<llvm::json::Value>
loadStatsDocument(StringRef path, MLIRContext &context) {
  if (path.ends_with(".json")) {
    auto file = llvm::MemoryBuffer::getFileOrSTDIN(path);
    if (!file) {
      llvm::WithColor::error()
          << path << ": " << file.getError().message() << "\n";
      return std::nullopt;
    }
    llvm::Expected<llvm::json::Value> doc =
        llvm::json::parse((*file)->getBuffer());
    if (!doc) {
      llvm::WithColor::error()
          << path << ": " << llvm::toString(doc.takeError()) << "\n";
      return std::nullopt;
    }
    return std::move(*doc);
  }
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseMLIR(path, context, sourceMgr);
  if (!module)
    return std::nullopt;
  return dnnopt::buildStatsJSON(*module);
}

static LogicalResult run(MLIRContext &context, llvm::raw_ostream &os) {
  switch (mode) {
  case Mode::None:
    llvm::WithColor::error()
        << "choose a translation (see --help), e.g. --import-onnx\n";
    return failure();
  case Mode::ImportONNX: {
    if (failed(expectInputs(1, "one ONNX model")))
      return failure();
    dnnopt::ImportOptions options;
    options.inputShapes.assign(inputShapes.begin(), inputShapes.end());
    options.allowUnsupported = allowUnsupported;
    options.batch = batchSize;
    options.textFormat = StringRef(inputs[0]).ends_with(".onnxtext");
    OwningOpRef<ModuleOp> module =
        dnnopt::importONNX(inputs[0], options, &context);
    if (!module)
      return failure();
    // Locations carry the ONNX node names that every report row shows.
    module->print(os, OpPrintingFlags().enableDebugInfo());
    return success();
  }
  case Mode::ExportJSON:
  case Mode::ExportTable: {
    if (failed(expectInputs(1, "one MLIR file")))
      return failure();
    llvm::SourceMgr sourceMgr;
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    OwningOpRef<ModuleOp> module = parseMLIR(inputs[0], context, sourceMgr);
    if (!module)
      return failure();
    return mode == Mode::ExportJSON ? dnnopt::exportJSON(*module, os)
                                    : dnnopt::exportTable(*module, os);
  }
  case Mode::ExportCSV:
  case Mode::ExportHTML: {
    if (failed(expectInputs(1, "one MLIR file or statistics JSON")))
      return failure();
    std::optional<llvm::json::Value> doc =
        loadStatsDocument(inputs[0], context);
    if (!doc)
      return failure();
    if (mode == Mode::ExportCSV)
      return dnnopt::exportCSV(*doc, os);
    dnnopt::HTMLReportOptions options;
    options.modelName = llvm::sys::path::stem(inputs[0]).str();
    return dnnopt::exportHTML(*doc, os, options);
  }
  case Mode::ImportTimeloopArch: {
    if (inputs.empty()) {
      llvm::WithColor::error()
          << "expects an architecture file and optional component "
             "libraries\n";
      return failure();
    }
    dnnopt::TimeloopImportOptions options;
    options.archFile = inputs[0];
    options.libraryFiles.assign(inputs.begin() + 1, inputs.end());
    options.ertFile = ertFile;
    options.artFile = artFile;
    OwningOpRef<ModuleOp> module =
        dnnopt::importTimeloopArch(options, &context);
    if (!module)
      return failure();
    module->print(os);
    return success();
  }
  case Mode::ImportTimeloopProblem: {
    if (failed(expectInputs(1, "one Timeloop problem file")))
      return failure();
    dnnopt::TimeloopProblemImportOptions options;
    options.problemFile = inputs[0];
    options.mappingFile = mappingFile;
    options.archFile = archFile;
    options.ertFile = ertFile;
    options.artFile = artFile;
    options.imperfect = imperfect;
    OwningOpRef<ModuleOp> module =
        dnnopt::importTimeloopProblemModule(options, &context);
    if (!module)
      return failure();
    module->print(os);
    return success();
  }
  case Mode::EvaluateTimeloop: {
    if (inputs.size() < 3) {
      llvm::WithColor::error() << "expects an architecture (and component "
                                  "libraries), a problem and a mapping\n";
      return failure();
    }
    dnnopt::TimeloopEvaluateOptions options;
    options.archFile = inputs[0];
    for (size_t i = 1; i + 2 < inputs.size(); ++i)
      options.libraryFiles.push_back(inputs[i]);
    options.problemFile = inputs[inputs.size() - 2];
    options.mappingFile = inputs[inputs.size() - 1];
    options.ertFile = ertFile;
    options.artFile = artFile;
    options.printLoopNest = printLoopNest;
    options.imperfect = imperfect;
    return dnnopt::evaluateTimeloop(options, &context, os);
  }
  case Mode::ExportERT: {
    if (failed(expectInputs(1, "one accel.arch (.mlir file or bundled name)")))
      return failure();
    OwningOpRef<ModuleOp> module = dnnopt::loadArch(inputs[0], &context);
    if (!module || failed(verify(*module)))
      return failure();
    if (!energyModel.empty())
      for (auto arch : module->getOps<accel::ArchOp>()) {
        arch.setEnergyModel(energyModel);
        for (Operation &component : arch.getBody().front())
          component.removeAttr("energy_model");
      }
    // A user table (ERT/ART layout) overrides the models' numbers.
    if (!ertFile.empty() || !artFile.empty())
      for (auto arch : module->getOps<accel::ArchOp>())
        if (failed(dnnopt::applyAccelergyTables(arch, ertFile, artFile)))
          return failure();
    return dnnopt::exportERT(*module, os);
  }
  }
  return failure();
}

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "dnn-translate: import models and "
                              "architectures, export reports\n");
  DialectRegistry registry;
  dnnopt::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  ScopedDiagnosticHandler diagHandler(&context, handleDiagnostic);

  std::string error;
  auto output = openOutputFile(outputFilename, &error);
  if (!output) {
    llvm::WithColor::error() << error << "\n";
    return 1;
  }
  if (failed(run(context, output->os())))
    return 1;
  output->keep();
  return 0;
}

//===- Report.cpp - write the reports from a pass pipeline ----------------===//
//
// The accel-report pass (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Pipelines/Passes.h"
#include "dnnopt/Target/JSON/ExportJSON.h"
#include "dnnopt/Target/Report/ExportCSV.h"
#include "dnnopt/Target/Report/ExportHTML.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"

namespace dnnopt {
#define GEN_PASS_DEF_ACCELREPORT
#include "dnnopt/Pipelines/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

namespace {
struct AccelReport : dnnopt::impl::AccelReportBase<AccelReport> {
  using Base::Base;

  /// Writes one report to `path` with `write`; errors on the module.
  LogicalResult
  writeTo(StringRef path, StringRef what,
          llvm::function_ref<LogicalResult(llvm::raw_ostream &)> write) {
    if (path.empty())
      return success();
    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &error);
    if (!file)
      return getOperation().emitError()
             << "accel-report: cannot write the " << what << " to '" << path
             << "': " << error;
    if (failed(write(file->os())))
      return failure();
    file->keep();
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (jsonPath.empty() && csvPath.empty() && htmlPath.empty() &&
        tablePath.empty()) {
      module.emitError() << "accel-report: give at least one of json=, csv=, "
                            "html=, table= (a path, or - for stdout)";
      return signalPassFailure();
    }
    llvm::json::Value doc = buildStatsJSON(module);
    HTMLReportOptions html;
    if (auto name = module.getSymName())
      html.modelName = name->str();
    if (failed(writeTo(
            jsonPath, "JSON document",
            [&](llvm::raw_ostream &os) { return exportJSON(module, os); })) ||
        failed(writeTo(
            csvPath, "CSV rows",
            [&](llvm::raw_ostream &os) { return exportCSV(doc, os); })) ||
        failed(writeTo(htmlPath, "HTML report",
                       [&](llvm::raw_ostream &os) {
                         return exportHTML(doc, os, html);
                       })) ||
        failed(writeTo(tablePath, "table", [&](llvm::raw_ostream &os) {
          return exportTable(module, os);
        })))
      return signalPassFailure();
  }
};
} // namespace

//===- ExportHTML.h - the statistics document as an HTML report -*- C++ -*-===//
//
// Renders the document `buildStatsJSON` returns (and the analysis keys later
// passes add to it) as one self-contained HTML file: a report card of the
// key metrics, plots drawn as inline SVG, and a sortable per-layer table.
// Nothing is computed here beyond plot coordinates; a plot whose keys are
// absent says so and names the command that computes them. Documented in
// docs/reports.md.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_REPORT_EXPORTHTML_H
#define DNNOPT_TARGET_REPORT_EXPORTHTML_H

#include "llvm/Support/JSON.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace dnnopt {

/// What the report shows that the document does not carry.
struct HTMLReportOptions {
  /// The model name shown when the document has no `model` key (the tool
  /// passes the input file name).
  std::string modelName;
};

/// Writes the statistics document `doc` as an HTML report to `os`. Fails,
/// with a message on stderr, when `doc` is not a statistics document.
llvm::LogicalResult exportHTML(const llvm::json::Value &doc,
                               llvm::raw_ostream &os,
                               const HTMLReportOptions &options = {});

} // namespace dnnopt

#endif // DNNOPT_TARGET_REPORT_EXPORTHTML_H

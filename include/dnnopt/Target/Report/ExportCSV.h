//===- ExportCSV.h - the statistics document as CSV -------------*- C++ -*-===//
//
// Renders the document `buildStatsJSON` returns (and the analysis keys later
// passes add to it) as RFC 4180 CSV: one header line naming every scalar key
// of the rows, nested objects flattened to dotted keys, one line per op and a
// totals line. Nothing is computed here; every cell is a value of the
// document. Documented in docs/reports.md.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TARGET_REPORT_EXPORTCSV_H
#define DNNOPT_TARGET_REPORT_EXPORTCSV_H

#include "llvm/Support/JSON.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

namespace dnnopt {

/// Writes the statistics document `doc` as CSV to `os`. Fails, with a message
/// on stderr, when `doc` is not a statistics document (no `ops` array).
llvm::LogicalResult exportCSV(const llvm::json::Value &doc,
                              llvm::raw_ostream &os);

} // namespace dnnopt

#endif // DNNOPT_TARGET_REPORT_EXPORTCSV_H

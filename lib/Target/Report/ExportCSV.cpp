//===- ExportCSV.cpp - the statistics document as CSV ---------------------===//
//
// RFC 4180: CRLF line ends, fields with a comma, quote or line break in
// double quotes with inner quotes doubled. Columns come from ReportTable, so
// the CSV and the HTML report name and order them the same way.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Report/ExportCSV.h"
#include "ReportTable.h"

using namespace dnnopt;
using namespace dnnopt::report;
namespace json = llvm::json;

/// Writes `field` quoted when RFC 4180 requires it.
static void writeField(llvm::raw_ostream &os, llvm::StringRef field) {
  if (field.find_first_of(",\"\r\n") == llvm::StringRef::npos) {
    os << field;
    return;
  }
  os << '"';
  for (char c : field) {
    if (c == '"')
      os << '"';
    os << c;
  }
  os << '"';
}

static void writeLine(llvm::raw_ostream &os,
                      const std::vector<std::string> &columns,
                      const FlatRow &row) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i)
      os << ',';
    auto it = row.find(columns[i]);
    if (it != row.end())
      writeField(os, formatScalar(it->second));
  }
  os << "\r\n";
}

llvm::LogicalResult dnnopt::exportCSV(const json::Value &doc,
                                      llvm::raw_ostream &os) {
  llvm::FailureOr<Document> document = getDocument(doc);
  if (failed(document))
    return llvm::failure();
  Table table = flatten(*document);
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i)
      os << ',';
    writeField(os, table.columns[i]);
  }
  os << "\r\n";
  for (const FlatRow &row : table.rows)
    writeLine(os, table.columns, row);
  if (document->totals) {
    // The totals line names itself in the name column; no op's name starts
    // with a parenthesis (unnamed nodes are `OpType(output)`).
    FlatRow totals = std::move(table.totals);
    totals.try_emplace("name", "(totals)");
    writeLine(os, table.columns, totals);
  }
  return llvm::success();
}

//===- ReportTable.h - the statistics document as flat columns --*- C++ -*-===//
//
// The one place that turns a statistics document into a table: each row's
// keys flattened to dotted column names (`energy_by_component_pJ.DRAM`,
// `levels.GlobalBuffer.reads.Weights`), shapes joined as `1x3x224x224`, and
// a column order shared by the CSV and the HTML report. Private to the
// report renderers.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_TARGET_REPORT_REPORTTABLE_H
#define DNNOPT_LIB_TARGET_REPORT_REPORTTABLE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/LogicalResult.h"
#include <string>
#include <vector>

namespace dnnopt::report {

/// One flattened row: dotted column name to a scalar JSON value (number,
/// string, bool or null; shapes are already strings).
using FlatRow = llvm::StringMap<llvm::json::Value>;

/// The statistics document as a table.
struct Table {
  /// Every column of the rows, in report order, then the totals keys no row
  /// has (`activations`, `ops`, `report_card.*`, ...).
  std::vector<std::string> columns;
  /// How many of `columns` come from the rows.
  size_t numRowColumns = 0;
  std::vector<FlatRow> rows;
  FlatRow totals;
};

/// The `ops` rows and the `totals` object of a statistics document, checked.
struct Document {
  const llvm::json::Array *ops = nullptr;
  const llvm::json::Object *totals = nullptr;
  const llvm::json::Object *root = nullptr;
};

/// Checks that `doc` is a statistics document (an object with an `ops` array
/// of objects and, optionally, a `totals` object); prints why not on stderr.
llvm::FailureOr<Document> getDocument(const llvm::json::Value &doc);

/// Flattens the rows and totals of `doc` into a table.
Table flatten(const Document &doc);

/// Flattens one JSON value into `out` under `prefix`: objects recurse with
/// `prefix.key`, arrays of objects with a `name` (or a `level`) string recurse
/// with `prefix.<name>`,
/// arrays of shapes become one `AxB;CxD` string, other arrays recurse with
/// `prefix.1`, `prefix.2`, ...; `order` receives new keys in first-seen order.
void flattenValue(const llvm::json::Value &value, const std::string &prefix,
                  FlatRow &out, std::vector<std::string> &order);

/// Formats a number the shortest way that reads back the same double
/// (integers without a fraction): what the CSV and sort keys hold.
std::string formatNumber(double value);

/// A scalar cell as text: numbers by `formatNumber`, booleans as
/// true/false, null as empty.
std::string formatScalar(const llvm::json::Value &value);

} // namespace dnnopt::report

#endif // DNNOPT_LIB_TARGET_REPORT_REPORTTABLE_H

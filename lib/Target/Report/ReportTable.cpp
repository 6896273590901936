//===- ReportTable.cpp - the statistics document as flat columns ----------===//
//
// Flattens statistics rows to dotted columns in one order for every
// renderer: the schema's keys in their documented order, then the analysis
// keys, then any other key alphabetically, and `note` last.
//
//===----------------------------------------------------------------------===//

#include "ReportTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/WithColor.h"
#include <charconv>
#include <cmath>

using namespace dnnopt;
using namespace dnnopt::report;
namespace json = llvm::json;

/// The order of a row's top-level keys in every report: the statistics of
/// docs/json-schema.md, then the analysis results. Keys not listed follow in
/// alphabetical order; `note` (free text) goes last.
static const char *const kKeyOrder[] = {"name",
                                        "kind",
                                        "input_shapes",
                                        "output_shapes",
                                        "macs",
                                        "other_ops",
                                        "weights",
                                        "input_activations",
                                        "output_activations",
                                        "activations",
                                        "ops",
                                        "unmodeled_ops",
                                        "modeled",
                                        "energy_pJ",
                                        "cycles",
                                        "latency_s",
                                        "throughput_per_s",
                                        "power_W",
                                        "utilization",
                                        "dram_accesses",
                                        "bound",
                                        "energy_by_component_pJ",
                                        "energy_by_dataspace_pJ",
                                        "eyexam_macs_per_cycle",
                                        "levels",
                                        "report_card"};

/// Top-level keys of `object` in report order.
static std::vector<std::string> orderedKeys(const json::Object &object) {
  std::vector<std::string> known, other;
  for (const char *key : kKeyOrder)
    if (object.get(key))
      known.push_back(key);
  for (const auto &kv : object) {
    llvm::StringRef key = kv.first;
    if (key != "note" && !llvm::is_contained(kKeyOrder, key))
      other.push_back(key.str());
  }
  llvm::sort(other);
  known.insert(known.end(), other.begin(), other.end());
  if (object.get("note"))
    known.push_back("note");
  return known;
}

llvm::FailureOr<Document> report::getDocument(const json::Value &doc) {
  auto fail = [](const llvm::Twine &why) {
    llvm::WithColor::error() << "not a statistics document: " << why << "\n";
    return llvm::failure();
  };
  Document out;
  out.root = doc.getAsObject();
  if (!out.root)
    return fail("expected a JSON object");
  out.ops = out.root->getArray("ops");
  if (!out.ops)
    return fail("no `ops` array");
  for (const json::Value &row : *out.ops)
    if (!row.getAsObject())
      return fail("an `ops` element is not an object");
  if (const json::Value *totals = out.root->get("totals")) {
    out.totals = totals->getAsObject();
    if (!out.totals)
      return fail("`totals` is not an object");
  }
  return out;
}

/// Whether `array` is a list of shapes: arrays of integers (or null for a
/// dynamic dim).
static bool isShapeList(const json::Array &array) {
  if (array.empty())
    return false;
  for (const json::Value &shape : array) {
    const json::Array *dims = shape.getAsArray();
    if (!dims)
      return false;
    for (const json::Value &d : *dims)
      if (!d.getAsInteger() && d.kind() != json::Value::Null)
        return false;
  }
  return true;
}

/// `[[1,3,224,224],[64,3,7,7]]` as `1x3x224x224;64x3x7x7`; a rank-0 shape
/// is `scalar`, a dynamic dim `?`.
static std::string joinShapes(const json::Array &shapes) {
  std::string out;
  for (size_t i = 0; i < shapes.size(); ++i) {
    if (i)
      out += ";";
    const json::Array &dims = *shapes[i].getAsArray();
    if (dims.empty())
      out += "scalar";
    for (size_t j = 0; j < dims.size(); ++j) {
      if (j)
        out += "x";
      std::optional<int64_t> d = dims[j].getAsInteger();
      out += d ? std::to_string(*d) : "?";
    }
  }
  return out;
}

void report::flattenValue(const json::Value &value, const std::string &prefix,
                          FlatRow &out, std::vector<std::string> &order) {
  auto emit = [&](json::Value v) {
    order.push_back(prefix);
    out.insert_or_assign(prefix, std::move(v));
  };
  if (const json::Object *object = value.getAsObject()) {
    std::vector<std::string> keys;
    for (const auto &kv : *object)
      keys.push_back(kv.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys)
      flattenValue(*object->get(key), prefix + "." + key, out, order);
    return;
  }
  const json::Array *array = value.getAsArray();
  if (!array)
    return emit(value);
  if (array->empty())
    return emit("");
  if (isShapeList(*array))
    return emit(joinShapes(*array));
  // Elements named by a `name` (or, for storage levels, `level`) string.
  llvm::StringRef nameKey;
  for (llvm::StringRef key : {"name", "level"})
    if (nameKey.empty() && llvm::all_of(*array, [&](const json::Value &v) {
          const json::Object *o = v.getAsObject();
          return o && o->getString(key);
        }))
      nameKey = key;
  for (size_t i = 0; i < array->size(); ++i) {
    const json::Value &element = (*array)[i];
    if (nameKey.empty()) {
      flattenValue(element, prefix + "." + std::to_string(i + 1), out, order);
      continue;
    }
    const json::Object &o = *element.getAsObject();
    std::string sub = prefix + "." + o.getString(nameKey)->str();
    std::vector<std::string> keys;
    for (const auto &kv : o)
      if (llvm::StringRef(kv.first) != nameKey)
        keys.push_back(kv.first.str());
    llvm::sort(keys);
    for (const std::string &key : keys)
      flattenValue(*o.get(key), sub + "." + key, out, order);
  }
}

/// Flattens the top-level keys of `object` in report order; `columns`
/// receives, per top-level key, its dotted columns in first-seen order.
static FlatRow flattenObject(const json::Object &object,
                             llvm::StringMap<std::vector<std::string>> &columns,
                             std::vector<std::string> &topOrder) {
  FlatRow row;
  for (const std::string &key : orderedKeys(object)) {
    std::vector<std::string> order;
    flattenValue(*object.get(key), key, row, order);
    auto [it, inserted] = columns.try_emplace(key);
    if (inserted)
      topOrder.push_back(key);
    for (std::string &c : order)
      if (!llvm::is_contained(it->second, c))
        it->second.push_back(std::move(c));
  }
  return row;
}

Table report::flatten(const Document &doc) {
  Table table;
  llvm::StringMap<std::vector<std::string>> columns;
  std::vector<std::string> topOrder;
  for (const json::Value &row : *doc.ops)
    table.rows.push_back(flattenObject(*row.getAsObject(), columns, topOrder));
  // Rows may differ in which keys they carry: order the union of their
  // top-level keys as one row would be ordered.
  json::Object keysSeen;
  for (const std::string &key : topOrder)
    keysSeen[key] = nullptr;
  for (const std::string &key : orderedKeys(keysSeen))
    for (const std::string &c : columns[key])
      table.columns.push_back(c);
  table.numRowColumns = table.columns.size();
  if (!doc.totals)
    return table;
  llvm::StringMap<std::vector<std::string>> totalColumns;
  std::vector<std::string> totalOrder;
  table.totals = flattenObject(*doc.totals, totalColumns, totalOrder);
  llvm::StringSet<> rowColumns;
  for (const std::string &c : table.columns)
    rowColumns.insert(c);
  for (const std::string &key : totalOrder)
    for (const std::string &c : totalColumns[key])
      if (!rowColumns.contains(c))
        table.columns.push_back(c);
  return table;
}

std::string report::formatNumber(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value < 0 ? "-inf" : "inf";
  if (value == std::trunc(value) && std::abs(value) < 9.007199254740992e15)
    return std::to_string(static_cast<int64_t>(value));
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string report::formatScalar(const json::Value &value) {
  switch (value.kind()) {
  case json::Value::Null:
    return "";
  case json::Value::Boolean:
    return *value.getAsBoolean() ? "true" : "false";
  case json::Value::Number:
    if (std::optional<int64_t> i = value.getAsInteger())
      return std::to_string(*i);
    if (std::optional<uint64_t> u = value.getAsUINT64())
      return std::to_string(*u);
    return formatNumber(*value.getAsNumber());
  case json::Value::String:
    return value.getAsString()->str();
  case json::Value::Array:
  case json::Value::Object:
    break;
  }
  std::string s;
  llvm::raw_string_ostream os(s);
  os << value;
  return s;
}

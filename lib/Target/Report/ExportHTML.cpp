//===- ExportHTML.cpp - the statistics document as an HTML report ---------===//
//
// One self-contained page: a report card of the metrics a DNN accelerator
// evaluation should state (accuracy, throughput, latency with its batch,
// energy and power, off-chip accesses, hardware cost, and whether each is
// counted, simulated or measured), per-layer plots as inline SVG, and a
// sortable per-layer table. Every value comes from the document; a plot whose
// keys are absent is replaced by a note naming the command that computes
// them. The Content-Security-Policy allows no network access and only the
// page's own script (by its hash), so even a missed escape could not run
// injected code.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Report/ExportHTML.h"
#include "Format.h"
#include "ReportTable.h"
#include "SVGChart.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Base64.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SHA256.h"
#include <cmath>

using namespace dnnopt;
using namespace dnnopt::report;
namespace json = llvm::json;

/// What to run to get the analysis keys.
static const char kEvaluateHint[] = "run dnn-opt --dnn-evaluate";

/// The seven Eyexam steps (Chen et al., arXiv:1807.07928; seed slides 7-10),
/// named when the document gives only values.
static const char *const kEyexamSteps[] = {
    "1 workload parallelism",   "2 dataflow parallelism", "3 PE array size",
    "4 PE array dims",          "5 storage capacity",     "6 average bandwidth",
    "7 instantaneous bandwidth"};

/// Colors of the Eyexam steps: a sequential scale (viridis), light for the
/// early bounds at the back, dark for what is attained in front.
static const char *const kStepColors[] = {"#fde725", "#90d743", "#35b779",
                                          "#21918c", "#31688e", "#443983",
                                          "#440154"};

static const char kStyle[] = R"css(
:root { --fg: #1d232b; --muted: #5d6875; --line: #d8dde3; --bg: #f6f7f9;
  --accent: #0072B2; --warn: #a04a00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans",
  Helvetica, Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 24px; margin: 4px 0 2px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line);
  padding-bottom: 4px; }
h3 { font-size: 13px; margin: 0; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); font-weight: 600; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
  font-size: 12.5px; }
.sub { color: var(--muted); margin: 0 0 12px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
  gap: 10px; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 12px; }
.tile .value { font-size: 22px; font-weight: 600; margin: 2px 0;
  font-variant-numeric: tabular-nums; }
.tile .detail { color: var(--muted); font-size: 12.5px; }
.tile.absent .value { font-size: 15px; color: var(--muted); font-weight: 500; }
.src { display: inline-block; margin-top: 6px; font-size: 11px; padding: 1px 7px;
  border-radius: 9px; background: #e8eef5; color: #244a6b; }
.src.simulated { background: #fff1dc; color: #7a4a00; }
.src.measured { background: #dff3e6; color: #1c5b33; }
.src.absent { background: #eee; color: #666; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 14px; margin-top: 10px; }
.unmodeled-list code { background: #fff3e6; border-radius: 4px; padding: 0 4px;
  margin: 0 2px; display: inline-block; }
.share { display: flex; height: 18px; border-radius: 4px; overflow: hidden;
  margin: 6px 0 4px; }
.share span { display: block; height: 100%; }
.keys { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12.5px; }
.keys i { display: inline-block; width: 10px; height: 10px; margin-right: 4px;
  vertical-align: -1px; }
figure { margin: 12px 0 0; background: #fff; border: 1px solid var(--line);
  border-radius: 8px; padding: 10px 14px 8px; }
figcaption { font-weight: 600; font-size: 15px; }
figcaption small { font-weight: 400; color: var(--muted); }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-size: 12px; fill: #2b333d; }
.chart .tick { font-size: 11px; fill: #4b5563; }
.chart .legend { font-size: 12px; }
.chart .axis-title { font-size: 12.5px; fill: #1d232b; }
.chart .grid { stroke: #e7eaee; }
.chart .axis { stroke: #8a939e; }
.chart rect:hover, .chart circle:hover { opacity: .7; }
.chart .roof { fill: none; stroke: #c0392b; stroke-width: 2; }
.chart .roof-label { fill: #c0392b; font-size: 12px; }
.chart .dot { stroke: #fff; stroke-width: 1; fill-opacity: .85; }
.logbox { margin-left: 0; }
.logbox ~ label { color: var(--muted); font-size: 12.5px; }
.logv { display: none; }
.logbox:checked ~ .lin { display: none; }
.logbox:checked ~ .logv { display: block; }
.note { color: var(--muted); font-size: 12.5px; margin: 4px 0; }
.missing { border: 1px dashed #c9ced4; background: #fafbfc; border-radius: 6px;
  padding: 14px; color: var(--warn); margin-top: 6px; }
.table-wrap { overflow: auto; max-height: 80vh; background: #fff;
  border: 1px solid var(--line); border-radius: 8px; }
table.sortable { border-collapse: collapse; width: 100%; font-size: 12.5px; }
table.sortable th, table.sortable td { padding: 4px 8px; border-bottom: 1px solid #eef0f3;
  white-space: nowrap; text-align: left; }
table.sortable thead th { position: sticky; top: 0; background: #eef2f6;
  cursor: pointer; user-select: none; z-index: 1; }
table.sortable thead th:hover { background: #e1e8ef; }
table.sortable th[aria-sort=ascending]::after { content: " \25B2"; }
table.sortable th[aria-sort=descending]::after { content: " \25BC"; }
table.sortable td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable tbody tr:nth-child(even) { background: #fafbfc; }
table.sortable tbody tr:hover { background: #eef6ff; }
table.sortable tr.unmodeled td { color: var(--warn); }
table.sortable tfoot td { font-weight: 600; background: #f1f3f5; position: sticky;
  bottom: 0; }
table.kv td { padding: 2px 12px 2px 0; }
details summary { cursor: pointer; color: var(--accent); margin: 10px 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
)css";

/// Sorts a table by the header clicked (numerically when both cells carry a
/// number in data-v, empty cells last), and applies `#sort=key:desc` from
/// the address to the per-layer table.
static const char kScript[] = R"js(
(function () {
  'use strict';
  function key(cell) {
    var v = cell.getAttribute('data-v');
    if (v !== null && v !== '') {
      var f = parseFloat(v);
      if (!isNaN(f)) return f;
    }
    return cell.textContent.trim();
  }
  function compare(a, b) {
    var an = typeof a === 'number', bn = typeof b === 'number';
    if (an && bn) return a - b;
    if (an) return -1;
    if (bn) return 1;
    return a.localeCompare(b, undefined, {numeric: true});
  }
  function sortBy(table, col, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r, s) {
      var a = key(r.cells[col]), b = key(s.cells[col]);
      if (a === '' || b === '') return (a === '') - (b === '');
      var c = compare(a, b);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; ++i)
      heads[i].setAttribute('aria-sort', i !== col ? 'none' :
                            descending ? 'descending' : 'ascending');
  }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'num';
        var state = th.getAttribute('aria-sort');
        sortBy(table, i, state === 'none' || !state ? numeric
                                                   : state === 'ascending');
      });
    });
  });
  var m = /sort=([A-Za-z0-9_.]+)(:desc)?/.exec(location.hash);
  var layers = document.getElementById('layer-table');
  if (m && layers) {
    var heads = layers.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; ++i)
      if (heads[i].getAttribute('data-key') === m[1])
        sortBy(layers, i, !!m[2]);
  }
  document.documentElement.setAttribute('data-report-ready', String(tables.length));
})();
)js";

namespace {
/// One figure of the report card.
struct Tile {
  std::string metric;
  std::string value;  ///< empty: not computed
  std::string detail; ///< HTML
  std::string source; ///< counted, simulated, measured
};

class HTMLReport {
public:
  HTMLReport(const Document &doc, const HTMLReportOptions &options,
             llvm::raw_ostream &os)
      : doc(doc), table(flatten(doc)), options(options), os(os) {
    if (doc.totals) {
      if (const json::Value *card = doc.totals->get("report_card"))
        reportCard = card->getAsObject();
      if (const json::Value *a = doc.totals->get("arch"))
        arch = a->getAsObject();
    }
  }

  void render();

private:
  const json::Object &row(size_t i) const {
    return *(*doc.ops)[i].getAsObject();
  }
  size_t numRows() const { return doc.ops->size(); }
  std::optional<double> rowNumber(size_t i, llvm::StringRef key) const {
    if (const json::Value *v = row(i).get(key))
      return v->getAsNumber();
    return std::nullopt;
  }
  bool anyRowHas(llvm::StringRef key) const {
    for (size_t i = 0; i < numRows(); ++i)
      if (row(i).get(key))
        return true;
    return false;
  }
  /// A model-level figure: the report card's value, else the totals', else
  /// the architecture's (`totals.arch`).
  const json::Value *figure(llvm::StringRef key) const {
    for (const json::Object *o : {reportCard, doc.totals, arch})
      if (o)
        if (const json::Value *v = o->get(key))
          return v;
    return nullptr;
  }
  std::optional<double> figureNumber(llvm::StringRef key) const {
    if (const json::Value *v = figure(key))
      return v->getAsNumber();
    return std::nullopt;
  }
  std::string modelName() const;
  std::string sourceOf(llvm::StringRef key) const;
  std::string layerLabel(size_t i) const;
  std::string layerTooltip(size_t i) const;

  void writeHead();
  void writeReportCard();
  void writeTile(const Tile &tile);
  void writeShare(llvm::StringRef key, llvm::StringRef title);
  void writeKeyValues(llvm::StringRef title, const json::Object &object);
  void writeCharts();
  /// How a bar chart offers its scales.
  enum class Scale { Linear, LinearOrLog, LogOrLinear };
  void writeFigure(llvm::StringRef id, llvm::StringRef caption,
                   const BarChart &chart, Scale scale,
                   llvm::StringRef note = "");
  void writeMissing(llvm::StringRef id, llvm::StringRef caption,
                    llvm::StringRef needs);
  void writeEnergyChart(llvm::StringRef id, llvm::StringRef key,
                        llvm::StringRef caption);
  void writeLatencyChart();
  void writeEyexamCharts();
  void writeRoofline();
  /// The rows as a sortable table of `columns`, the totals in its footer.
  void writeTable(llvm::StringRef id, const std::vector<std::string> &columns);
  BarChart layerChart(llvm::StringRef yLabel, llvm::StringRef unit) const;
  std::vector<Series> breakdown(llvm::StringRef key) const;
  std::vector<std::string> boundColors(std::vector<LegendEntry> &legend) const;

  const Document &doc;
  Table table;
  const HTMLReportOptions &options;
  llvm::raw_ostream &os;
  const json::Object *reportCard = nullptr;
  const json::Object *arch = nullptr;
};
} // namespace

std::string HTMLReport::modelName() const {
  for (const json::Object *o : {doc.root, doc.totals, reportCard})
    if (o)
      if (std::optional<llvm::StringRef> name = o->getString("model"))
        return name->str();
  return options.modelName.empty() ? "model" : options.modelName;
}

/// How a model-level figure was obtained: the report card may say, per
/// figure (`<key>_source`) or for all (`source`, `measured`); otherwise the
/// analyses simulate it (an analytical model, not a measurement).
std::string HTMLReport::sourceOf(llvm::StringRef key) const {
  if (reportCard) {
    if (std::optional<llvm::StringRef> s =
            reportCard->getString((key + "_source").str()))
      return s->str();
    if (std::optional<llvm::StringRef> s = reportCard->getString("source"))
      return s->str();
    if (std::optional<bool> measured = reportCard->getBoolean("measured"))
      return *measured ? "measured" : "simulated";
    if (std::optional<bool> simulated = reportCard->getBoolean("simulated"))
      return *simulated ? "simulated" : "measured";
  }
  return "simulated";
}

std::string HTMLReport::layerLabel(size_t i) const {
  std::optional<llvm::StringRef> name = row(i).getString("name");
  return name ? name->str() : "#" + std::to_string(i + 1);
}

std::string HTMLReport::layerTooltip(size_t i) const {
  std::string s = "#" + std::to_string(i + 1) + " " + layerLabel(i);
  if (std::optional<llvm::StringRef> kind = row(i).getString("kind"))
    s += " (" + kind->str() + ")";
  return s;
}

void HTMLReport::render() {
  writeHead();
  os << "<main>\n<h1>dnn-opt report: " << escapeHTML(modelName())
     << "</h1>\n<p class=\"sub\">" << numRows()
     << " operators. Every number below is a value of the statistics "
        "document (<code>dnn-translate --export-json</code>); hover a bar or "
        "point for its layer and exact value.</p>\n"
     << "<nav><a href=\"#report-card\">Report card</a><a "
        "href=\"#plots\">Plots</a><a href=\"#layers\">Per-layer "
        "table</a><a href=\"#all-columns\">All columns</a><a "
        "href=\"#all-totals\">All totals</a></nav>\n";
  writeReportCard();
  writeCharts();
  os << "<h2 id=\"layers\">Per-layer table</h2>\n<p class=\"note\">Click a "
        "header to sort (numbers numerically; click again to reverse). "
        "Nested values (breakdowns, levels) are under <a "
        "href=\"#all-columns\">All columns</a>.</p>\n";
  std::vector<std::string> topColumns;
  for (size_t c = 0; c < table.numRowColumns; ++c)
    if (table.columns[c].find('.') == std::string::npos)
      topColumns.push_back(table.columns[c]);
  writeTable("layer-table", topColumns);
  std::vector<std::string> rowColumns(
      table.columns.begin(), table.columns.begin() + table.numRowColumns);
  os << "<details id=\"all-columns\"><summary>All columns ("
     << rowColumns.size() << ", as in <code>--export-csv</code>)</summary>\n";
  writeTable("all-table", rowColumns);
  os << "</details>\n";
  // Every key of the totals, those the report card does not show included.
  if (doc.totals) {
    os << "<details id=\"all-totals\"><summary>All totals ("
       << doc.totals->size() << " keys)</summary>\n";
    writeKeyValues("Totals", *doc.totals);
    os << "</details>\n";
  }
  os << "<footer>Generated by <code>dnn-translate "
        "--export-html</code>. Self-contained: no network access, no "
        "external files.</footer>\n</main>\n<script>"
     << kScript << "</script>\n</body>\n</html>\n";
}

void HTMLReport::writeHead() {
  std::array<uint8_t, 32> digest = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(kScript), sizeof(kScript) - 1));
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'sha256-"
     << llvm::encodeBase64(digest)
     << "'\">\n<meta name=\"viewport\" content=\"width=device-width, "
        "initial-scale=1\">\n<title>dnn-opt report: "
     << escapeHTML(modelName()) << "</title>\n<style>" << kStyle
     << "</style>\n</head>\n<body>\n";
}

void HTMLReport::writeTile(const Tile &tile) {
  bool absent = tile.value.empty();
  os << "<div class=\"tile" << (absent ? " absent" : "") << "\"><h3>"
     << escapeHTML(tile.metric) << "</h3><div class=\"value\">"
     << (absent ? std::string("not computed") : escapeHTML(tile.value))
     << "</div>";
  if (!tile.detail.empty())
    os << "<div class=\"detail\">" << tile.detail << "</div>";
  std::string source = absent ? kEvaluateHint : tile.source;
  std::string cls = absent || source == "not given"                ? "absent"
                    : llvm::StringRef(source).contains("measured") ? "measured"
                    : llvm::StringRef(source).contains("simulated")
                        ? "simulated"
                        : "counted";
  os << "<span class=\"src " << cls << "\">" << escapeHTML(source)
     << "</span></div>\n";
}

/// The shares of a model-level breakdown (`energy_by_component_pJ`) as one
/// 100% bar with a key.
void HTMLReport::writeShare(llvm::StringRef key, llvm::StringRef title) {
  const json::Value *v = figure(key);
  const json::Object *parts = v ? v->getAsObject() : nullptr;
  if (!parts)
    return;
  std::vector<std::pair<std::string, double>> items;
  double sum = 0;
  for (const auto &kv : *parts)
    if (std::optional<double> x = kv.second.getAsNumber(); x && *x > 0) {
      items.push_back({kv.first.str(), *x});
      sum += *x;
    }
  if (!(sum > 0))
    return;
  llvm::sort(items, [](auto &a, auto &b) { return a.second > b.second; });
  std::string unit = splitUnit(key).unit;
  os << "<div class=\"panel\"><h3>" << escapeHTML(title)
     << "</h3><div class=\"share\">";
  for (size_t i = 0; i < items.size(); ++i)
    os << "<span style=\"width:"
       << llvm::formatv("{0:F3}", 100 * items[i].second / sum).str()
       << "%;background:" << paletteColor(i) << "\" title=\""
       << escapeHTML(items[i].first + ": " + humanValue(items[i].second, unit))
       << "\"></span>";
  os << "</div><div class=\"keys\">";
  for (size_t i = 0; i < items.size(); ++i)
    os << "<span><i style=\"background:" << paletteColor(i) << "\"></i>"
       << escapeHTML(items[i].first) << " "
       << escapeHTML(humanValue(items[i].second, unit)) << " ("
       << llvm::formatv("{0:F1}", 100 * items[i].second / sum).str()
       << "%)</span>";
  os << "</div></div>\n";
}

void HTMLReport::writeReportCard() {
  os << "<h2 id=\"report-card\">Report card</h2>\n<p class=\"sub\">The "
        "metrics a DNN processor evaluation should state, for this model: "
        "counted from the model, or simulated by the analyses.</p>\n";
  auto count = [&](llvm::StringRef key) -> std::string {
    std::optional<double> v = figureNumber(key);
    return v ? humanValue(*v, splitUnit(key).unit) : "";
  };
  auto exact = [&](llvm::StringRef key) -> std::string {
    const json::Value *v = figure(key);
    return v ? escapeHTML(formatScalar(*v)) : "";
  };

  // The model: what is counted exactly.
  os << "<div class=\"tiles\">\n";
  std::string opsDetail;
  if (std::optional<double> unmodeled = figureNumber("unmodeled_ops"))
    opsDetail = formatNumber(*unmodeled) + " not modeled";
  writeTile({"Operators", count("ops"), escapeHTML(opsDetail), "counted"});
  writeTile({"MACs", count("macs"), exact("macs") + " multiply-accumulates",
             "counted"});
  writeTile(
      {"Weights", count("weights"), exact("weights") + " elements", "counted"});
  writeTile({"Activations", count("activations"),
             exact("activations") + " elements (inputs and op outputs)",
             "counted"});
  os << "</div>\n";

  std::vector<size_t> unmodeled;
  for (size_t i = 0; i < numRows(); ++i)
    if (std::optional<bool> m = row(i).getBoolean("modeled"); m && !*m)
      unmodeled.push_back(i);
  if (!unmodeled.empty()) {
    os << "<div class=\"panel unmodeled-list\"><h3>Not modeled ("
       << unmodeled.size() << "): counted as 0 MACs and 0 operations</h3>";
    for (size_t i : unmodeled)
      os << "<code title=\"" << escapeHTML(layerTooltip(i)) << "\">"
         << escapeHTML(layerLabel(i)) << "</code> ";
    os << "</div>\n";
  }

  // The analyses: simulated figures, or what to run to get them.
  os << "<div class=\"tiles\" style=\"margin-top:10px\">\n";
  Tile accuracy{"Accuracy", "", "", "given"};
  if (const json::Value *a = figure("accuracy")) {
    accuracy.value = formatScalar(*a);
    accuracy.source = sourceOf("accuracy");
    if (const json::Value *d = figure("accuracy_dataset"))
      accuracy.detail = "on " + escapeHTML(formatScalar(*d));
  } else {
    accuracy.value = "not given";
    accuracy.detail = "dnn-opt does not measure accuracy; state it, with "
                      "its data set and task, beside these figures";
    accuracy.source = "not given";
  }
  writeTile(accuracy);

  Tile throughput{"Throughput", count("throughput_per_s"), "",
                  sourceOf("throughput_per_s")};
  if (!throughput.value.empty())
    throughput.value =
        humanValue(*figureNumber("throughput_per_s")) + " inferences/s";
  if (std::optional<double> u = figureNumber("utilization"))
    throughput.detail =
        "PE utilization " + escapeHTML(humanValue(*u)) + " (1 = peak)";
  writeTile(throughput);

  Tile latency{"Latency", count("latency_s"), "", sourceOf("latency_s")};
  std::string batch;
  if (const json::Value *b = figure("batch")) {
    batch = "batch " + escapeHTML(formatScalar(*b));
  } else if (numRows()) {
    // No batch given: say what the model's input holds.
    const json::Array *in = row(0).getArray("input_shapes");
    const json::Array *first =
        in && !in->empty() ? (*in)[0].getAsArray() : nullptr;
    if (first && !first->empty())
      if (std::optional<int64_t> n = (*first)[0].getAsInteger())
        batch = "batch " + std::to_string(*n) +
                " (first dim of the first op's input)";
  }
  if (std::optional<double> cycles = figureNumber("cycles"))
    latency.detail = escapeHTML(humanValue(*cycles)) + " cycles";
  if (!batch.empty())
    latency.detail += (latency.detail.empty() ? "" : ", ") + batch;
  writeTile(latency);

  writeTile({"Energy", count("energy_pJ"), "per inference of the batch",
             sourceOf("energy_pJ")});
  writeTile({"Power", count("power_W"), "", sourceOf("power_W")});
  writeTile({"DRAM accesses", count("dram_accesses"),
             "off-chip accesses (words)", sourceOf("dram_accesses")});

  // Hardware cost: whatever of it the report card and the arch carry.
  Tile cost{"Hardware cost", "", "", ""};
  for (const char *key :
       {"area_mm2", "pes", "mac_units", "on_chip_storage_bytes",
        "on_chip_storage_bits", "technology_nm", "clock_MHz", "clock_mhz"}) {
    const json::Value *v = figure(key);
    std::optional<double> x = v ? v->getAsNumber() : std::nullopt;
    if (!x)
      continue;
    KeyUnit ku = splitUnit(key);
    std::string text = columnLabel(ku.quantity) + " " + humanValue(*x, ku.unit);
    if (cost.value.empty()) {
      llvm::StringRef k = key;
      cost.value = humanValue(*x, splitUnit(key).unit) + (k == "pes" ? " PEs"
                                                          : k == "mac_units"
                                                              ? " MAC units"
                                                              : "");
      cost.source = sourceOf(key);
    }
    cost.detail += (cost.detail.empty() ? "" : "<br>") + escapeHTML(text);
  }
  if (arch)
    if (std::optional<llvm::StringRef> name = arch->getString("name"))
      cost.detail = "on " + escapeHTML(*name) +
                    (cost.detail.empty() ? "" : "<br>") + cost.detail;
  writeTile(cost);
  os << "</div>\n";

  writeShare("energy_by_component_pJ", "Energy by component");
  writeShare("energy_by_dataspace_pJ", "Energy by data space");

  if (arch)
    writeKeyValues("Architecture", *arch);
  if (reportCard)
    writeKeyValues("Report card of the analyses", *reportCard);
}

/// Every key of `object` (flattened) with its value in its unit.
void HTMLReport::writeKeyValues(llvm::StringRef title,
                                const json::Object &object) {
  FlatRow flat;
  std::vector<std::string> keys, order;
  for (const auto &kv : object)
    keys.push_back(kv.first.str());
  llvm::sort(keys);
  for (const std::string &key : keys)
    flattenValue(*object.get(key), key, flat, order);
  os << "<div class=\"panel\"><h3>" << escapeHTML(title)
     << "</h3><table class=\"kv\">";
  for (const std::string &k : order) {
    const json::Value &v = flat.find(k)->second;
    std::string text = v.getAsNumber()
                           ? humanValue(*v.getAsNumber(), splitUnit(k).unit)
                           : formatScalar(v);
    // The value carries its unit; the label names the quantity.
    os << "<tr><td>" << escapeHTML(columnLabel(splitUnit(k).quantity))
       << "</td><td title=\"" << escapeHTML(formatScalar(v)) << "\">"
       << escapeHTML(text) << "</td></tr>";
  }
  os << "</table></div>\n";
}

BarChart HTMLReport::layerChart(llvm::StringRef yLabel,
                                llvm::StringRef unit) const {
  BarChart chart;
  chart.yLabel = yLabel.str();
  chart.unit = unit.str();
  for (size_t i = 0; i < numRows(); ++i) {
    chart.labels.push_back(layerLabel(i));
    chart.tooltips.push_back(layerTooltip(i));
  }
  return chart;
}

/// One series per member of the per-row object `key`
/// (`energy_by_component_pJ`), the largest over all layers first.
std::vector<Series> HTMLReport::breakdown(llvm::StringRef key) const {
  std::vector<std::string> names;
  llvm::StringMap<double> sums;
  for (size_t i = 0; i < numRows(); ++i)
    if (const json::Object *parts = row(i).getObject(key))
      for (const auto &kv : *parts)
        if (std::optional<double> x = kv.second.getAsNumber()) {
          auto [it, inserted] = sums.try_emplace(kv.first, 0.0);
          if (inserted)
            names.push_back(kv.first.str());
          it->second += *x;
        }
  llvm::sort(names, [&](const std::string &a, const std::string &b) {
    return sums[a] != sums[b] ? sums[a] > sums[b] : a < b;
  });
  std::vector<Series> series;
  for (size_t s = 0; s < names.size(); ++s) {
    Series out{names[s], paletteColor(s), {}};
    for (size_t i = 0; i < numRows(); ++i) {
      const json::Object *parts = row(i).getObject(key);
      const json::Value *v = parts ? parts->get(names[s]) : nullptr;
      out.values.push_back(v && v->getAsNumber() ? *v->getAsNumber() : 0);
    }
    series.push_back(std::move(out));
  }
  return series;
}

void HTMLReport::writeFigure(llvm::StringRef id, llvm::StringRef caption,
                             const BarChart &chart, Scale scale,
                             llvm::StringRef note) {
  os << "<figure id=\"" << id << "\"><figcaption>" << caption
     << "</figcaption>\n";
  // Both scales are drawn; the checkbox shows one by CSS alone.
  if (scale != Scale::Linear)
    os << "<input type=\"checkbox\" class=\"logbox\" id=\"" << id << "-log\""
       << (scale == Scale::LogOrLinear ? " checked" : "") << "><label for=\""
       << id << "-log\">log scale</label>\n";
  os << "<div class=\"lin\">" << renderBarChart(chart, false) << "</div>\n";
  if (scale != Scale::Linear)
    os << "<div class=\"logv\">" << renderBarChart(chart, true) << "</div>\n";
  if (!note.empty())
    os << "<p class=\"note\">" << note << "</p>\n";
  os << "</figure>\n";
}

void HTMLReport::writeMissing(llvm::StringRef id, llvm::StringRef caption,
                              llvm::StringRef needs) {
  os << "<figure id=\"" << id << "\"><figcaption>" << caption
     << "</figcaption>\n<div class=\"missing\">not computed: " << kEvaluateHint
     << " (this plot needs " << needs << ")</div>\n</figure>\n";
}

void HTMLReport::writeEnergyChart(llvm::StringRef id, llvm::StringRef key,
                                  llvm::StringRef caption) {
  std::string needs = "per-layer <code>" + escapeHTML(key) + "</code>";
  if (!anyRowHas(key))
    return writeMissing(id, caption, needs);
  BarChart chart = layerChart("energy per layer", "pJ");
  chart.series = breakdown(key);
  chart.layout = BarChart::Layout::Stacked;
  writeFigure(id, caption, chart, Scale::Linear);
}

/// A color per distinct `bound` of the rows, in first-seen order.
std::vector<std::string>
HTMLReport::boundColors(std::vector<LegendEntry> &legend) const {
  std::vector<std::string> colors;
  llvm::StringMap<std::string> byBound;
  for (size_t i = 0; i < numRows(); ++i) {
    std::optional<llvm::StringRef> bound = row(i).getString("bound");
    std::string name = bound ? bound->str() : "(no bound given)";
    auto [it, inserted] = byBound.try_emplace(name, "");
    if (inserted) {
      it->second = bound || !anyRowHas("bound") ? paletteColor(legend.size())
                                                : "#9aa3ad";
      legend.push_back({name, it->second});
    }
    colors.push_back(it->second);
  }
  return colors;
}

void HTMLReport::writeLatencyChart() {
  llvm::StringRef caption = "Latency per layer, colored by what bounds it";
  // Latency in seconds, else in cycles (the layers share one clock).
  bool seconds = anyRowHas("latency_s");
  if (!seconds && !anyRowHas("cycles"))
    return writeMissing("plot-latency", caption,
                        "per-layer <code>latency_s</code> or "
                        "<code>cycles</code>, and <code>bound</code>");
  llvm::StringRef key = seconds ? "latency_s" : "cycles";
  BarChart chart = layerChart(
      seconds ? "latency per layer" : "cycles per layer", seconds ? "s" : "");
  Series s{seconds ? "latency" : "cycles", paletteColor(0), {}};
  for (size_t i = 0; i < numRows(); ++i)
    s.values.push_back(rowNumber(i, key).value_or(0));
  chart.series.push_back(std::move(s));
  if (anyRowHas("bound")) {
    chart.categoryColors = boundColors(chart.legend);
    // The legend names the bounds of the bars drawn.
    llvm::erase_if(chart.legend, [&](const LegendEntry &e) {
      for (size_t i = 0; i < numRows(); ++i)
        if (chart.categoryColors[i] == e.color && chart.series[0].values[i] > 0)
          return false;
      return true;
    });
  }
  std::string note;
  if (!seconds)
    note = "Per-layer <code>latency_s</code> not in the document: cycles "
           "shown. ";
  if (!anyRowHas("bound"))
    note += "<code>bound</code> (what limits each layer) not computed: " +
            std::string(kEvaluateHint) + ".";
  writeFigure("plot-latency", caption, chart, Scale::LinearOrLog, note);
}

/// The Eyexam steps of one value: an array of numbers, an array of objects
/// with a number (`macs_per_cycle` or `value`) and a `name` or `step`, an
/// object of step name to number, or an object holding such an array.
static std::vector<std::pair<std::string, double>>
eyexamSteps(const json::Value &value) {
  std::vector<std::pair<std::string, double>> out;
  auto defaultName = [](size_t i) {
    return i < std::size(kEyexamSteps) ? std::string(kEyexamSteps[i])
                                       : "step " + std::to_string(i + 1);
  };
  if (const json::Array *steps = value.getAsArray()) {
    for (size_t i = 0; i < steps->size(); ++i) {
      const json::Value &e = (*steps)[i];
      if (std::optional<double> x = e.getAsNumber()) {
        out.push_back({defaultName(i), *x});
        continue;
      }
      const json::Object *o = e.getAsObject();
      if (!o)
        continue;
      std::optional<double> x;
      for (const char *k : {"macs_per_cycle", "value"})
        if (const json::Value *v = o->get(k); v && !x)
          x = v->getAsNumber();
      if (!x)
        continue;
      std::string name = defaultName(i);
      if (std::optional<llvm::StringRef> n = o->getString("name"))
        name = n->str();
      else if (std::optional<llvm::StringRef> n = o->getString("step"))
        name = n->str();
      out.push_back({name, *x});
    }
    return out;
  }
  const json::Object *o = value.getAsObject();
  if (!o)
    return out;
  for (const char *k : {"steps", "macs_per_cycle"})
    if (const json::Value *v = o->get(k); v && v->getAsArray())
      return eyexamSteps(*v);
  std::vector<std::string> keys;
  for (const auto &kv : *o)
    if (kv.second.getAsNumber())
      keys.push_back(kv.first.str());
  llvm::sort(keys);
  for (const std::string &k : keys)
    out.push_back({k, *o->get(k)->getAsNumber()});
  return out;
}

void HTMLReport::writeEyexamCharts() {
  llvm::StringRef caption =
      "Eyexam: MACs/cycle after each step, per layer <small>(each step can "
      "only lower the bound of the previous; the colored band above a bar "
      "is what the next step loses)</small>";
  if (const json::Value *total =
          doc.totals ? doc.totals->get("eyexam_macs_per_cycle") : nullptr) {
    std::vector<std::pair<std::string, double>> steps = eyexamSteps(*total);
    if (!steps.empty()) {
      BarChart chart;
      chart.yLabel = "MACs/cycle";
      chart.xLabel = "Eyexam step";
      Series s{"MACs/cycle", paletteColor(0), {}};
      for (size_t k = 0; k < steps.size(); ++k) {
        chart.labels.push_back(steps[k].first);
        chart.tooltips.push_back("whole model, after step " + steps[k].first);
        s.values.push_back(steps[k].second);
        chart.categoryColors.push_back(
            kStepColors[std::min<size_t>(k, std::size(kStepColors) - 1)]);
      }
      chart.series.push_back(std::move(s));
      chart.hideLegend = true;
      writeFigure("plot-eyexam-model",
                  "Eyexam: MACs/cycle after each step, "
                  "whole model",
                  chart, Scale::LogOrLinear);
    }
  }
  if (!anyRowHas("eyexam_macs_per_cycle"))
    return writeMissing("plot-eyexam", caption,
                        "per-layer <code>eyexam_macs_per_cycle</code>");
  BarChart chart = layerChart("MACs/cycle", "");
  chart.layout = BarChart::Layout::Overlaid;
  for (size_t i = 0; i < numRows(); ++i) {
    const json::Value *v = row(i).get("eyexam_macs_per_cycle");
    if (!v)
      continue;
    std::vector<std::pair<std::string, double>> steps = eyexamSteps(*v);
    for (size_t k = 0; k < steps.size(); ++k) {
      if (k >= chart.series.size())
        chart.series.push_back(
            {"after " + steps[k].first,
             kStepColors[std::min<size_t>(k, std::size(kStepColors) - 1)],
             std::vector<double>(numRows(), 0.0)});
      chart.series[k].values[i] = steps[k].second;
    }
  }
  writeFigure("plot-eyexam", caption, chart, Scale::LogOrLinear);
}

void HTMLReport::writeRoofline() {
  llvm::StringRef caption =
      "Roofline <small>(operational intensity = MACs per DRAM word; "
      "attained MACs/cycle = MACs / cycles)</small>";
  if (!anyRowHas("dram_accesses") || !anyRowHas("cycles"))
    return writeMissing("plot-roofline", caption,
                        "per-layer <code>cycles</code> and "
                        "<code>dram_accesses</code>");
  Roofline chart;
  chart.id = "plot-roofline";
  chart.xLabel = "operational intensity (MACs per DRAM word)";
  chart.yLabel = "attained MACs/cycle";
  // The peak: as given, else one MAC per MAC unit per cycle.
  chart.peakMacsPerCycle = figureNumber("peak_macs_per_cycle");
  if (!chart.peakMacsPerCycle)
    chart.peakMacsPerCycle = figureNumber("mac_units");
  chart.wordsPerCycle = figureNumber("dram_words_per_cycle");
  std::vector<std::string> colors = boundColors(chart.legend);
  size_t left = 0;
  for (size_t i = 0; i < numRows(); ++i) {
    double macs = rowNumber(i, "macs").value_or(0);
    double dram = rowNumber(i, "dram_accesses").value_or(0);
    double cycles = rowNumber(i, "cycles").value_or(0);
    if (!(macs > 0) || !(dram > 0) || !(cycles > 0)) {
      left += macs > 0;
      continue;
    }
    Point p{macs / dram, macs / cycles, colors[i], ""};
    p.tooltip = layerTooltip(i) + "\n" + humanValue(p.x) +
                " MACs per DRAM word, " + humanValue(p.y) + " MACs/cycle";
    if (std::optional<llvm::StringRef> b = row(i).getString("bound"))
      p.tooltip += "\nbound: " + b->str();
    chart.points.push_back(std::move(p));
  }
  // The legend names the bounds of the layers drawn.
  llvm::erase_if(chart.legend, [&](const LegendEntry &e) {
    return !anyRowHas("bound") ||
           llvm::none_of(chart.points,
                         [&](const Point &p) { return p.color == e.color; });
  });
  os << "<figure id=\"plot-roofline\"><figcaption>" << caption
     << "</figcaption>\n";
  if (chart.points.empty())
    os << "<div class=\"missing\">no layer has MACs, DRAM accesses and "
          "cycles all above 0</div>\n";
  else
    os << renderRoofline(chart);
  std::string note;
  if (!chart.peakMacsPerCycle)
    note = "Roof not drawn: the document gives no "
           "<code>peak_macs_per_cycle</code> or <code>mac_units</code> in "
           "<code>totals</code>, its <code>report_card</code> or "
           "<code>arch</code>. ";
  else if (!chart.wordsPerCycle)
    note = "Only the peak of the roof is drawn: the document gives no "
           "<code>dram_words_per_cycle</code>. ";
  if (left)
    note += std::to_string(left) +
            " layer(s) with MACs but no DRAM access or no cycles are not "
            "shown. ";
  note += "Layers without MACs (vector and data-movement ops) are not shown.";
  os << "<p class=\"note\">" << note << "</p>\n</figure>\n";
}

void HTMLReport::writeCharts() {
  os << "<h2 id=\"plots\">Plots</h2>\n";
  {
    BarChart chart = layerChart("operations per layer", "");
    Series macs{"MACs", paletteColor(0), {}},
        other{"other ops", paletteColor(1), {}};
    for (size_t i = 0; i < numRows(); ++i) {
      macs.values.push_back(rowNumber(i, "macs").value_or(0));
      other.values.push_back(rowNumber(i, "other_ops").value_or(0));
    }
    chart.series = {macs, other};
    writeFigure("plot-macs", "MACs and other operations per layer", chart,
                Scale::LinearOrLog,
                "Other ops: element operations of vector work (pooling, "
                "element-wise, normalization...), never folded into MACs.");
  }
  {
    BarChart chart = layerChart("elements per layer", "");
    Series w{"weights", paletteColor(2), {}},
        in{"input activations", paletteColor(4), {}},
        out{"output activations", paletteColor(3), {}};
    for (size_t i = 0; i < numRows(); ++i) {
      w.values.push_back(rowNumber(i, "weights").value_or(0));
      in.values.push_back(rowNumber(i, "input_activations").value_or(0));
      out.values.push_back(rowNumber(i, "output_activations").value_or(0));
    }
    chart.series = {w, in, out};
    writeFigure("plot-data", "Weights and activations per layer", chart,
                Scale::LinearOrLog);
  }
  writeEnergyChart("plot-energy-component", "energy_by_component_pJ",
                   "Energy per layer by component");
  writeEnergyChart("plot-energy-dataspace", "energy_by_dataspace_pJ",
                   "Energy per layer by data space");
  writeLatencyChart();
  if (anyRowHas("dram_accesses")) {
    BarChart chart = layerChart("DRAM accesses (words)", "");
    Series s{"DRAM accesses", paletteColor(3), {}};
    for (size_t i = 0; i < numRows(); ++i)
      s.values.push_back(rowNumber(i, "dram_accesses").value_or(0));
    chart.series.push_back(std::move(s));
    writeFigure("plot-dram", "Off-chip (DRAM) accesses per layer", chart,
                Scale::LinearOrLog);
  } else {
    writeMissing("plot-dram", "Off-chip (DRAM) accesses per layer",
                 "per-layer <code>dram_accesses</code>");
  }
  writeEyexamCharts();
  writeRoofline();
}

void HTMLReport::writeTable(llvm::StringRef id,
                            const std::vector<std::string> &columns) {
  // A column is numeric when every cell that has a value holds a number.
  std::vector<bool> numeric(columns.size(), true);
  for (size_t c = 0; c < columns.size(); ++c)
    for (const FlatRow &r : table.rows) {
      auto it = r.find(columns[c]);
      if (it != r.end() && it->second.kind() != json::Value::Null &&
          !it->second.getAsNumber())
        numeric[c] = false;
    }
  auto cell = [&](const FlatRow &r, size_t c) {
    auto it = r.find(columns[c]);
    if (it == r.end() || it->second.kind() == json::Value::Null)
      return std::string(numeric[c] ? "<td class=\"num\"></td>" : "<td></td>");
    const json::Value &v = it->second;
    if (std::optional<double> x = v.getAsNumber()) {
      std::string unit = splitUnit(columns[c]).unit;
      std::string exact = formatScalar(v);
      return "<td class=\"num\" data-v=\"" + escapeHTML(exact) + "\" title=\"" +
             escapeHTML(exact + (unit.empty() ? "" : " ") + unitSymbol(unit)) +
             "\">" + escapeHTML(humanValue(*x, unit)) + "</td>";
    }
    if (std::optional<bool> b = v.getAsBoolean())
      return std::string("<td>") + (*b ? "yes" : "no") + "</td>";
    return "<td>" + escapeHTML(formatScalar(v)) + "</td>";
  };

  os << "<div class=\"table-wrap\"><table class=\"sortable\" id=\"" << id
     << "\">\n<thead><tr><th data-type=\"num\" data-key=\"index\" "
        "title=\"order in the model\">#</th>";
  for (size_t c = 0; c < columns.size(); ++c)
    os << "<th data-key=\"" << escapeHTML(columns[c]) << "\""
       << (numeric[c] ? " data-type=\"num\"" : "") << " title=\""
       << escapeHTML(columns[c]) << "\">" << escapeHTML(columnLabel(columns[c]))
       << "</th>";
  os << "</tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < table.rows.size(); ++i) {
    std::optional<bool> modeled = row(i).getBoolean("modeled");
    os << "<tr" << (modeled && !*modeled ? " class=\"unmodeled\"" : "")
       << "><td class=\"num\" data-v=\"" << i + 1 << "\">" << i + 1 << "</td>";
    for (size_t c = 0; c < columns.size(); ++c)
      os << cell(table.rows[i], c);
    os << "</tr>\n";
  }
  os << "</tbody>\n";
  if (doc.totals) {
    os << "<tfoot><tr><td></td>";
    for (size_t c = 0; c < columns.size(); ++c)
      os << (columns[c] == "name" ? std::string("<td>totals</td>")
                                  : cell(table.totals, c));
    os << "</tr></tfoot>\n";
  }
  os << "</table></div>\n";
}

llvm::LogicalResult dnnopt::exportHTML(const json::Value &doc,
                                       llvm::raw_ostream &os,
                                       const HTMLReportOptions &options) {
  llvm::FailureOr<Document> document = getDocument(doc);
  if (failed(document))
    return llvm::failure();
  HTMLReport(*document, options, os).render();
  return llvm::success();
}

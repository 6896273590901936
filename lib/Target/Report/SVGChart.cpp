//===- SVGChart.cpp - bar charts and rooflines as inline SVG --------------===//
//
// Coordinates are in a fixed 1200-unit-wide viewBox that the page scales to
// its width. Axis ticks: "nice" steps (1, 2, 5 x 10^k) on a linear axis,
// decades on a log axis.
//
//===----------------------------------------------------------------------===//

#include "SVGChart.h"
#include "Format.h"
#include "ReportTable.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace dnnopt;
using namespace dnnopt::report;

static constexpr double kWidth = 1200, kLeft = 84, kRight = 16, kTop = 40,
                        kPlotHeight = 300;

std::string report::paletteColor(size_t i) {
  // Okabe and Ito's color-blind-safe palette (yellow left out: unreadable
  // on white), then darker extras.
  static const char *const colors[] = {
      "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
      "#000000", "#8C6D31", "#7F7F7F", "#393B79", "#637939", "#843C39"};
  return colors[i % std::size(colors)];
}

/// A coordinate with one decimal: enough at this scale, and short.
static std::string fmt(double v) { return llvm::formatv("{0:F1}", v).str(); }

/// The step of about `target` ticks covering [0, max]: 1, 2 or 5 x 10^k.
static double niceStep(double max, int target) {
  double raw = max / target;
  double pow10 = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / pow10;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow10;
}

/// Ticks of a log axis over the decades [lo, hi]: every decade (every
/// other one beyond 12), with 2 and 5 between when there are at most 2.
static std::vector<double> decadeTicks(double lo, double hi) {
  std::vector<double> out;
  int every = hi - lo > 12 ? 2 : 1;
  for (double e = lo; e <= hi + 1e-9; e += every) {
    double v = std::pow(10.0, e);
    out.push_back(v);
    if (hi - lo <= 2 && e < hi - 1e-9) {
      out.push_back(2 * v);
      out.push_back(5 * v);
    }
  }
  return out;
}

namespace {
/// A y axis, linear from 0 or logarithmic over whole decades.
struct YAxis {
  bool log = false;
  double lo = 0, hi = 1; // values (linear) or exponents of 10 (log)
  double top = kTop, bottom = kTop + kPlotHeight;

  static YAxis linear(double max) {
    YAxis a;
    if (!(max > 0))
      max = 1;
    double step = niceStep(max, 5);
    a.hi = std::ceil(max / step - 1e-9) * step;
    return a;
  }
  static YAxis logarithmic(double minPositive, double max) {
    YAxis a;
    a.log = true;
    if (!(max > 0)) {
      minPositive = 1;
      max = 10;
    }
    a.lo = std::floor(std::log10(minPositive));
    a.hi = std::ceil(std::log10(max));
    if (a.hi <= a.lo)
      a.hi = a.lo + 1;
    return a;
  }
  double y(double v) const {
    double t;
    if (log)
      t = v > 0 ? (std::log10(v) - lo) / (hi - lo) : 0;
    else
      t = (v - lo) / (hi - lo);
    return bottom - std::clamp(t, 0.0, 1.0) * (bottom - top);
  }
  std::vector<double> ticks() const {
    std::vector<double> out;
    if (log)
      return decadeTicks(lo, hi);
    double step = niceStep(hi, 5);
    for (double v = 0; v <= hi * (1 + 1e-9); v += step)
      out.push_back(v);
    return out;
  }
};
} // namespace

/// Tick labels: plain numbers up to 9999, then with a prefix.
static std::string tickLabel(double v, const std::string &unit) {
  if (v == 0)
    return "0";
  // Decades below 1 on a log axis: 0.1, 0.01, not 0.10.
  if (unit.empty() && v < 1)
    return formatNumber(std::stod(llvm::formatv("{0:E2}", v).str()));
  return humanValue(v, unit);
}

static void drawYAxis(llvm::raw_ostream &os, const YAxis &axis,
                      const std::string &unit, const std::string &label,
                      double right) {
  for (double v : axis.ticks()) {
    double y = axis.y(v);
    os << "<line class=\"grid\" x1=\"" << fmt(kLeft) << "\" x2=\"" << fmt(right)
       << "\" y1=\"" << fmt(y) << "\" y2=\"" << fmt(y)
       << "\"/>\n<text class=\"tick\" x=\"" << fmt(kLeft - 6) << "\" y=\""
       << fmt(y + 4) << "\" text-anchor=\"end\">"
       << escapeHTML(tickLabel(v, unit)) << "</text>\n";
  }
  double mid = (axis.top + axis.bottom) / 2;
  os << "<text class=\"axis-title\" transform=\"translate(16," << fmt(mid)
     << ") rotate(-90)\" text-anchor=\"middle\">" << escapeHTML(label)
     << (axis.log ? " (log scale)" : "") << "</text>\n";
  os << "<line class=\"axis\" x1=\"" << fmt(kLeft) << "\" x2=\"" << fmt(kLeft)
     << "\" y1=\"" << fmt(axis.top) << "\" y2=\"" << fmt(axis.bottom)
     << "\"/>\n";
}

static void drawLegend(llvm::raw_ostream &os,
                       const std::vector<LegendEntry> &legend) {
  double x = kLeft, y = 14;
  for (const LegendEntry &e : legend) {
    // About 7.5 units per character at the legend's font size.
    double width = 30 + 7.5 * e.name.size();
    if (x + width > kWidth - kRight && x > kLeft) {
      x = kLeft;
      y += 16;
    }
    os << "<rect x=\"" << fmt(x) << "\" y=\"" << fmt(y - 9)
       << "\" width=\"11\" height=\"11\" fill=\"" << e.color
       << "\"/><text class=\"legend\" x=\"" << fmt(x + 15) << "\" y=\""
       << fmt(y) << "\">" << escapeHTML(e.name) << "</text>\n";
    x += width;
  }
}

/// Shortens `s` to `n` characters with an ellipsis.
static std::string shorten(const std::string &s, size_t n) {
  if (s.size() <= n)
    return s;
  // Do not cut a UTF-8 sequence in two.
  size_t cut = n - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;
  return s.substr(0, cut) + "…";
}

std::string report::renderBarChart(const BarChart &chart, bool logScale) {
  size_t n = chart.labels.size();
  bool rotated = n <= 40;
  double bottomMargin = rotated ? 130 : 48;
  double height = kTop + kPlotHeight + bottomMargin;
  double right = kWidth - kRight;
  double plotWidth = right - kLeft;

  // The range of what is drawn: sums for stacked bars.
  double max = 0, minPositive = INFINITY;
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (const Series &s : chart.series) {
      double v = i < s.values.size() ? s.values[i] : 0;
      sum += std::max(v, 0.0);
      max = std::max(max, v);
      if (v > 0)
        minPositive = std::min(minPositive, v);
    }
    if (chart.layout == BarChart::Layout::Stacked)
      max = std::max(max, sum);
  }
  YAxis axis =
      logScale ? YAxis::logarithmic(minPositive, max) : YAxis::linear(max);

  std::string out;
  llvm::raw_string_ostream os(out);
  os << "<svg class=\"chart\" viewBox=\"0 0 " << fmt(kWidth) << " "
     << fmt(height)
     << "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n";
  std::vector<LegendEntry> legend = chart.legend;
  if (legend.empty())
    for (const Series &s : chart.series)
      legend.push_back({s.name, s.color});
  if (!chart.hideLegend)
    drawLegend(os, legend);
  drawYAxis(os, axis, chart.unit, chart.yLabel, right);

  double band = n ? plotWidth / n : plotWidth;
  // Bars fill most of their band, but a few layers do not make slabs.
  double inner = std::min(band * (n > 100 ? 0.9 : 0.8),
                          48.0 * std::max<size_t>(chart.series.size(), 1));
  if (chart.layout != BarChart::Layout::Grouped)
    inner = std::min(inner, 64.0);
  double pad = (band - inner) / 2;
  auto bar = [&](double x, double w, double v0, double v1,
                 const std::string &color, const std::string &title) {
    double y0 = axis.y(v0), y1 = axis.y(v1);
    if (y0 - y1 < 0.05)
      return;
    os << "<rect x=\"" << fmt(x) << "\" y=\"" << fmt(y1) << "\" width=\""
       << llvm::formatv("{0:F2}", std::max(w, 0.6)).str() << "\" height=\""
       << fmt(y0 - y1) << "\" fill=\"" << color << "\"><title>"
       << escapeHTML(title) << "</title></rect>\n";
  };
  auto tooltip = [&](size_t i, const Series &s, double v) {
    std::string head =
        i < chart.tooltips.size() ? chart.tooltips[i] : chart.labels[i];
    std::string shown = humanValue(v, chart.unit);
    std::string exact =
        formatNumber(v) +
        (chart.unit.empty() ? "" : " " + unitSymbol(chart.unit));
    return head + "\n" + s.name + ": " + shown +
           (shown == exact ? "" : " (" + exact + ")");
  };
  double floorValue = axis.log ? std::pow(10.0, axis.lo) : 0;
  for (size_t i = 0; i < n; ++i) {
    double x = kLeft + i * band + pad;
    std::string color0 =
        i < chart.categoryColors.size() ? chart.categoryColors[i] : "";
    switch (chart.layout) {
    case BarChart::Layout::Grouped: {
      double w = inner / std::max<size_t>(chart.series.size(), 1);
      for (size_t s = 0; s < chart.series.size(); ++s) {
        const Series &series = chart.series[s];
        double v = i < series.values.size() ? series.values[i] : 0;
        bar(x + s * w, w, floorValue, v, color0.empty() ? series.color : color0,
            tooltip(i, series, v));
      }
      break;
    }
    case BarChart::Layout::Stacked: {
      double base = 0;
      for (const Series &series : chart.series) {
        double v = i < series.values.size() ? series.values[i] : 0;
        if (v <= 0)
          continue;
        bar(x, inner, base, base + v, series.color, tooltip(i, series, v));
        base += v;
      }
      break;
    }
    case BarChart::Layout::Overlaid: {
      std::vector<size_t> order(chart.series.size());
      std::iota(order.begin(), order.end(), 0);
      auto value = [&](size_t s) {
        const std::vector<double> &vs = chart.series[s].values;
        return i < vs.size() ? vs[i] : 0.0;
      };
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return value(a) > value(b); });
      for (size_t s : order)
        bar(x, inner, floorValue, value(s), chart.series[s].color,
            tooltip(i, chart.series[s], value(s)));
      break;
    }
    }
  }

  // The x axis: layer names when they fit, else their numbers in the table.
  double base = axis.bottom;
  os << "<line class=\"axis\" x1=\"" << fmt(kLeft) << "\" x2=\"" << fmt(right)
     << "\" y1=\"" << fmt(base) << "\" y2=\"" << fmt(base) << "\"/>\n";
  if (rotated) {
    for (size_t i = 0; i < n; ++i) {
      double x = kLeft + (i + 0.5) * band;
      os << "<text class=\"tick\" transform=\"translate(" << fmt(x + 4) << ","
         << fmt(base + 10) << ") rotate(-45)\" text-anchor=\"end\">"
         << escapeHTML(shorten(chart.labels[i], 26)) << "</text>\n";
    }
  } else {
    double step = std::max(1.0, niceStep(double(n), 20));
    for (double k = step; k <= n; k += step) {
      double x = kLeft + (k - 0.5) * band;
      os << "<line class=\"axis\" x1=\"" << fmt(x) << "\" x2=\"" << fmt(x)
         << "\" y1=\"" << fmt(base) << "\" y2=\"" << fmt(base + 4)
         << "\"/><text class=\"tick\" x=\"" << fmt(x) << "\" y=\""
         << fmt(base + 17) << "\" text-anchor=\"middle\">" << int64_t(k)
         << "</text>\n";
    }
  }
  os << "<text class=\"axis-title\" x=\"" << fmt((kLeft + right) / 2)
     << "\" y=\"" << fmt(height - 6) << "\" text-anchor=\"middle\">"
     << escapeHTML(chart.xLabel +
                   (rotated ? "" : " (# in the per-layer table)"))
     << "</text>\n</svg>\n";
  return out;
}

std::string report::renderRoofline(const Roofline &chart) {
  double height = kTop + kPlotHeight + 60;
  double right = kWidth - kRight;
  double xMin = INFINITY, xMax = 0, yMin = INFINITY, yMax = 0;
  for (const Point &p : chart.points) {
    xMin = std::min(xMin, p.x);
    xMax = std::max(xMax, p.x);
    yMin = std::min(yMin, p.y);
    yMax = std::max(yMax, p.y);
  }
  if (chart.peakMacsPerCycle) {
    yMax = std::max(yMax, *chart.peakMacsPerCycle);
    if (chart.wordsPerCycle && *chart.wordsPerCycle > 0) {
      double ridge = *chart.peakMacsPerCycle / *chart.wordsPerCycle;
      xMin = std::min(xMin, ridge);
      xMax = std::max(xMax, ridge);
    }
  }
  YAxis yAxis = YAxis::logarithmic(yMin, yMax);
  double xLo = std::floor(std::log10(xMin)), xHi = std::ceil(std::log10(xMax));
  if (xHi <= xLo)
    xHi = xLo + 1;
  auto xOf = [&](double v) {
    return kLeft + (std::log10(v) - xLo) / (xHi - xLo) * (right - kLeft);
  };

  std::string out;
  llvm::raw_string_ostream os(out);
  os << "<svg class=\"chart\" viewBox=\"0 0 " << fmt(kWidth) << " "
     << fmt(height)
     << "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n";
  drawLegend(os, chart.legend);
  drawYAxis(os, yAxis, "", chart.yLabel, right);
  double base = yAxis.bottom;
  os << "<line class=\"axis\" x1=\"" << fmt(kLeft) << "\" x2=\"" << fmt(right)
     << "\" y1=\"" << fmt(base) << "\" y2=\"" << fmt(base) << "\"/>\n";
  for (double v : decadeTicks(xLo, xHi)) {
    double x = xOf(v);
    os << "<line class=\"grid\" x1=\"" << fmt(x) << "\" x2=\"" << fmt(x)
       << "\" y1=\"" << fmt(yAxis.top) << "\" y2=\"" << fmt(base)
       << "\"/><text class=\"tick\" x=\"" << fmt(x) << "\" y=\""
       << fmt(base + 17) << "\" text-anchor=\"middle\">"
       << escapeHTML(tickLabel(v, "")) << "</text>\n";
  }
  os << "<text class=\"axis-title\" x=\"" << fmt((kLeft + right) / 2)
     << "\" y=\"" << fmt(height - 10) << "\" text-anchor=\"middle\">"
     << escapeHTML(chart.xLabel) << " (log scale)</text>\n";

  // The roof: bandwidth-bound slope up to the ridge, then the peak.
  os << "<clipPath id=\"" << escapeHTML(chart.id) << "-clip\"><rect x=\""
     << fmt(kLeft) << "\" y=\"" << fmt(yAxis.top) << "\" width=\""
     << fmt(right - kLeft) << "\" height=\"" << fmt(base - yAxis.top)
     << "\"/></clipPath>\n<g clip-path=\"url(#" << escapeHTML(chart.id)
     << "-clip)\">\n";
  if (chart.peakMacsPerCycle) {
    double peak = *chart.peakMacsPerCycle;
    double x0 = std::pow(10.0, xLo), x1 = std::pow(10.0, xHi);
    std::string points;
    if (chart.wordsPerCycle && *chart.wordsPerCycle > 0) {
      double bw = *chart.wordsPerCycle;
      double ridge = peak / bw;
      points = fmt(xOf(x0)) + "," + fmt(yAxis.y(bw * x0)) + " " +
               fmt(xOf(ridge)) + "," + fmt(yAxis.y(peak)) + " ";
    } else {
      points = fmt(xOf(x0)) + "," + fmt(yAxis.y(peak)) + " ";
    }
    points += fmt(xOf(x1)) + "," + fmt(yAxis.y(peak));
    os << "<polyline class=\"roof\" points=\"" << points
       << "\"><title>roof: peak " << escapeHTML(humanValue(peak))
       << " MACs/cycle"
       << (chart.wordsPerCycle
               ? escapeHTML(", DRAM bandwidth " +
                            humanValue(*chart.wordsPerCycle) + " words/cycle")
               : std::string())
       << "</title></polyline>\n";
    os << "<text class=\"roof-label\" x=\"" << fmt(right - 4) << "\" y=\""
       << fmt(yAxis.y(peak) - 6) << "\" text-anchor=\"end\">peak "
       << escapeHTML(humanValue(peak)) << " MACs/cycle</text>\n";
    if (chart.wordsPerCycle && *chart.wordsPerCycle > 0)
      os << "<text class=\"roof-label\" x=\"" << fmt(kLeft + 8) << "\" y=\""
         << fmt(yAxis.top + 14) << "\">slope: DRAM bandwidth "
         << escapeHTML(humanValue(*chart.wordsPerCycle))
         << " words/cycle</text>\n";
  }
  os << "</g>\n";
  for (const Point &p : chart.points)
    os << "<circle cx=\"" << fmt(xOf(p.x)) << "\" cy=\"" << fmt(yAxis.y(p.y))
       << "\" r=\"5\" fill=\"" << p.color << "\" class=\"dot\"><title>"
       << escapeHTML(p.tooltip) << "</title></circle>\n";
  os << "</svg>\n";
  return out;
}

//===- SVGChart.h - bar charts and rooflines as inline SVG ------*- C++ -*-===//
//
// The plots of the HTML report, drawn by the project as SVG text (no script,
// no external resource): bar charts per layer (grouped, stacked, or
// overlaid for the Eyexam steps, linear or log scale) and a log-log
// roofline scatter. Every bar and point has a <title> tooltip. All text is
// escaped. Private to the report renderers.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_TARGET_REPORT_SVGCHART_H
#define DNNOPT_LIB_TARGET_REPORT_SVGCHART_H

#include <optional>
#include <string>
#include <vector>

namespace dnnopt::report {

/// One value per category, drawn in one color.
struct Series {
  std::string name;
  std::string color;
  std::vector<double> values;
};

struct LegendEntry {
  std::string name;
  std::string color;
};

/// A bar chart with one category per layer.
struct BarChart {
  enum class Layout {
    Grouped,  ///< the series side by side
    Stacked,  ///< the series on top of each other (linear scale only)
    Overlaid, ///< the series in front of each other, largest at the back
  };
  /// The y axis title; tick labels carry `unit`.
  std::string yLabel;
  /// The unit of the values as a key suffix (`pJ`, `s`; empty: a count).
  std::string unit;
  std::string xLabel = "layer";
  /// Per category: the axis label (short) and the tooltip heading.
  std::vector<std::string> labels;
  std::vector<std::string> tooltips;
  std::vector<Series> series;
  Layout layout = Layout::Grouped;
  /// When set, category i is drawn in categoryColors[i] (a one-series chart
  /// colored by a property of the layer, e.g. what bounds its latency).
  std::vector<std::string> categoryColors;
  /// The legend; taken from `series` when empty.
  std::vector<LegendEntry> legend;
  /// No legend (the axis labels name the categories).
  bool hideLegend = false;
};

/// Draws `chart` on a linear or a log y axis (values <= 0 are left out on a
/// log axis).
std::string renderBarChart(const BarChart &chart, bool logScale);

/// One layer of a roofline plot.
struct Point {
  double x = 0, y = 0;
  std::string color;
  std::string tooltip;
};

/// A roofline (Williams et al., CACM 2009; the Eyexam view of seed slide 8):
/// attained MACs/cycle against operational intensity on log-log axes, with
/// the roof drawn when the peak and the bandwidth are known.
struct Roofline {
  std::string id; ///< unique in the page (names the clip path)
  std::string xLabel, yLabel;
  std::vector<Point> points;
  std::vector<LegendEntry> legend;
  std::optional<double> peakMacsPerCycle;
  std::optional<double> wordsPerCycle;
};

std::string renderRoofline(const Roofline &chart);

/// The color of the i-th category of a chart (a qualitative palette that
/// stays distinguishable for color-blind readers for the first 8).
std::string paletteColor(size_t i);

} // namespace dnnopt::report

#endif // DNNOPT_LIB_TARGET_REPORT_SVGCHART_H

//===- TechnologyScaling.cpp - energy and area across process nodes -------===//
//
// Stillmaker and Baas, Integration 58 (2017) 74-81, give for each node from
// 130 nm to 7 nm (i) how an area scales to every other node and (ii) the
// energy of a reference circuit as a polynomial a*V^2 + b*V + c in the supply
// V. We take the area factors relative to 45 nm and evaluate the energy
// polynomial at each node's nominal supply; nodes between the table's (40,
// 28 nm) are interpolated log-log in the node size.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Cost/TechnologyScaling.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace dnnopt;

namespace {
struct NodeData {
  double nodeNM;
  /// Area relative to 45 nm (Stillmaker & Baas 2017, area scaling table,
  /// the 45 nm row).
  double areaVs45;
  /// Energy polynomial a*V^2 + b*V + c (Stillmaker & Baas 2017, energy
  /// scaling equations).
  double a, b, c;
  /// Nominal supply (V) at which the polynomial is evaluated. These are our
  /// choice of the usual core supply per node (1.3 V at 130 nm down to
  /// 0.7 V at 7 nm), within the voltage ranges the paper's fits cover.
  double nominalVdd;
};
} // namespace

static const NodeData kNodes[] = {
    {130, 6.4, 7.171, -6.709, 2.904, 1.3},
    {90, 2.8, 4.762, -4.781, 2.092, 1.2},
    {65, 1.5, 3.755, -4.398, 1.975, 1.1},
    {45, 1.0, 1.103, -0.362, 0.2767, 1.0},
    {32, 0.46, 0.9559, -0.7823, 0.471, 0.9},
    {20, 0.21, 0.373, -0.1582, 0.04104, 0.9},
    {16, 0.19, 0.2958, -0.1241, 0.03024, 0.85},
    {14, 0.17, 0.2363, -0.09675, 0.02239, 0.8},
    {10, 0.1, 0.2068, -0.09311, 0.02375, 0.75},
    {7, 0.059, 0.1776, -0.09097, 0.02447, 0.7},
};

static double energyAt(const NodeData &node) {
  double v = node.nominalVdd;
  return node.a * v * v + node.b * v + node.c;
}

/// Interpolates `field` log-log in the node size.
template <typename Fn>
static llvm::Expected<double> interpolate(double nodeNM, Fn field) {
  if (!(nodeNM >= kMinScalableNodeNM && nodeNM <= kMaxScalableNodeNM))
    return llvm::createStringError(
        "technology node %g nm is outside the scaling table (7 to 130 nm, "
        "Stillmaker & Baas 2017)",
        nodeNM);
  for (size_t i = 0; i < std::size(kNodes); ++i) {
    if (nodeNM == kNodes[i].nodeNM)
      return field(kNodes[i]);
    if (i + 1 < std::size(kNodes) && nodeNM < kNodes[i].nodeNM &&
        nodeNM > kNodes[i + 1].nodeNM) {
      const NodeData &big = kNodes[i], &small = kNodes[i + 1];
      double t =
          std::log(nodeNM / big.nodeNM) / std::log(small.nodeNM / big.nodeNM);
      return std::exp(std::log(field(big)) +
                      t * (std::log(field(small)) - std::log(field(big))));
    }
  }
  return field(kNodes[std::size(kNodes) - 1]);
}

llvm::Expected<double> dnnopt::getEnergyScale(double fromNM, double toNM) {
  auto from = interpolate(fromNM, energyAt);
  if (!from)
    return from.takeError();
  auto to = interpolate(toNM, energyAt);
  if (!to)
    return to.takeError();
  return *to / *from;
}

llvm::Expected<double> dnnopt::getAreaScale(double fromNM, double toNM) {
  auto area = [](const NodeData &node) { return node.areaVs45; };
  auto from = interpolate(fromNM, area);
  if (!from)
    return from.takeError();
  auto to = interpolate(toNM, area);
  if (!to)
    return to.takeError();
  return *to / *from;
}

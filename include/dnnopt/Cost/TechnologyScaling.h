//===- TechnologyScaling.h - energy and area across nodes ------*- C++ -*-===//
//
// Scales an energy or an area estimated at one CMOS node to another, from
// 130 nm down to 7 nm (the nodes the issue names: 45, 65, 40, 28, 16, 7 nm,
// and every node in between by interpolation). The factors are those of
// Stillmaker and Baas, "Scaling equations for the accurate prediction of CMOS
// device performance from 180 nm to 7 nm", Integration 58 (2017) 74-81:
// area from their node-to-node area table, energy from their fitted
// polynomial in the supply voltage evaluated at each node's nominal supply.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_COST_TECHNOLOGYSCALING_H
#define DNNOPT_COST_TECHNOLOGYSCALING_H

#include "llvm/Support/Error.h"

namespace dnnopt {

/// Smallest and largest node the scaling covers, in nm.
constexpr double kMinScalableNodeNM = 7;
constexpr double kMaxScalableNodeNM = 130;

/// Factor that multiplies a dynamic energy estimated at `fromNM` to give the
/// energy at `toNM`. An error names a node outside [7, 130] nm.
llvm::Expected<double> getEnergyScale(double fromNM, double toNM);

/// Factor that multiplies an area estimated at `fromNM` to give the area at
/// `toNM`. An error names a node outside [7, 130] nm.
llvm::Expected<double> getAreaScale(double fromNM, double toNM);

} // namespace dnnopt

#endif // DNNOPT_COST_TECHNOLOGYSCALING_H

//===- Passes.h - evaluation passes and the dnn-evaluate pipeline -*- C++
//-*-===//

#ifndef DNNOPT_PIPELINES_PASSES_H
#define DNNOPT_PIPELINES_PASSES_H

#include "accel/AccelDialect.h"
#include "dnn/DnnDialect.h"
#include "mlir/Pass/Pass.h"

namespace dnnopt {
#define GEN_PASS_DECL
#include "dnnopt/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dnnopt/Pipelines/Passes.h.inc"

/// Registers `dnn-evaluate`: dnn-canonicalize, accel-map,
/// accel-count-actions, accel-estimate-energy, accel-estimate-latency, with
/// the options of accel-map and accel-estimate-latency.
void registerEvaluatePipeline();
} // namespace dnnopt

#endif // DNNOPT_PIPELINES_PASSES_H

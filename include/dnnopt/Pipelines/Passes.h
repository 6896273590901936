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

/// Registers `dnn-evaluate`: dnn-canonicalize then accel-evaluate, with
/// the options of accel-evaluate.
void registerEvaluatePipeline();
} // namespace dnnopt

#endif // DNNOPT_PIPELINES_PASSES_H

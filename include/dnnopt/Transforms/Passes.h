//===- Passes.h - passes on the dnn dialect ---------------------*- C++ -*-===//

#ifndef DNNOPT_TRANSFORMS_PASSES_H
#define DNNOPT_TRANSFORMS_PASSES_H

#include "accel/AccelDialect.h"
#include "dnn/DnnDialect.h"
#include "mlir/Pass/Pass.h"

namespace dnnopt {
#define GEN_PASS_DECL
#include "dnnopt/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dnnopt/Transforms/Passes.h.inc"
} // namespace dnnopt

#endif // DNNOPT_TRANSFORMS_PASSES_H

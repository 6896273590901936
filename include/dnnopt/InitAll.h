//===- InitAll.h - register every dialect and pass --------------*- C++ -*-===//
//
// One place that lists the project's dialects and passes, for the tools and
// the Python module.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_INITALL_H
#define DNNOPT_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace dnnopt {
/// Adds the dnn and accel dialects and the upstream ones the tools use.
void registerAllDialects(mlir::DialectRegistry &registry);
/// Registers every pass and named pipeline of the project.
void registerAllPasses();
} // namespace dnnopt

#endif // DNNOPT_INITALL_H

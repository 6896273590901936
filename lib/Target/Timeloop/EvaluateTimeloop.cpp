//===- EvaluateTimeloop.cpp - timeloop-model on Timeloop inputs -----------===//
//
// Glue: arch (YAML or MLIR) -> ArchSpec; problem and mapping files -> plain
// data; validate; count; print.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/Timeloop/EvaluateTimeloop.h"
#include "accel/AccelOps.h"
#include "dnn/DnnOps.h"
#include "dnnopt/Analysis/ActionCounts.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "dnnopt/Target/Timeloop/ImportTimeloop.h"
#include "dnnopt/Target/Timeloop/ImportTimeloopMapping.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace dnnopt;

/// Reports an llvm::Error ("file:line:col: message" or a plain message).
static LogicalResult report(MLIRContext *context, llvm::Error error) {
  emitError(UnknownLoc::get(context)) << llvm::toString(std::move(error));
  return failure();
}

/// The ArchSpec of an arch file (Timeloop YAML, .mlir or bundled name);
/// `module` keeps the IR alive.
/// Reads a Timeloop mapping file and validates the mapping (errors of the
/// validation name the file).
static llvm::Expected<Mapping> importValidMapping(StringRef mappingFile,
                                                  const Problem &problem,
                                                  const ArchSpec &arch,
                                                  bool imperfect) {
  llvm::Expected<Mapping> mapping =
      importTimeloopMapping(mappingFile, problem, arch, imperfect);
  if (!mapping)
    return mapping.takeError();
  if (llvm::Error err = validateMapping(problem, arch, *mapping, imperfect))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   mappingFile + ": " +
                                       llvm::toString(std::move(err)));
  return mapping;
}

static FailureOr<ArchSpec> loadArchSpec(StringRef archFile,
                                        ArrayRef<std::string> libraries,
                                        StringRef ertFile, StringRef artFile,
                                        MLIRContext *context,
                                        OwningOpRef<ModuleOp> &module) {
  if (archFile.ends_with(".yaml") || archFile.ends_with(".yml")) {
    TimeloopImportOptions importOptions;
    importOptions.archFile = archFile.str();
    importOptions.libraryFiles.assign(libraries.begin(), libraries.end());
    importOptions.ertFile = ertFile.str();
    importOptions.artFile = artFile.str();
    module = importTimeloopArch(importOptions, context);
  } else {
    module = loadArch(archFile, context);
  }
  if (!module || failed(verify(*module)))
    return failure();
  auto archs = llvm::to_vector(module->getOps<accel::ArchOp>());
  if (archs.size() != 1) {
    emitError(module->getLoc())
        << "expected one accel.arch, found " << archs.size();
    return failure();
  }
  return buildArchSpec(archs.front());
}

OwningOpRef<ModuleOp>
dnnopt::importTimeloopProblemModule(const TimeloopProblemImportOptions &options,
                                    MLIRContext *context) {
  llvm::Expected<Problem> problem = importTimeloopProblem(options.problemFile);
  if (!problem) {
    (void)report(context, problem.takeError());
    return nullptr;
  }
  std::optional<accel::MappingAttr> mappingAttr;
  if (!options.mappingFile.empty()) {
    if (options.archFile.empty()) {
      emitError(UnknownLoc::get(context))
          << "a mapping names the arch's levels: give the arch with --arch";
      return nullptr;
    }
    OwningOpRef<ModuleOp> archModule;
    FailureOr<ArchSpec> spec =
        loadArchSpec(options.archFile, options.libraryFiles, options.ertFile,
                     options.artFile, context, archModule);
    if (failed(spec))
      return nullptr;
    llvm::Expected<Mapping> mapping = importValidMapping(
        options.mappingFile, *problem, *spec, options.imperfect);
    if (!mapping) {
      (void)report(context, mapping.takeError());
      return nullptr;
    }
    mappingAttr = getMappingAttr(context, *problem, *spec, *mapping);
  }

  // Operands: the read-only data spaces in order; result: the read-write
  // one.
  SmallVector<unsigned> order;
  std::optional<unsigned> output;
  for (unsigned s = 0; s < problem->dataSpaces.size(); ++s) {
    if (problem->dataSpaces[s].readWrite)
      output = s;
    else
      order.push_back(s);
  }
  if (!output) {
    emitError(FileLineColLoc::get(context, options.problemFile, 0, 0))
        << "the problem has no read_write data space (the op's result)";
    return nullptr;
  }
  order.push_back(*output);

  Location loc = FileLineColLoc::get(context, options.problemFile, 0, 0);
  OpBuilder b(context);
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  unsigned nd = problem->getNumDims();
  SmallVector<Type> types;
  SmallVector<Attribute> maps, roles, spaces;
  for (unsigned s : order) {
    const ProblemDataSpace &ds = problem->dataSpaces[s];
    SmallVector<int64_t> shape;
    SmallVector<AffineExpr> results;
    for (unsigned r = 0; r < ds.numRanks; ++r) {
      int64_t extent = 1;
      AffineExpr expr = b.getAffineConstantExpr(0);
      for (unsigned d = 0; d < nd; ++d) {
        int64_t c = ds.getCoefficient(r, d, nd);
        extent += std::abs(c) * (problem->bounds[d] - 1);
        if (c)
          expr = expr + b.getAffineDimExpr(d) * c;
      }
      shape.push_back(extent);
      results.push_back(expr);
    }
    types.push_back(RankedTensorType::get(shape, b.getF32Type()));
    maps.push_back(AffineMapAttr::get(AffineMap::get(nd, 0, results, context)));
    roles.push_back(b.getStringAttr(ds.readWrite ? "output"
                                    : ds.archSpace == DataSpace::Weights
                                        ? "weight"
                                        : "input"));
    spaces.push_back(b.getStringAttr(ds.name));
  }
  std::string name = problem->name.empty() ? "problem" : problem->name;
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  auto func = func::FuncOp::create(
      b, loc, name,
      b.getFunctionType(ArrayRef<Type>(types).drop_back(), types.back()));
  module->push_back(func);
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  SmallVector<Attribute> dimNames;
  for (const std::string &dim : problem->dimNames)
    dimNames.push_back(b.getStringAttr(dim));
  auto op = dnn::GenericOp::create(
      b, loc, types.back(), body->getArguments(), b.getArrayAttr(dimNames),
      b.getDenseI64ArrayAttr(problem->bounds), b.getArrayAttr(maps),
      b.getArrayAttr(roles), b.getArrayAttr(spaces), b.getStringAttr("mac"),
      FloatAttr(), StringAttr());
  if (mappingAttr)
    op->setAttr("accel.mapping", *mappingAttr);
  func::ReturnOp::create(b, loc, op.getResult());
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

LogicalResult dnnopt::evaluateTimeloop(const TimeloopEvaluateOptions &options,
                                       MLIRContext *context,
                                       llvm::raw_ostream &os) {
  OwningOpRef<ModuleOp> module;
  FailureOr<ArchSpec> spec =
      loadArchSpec(options.archFile, options.libraryFiles, options.ertFile,
                   options.artFile, context, module);
  if (failed(spec))
    return failure();

  llvm::Expected<Problem> problem = importTimeloopProblem(options.problemFile);
  if (!problem)
    return report(context, problem.takeError());
  llvm::Expected<Mapping> mapping = importValidMapping(
      options.mappingFile, *problem, *spec, options.imperfect);
  if (!mapping)
    return report(context, mapping.takeError());
  if (options.printLoopNest) {
    printMapping(os, *problem, *spec, *mapping);
    os << "\n";
  }
  ActionCounts counts;
  ActionCounter(*problem, *spec).count(*mapping, counts);
  printActionCounts(os, *problem, *spec, counts);
  return success();
}

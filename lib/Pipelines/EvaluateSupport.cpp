//===- EvaluateSupport.cpp - what the evaluation passes share -------------===//

#include "EvaluateSupport.h"

#include "dnn/DnnOps.h"
#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

#include <cmath>

using namespace mlir;
using namespace dnnopt;

FailureOr<accel::ArchOp> dnnopt::attachArch(ModuleOp module,
                                            StringRef nameOrPath) {
  OwningOpRef<ModuleOp> archModule = loadArch(nameOrPath, module.getContext());
  if (!archModule)
    return module.emitError()
           << "cannot load the architecture '" << nameOrPath << "'";
  accel::ArchOp found;
  archModule->walk([&](accel::ArchOp op) {
    if (!found)
      found = op;
  });
  if (!found)
    return module.emitError() << "'" << nameOrPath << "' holds no accel.arch";
  SymbolTable symbols(module);
  if (Operation *old = symbols.lookup(found.getSymName())) {
    if (!isa<accel::ArchOp>(old))
      return module.emitError()
             << "the module already has a symbol @" << found.getSymName()
             << " that is not an accel.arch";
    symbols.erase(old);
  }
  auto copy = cast<accel::ArchOp>(found->clone());
  symbols.insert(copy, module.getBody()->begin());
  return copy;
}

FailureOr<ArchSpec> dnnopt::getModuleArch(ModuleOp module) {
  SmallVector<accel::ArchOp> archs(module.getOps<accel::ArchOp>());
  accel::ArchOp arch;
  if (archs.size() == 1) {
    arch = archs.front();
  } else if (auto info = module->getAttrOfType<DictionaryAttr>("accel.arch")) {
    if (auto name = info.getAs<StringAttr>("name"))
      arch = SymbolTable::lookupNearestSymbolFrom<accel::ArchOp>(
          module, StringAttr::get(module.getContext(), name.getValue()));
  }
  if (!arch)
    return module.emitError()
           << (archs.empty() ? "the module has no accel.arch: run accel-map "
                               "(or the dnn-evaluate pipeline) first"
                             : "the module has several accel.arch ops and "
                               "its accel.arch attribute names none of them");
  return buildArchSpec(arch);
}

OpKind dnnopt::getOpKind(Operation *op) {
  if (!isa_and_nonnull<dnn::DnnDialect>(op->getDialect()) ||
      isa<dnn::WeightOp, dnn::ConstantOp, dnn::ReshapeOp>(op))
    return OpKind::Skip;
  if (isa<dnn::OpaqueOp>(op))
    return OpKind::NotModeled;
  auto iface = dyn_cast<dnn::WorkloadOpInterface>(op);
  if (!iface)
    return OpKind::Movement;
  switch (iface.getWorkload().kind) {
  case dnn::WorkKind::Mac:
    return OpKind::Mac;
  case dnn::WorkKind::Vector:
    return OpKind::Vector;
  case dnn::WorkKind::NotModeled:
    return OpKind::NotModeled;
  }
  return OpKind::NotModeled;
}

void dnnopt::markNotModeled(Operation *op, const Twine &reason) {
  Builder b(op->getContext());
  std::string text = reason.str();
  op->emitWarning() << "not modeled: " << text;
  op->setAttr("accel.modeled", b.getBoolAttr(false));
  op->setAttr("accel.reason", b.getStringAttr(text));
}

bool dnnopt::isModeled(Operation *op) {
  auto modeled = op->getAttrOfType<BoolAttr>("accel.modeled");
  return !modeled || modeled.getValue();
}

llvm::Expected<Problem> dnnopt::getOpProblem(Operation *op) {
  return problemFromWorkload(cast<dnn::WorkloadOpInterface>(op).getWorkload());
}

FailureOr<std::optional<Mapping>> dnnopt::getOpMapping(Operation *op,
                                                       const Problem &problem,
                                                       const ArchSpec &arch,
                                                       bool imperfect) {
  Attribute attr = op->getAttr("accel.mapping");
  if (!attr)
    return std::optional<Mapping>();
  auto typed = dyn_cast<accel::MappingAttr>(attr);
  if (!typed)
    return op->emitError()
           << "accel.mapping must be an #accel.mapping attribute";
  if (typed.getArch() != arch.name)
    return op->emitError() << "the given mapping is for arch '"
                           << typed.getArch() << "', not '" << arch.name << "'";
  llvm::Expected<Mapping> mapping = getMappingFromAttr(typed, problem, arch);
  if (!mapping)
    return op->emitError() << llvm::toString(mapping.takeError());
  if (llvm::Error error = validateMapping(problem, arch, *mapping, imperfect))
    return op->emitError() << "the given mapping does not fit: "
                           << llvm::toString(std::move(error));
  return std::optional<Mapping>(std::move(*mapping));
}

FailureOr<std::optional<MappedOp>> dnnopt::getMappedOp(Operation *op,
                                                       const ArchSpec &arch) {
  if (getOpKind(op) != OpKind::Mac || !isModeled(op) ||
      !op->hasAttr("accel.mapping"))
    return std::optional<MappedOp>();
  llvm::Expected<Problem> problem = getOpProblem(op);
  if (!problem)
    return op->emitError() << "carries accel.mapping but cannot be mapped: "
                           << llvm::toString(problem.takeError());
  FailureOr<std::optional<Mapping>> mapping =
      getOpMapping(op, *problem, arch, hasImperfectMapping(op));
  if (failed(mapping))
    return failure();
  MappedOp mapped;
  mapped.problem = std::move(*problem);
  mapped.mapping = std::move(**mapping);
  ActionCounter(mapped.problem, arch).count(mapped.mapping, mapped.counts);
  return std::optional<MappedOp>(std::move(mapped));
}

/// Elements of the values with a static shape.
static int64_t elements(ValueRange values) {
  int64_t n = 0;
  for (Value v : values)
    if (auto t = dyn_cast<ShapedType>(v.getType()); t && t.hasStaticShape())
      n += t.getNumElements();
  return n;
}

LayerCost dnnopt::getLayerCost(Operation *op, const ArchSpec &arch) {
  LayerCost cost;
  const StorageLevelSpec &outer = arch.levels.front();
  int64_t macUnits = std::max<int64_t>(arch.compute.instances, 1);
  if (auto iface = dyn_cast<dnn::WorkloadOpInterface>(op)) {
    cost.ops = iface.getWorkload().getOtherOps();
    cost.model = "vector op on the MAC array: one operation per MAC unit "
                 "per cycle at the MAC's energy; inputs and outputs through " +
                 outer.name;
  } else {
    cost.model = "data movement: inputs read from and outputs written to " +
                 outer.name + "; no arithmetic";
  }
  cost.dramReads = elements(op->getOperands());
  cost.dramWrites = elements(op->getResults());
  cost.cycles = (int64_t)std::ceil(cost.ops / (double)macUnits) *
                arch.compute.cyclesPerCompute;
  cost.computePJ =
      cost.ops * arch.compute.getCellOpsPerMac() * arch.compute.macPJ.value;
  // Energies are per block access: a word costs its share of a block.
  int64_t block = std::max<int64_t>(outer.blockSize, 1);
  cost.dramPJ = cost.dramReads * outer.readPJ.value / block +
                cost.dramWrites * outer.fillPJ.value / block;
  return cost;
}

StringRef dnnopt::getComputeName(const ArchSpec &arch) {
  return arch.compute.name.empty() ? "MAC" : StringRef(arch.compute.name);
}

//===- AccelLower.cpp - mappings as explicit accel loop nests -------------===//
//
// Writes, right after every op that carries an accel.mapping, the
// accel.loop_nest that the mapping describes (dnnopt::buildLoopNest), and
// names the op and the nest alike so that either can be found from the
// other. The nest has no operands and no results, so the dnn graph (uses,
// single-use folds, dead-code erasure) is unchanged; it has no side-effect
// interface, so nothing erases it as dead.
//
//===----------------------------------------------------------------------===//

#include "accel/AccelOps.h"
#include "dnn/DnnOps.h"
#include "dnnopt/Mapping/LoopNest.h"
#include "dnnopt/Mapping/MappingAttr.h"
#include "dnnopt/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace dnnopt {
#define GEN_PASS_DEF_ACCELLOWER
#include "dnnopt/Transforms/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;
using namespace dnnopt;

/// The attribute that names a lowered op; its nest's `target` repeats it.
static constexpr StringLiteral kNestAttrName = "accel.nest";

/// The ONNX node name of `op` (its NameLoc, alone or in a fused location),
/// or "".
static StringRef getNodeName(Operation *op) {
  Location loc = op->getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location part : fused.getLocations())
      if (isa<NameLoc>(part)) {
        loc = part;
        break;
      }
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().getValue();
  return "";
}

namespace {

struct AccelLower : dnnopt::impl::AccelLowerBase<AccelLower> {
  using Base::Base;
  void runOnOperation() override;

  /// Lowers one mapped op (named `name`) after it; false on an error,
  /// reported on the op.
  bool lower(Operation *op, StringRef name);
};

} // namespace

bool AccelLower::lower(Operation *op, StringRef name) {
  auto attr = dyn_cast<accel::MappingAttr>(op->getAttr("accel.mapping"));
  if (!attr) {
    op->emitError() << "accel.mapping must be an #accel.mapping attribute";
    return false;
  }
  auto workload = dyn_cast<dnn::WorkloadOpInterface>(op);
  if (!workload) {
    op->emitError() << "carries an accel.mapping but has no workload to "
                       "lower it against";
    return false;
  }
  llvm::Expected<Problem> problem = problemFromWorkload(workload.getWorkload());
  if (!problem) {
    op->emitError() << "accel.mapping cannot be lowered: "
                    << llvm::toString(problem.takeError());
    return false;
  }
  NamedMapping named;
  named.arch = attr.getArch().str();
  for (StringRef level : getMappingLevelNames(attr))
    named.levelNames.push_back(level.str());
  llvm::Expected<Mapping> mapping = getMappingFromAttr(attr, *problem);
  llvm::Error err =
      mapping
          ? checkMappingShape(
                *problem, named.levelNames.size(),
                [&](unsigned l) -> StringRef { return named.levelNames[l]; },
                *mapping)
          : mapping.takeError();
  if (err) {
    op->emitError() << "accel.mapping does not fit the op's workload: "
                    << llvm::toString(std::move(err));
    return false;
  }
  named.mapping = std::move(*mapping);

  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(op);
  accel::LoopNestOp nest =
      buildLoopNest(builder, op->getLoc(), name, *problem, named);
  if (!checkRoundTrip)
    return true;

  // readLoopNest expects a verified nest.
  if (failed(mlir::verify(nest)))
    return false;
  llvm::Expected<NamedMapping> back = readLoopNest(nest, *problem);
  if (!back) {
    nest.emitError() << "the loop nest does not read back: "
                     << llvm::toString(back.takeError());
    return false;
  }
  if (back->arch != named.arch || back->levelNames != named.levelNames ||
      back->mapping != canonicalizeMapping(named.mapping)) {
    nest.emitError() << "the loop nest reads back as another mapping than "
                        "the op's accel.mapping";
    return false;
  }
  op->emitRemark() << "loop nest '" << name << "' reads back as its mapping";
  return true;
}

void AccelLower::runOnOperation() {
  ModuleOp module = getOperation();
  SmallVector<accel::LoopNestOp> oldNests;
  SmallVector<Operation *> mapped;
  module.walk([&](Operation *op) {
    if (auto nest = dyn_cast<accel::LoopNestOp>(op)) {
      oldNests.push_back(nest);
      return WalkResult::skip();
    }
    // The loop-nest form has no residuals: an op whose mapping is
    // imperfect gets no nest.
    if (op->hasAttr("accel.mapping") && !hasImperfectMapping(op))
      mapped.push_back(op);
    else
      op->removeAttr(kNestAttrName); // its nest goes with the others
    return WalkResult::advance();
  });

  // Names: an op keeps the one a previous run gave it; the others get their
  // ONNX node name, else their kind, with a number when it is taken.
  llvm::StringSet<> taken;
  SmallVector<std::string> names(mapped.size());
  for (auto [i, op] : llvm::enumerate(mapped))
    if (auto name = op->getAttrOfType<StringAttr>(kNestAttrName);
        name && !name.getValue().empty() &&
        taken.insert(name.getValue()).second)
      names[i] = name.str();
  llvm::StringMap<unsigned> counters;
  for (auto [i, op] : llvm::enumerate(mapped)) {
    if (!names[i].empty())
      continue;
    std::string base = getNodeName(op).str();
    if (base.empty() || !taken.insert(base).second) {
      if (base.empty())
        base = op->getName().stripDialect().str();
      unsigned &n = counters[base];
      std::string candidate;
      do
        candidate = base + "_" + std::to_string(n++);
      while (!taken.insert(candidate).second);
      base = candidate;
    }
    names[i] = base;
    op->setAttr(kNestAttrName, StringAttr::get(&getContext(), base));
  }

  // The old nests go, the new ones are built from the mappings.
  for (accel::LoopNestOp nest : oldNests)
    nest.erase();
  bool ok = true;
  for (auto [i, op] : llvm::enumerate(mapped))
    ok &= lower(op, names[i]);
  if (!ok)
    signalPassFailure();
}

//===- LoopNest.cpp - mappings as accel loop nests ------------------------===//
//
// Mapping -> accel.loop_nest (buildLoopNest) and back (readLoopNest).
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Mapping/LoopNest.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace dnnopt;

accel::LoopNestOp dnnopt::buildLoopNest(OpBuilder &builder, Location loc,
                                        StringRef target,
                                        const Problem &problem,
                                        const NamedMapping &named) {
  OpBuilder::InsertionGuard guard(builder);
  const Mapping &mapping = named.mapping;
  unsigned nd = problem.getNumDims();
  unsigned ns = problem.dataSpaces.size();
  SmallVector<StringRef> dimNames, spaceNames;
  for (const std::string &name : problem.dimNames)
    dimNames.push_back(name);
  for (const ProblemDataSpace &space : problem.dataSpaces)
    spaceNames.push_back(space.name);

  auto nest = accel::LoopNestOp::create(
      builder, loc, target, named.arch, builder.getStrArrayAttr(dimNames),
      builder.getDenseI64ArrayAttr(problem.bounds),
      builder.getStrArrayAttr(spaceNames));
  builder.createBlock(&nest.getBody());

  std::vector<SmallVector<int64_t, 8>> extents = getTileExtents(mapping, nd);
  // Per data space, the innermost level so far that keeps it.
  SmallVector<std::optional<unsigned>, 4> keeper(ns);
  for (unsigned l = 0; l < mapping.levels.size(); ++l) {
    const LevelMapping &lm = mapping.levels[l];
    SmallVector<StringRef> keep;
    for (unsigned s = 0; s < ns; ++s)
      if (lm.keeps(s))
        keep.push_back(spaceNames[s]);
    auto level = accel::LevelOp::create(builder, loc, named.levelNames[l],
                                        builder.getStrArrayAttr(keep));
    builder.createBlock(&level.getBody());
    for (unsigned s = 0; s < ns; ++s) {
      if (!lm.keeps(s))
        continue;
      if (keeper[s])
        accel::TileOp::create(builder, loc, spaceNames[s],
                              named.levelNames[*keeper[s]], named.levelNames[l],
                              problem.getTileSize(s, extents[l]),
                              problem.dataSpaces[s].readWrite);
      keeper[s] = l;
    }
    auto addLoop = [&](unsigned d, int64_t factor, accel::LoopKind kind) {
      auto loop = accel::ForOp::create(builder, loc, dimNames[d], kind, factor);
      builder.createBlock(&loop.getBody());
    };
    // Orders list the innermost loop first; the nest is written outermost
    // first.
    for (unsigned i = nd; i-- > 0;) {
      unsigned d = lm.temporalOrder[i];
      if (lm.temporalFactors[d] > 1)
        addLoop(d, lm.temporalFactors[d], accel::LoopKind::Temporal);
    }
    for (unsigned i = nd; i-- > 0;) {
      unsigned d = lm.spatialOrder[i];
      if (lm.spatialFactors[d] > 1)
        addLoop(d, lm.spatialFactors[d],
                i < lm.spatialSplit ? accel::LoopKind::SpatialX
                                    : accel::LoopKind::SpatialY);
    }
  }
  SmallVector<StringRef> sources;
  for (unsigned s = 0; s < ns; ++s)
    sources.push_back(named.levelNames[*keeper[s]]);
  accel::MacOp::create(builder, loc, builder.getStrArrayAttr(spaceNames),
                       builder.getStrArrayAttr(sources));
  return nest;
}

llvm::Expected<NamedMapping> dnnopt::readLoopNest(accel::LoopNestOp nest,
                                                  const Problem &problem) {
  auto fail = [](const Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   message.str());
  };
  unsigned nd = problem.getNumDims();
  unsigned ns = problem.dataSpaces.size();
  // The nest's dims and data spaces must be the problem's (in any order).
  ArrayRef<int64_t> bounds = nest.getBounds();
  if (nest.getDims().size() != nd)
    return fail("the loop nest has " + Twine(nest.getDims().size()) +
                " dims, the workload " + Twine(nd));
  for (auto [i, dim] :
       llvm::enumerate(nest.getDims().getAsValueRange<StringAttr>())) {
    std::optional<unsigned> d = problem.findDim(dim);
    if (!d)
      return fail("the loop nest's dim '" + dim +
                  "' is not a dim of the workload");
    if (bounds[i] != problem.bounds[*d])
      return fail("the loop nest's bound of '" + dim + "' is " +
                  Twine(bounds[i]) + ", the workload's " +
                  Twine(problem.bounds[*d]));
  }
  if (nest.getSpaces().size() != ns)
    return fail("the loop nest has " + Twine(nest.getSpaces().size()) +
                " data spaces, the workload " + Twine(ns));
  for (StringRef space : nest.getSpaces().getAsValueRange<StringAttr>())
    if (!problem.findDataSpace(space))
      return fail("the loop nest's data space '" + space +
                  "' is not a data space of the workload");

  NamedMapping named;
  named.arch = nest.getArch().str();
  // The loops of factor > 1 of the current level, outermost first.
  SmallVector<unsigned, 8> temporal, spatialY, spatialX;
  // Turns the loops collected for the last level into its orders.
  auto finishLevel = [&]() {
    if (named.mapping.levels.empty())
      return;
    LevelMapping &lm = named.mapping.levels.back();
    lm.temporalOrder.assign(temporal.rbegin(), temporal.rend());
    for (unsigned d = 0; d < nd; ++d)
      if (lm.temporalFactors[d] == 1)
        lm.temporalOrder.push_back(d);
    lm.spatialOrder.assign(spatialX.rbegin(), spatialX.rend());
    for (unsigned d = 0; d < nd; ++d)
      if (lm.spatialFactors[d] == 1)
        lm.spatialOrder.push_back(d);
    lm.spatialSplit = lm.spatialOrder.size();
    lm.spatialOrder.append(spatialY.rbegin(), spatialY.rend());
    temporal.clear();
    spatialY.clear();
    spatialX.clear();
  };

  Operation *current = nest.getOutermostLevel();
  while (current && !isa<accel::MacOp>(current)) {
    Block *body;
    if (auto level = dyn_cast<accel::LevelOp>(current)) {
      finishLevel();
      named.levelNames.push_back(level.getName().str());
      LevelMapping lm;
      lm.temporalFactors.assign(nd, 1);
      lm.spatialFactors.assign(nd, 1);
      for (StringRef space : level.getKeep().getAsValueRange<StringAttr>())
        lm.keepMask |= 1u << *problem.findDataSpace(space);
      named.mapping.levels.push_back(std::move(lm));
      body = &level.getBody().front();
    } else if (auto loop = dyn_cast<accel::ForOp>(current)) {
      unsigned d = *problem.findDim(loop.getDim());
      LevelMapping &lm = named.mapping.levels.back();
      int64_t factor = loop.getFactor();
      body = &loop.getBody().front();
      if (factor > 1) {
        switch (loop.getKind()) {
        case accel::LoopKind::Temporal:
          lm.temporalFactors[d] = factor;
          temporal.push_back(d);
          break;
        case accel::LoopKind::SpatialY:
          lm.spatialFactors[d] = factor;
          spatialY.push_back(d);
          break;
        case accel::LoopKind::SpatialX:
          lm.spatialFactors[d] = factor;
          spatialX.push_back(d);
          break;
        }
      }
    } else {
      return fail("the loop nest holds an unexpected '" +
                  current->getName().getStringRef() + "'");
    }
    // The chain goes on with the one op that is not a tile.
    current = nullptr;
    for (Operation &child : *body)
      if (!isa<accel::TileOp>(child))
        current = &child;
  }
  if (!current)
    return fail("the loop nest has no accel.mac");
  finishLevel();
  return named;
}

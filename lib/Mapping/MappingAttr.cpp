//===- MappingAttr.cpp - mappings as #accel.mapping attributes ------------===//
//
// Plain data <-> #accel.mapping.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Mapping/MappingAttr.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace dnnopt;

accel::MappingAttr dnnopt::getMappingAttr(MLIRContext *context,
                                          const Problem &problem,
                                          const ArchSpec &arch,
                                          const Mapping &mapping) {
  Builder b(context);
  SmallVector<Attribute> levels;
  for (unsigned l = 0; l < mapping.levels.size(); ++l) {
    const LevelMapping &lm = mapping.levels[l];
    auto toI64 = [](ArrayRef<unsigned> order) {
      return SmallVector<int64_t>(order.begin(), order.end());
    };
    SmallVector<Attribute> keep;
    for (unsigned s = 0; s < problem.dataSpaces.size(); ++s)
      if (lm.keeps(s))
        keep.push_back(b.getStringAttr(problem.dataSpaces[s].name));
    levels.push_back(accel::LevelMappingAttr::get(
        context, arch.levels[l].name,
        b.getDenseI64ArrayAttr(lm.temporalFactors),
        b.getDenseI64ArrayAttr(toI64(lm.temporalOrder)),
        b.getDenseI64ArrayAttr(lm.spatialFactors),
        b.getDenseI64ArrayAttr(toI64(lm.spatialOrder)), lm.spatialSplit,
        b.getArrayAttr(keep)));
  }
  return accel::MappingAttr::get(context, arch.name, b.getArrayAttr(levels));
}

/// The mapping of `attr` with its levels in the order of `levelNames`
/// (those of arch `archName`).
static llvm::Expected<Mapping>
resolveMappingAttr(accel::MappingAttr attr, const Problem &problem,
                   ArrayRef<StringRef> levelNames, StringRef archName) {
  auto fail = [](const Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   message.str());
  };
  unsigned nd = problem.getNumDims();
  Mapping mapping;
  mapping.levels.resize(levelNames.size());
  SmallVector<bool> seen(levelNames.size(), false);
  for (Attribute a : attr.getLevels()) {
    auto level = dyn_cast<accel::LevelMappingAttr>(a);
    if (!level)
      return fail("accel.mapping: every entry must be an #accel.level");
    unsigned l = 0;
    while (l < levelNames.size() && levelNames[l] != level.getLevel())
      ++l;
    if (l == levelNames.size())
      return fail("accel.mapping: level " + level.getLevel() +
                  " is not a storage level of arch " + archName);
    if (seen[l])
      return fail("accel.mapping: level " + level.getLevel() +
                  " appears twice");
    seen[l] = true;
    LevelMapping &lm = mapping.levels[l];
    auto check = [&](ArrayRef<int64_t> values, StringRef what) {
      return values.size() == nd
                 ? llvm::Error::success()
                 : fail("accel.mapping: level " + level.getLevel() + ": " +
                        what + " has " + Twine(values.size()) +
                        " entries, the workload " + Twine(nd) + " dims");
    };
    for (auto [values, what] :
         {std::pair(level.getTemporal().asArrayRef(), "temporal"),
          std::pair(level.getOrder().asArrayRef(), "order"),
          std::pair(level.getSpatial().asArrayRef(), "spatial"),
          std::pair(level.getSpatialOrder().asArrayRef(), "spatial_order")})
      if (llvm::Error err = check(values, what))
        return std::move(err);
    lm.temporalFactors.assign(level.getTemporal().asArrayRef().begin(),
                              level.getTemporal().asArrayRef().end());
    lm.spatialFactors.assign(level.getSpatial().asArrayRef().begin(),
                             level.getSpatial().asArrayRef().end());
    for (int64_t d : level.getOrder().asArrayRef())
      lm.temporalOrder.push_back(d);
    for (int64_t d : level.getSpatialOrder().asArrayRef())
      lm.spatialOrder.push_back(d);
    lm.spatialSplit = level.getSplit();
    lm.keepMask = 0;
    for (Attribute name : level.getKeep()) {
      auto str = dyn_cast<StringAttr>(name);
      std::optional<unsigned> space =
          str ? problem.findDataSpace(str.getValue()) : std::nullopt;
      if (!space)
        return fail("accel.mapping: level " + level.getLevel() +
                    " keeps an unknown data space");
      lm.keepMask |= 1u << *space;
    }
  }
  for (unsigned l = 0; l < levelNames.size(); ++l)
    if (!seen[l])
      return fail("accel.mapping: no entry for level " + levelNames[l]);
  return mapping;
}

llvm::Expected<Mapping> dnnopt::getMappingFromAttr(accel::MappingAttr attr,
                                                   const Problem &problem,
                                                   const ArchSpec &arch) {
  SmallVector<StringRef> names;
  for (const StorageLevelSpec &level : arch.levels)
    names.push_back(level.name);
  return resolveMappingAttr(attr, problem, names, arch.name);
}

SmallVector<StringRef> dnnopt::getMappingLevelNames(accel::MappingAttr attr) {
  SmallVector<StringRef> names;
  for (Attribute a : attr.getLevels())
    if (auto level = dyn_cast<accel::LevelMappingAttr>(a))
      names.push_back(level.getLevel());
  return names;
}

llvm::Expected<Mapping> dnnopt::getMappingFromAttr(accel::MappingAttr attr,
                                                   const Problem &problem) {
  return resolveMappingAttr(attr, problem, getMappingLevelNames(attr),
                            attr.getArch());
}

bool dnnopt::hasImperfectMapping(mlir::Operation *op) {
  auto mapper = op->getAttrOfType<mlir::DictionaryAttr>("accel.mapper");
  auto imperfect = mapper ? mapper.getAs<mlir::BoolAttr>("imperfect") : nullptr;
  return imperfect && imperfect.getValue();
}

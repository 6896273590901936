//===- TimeloopDirectives.h - mapping/constraint pieces ------- -*- C++ -*-===//
//-*-===//
//
// What Timeloop's mapping files and mapspace constraints share: YAML
// access helpers, `permutation` as a string of one-letter dims or a list of
// names (with the `_` that separates the outermost dims in constraints),
// and how a `target` names a storage level (by name or by Timeloop's index,
// innermost 0) or the fan-out below one (the level's name, the fan-out's,
// or v0.4's `inter_<name>_spatial`). Private to lib/Target/Timeloop.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_LIB_TARGET_TIMELOOP_TIMELOOPDIRECTIVES_H
#define DNNOPT_LIB_TARGET_TIMELOOP_TIMELOOPDIRECTIVES_H

#include "dnnopt/Cost/ArchSpec.h"
#include "dnnopt/Support/YAMLTree.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <initializer_list>
#include <optional>
#include <string>

namespace dnnopt {
namespace timeloop {

inline const yamltree::MapNode *asMap(const yamltree::Node *node) {
  return node ? llvm::dyn_cast<yamltree::MapNode>(node) : nullptr;
}

/// The value of the first of `keys` present in `map`.
const yamltree::Node *lookupAny(const yamltree::MapNode *map,
                                std::initializer_list<llvm::StringRef> keys);

/// The text of a scalar; an error naming `what` otherwise.
llvm::Expected<llvm::StringRef> scalarText(const yamltree::Node *node,
                                           llvm::StringRef what);

/// The scalars of a sequence (or of a lone scalar; none for null).
llvm::Expected<llvm::SmallVector<const yamltree::ScalarNode *>>
scalarList(const yamltree::Node *node, llvm::StringRef what);

/// One dim name of a permutation and where it was written.
struct NameAt {
  std::string name;
  const yamltree::Node *where;
};

/// Reads a `permutation`: a string of one-letter dims (`RSPQ`, blanks and
/// commas ignored) or a list of names, innermost first. Names after a `_`
/// go to `outermost` (Timeloop's constraint suffix). A name given twice is
/// an error. Names are not resolved.
llvm::Error parsePermutationNames(const yamltree::Node *node,
                                  llvm::SmallVectorImpl<NameAt> &innermost,
                                  llvm::SmallVectorImpl<NameAt> &outermost);

/// The storage level a temporal/bypass `target` names: its name, or
/// Timeloop's index with 0 the innermost level.
std::optional<unsigned> findLevel(const ArchSpec &arch, llvm::StringRef target);

/// The level whose fan-out below a spatial `target` names: that level's
/// name, the fan-out's name (a v0.4 container such as `PE`) or the
/// `inter_<fan-out>_spatial` level the v0.4 front end inserts.
std::optional<unsigned> findSpatialLevel(const ArchSpec &arch,
                                         llvm::StringRef target);

/// The storage level names of `arch`, for "expected one of" messages.
std::string listLevelNames(const ArchSpec &arch);

} // namespace timeloop
} // namespace dnnopt

#endif // DNNOPT_LIB_TARGET_TIMELOOP_TIMELOOPDIRECTIVES_H

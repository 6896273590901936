//===- DictionaryNumber.h - a number from an analysis attribute -*- C++ -*-===//
//
// The analyses attach dictionaries of numbers (`accel.actions`,
// `accel.energy`, `accel.totals`); the passes and exporters that read them
// take a number whether it was written as a float or an integer.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SUPPORT_DICTIONARYNUMBER_H
#define DNNOPT_SUPPORT_DICTIONARYNUMBER_H

#include "mlir/IR/BuiltinAttributes.h"

namespace dnnopt {

/// The number `dict[key]` holds (float or integer); 0 when the dictionary
/// is null or the key is absent or not a number.
inline double getNumber(mlir::DictionaryAttr dict, llvm::StringRef key) {
  if (!dict)
    return 0;
  if (auto f = dict.getAs<mlir::FloatAttr>(key))
    return f.getValueAsDouble();
  if (auto i = dict.getAs<mlir::IntegerAttr>(key))
    return (double)i.getInt();
  return 0;
}

} // namespace dnnopt

#endif // DNNOPT_SUPPORT_DICTIONARYNUMBER_H

//===- PrimeFactors.h - prime factors of loop bounds ------------*- C++ -*-===//
//
// The mapper splits each bound into its prime factors and moves them
// between loops one at a time; the constraint checks and the tests that
// draw random mappings split bounds the same way.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SUPPORT_PRIMEFACTORS_H
#define DNNOPT_SUPPORT_PRIMEFACTORS_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace dnnopt {

/// The smallest prime factor of v >= 2 (v itself when it is prime). Even v
/// take no division: the mapper calls this for every factor it moves.
inline int64_t getSmallestPrimeFactor(int64_t v) {
  if ((v & 1) == 0)
    return 2;
  for (int64_t p = 3; p * p <= v; p += 2)
    if (v % p == 0)
      return p;
  return v;
}

/// The prime factors of v >= 1, with multiplicity, smallest first (none
/// for 1).
inline llvm::SmallVector<int64_t, 8> getPrimeFactors(int64_t v) {
  llvm::SmallVector<int64_t, 8> factors;
  while (v > 1) {
    int64_t p = getSmallestPrimeFactor(v);
    factors.push_back(p);
    v /= p;
  }
  return factors;
}

} // namespace dnnopt

#endif // DNNOPT_SUPPORT_PRIMEFACTORS_H

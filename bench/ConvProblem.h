//===- ConvProblem.h - the convolution the benchmarks map -------*- C++ -*-===//
//
// A convolution layer in Timeloop's problem shape (dims R S P Q C M N), as
// the benchmarks build it without going through the IR.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_BENCH_CONVPROBLEM_H
#define DNNOPT_BENCH_CONVPROBLEM_H

#include "dnnopt/Mapping/Mapping.h"

namespace dnnopt {

/// A convolution in Timeloop's problem shape (dims R S P Q C M N).
inline Problem makeConv(int64_t r, int64_t s, int64_t p, int64_t q, int64_t c,
                        int64_t m, int64_t n) {
  Problem problem;
  problem.name = "conv";
  problem.dimNames = {"R", "S", "P", "Q", "C", "M", "N"};
  problem.bounds = {r, s, p, q, c, m, n};
  // Weights[M][C][R][S], Inputs[N][C][R + P][S + Q], Outputs[N][M][P][Q].
  problem.dataSpaces.push_back(makeDataSpace("Weights", DataSpace::Weights, 7,
                                             {{{5}}, {{4}}, {{0}}, {{1}}}));
  problem.dataSpaces.push_back(makeDataSpace(
      "Inputs", DataSpace::Inputs, 7, {{{6}}, {{4}}, {{0}, {2}}, {{1}, {3}}}));
  problem.dataSpaces.push_back(makeDataSpace(
      "Outputs", DataSpace::Outputs, 7, {{{6}}, {{5}}, {{2}}, {{3}}}, true));
  return problem;
}

} // namespace dnnopt

#endif // DNNOPT_BENCH_CONVPROBLEM_H

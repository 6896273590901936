//===- ConvProblem.h - the convolution the benchmarks map -------*- C++ -*-===//
//
// A convolution layer in Timeloop's problem shape (dims R S P Q C M N), as
// the benchmarks build it without going through the IR.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_BENCH_CONVPROBLEM_H
#define DNNOPT_BENCH_CONVPROBLEM_H

#include "dnnopt/Mapping/Mapping.h"

#include <vector>

namespace dnnopt {

/// A convolution in Timeloop's problem shape (dims R S P Q C M N).
inline Problem makeConv(int64_t r, int64_t s, int64_t p, int64_t q, int64_t c,
                        int64_t m, int64_t n) {
  Problem problem;
  problem.name = "conv";
  problem.dimNames = {"R", "S", "P", "Q", "C", "M", "N"};
  problem.bounds = {r, s, p, q, c, m, n};
  auto space = [&](const char *name, DataSpace arch,
                   std::vector<std::vector<int>> ranks, bool rw) {
    ProblemDataSpace ds;
    ds.name = name;
    ds.archSpace = arch;
    ds.readWrite = rw;
    ds.numRanks = ranks.size();
    ds.coefficients.assign(ranks.size() * 7, 0);
    for (size_t i = 0; i < ranks.size(); ++i)
      for (int d : ranks[i])
        ds.coefficients[i * 7 + d] = 1;
    problem.dataSpaces.push_back(ds);
  };
  space("Weights", DataSpace::Weights, {{5}, {4}, {0}, {1}}, false);
  space("Inputs", DataSpace::Inputs, {{6}, {4}, {0, 2}, {1, 3}}, false);
  space("Outputs", DataSpace::Outputs, {{6}, {5}, {2}, {3}}, true);
  return problem;
}

} // namespace dnnopt

#endif // DNNOPT_BENCH_CONVPROBLEM_H

//===- Passes.td - passes on the dnn dialect ---------------*- tablegen -*-===//
//
// Transformations of dnn graphs that precede mapping.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_TRANSFORMS_PASSES_TD
#define DNNOPT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def DnnCanonicalize : Pass<"dnn-canonicalize", "mlir::ModuleOp"> {
  let summary = "Fold what inference does not execute";
  let description = [{
    Rewrites a graph into what an inference accelerator runs:
    - a batch normalization whose input is a convolution (or transposed
      convolution) used nowhere else folds into it: the scale multiplies the
      weights and the shift becomes the bias, so the normalization costs
      nothing at inference (the convolution keeps its weights' statistics,
      since scaling keeps zeros zero);
    - a chain of reshapes becomes one reshape, and a reshape to the same
      type disappears;
    - ops whose results are unused are erased.
    Each fold is counted in a remark when `-report` is set.
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark on every folded op">,
  ];
  let dependentDialects = ["dnn::DnnDialect"];
}

#endif // DNNOPT_TRANSFORMS_PASSES_TD

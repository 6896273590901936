//===- Passes.td - passes on the dnn dialect ---------------*- tablegen -*-===//
//
// Transformations of dnn graphs that precede mapping, and the lowering of
// mapped ops to accel loop nests.
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

def AccelLower : Pass<"accel-lower", "mlir::ModuleOp"> {
  let summary = "Materialize each op's mapping as an accel loop nest";
  let description = [{
    For every op that carries a mapping (`accel.mapping`, an
    `#accel.mapping`), writes right after the op the `accel.loop_nest` the
    mapping describes: per storage level, outermost first, the transfers
    that fill the tiles the level keeps (`accel.tile`, with their size in
    words), its temporal loops in the mapping's order, its spatial loops
    onto the fan-out below it, and the MAC at the innermost point
    (`accel.mac`). The op is named by its `accel.nest` attribute (its ONNX
    node name, else its kind and a number), which the nest repeats; the
    nest needs only the attribute and the op's workload, no arch.

    Running it again rebuilds each op's nest in place of the old one, and
    removes the nests (and the `accel.nest` names) of ops that no longer
    carry a mapping. Ops without a mapping are otherwise left alone; a
    mapping that does not fit the op's workload
    (other dims, factors that do not multiply to a bound, an unknown data
    space) is an error on the op. With `check-round-trip`, each nest is read
    back (`dnnopt::readLoopNest`) and compared with the mapping, and a
    remark says that they agree (see docs/lowering.md).
  }];
  let options = [
    Option<"checkRoundTrip", "check-round-trip", "bool", /*default=*/"false",
           "Read every nest back and check it against the op's mapping, "
           "with a remark per op">,
  ];
  let dependentDialects = ["accel::AccelDialect"];
}

#endif // DNNOPT_TRANSFORMS_PASSES_TD

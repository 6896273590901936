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

def DnnSetBatch : Pass<"dnn-set-batch", "mlir::ModuleOp"> {
  let summary = "Evaluate the model at another batch size";
  let description = [{
    Sets dim 0 of every function input whose dim 0 is the model's batch
    (`dnn.batch` on the module; without it, dim 0 of the first input of
    rank 2 or more) to `batch`, except the inputs whose shape
    `--input-shape` fixed at import (argument attribute `dnn.shape_given`),
    and carries the new batch through the graph: every op has a rule saying
    which result dim holds the batch of its operands (element-wise ops
    broadcast it, convolutions, pooling and normalizations keep dim 0, a
    transpose permutes it, a matmul or einsum keeps it on its leading or
    row dim, a reshape keeps it when the dims before it hold the same
    number of elements in the input and the output, ...). The result types
    change, and so do the attributes that hold a batch size (a slice's
    `ends`, an einsum's `bounds`); `dnn.batch` becomes `batch`.

    A rule that cannot decide is an error at that op, saying why: a reshape
    that folds the batch into another dim, an op that acts along the batch
    axis (a reduction, a softmax, a concatenation over it), a tensor whose
    size was fixed at import with the old batch in it, an opaque op, an op
    that already carries evaluation results (`accel.*`). The model must
    then be re-imported at the batch wanted
    (`dnn-translate --import-onnx --batch=N`). A batch equal to the model's
    changes nothing. The module is verified at the end.
  }];
  let options = [
    Option<"batch", "batch", "uint64_t", /*default=*/"0",
           "The batch size to set (0 keeps the model's)">,
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

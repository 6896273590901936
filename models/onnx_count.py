#!/usr/bin/python3
"""Count the MACs and weights of an ONNX model from its graph alone.

An independent check of the model zoo that does not go through dnn-opt:
shapes come from onnx.shape_inference, MACs from the textbook formulas

    Conv          N * M * prod(output spatial) * (C / group) * prod(kernel)
    Gemm, MatMul  prod(output) * K   (K: the reduced dim)

and weights are the trained parameters, i.e. the initializers that Conv,
Gemm, MatMul and BatchNormalization take as weight, bias, scale, shift,
mean or variance (small operator arguments such as Clip bounds or a Reshape
shape are not parameters). Only the tensor headers are read, so shape-only
models with external data work.

The result has the layout of dnn-translate --export-json (the fields that
can be computed here): {"ops": [{"name", "kind", "macs", "weights"}...],
"totals": {"macs", "weights", "ops"}}.

    /usr/bin/python3 models/onnx_count.py model.onnx [--per-op]
"""

import argparse
import json
import sys

import onnx
from onnx import shape_inference

PARAM_OPS = {"Conv", "Gemm", "MatMul", "BatchNormalization"}
KINDS = {"Conv": "conv", "Gemm": "matmul", "MatMul": "matmul",
         "BatchNormalization": "batch_norm"}


def _dims(value_info):
    t = value_info.type.tensor_type
    if not t.HasField("shape"):
        return None
    out = []
    for d in t.shape.dim:
        out.append(d.dim_value if d.HasField("dim_value") else None)
    return out


def _prod(xs):
    p = 1
    for x in xs:
        p *= x
    return p


def count(model, batch=None):
    """Per-op and total MACs and weights of `model` (a ModelProto). A
    symbolic batch dim counts as `batch` (default 1)."""
    # Shape inference on the graph only: external data is never loaded.
    inferred = shape_inference.infer_shapes(model, strict_mode=True)
    g = inferred.graph
    shapes = {}
    for vi in list(g.input) + list(g.value_info) + list(g.output):
        shapes[vi.name] = _dims(vi)
    inits = {t.name: list(t.dims) for t in g.initializer}
    for name, dims in inits.items():
        shapes[name] = dims

    def shape(name):
        s = shapes.get(name)
        if s is None:
            raise ValueError(f"no inferred shape for tensor '{name}'")
        return [batch or 1 if d is None else d for d in s]

    rows = []
    params_seen = set()
    total_macs = total_weights = 0
    for node in g.node:
        macs = 0
        if node.op_type == "Conv":
            x, w, y = shape(node.input[0]), shape(node.input[1]), \
                shape(node.output[0])
            # y = N x M x O..., w = M x C/group x K...: every output element
            # takes C/group * prod(K) MACs.
            macs = _prod(y) * _prod(w[1:])
        elif node.op_type == "Gemm":
            a = shape(node.input[0])
            trans_a = any(at.name == "transA" and at.i for at in node.attribute)
            k = a[0] if trans_a else a[1]
            macs = _prod(shape(node.output[0])) * k
        elif node.op_type == "MatMul":
            a = shape(node.input[0])
            macs = _prod(shape(node.output[0])) * a[-1]
        weights = 0
        if node.op_type in PARAM_OPS:
            for i, name in enumerate(node.input):
                if i >= 1 and name in inits:
                    n = _prod(inits[name])
                    weights += n
                    if name not in params_seen:
                        params_seen.add(name)
                        total_weights += n
        total_macs += macs
        rows.append({"name": node.name, "kind": KINDS.get(
            node.op_type, node.op_type.lower()), "macs": macs,
            "weights": weights})
    return {"ops": rows, "totals": {"macs": total_macs,
                                    "weights": total_weights,
                                    "ops": len(rows)}}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("--per-op", action="store_true")
    args = ap.parse_args(argv)
    # load_external_data=False: shape-only models have no weight file.
    model = onnx.load(args.model, load_external_data=False)
    stats = count(model)
    if not args.per_op:
        stats = {"totals": stats["totals"]}
    json.dump(stats, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

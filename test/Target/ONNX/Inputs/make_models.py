"""Writes the binary ONNX fixtures of the importer's bad-input tests.

Usage: make_models.py OUTDIR. Every model is tiny and built with
onnx.helper, so the tests need no checked-in binaries.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def conv_model(weight, name="model"):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 4, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 2, 2])
    node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1")
    graph = helper.make_graph([node], name, [x], [y], [weight])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def external(name, dims, location):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    n = int(np.prod(dims))
    for k, v in (("location", location), ("offset", "0"), ("length", str(4 * n))):
        e = t.external_data.add()
        e.key, e.value = k, v
    return t


def main(out):
    os.makedirs(out, exist_ok=True)
    w = numpy_helper.from_array(
        np.arange(3 * 2 * 3 * 3, dtype=np.float32).reshape(3, 2, 3, 3), "w")
    good = conv_model(w)
    data = good.SerializeToString()
    with open(os.path.join(out, "good.onnx"), "wb") as f:
        f.write(data)
    # Cut inside the weight's raw data.
    with open(os.path.join(out, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(os.path.join(out, "not-protobuf.onnx"), "wb") as f:
        f.write(b"this is a text file, not a model\n" * 4)
    open(os.path.join(out, "empty-file.onnx"), "wb").close()

    # Weights stored outside the model.
    ext = os.path.join(out, "ext")
    os.makedirs(ext, exist_ok=True)
    arr = np.zeros((3, 2, 3, 3), dtype=np.float32)
    arr[0] = 1.0  # 18 of 54 non-zero: zero fraction 2/3
    arr.tofile(os.path.join(ext, "weights.bin"))
    onnx.save(conv_model(external("w", [3, 2, 3, 3], "weights.bin")),
              os.path.join(ext, "present.onnx"))
    onnx.save(conv_model(external("w", [3, 2, 3, 3], "absent.bin")),
              os.path.join(ext, "shape-only.onnx"))
    onnx.save(conv_model(external("w", [3, 2, 3, 3], "../../secret.bin")),
              os.path.join(ext, "escape.onnx"))
    # A symbolic link inside the folder that points outside it.
    link = os.path.join(ext, "link.bin")
    if not os.path.lexists(link):
        os.symlink("/etc/hostname", link)
    onnx.save(conv_model(external("w", [3, 2, 3, 3], "link.bin")),
              os.path.join(ext, "symlink-escape.onnx"))

    # Control flow: a Loop after an unsupported op, to show it is named first.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    body = helper.make_graph([], "body", [], [])
    nodes = [
        helper.make_node("FancyOp", ["x"], ["t"], name="fancy", domain="custom.ai"),
        helper.make_node("Loop", ["", "", "t"], ["y"], name="the_loop", body=body),
    ]
    g = helper.make_graph(nodes, "cf", [x], [y])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]),
              os.path.join(out, "loop.onnx"))
    cond = helper.make_tensor_value_info("c", TensorProto.BOOL, [])
    g = helper.make_graph(
        [helper.make_node("If", ["c"], ["y"], name="branch",
                          then_branch=body, else_branch=body)],
        "cf", [cond], [y])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]),
              os.path.join(out, "if.onnx"))


if __name__ == "__main__":
    main(sys.argv[1])

# Shared fixtures of the dnnopt Python tests: the build's tools (next to the
# package in build/python/dnnopt) and a small ONNX model written with
# onnx.helper.
import os
import pathlib

import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper
import numpy as np

import dnnopt


@pytest.fixture(scope="session")
def tools_dir():
    """build/bin: the package lives in build/python/dnnopt."""
    build = pathlib.Path(dnnopt.__file__).resolve().parents[2]
    tools = build / "bin"
    assert (tools / "dnn-opt").exists(), f"no dnn-opt in {tools}"
    return tools


def make_model(width=4, batch="1"):
    """x[batch,3,8,8] -> Conv(width, 3x3, pad 1) -> Relu -> Flatten -> Gemm(10).

    MACs by hand (N M C P Q R S for the conv, M N K for the gemm):
      conv: 1*width*3*8*8*3*3 = 576*width
      gemm: 1*10*(width*8*8)  = 640*width
    """
    rng = np.random.default_rng(0)
    weights = [
        numpy_helper.from_array(
            rng.standard_normal((width, 3, 3, 3)).astype(np.float32), "w"),
        numpy_helper.from_array(np.zeros(width, np.float32), "b"),
        numpy_helper.from_array(
            rng.standard_normal((10, width * 64)).astype(np.float32), "fc_w"),
        numpy_helper.from_array(np.zeros(10, np.float32), "fc_b"),
    ]
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("Flatten", ["r"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["y"], name="fc",
                         transB=1),
    ]
    n = int(batch) if batch.isdigit() else batch
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [n, 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [n, 10])],
        weights)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


@pytest.fixture
def tiny_onnx(tmp_path):
    path = tmp_path / "tiny.onnx"
    onnx.save(make_model(), os.fspath(path))
    return path

# Tests of the Python package dnnopt (python/): import, statistics,
# evaluation and errors, in-process. Expected numbers are hand counts
# (conftest.make_model) or the command-line tools' output on the same input.
import json
import os
import re
import subprocess

import onnx
import pytest

import dnnopt
from conftest import make_model

# conftest.make_model(width=4): conv 576*4 + gemm 640*4 MACs.
TINY_CONV_MACS = 1 * 4 * 3 * 8 * 8 * 3 * 3  # N M C P Q R S = 2304
TINY_GEMM_MACS = 1 * 10 * (4 * 8 * 8)  # M N K = 2560


def test_archs_are_the_bundled_files():
    # arch/*.mlir, sorted, without the extension.
    src = os.path.join(os.path.dirname(__file__), "..", "..", "arch")
    expected = sorted(f[:-len(".mlir")] for f in os.listdir(src)
                      if f.endswith(".mlir"))
    assert dnnopt.archs() == expected
    assert "simple-ws" in dnnopt.archs()


def test_stats_counts_macs_by_hand(tiny_onnx):
    module = dnnopt.import_onnx(tiny_onnx)
    doc = dnnopt.stats(module)
    macs = {row["name"]: row["macs"] for row in doc["ops"]}
    assert macs["conv"] == TINY_CONV_MACS
    assert macs["fc"] == TINY_GEMM_MACS
    assert macs["relu"] == 0
    assert doc["totals"]["macs"] == TINY_CONV_MACS + TINY_GEMM_MACS
    # 4*3*3*3 + 4 conv weights, 10*256 + 10 gemm weights.
    assert doc["totals"]["weights"] == 108 + 4 + 2560 + 10
    assert doc["diagnostics"] == []
    # A path works as well as a module.
    assert dnnopt.stats(tiny_onnx)["totals"] == doc["totals"]


def test_text_round_trip(tiny_onnx):
    module = dnnopt.import_onnx(tiny_onnx)
    text = str(module)
    assert "dnn.conv" in text
    again = dnnopt.parse(module.text(debug_info=True))
    assert dnnopt.stats(again)["ops"] == dnnopt.stats(module)["ops"]


def evaluate_with_tools(onnx, tools_dir, tmp_path, options):
    """The JSON document dnn-translate and dnn-opt give for `onnx` under the
    dnn-evaluate `options`."""
    imported = tmp_path / "tiny.mlir"
    evaluated = tmp_path / "tiny.eval.mlir"
    exported = tmp_path / "tiny.json"
    subprocess.run([tools_dir / "dnn-translate", "--import-onnx", onnx,
                    "-o", imported], check=True)
    subprocess.run([tools_dir / "dnn-opt", imported, "--mlir-print-debuginfo",
                    "--dnn-evaluate=" + options, "-o", evaluated], check=True)
    subprocess.run([tools_dir / "dnn-translate", "--export-json", evaluated,
                    "-o", exported], check=True)
    return json.loads(exported.read_text())


def test_evaluate_matches_the_tools(tiny_onnx, tools_dir, tmp_path):
    # The same import, pipeline, seed and budget through dnn-translate and
    # dnn-opt give the same document: the mapper is deterministic per seed.
    expected = evaluate_with_tools(tiny_onnx, tools_dir, tmp_path,
                                   "arch=simple-ws budget=200 seed=1")

    result = dnnopt.evaluate(dnnopt.import_onnx(tiny_onnx), arch="simple-ws",
                             budget=200, seed=1)
    assert result["totals"] == expected["totals"]
    assert result["ops"] == expected["ops"]
    assert result["totals"]["macs"] == TINY_CONV_MACS + TINY_GEMM_MACS
    # A path gives the same, and the module given is left as it was.
    module = dnnopt.import_onnx(tiny_onnx)
    before = str(module)
    assert dnnopt.evaluate(tiny_onnx, arch="simple-ws", budget=200,
                           seed=1)["ops"] == expected["ops"]
    dnnopt.evaluate(module, arch="simple-ws", budget=200)
    assert str(module) == before


def test_evaluate_forwards_imperfect(tiny_onnx, tools_dir, tmp_path):
    # imperfect=True reaches the pipeline: the same document as dnn-opt's
    # with imperfect=true (docs/action-counts.md, "Imperfect factors").
    expected = evaluate_with_tools(tiny_onnx, tools_dir, tmp_path,
                                   "arch=simple-ws budget=200 seed=1 "
                                   "imperfect=true")
    result = dnnopt.evaluate(tiny_onnx, arch="simple-ws", budget=200, seed=1,
                             imperfect=True)
    assert result["ops"] == expected["ops"]
    assert result["totals"]["macs"] == TINY_CONV_MACS + TINY_GEMM_MACS


def test_evaluation_costs_every_op(tiny_onnx):
    result = dnnopt.evaluate(tiny_onnx, arch="simple-ws", budget=200)
    rows = {row["name"]: row for row in result["ops"]}
    for name in ("conv", "fc"):
        assert rows[name]["energy_pJ"] > 0
        assert rows[name]["cycles"] > 0
    # totals sum the rows (docs/json-schema.md, analysis keys).
    assert result["totals"]["energy_pJ"] == pytest.approx(
        sum(row.get("energy_pJ", 0) for row in result["ops"]))
    # The arch's symbol in arch/simple-ws.mlir.
    assert result["totals"]["arch"]["name"] == "simple_ws"


def test_batch_two_doubles_macs(tiny_onnx):
    # Every MAC workload has the batch as a factor (N, or M of the gemm).
    one = dnnopt.evaluate(tiny_onnx, arch="simple-ws", budget=200)
    two = dnnopt.evaluate(tiny_onnx, arch="simple-ws", budget=200, batch=2)
    assert two["totals"]["macs"] == 2 * one["totals"]["macs"]
    assert two["totals"]["macs"] == 2 * (TINY_CONV_MACS + TINY_GEMM_MACS)


def test_dynamic_batch_import(tmp_path):
    path = tmp_path / "dynamic.onnx"
    onnx.save(make_model(batch="N"), os.fspath(path))
    with pytest.raises(dnnopt.Error):
        dnnopt.import_onnx(path)
    two = dnnopt.import_onnx(path, batch=2)
    assert dnnopt.stats(two)["totals"]["macs"] == 2 * (TINY_CONV_MACS +
                                                      TINY_GEMM_MACS)
    three = dnnopt.import_onnx(path, input_shapes={"x": [3, 3, 8, 8]})
    assert dnnopt.stats(three)["totals"]["macs"] == 3 * (TINY_CONV_MACS +
                                                        TINY_GEMM_MACS)


SHRINK_ONNXTEXT = """<
  ir_version: 8,
  opset_import: ["" : 13]
>
g (float[1, 4, 8] x) => (float[1, 4, 8] y) {
  s = Shrink<lambd = 0.5>(x)
  y = Relu(s)
}
"""


def test_unsupported_op_error_and_warning(tmp_path):
    # Shrink has no dnn op (test/Target/ONNX/errors/unsupported-op.onnxtext).
    path = tmp_path / "shrink.onnxtext"
    path.write_text(SHRINK_ONNXTEXT)
    with pytest.raises(dnnopt.Error) as error:
        dnnopt.import_onnx(path)
    assert re.search(r"shrink\.onnxtext: 'Shrink\(s\)': error: .*"
                     r"unsupported operator 'Shrink'", str(error.value))
    module = dnnopt.import_onnx(path, allow_unsupported=True)
    assert dnnopt.stats(module)["totals"]["unmodeled_ops"] == 1
    # The evaluation's warning comes back in the result, not on stderr.
    result = dnnopt.evaluate(module, arch="simple-ws", budget=200)
    warnings = [d for d in result["diagnostics"] if "warning:" in d]
    assert len(warnings) == 1
    assert "'Shrink(s)': warning: not modeled" in warnings[0]


def test_concurrent_evaluations_match(tiny_onnx):
    # evaluate releases the GIL; threads on one module and on paths give
    # the sequential result.
    import threading
    module = dnnopt.import_onnx(tiny_onnx)
    expected = dnnopt.evaluate(module, arch="simple-ws", budget=200)
    results = [None] * 4

    def work(i):
        given = module if i % 2 else tiny_onnx
        results[i] = dnnopt.evaluate(given, arch="simple-ws", budget=200)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for result in results:
        assert result["ops"] == expected["ops"]
        assert result["totals"] == expected["totals"]


def test_truncated_onnx_raises(tiny_onnx, tmp_path):
    data = tiny_onnx.read_bytes()
    truncated = tmp_path / "truncated.onnx"
    truncated.write_bytes(data[:len(data) // 2])
    with pytest.raises(dnnopt.Error) as error:
        dnnopt.import_onnx(truncated)
    message = str(error.value)
    assert "truncated.onnx" in message
    assert "error:" in message


def test_unknown_arch_raises(tiny_onnx):
    with pytest.raises(dnnopt.Error) as error:
        dnnopt.evaluate(tiny_onnx, arch="no-such-arch", budget=200)
    message = str(error.value)
    assert "no-such-arch" in message
    # The message lists the bundled names.
    assert "simple-ws" in message


def test_bad_arguments_raise_with_their_reason(tiny_onnx, tmp_path):
    # Each refused argument names itself and the value given.
    cases = [
        (lambda: dnnopt.import_onnx(tiny_onnx, batch=0),
         "batch must be positive, got 0"),
        (lambda: dnnopt.evaluate(tiny_onnx, batch=-2, budget=200),
         "batch must be positive, got -2"),
        (lambda: dnnopt.evaluate(tiny_onnx, budget=0),
         "budget must be positive"),
        (lambda: dnnopt.evaluate(tiny_onnx, arch="a}b", budget=200),
         "option arch cannot hold"),
        (lambda: dnnopt.evaluate(tmp_path / "missing.mlir", budget=200),
         "missing.mlir"),
    ]
    for call, reason in cases:
        with pytest.raises(dnnopt.Error) as error:
            call()
        assert reason in str(error.value)


def test_parse_error_has_a_location():
    with pytest.raises(dnnopt.Error) as error:
        dnnopt.parse("module {\n  func.func @f( {\n}\n")
    assert re.search(r"<string>:2:\d+: error:", str(error.value))


def test_netadapt_example_in_the_docs():
    # docs/python.md's loop, run as written.
    docs = os.path.join(os.path.dirname(__file__), "..", "..", "docs",
                        "python.md")
    with open(docs) as f:
        blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
    assert blocks
    namespace = {}
    exec(blocks[0], namespace)
    assert len(namespace["results"]) == 2

"""dnn-opt from Python: import a model, count it, cost it on an accelerator.

Everything runs in-process over dnn-opt's C++ API (the `_dnnopt` extension):

    import dnnopt
    model = dnnopt.import_onnx("model.onnx", input_shapes={"x": [1, 3, 224, 224]})
    dnnopt.stats(model)["totals"]["macs"]
    result = dnnopt.evaluate(model, arch="eyeriss-like", budget=2000)

`stats` and `evaluate` return the statistics document that
`dnn-translate --export-json` writes (docs/json-schema.md) as a dict, plus
`diagnostics`: the warnings (and remarks) of the run, as
`location: severity: message` strings. Errors raise `dnnopt.Error` with the
diagnostics' text. See docs/python.md.
"""

from ._dnnopt import Error, Module, archs, evaluate, import_onnx, parse, stats

for _name in ("Error", "Module"):
    globals()[_name].__module__ = __name__

__all__ = ["Error", "Module", "archs", "evaluate", "import_onnx", "parse",
           "stats"]

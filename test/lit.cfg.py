# lit configuration of the main test suite. It needs nothing outside the
# repository: reference checks that read ../shared/reference live in
# test-reference/ and form a suite of their own.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "dnn-opt"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtext", ".test", ".yaml"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dnnopt_obj_root, "test")

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.dnnopt_tools_dir, append_path=True)
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%src_root", config.dnnopt_src_root))
config.substitutions.append(("%obj_root", config.dnnopt_obj_root))
llvm_config.add_tool_substitutions(
    [ToolSubst("dnn-opt", unresolved="fatal"),
     ToolSubst("dnn-translate", unresolved="fatal")],
    [config.dnnopt_tools_dir])

# ONNX's test models (Debian's libonnx-testdata), for the importer sweep.
if os.path.isdir("/usr/share/libonnx-testdata/data"):
    config.available_features.add("onnx-testdata")

# Headless Chromium (Debian's chromium), for the browser test of the HTML
# report.
if os.path.exists("/usr/bin/chromium"):
    config.available_features.add("chromium")

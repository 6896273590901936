# lit configuration of the reference suite: tests that read the reference
# data in ${repo}/../shared/reference (where CI has it). Without that folder
# every test here is unsupported; the main suite (test/) never reads it.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "dnn-opt-reference"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dnnopt_obj_root, "test-reference")

reference = os.path.normpath(
    os.path.join(config.dnnopt_src_root, "..", "shared", "reference"))
if not os.path.isdir(reference):
    config.unsupported = True

llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.dnnopt_tools_dir, append_path=True)
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%src_root", config.dnnopt_src_root))
config.substitutions.append(("%reference", reference))
llvm_config.add_tool_substitutions(
    [ToolSubst("dnn-opt", unresolved="fatal"),
     ToolSubst("dnn-translate", unresolved="fatal")],
    [config.dnnopt_tools_dir])

//===- DnnOptModule.cpp - the _dnnopt Python extension --------------------===//
//
// pybind11 bindings over the C++ API, so that a Python loop (NetAdapt,
// pruning) can import a model and ask for its statistics, energy and latency
// in-process: the ONNX importer (lib/Target/ONNX), the registered dnn-evaluate
// pipeline (lib/Pipelines) and the statistics document of --export-json
// (lib/Target/JSON), returned as Python objects. Diagnostics are collected,
// never printed: errors raise dnnopt.Error with their text and location,
// warnings come back in the result's "diagnostics" list.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Arch/BundledArchs.h"
#include "dnnopt/InitAll.h"
#include "dnnopt/Support/Diagnostics.h"
#include "dnnopt/Target/JSON/ExportJSON.h"
#include "dnnopt/Target/ONNX/ImportONNX.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace mlir;
using dnnopt::getSeverityName;
using dnnopt::printLocation;

namespace {

/// The C++ side of dnnopt.Error.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One MLIR context with every dialect of the project. Each Module owns its
/// own, so that modules built in a long loop do not pile up in one context
/// and concurrent evaluations do not share a diagnostic handler; the mutex
/// serializes the evaluations of one module.
struct Context {
  Context() {
    DialectRegistry registry;
    dnnopt::registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
    // A failing pass would attach the whole module to its error.
    context.printOpOnDiagnostic(false);
  }
  MLIRContext context;
  std::mutex mutex;
};

/// A module and the context it lives in (destroyed before the context).
struct Module {
  std::shared_ptr<Context> context;
  OwningOpRef<ModuleOp> module;
};

/// Registers the passes and pipelines once per process.
void registerPassesOnce() {
  static std::once_flag once;
  std::call_once(once, [] { dnnopt::registerAllPasses(); });
}

/// Collects every diagnostic of a context, formatted as
/// `location: severity: message` (notes follow their diagnostic), while it
/// lives. The engine calls the handler under its own lock.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context)
      : handler(&context, [this](Diagnostic &diag) {
          add(diag);
          return success();
        }) {}

  /// Every diagnostic, in order.
  const std::vector<std::string> &messages() const { return all; }

  /// The text of a failure: every error (and its notes), else everything.
  std::string failureText(StringRef fallback) const {
    std::string text;
    for (const std::string &message : errors)
      text += (text.empty() ? "" : "\n") + message;
    if (text.empty())
      for (const std::string &message : all)
        text += (text.empty() ? "" : "\n") + message;
    return text.empty() ? fallback.str() : text;
  }

private:
  void add(Diagnostic &diag) {
    std::string message;
    llvm::raw_string_ostream os(message);
    format(diag, os);
    for (Diagnostic &note : diag.getNotes()) {
      os << "\n";
      format(note, os);
    }
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      errors.push_back(message);
    all.push_back(std::move(message));
  }

  static void format(Diagnostic &diag, llvm::raw_ostream &os) {
    std::string location;
    llvm::raw_string_ostream locationOS(location);
    printLocation(diag.getLocation(), locationOS);
    if (!location.empty())
      os << location << " ";
    os << getSeverityName(diag.getSeverity()) << ": " << diag;
  }

  std::vector<std::string> all;
  std::vector<std::string> errors;
  ScopedDiagnosticHandler handler;
};

/// `os.fspath(path)` for a str or an os.PathLike.
std::string toPath(const py::object &path) {
  return py::module_::import("os").attr("fspath")(path).cast<std::string>();
}

/// Converts a JSON value into Python objects (object keys sorted, as
/// llvm::json prints them).
py::object toPython(const llvm::json::Value &value) {
  switch (value.kind()) {
  case llvm::json::Value::Null:
    return py::none();
  case llvm::json::Value::Boolean:
    return py::bool_(*value.getAsBoolean());
  case llvm::json::Value::Number:
    if (std::optional<int64_t> i = value.getAsInteger())
      return py::int_(*i);
    if (std::optional<uint64_t> u = value.getAsUINT64())
      return py::int_(*u);
    return py::float_(*value.getAsNumber());
  case llvm::json::Value::String:
    return py::str(value.getAsString()->str());
  case llvm::json::Value::Array: {
    py::list list;
    for (const llvm::json::Value &element : *value.getAsArray())
      list.append(toPython(element));
    return std::move(list);
  }
  case llvm::json::Value::Object: {
    const llvm::json::Object &object = *value.getAsObject();
    std::vector<const llvm::json::ObjectKey *> keys;
    for (const auto &entry : object)
      keys.push_back(&entry.first);
    llvm::sort(keys, [](const llvm::json::ObjectKey *a,
                        const llvm::json::ObjectKey *b) { return *a < *b; });
    py::dict dict;
    for (const llvm::json::ObjectKey *key : keys)
      dict[py::str(key->str())] = toPython(*object.get(*key));
    return std::move(dict);
  }
  }
  return py::none();
}

/// Imports an ONNX model (`.onnxtext`: ONNX's text format) into a new
/// context. Runs without the GIL.
Module importONNX(const std::string &path,
                  const std::vector<std::string> &inputShapes, int64_t batch,
                  bool allowUnsupported) {
  Module result{std::make_shared<Context>(), nullptr};
  {
    py::gil_scoped_release release;
    DiagnosticCollector diagnostics(result.context->context);
    dnnopt::ImportOptions options;
    options.inputShapes.assign(inputShapes.begin(), inputShapes.end());
    options.batch = batch;
    options.allowUnsupported = allowUnsupported;
    options.textFormat = StringRef(path).ends_with(".onnxtext");
    result.module = dnnopt::importONNX(path, options, &result.context->context);
    if (!result.module)
      throw Error(diagnostics.failureText("cannot import " + path));
  }
  return result;
}

/// Parses MLIR text (from `sourceName`, for locations) into a new context.
Module parseMLIR(const std::string &text, const std::string &sourceName) {
  Module result{std::make_shared<Context>(), nullptr};
  DiagnosticCollector diagnostics(result.context->context);
  ParserConfig config(&result.context->context);
  result.module = parseSourceString<ModuleOp>(text, config, sourceName);
  if (!result.module)
    throw Error(diagnostics.failureText("cannot parse " + sourceName));
  return result;
}

/// A model given as a Module, or the path of an ONNX (.onnx, .onnxtext) or
/// MLIR file.
Module loadModel(const py::object &moduleOrPath, int64_t batch) {
  if (py::isinstance<Module>(moduleOrPath)) {
    Module &given = moduleOrPath.cast<Module &>();
    std::lock_guard<std::mutex> lock(given.context->mutex);
    return Module{given.context, OwningOpRef<ModuleOp>(given.module->clone())};
  }
  std::string path = toPath(moduleOrPath);
  StringRef ref(path);
  if (!ref.ends_with(".mlir"))
    return importONNX(path, {}, batch, /*allowUnsupported=*/false);
  std::string error;
  auto file = openInputFile(path, &error);
  if (!file)
    throw Error(path + ": " + error);
  return parseMLIR(file->getBuffer().str(), path);
}

/// A pipeline option `key=value`; a string value is quoted when it holds
/// what would end it.
void addOption(std::string &options, StringRef key, StringRef value) {
  if (value.empty())
    return;
  if (value.contains('"') || value.contains('}'))
    throw Error(("option " + key + " cannot hold '\"' or '}': " + value).str());
  options += " " + key.str() + "=";
  if (value.find_first_of(" {'") != StringRef::npos)
    options += "\"" + value.str() + "\"";
  else
    options += value.str();
}

py::dict statistics(ModuleOp module,
                    const std::vector<std::string> &diagnostics) {
  llvm::json::Value doc = dnnopt::buildStatsJSON(module);
  py::dict result = toPython(doc).cast<py::dict>();
  py::list list;
  for (const std::string &message : diagnostics)
    list.append(py::str(message));
  result["diagnostics"] = list;
  return result;
}

py::dict evaluate(const py::object &moduleOrPath, const std::string &arch,
                  const std::string &objective, std::optional<int64_t> batch,
                  uint64_t budget, uint64_t seed, const std::string &dataflow,
                  const std::optional<py::object> &constraints,
                  const std::optional<std::string> &accuracy,
                  std::optional<double> timeoutS, bool imperfect) {
  if (batch && *batch <= 0)
    throw Error("batch must be positive, got " + std::to_string(*batch));
  if (budget == 0)
    throw Error("budget must be positive");
  registerPassesOnce();
  Module model = loadModel(moduleOrPath, batch.value_or(0));

  std::string options;
  addOption(options, "arch", arch);
  addOption(options, "objective", objective);
  addOption(options, "dataflow", dataflow);
  if (constraints && !constraints->is_none())
    addOption(options, "constraints", toPath(*constraints));
  if (accuracy)
    addOption(options, "accuracy", *accuracy);
  addOption(options, "budget", std::to_string(budget));
  addOption(options, "seed", std::to_string(seed));
  if (batch)
    addOption(options, "batch", std::to_string(*batch));
  if (timeoutS)
    addOption(options, "timeout", std::to_string(*timeoutS));
  if (imperfect)
    addOption(options, "imperfect", "true");
  // The pass list itself: a "builtin.module(...)" wrapper would nest.
  std::string pipeline = "dnn-evaluate{" + options + "}";

  std::vector<std::string> messages;
  {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(model.context->mutex);
    MLIRContext &context = model.context->context;
    DiagnosticCollector diagnostics(context);
    PassManager pm(&context, ModuleOp::getOperationName());
    std::string parseError;
    llvm::raw_string_ostream parseErrorOS(parseError);
    if (failed(parsePassPipeline(pipeline, pm, parseErrorOS)))
      throw Error("bad evaluation options (" + pipeline + "): " + parseError);
    if (failed(pm.run(*model.module)))
      throw Error(diagnostics.failureText("evaluation failed"));
    messages = diagnostics.messages();
  }
  return statistics(*model.module, messages);
}

} // namespace

PYBIND11_MODULE(_dnnopt, m) {
  m.doc() = "dnn-opt's C++ API: import, statistics, evaluation";
  py::register_exception<Error>(m, "Error");

  py::class_<Module>(m, "Module", "A model in the dnn dialect (an MLIR module)")
      .def("__str__",
           [](Module &self) {
             std::string text;
             llvm::raw_string_ostream os(text);
             self.module->print(os);
             return text;
           })
      .def(
          "text",
          [](Module &self, bool debugInfo) {
            std::string text;
            llvm::raw_string_ostream os(text);
            OpPrintingFlags flags;
            if (debugInfo)
              flags.enableDebugInfo();
            self.module->print(os, flags);
            return text;
          },
          py::arg("debug_info") = false,
          "The MLIR text; with debug_info, the locations (ONNX node names) "
          "too, as dnn-translate --import-onnx writes it");

  m.def(
      "import_onnx",
      [](const py::object &path, std::optional<py::object> inputShapes,
         std::optional<int64_t> batch, bool allowUnsupported) {
        std::vector<std::string> shapes;
        if (inputShapes && !inputShapes->is_none()) {
          if (py::isinstance<py::dict>(*inputShapes)) {
            // {"input": [1, 3, 224, 224]} or {"input": "1x3x224x224"}
            for (auto [name, shape] : inputShapes->cast<py::dict>()) {
              std::string dims;
              if (py::isinstance<py::str>(shape)) {
                dims = shape.cast<std::string>();
              } else {
                for (py::handle dim : shape)
                  dims += (dims.empty() ? "" : "x") +
                          std::to_string(dim.cast<int64_t>());
              }
              shapes.push_back(name.cast<std::string>() + ":" + dims);
            }
          } else {
            shapes = inputShapes->cast<std::vector<std::string>>();
          }
        }
        if (batch && *batch <= 0)
          throw Error("batch must be positive, got " + std::to_string(*batch));
        return importONNX(toPath(path), shapes, batch.value_or(0),
                          allowUnsupported);
      },
      py::arg("path"), py::arg("input_shapes") = py::none(),
      py::arg("batch") = py::none(), py::arg("allow_unsupported") = false,
      "Imports an ONNX model (.onnxtext: ONNX's text format) as "
      "dnn-translate --import-onnx does. input_shapes: {name: [dims]} or "
      "['name:1x3x224x224']; batch sizes a dynamic first dim; "
      "allow_unsupported imports unknown operators as dnn.opaque.");

  m.def(
      "parse",
      [](const std::string &text) { return parseMLIR(text, "<string>"); },
      py::arg("text"), "Parses MLIR text into a Module.");

  m.def(
      "stats",
      [](const py::object &moduleOrPath) {
        Module model = loadModel(moduleOrPath, 0);
        std::lock_guard<std::mutex> lock(model.context->mutex);
        return statistics(*model.module, {});
      },
      py::arg("module"),
      "The statistics document of dnn-translate --export-json "
      "(docs/json-schema.md) of a Module or a model file, as a dict.");

  m.def("evaluate", &evaluate, py::arg("module"),
        py::arg("arch") = "eyeriss-like", py::arg("objective") = "edp",
        py::arg("batch") = py::none(), py::arg("budget") = 50000,
        py::arg("seed") = 1, py::arg("dataflow") = "any",
        py::arg("constraints") = py::none(), py::arg("accuracy") = py::none(),
        py::arg("timeout") = py::none(), py::arg("imperfect") = false,
        "Runs the dnn-evaluate pipeline (its options as keywords) on a copy "
        "of a Module, or on a model file, without the GIL, and returns the "
        "statistics document with energy, latency and per-level counts as a "
        "dict; "
        "'diagnostics' lists the run's warnings and remarks.");

  m.def(
      "archs",
      [] {
        std::vector<std::string> names;
        for (StringRef name : dnnopt::getBundledArchNames())
          names.push_back(name.str());
        return names;
      },
      "Names of the bundled architectures (arch/*.mlir).");
}

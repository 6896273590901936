//===- ImportONNX.cpp - ONNX model to the dnn dialect ---------------------===//
//
// Reads an ONNX ModelProto (binary, streamed from the file; or ONNX's text
// format) and builds a func.func of dnn ops:
//  - control flow is refused first, then the graph is sorted (cycles and
//    dangling inputs are errors naming the node);
//  - shape subgraphs (Shape, Gather, Concat, Cast, Slice, ...) are folded on
//    small known tensors; Identity and Dropout disappear;
//  - every other node becomes one dnn op whose result shape is computed here
//    from ONNX's rules (the dnn verifiers check them again);
//  - weights become dnn.weight ops carrying shape, element type and fraction
//    of zeros; their data is dropped as soon as the statistics are known, so
//    the process never holds more than the one copy protobuf parsed.
// ONNX and protobuf code may throw: this file is built with exceptions and
// catches them at its boundary.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Target/ONNX/ImportONNX.h"
#include "dnn/DnnOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>
#include <onnx/defs/parser.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <fstream>
#include <functional>
#include <optional>
#include <queue>

using namespace mlir;
using namespace dnnopt;

namespace {

using Shape = SmallVector<int64_t, 4>;

/// Values of a small tensor known at import time (shapes, axes, scalars).
struct Known {
  Shape shape;
  bool isInt = true;
  SmallVector<int64_t> ints;
  SmallVector<double> floats;

  int64_t size() const { return isInt ? ints.size() : floats.size(); }
  double getF(int64_t i) const { return isInt ? (double)ints[i] : floats[i]; }
  int64_t getI(int64_t i) const { return isInt ? ints[i] : (int64_t)floats[i]; }
  static Known ofInts(Shape shape, SmallVector<int64_t> v) {
    Known k;
    k.shape = std::move(shape);
    k.ints = std::move(v);
    return k;
  }
  static Known ofFloats(Shape shape, SmallVector<double> v) {
    Known k;
    k.shape = std::move(shape);
    k.isInt = false;
    k.floats = std::move(v);
    return k;
  }
};

/// What the importer knows of one ONNX value.
struct Val {
  Shape shape;
  int32_t dtype = onnx::TensorProto::FLOAT;
  /// The IR value, created on first use for weights and constants.
  Value value;
  std::optional<Known> known;
  /// A trained parameter (initializer, large Constant, or a reshaped or
  /// transposed view of one).
  bool isWeight = false;
  std::string weightName;
  std::optional<double> zeroFraction;
};

/// Largest tensor whose values the importer keeps for folding.
constexpr int64_t kMaxKnownElements = 4096;
/// A Constant node up to this size is a dnn.constant, above a dnn.weight.
constexpr int64_t kMaxConstantElements = 16;

int64_t product(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(shape, os);
  os << "]";
  return s;
}

/// Numpy broadcasting of two static shapes.
std::optional<Shape> broadcast(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

/// Strides of a row-major shape.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int i = (int)shape.size() - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Flat index in `from` (broadcast to `to`) of flat index `idx` in `to`.
int64_t broadcastIndex(int64_t idx, ArrayRef<int64_t> to,
                       ArrayRef<int64_t> from) {
  SmallVector<int64_t> ts = stridesOf(to), fs = stridesOf(from);
  int64_t off = to.size() - from.size(), result = 0;
  for (size_t i = 0; i < to.size(); ++i) {
    int64_t coord = (idx / ts[i]) % to[i];
    if ((int64_t)i >= off && from[i - off] != 1)
      result += coord * fs[i - off];
  }
  return result;
}

unsigned elementBytes(int32_t dtype) {
  switch (dtype) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT32:
    return 4;
  case onnx::TensorProto::DOUBLE:
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT64:
    return 8;
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::UINT16:
    return 2;
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

bool isIntType(int32_t dtype) {
  return dtype != onnx::TensorProto::FLOAT &&
         dtype != onnx::TensorProto::DOUBLE &&
         dtype != onnx::TensorProto::FLOAT16 &&
         dtype != onnx::TensorProto::BFLOAT16;
}

/// Counts zero elements of little-endian raw data.
int64_t countZeros(const char *data, size_t bytes, int32_t dtype) {
  unsigned eb = elementBytes(dtype);
  int64_t zeros = 0;
  size_t n = eb ? bytes / eb : 0;
  switch (dtype) {
  case onnx::TensorProto::FLOAT:
    for (size_t i = 0; i < n; ++i) {
      uint32_t v;
      std::memcpy(&v, data + 4 * i, 4);
      zeros += (v & 0x7fffffffu) == 0;
    }
    return zeros;
  case onnx::TensorProto::DOUBLE:
    for (size_t i = 0; i < n; ++i) {
      uint64_t v;
      std::memcpy(&v, data + 8 * i, 8);
      zeros += (v & 0x7fffffffffffffffull) == 0;
    }
    return zeros;
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
    for (size_t i = 0; i < n; ++i) {
      uint16_t v;
      std::memcpy(&v, data + 2 * i, 2);
      zeros += (v & 0x7fffu) == 0;
    }
    return zeros;
  default:
    for (size_t i = 0; i < n; ++i) {
      bool zero = true;
      for (unsigned b = 0; b < eb && zero; ++b)
        zero = data[eb * i + b] == 0;
      zeros += zero;
    }
    return zeros;
  }
}

/// Reads one little-endian element of raw data as a double or an integer.
double rawToDouble(const char *p, int32_t dtype) {
  switch (dtype) {
  case onnx::TensorProto::FLOAT: {
    float f;
    std::memcpy(&f, p, 4);
    return f;
  }
  case onnx::TensorProto::DOUBLE: {
    double d;
    std::memcpy(&d, p, 8);
    return d;
  }
  default:
    return 0;
  }
}
int64_t rawToInt(const char *p, int32_t dtype) {
  switch (dtype) {
  case onnx::TensorProto::INT64: {
    int64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  case onnx::TensorProto::UINT64: {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return (int64_t)v;
  }
  case onnx::TensorProto::INT32: {
    int32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  case onnx::TensorProto::UINT32: {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  case onnx::TensorProto::INT16: {
    int16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }
  case onnx::TensorProto::UINT16: {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }
  case onnx::TensorProto::INT8:
    return (int8_t)*p;
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    return (uint8_t)*p;
  default:
    return 0;
  }
}

//===----------------------------------------------------------------------===//
// Streaming reader
//===----------------------------------------------------------------------===//

/// What the streaming reader learned of a large initializer whose data it
/// did not keep.
struct StreamedStats {
  int64_t zeros = 0;
  int64_t bytes = 0;
};

using google::protobuf::io::CodedInputStream;
using google::protobuf::io::CodedOutputStream;
using google::protobuf::io::StringOutputStream;
using WFL = google::protobuf::internal::WireFormatLite;

/// Data of at most this many bytes is kept (for folding small tensors).
constexpr int64_t kMaxKeptBytes = 8 * kMaxKnownElements;

/// Reads a TensorProto of `limit` bytes, keeping every field but a large
/// raw_data, whose zero elements are counted while it streams past.
bool streamTensor(CodedInputStream &in, onnx::TensorProto &tensor,
                  StreamedStats &stats, bool &streamed) {
  std::string rest;
  int32_t dtype = 0;
  {
    StringOutputStream restStream(&rest);
    CodedOutputStream out(&restStream);
    while (uint32_t tag = in.ReadTag()) {
      int field = WFL::GetTagFieldNumber(tag);
      if (field == onnx::TensorProto::kRawDataFieldNumber &&
          WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED) {
        uint32_t length;
        if (!in.ReadVarint32(&length))
          return false;
        if ((int64_t)length <= kMaxKeptBytes) {
          std::string data;
          if (!in.ReadString(&data, length))
            return false;
          out.WriteTag(tag);
          out.WriteVarint32(length);
          out.WriteString(data);
          continue;
        }
        // The data type precedes raw_data in every serializer we know; when
        // it does not, count whole zero words of 4 bytes.
        unsigned eb = elementBytes(dtype);
        int32_t countAs = eb ? dtype : (int32_t)onnx::TensorProto::INT32;
        unsigned step = eb ? eb : 4;
        std::vector<char> buf(1 << 20);
        uint32_t left = length;
        while (left > 0) {
          uint32_t n = std::min<uint32_t>(left, buf.size());
          if (!in.ReadRaw(buf.data(), n))
            return false;
          stats.zeros += countZeros(buf.data(), n - n % step, countAs);
          left -= n;
        }
        stats.bytes = length;
        streamed = true;
        continue;
      }
      if (field == onnx::TensorProto::kDataTypeFieldNumber &&
          WFL::GetTagWireType(tag) == WFL::WIRETYPE_VARINT) {
        uint32_t v;
        if (!in.ReadVarint32(&v))
          return false;
        dtype = v;
        out.WriteTag(tag);
        out.WriteVarint32(v);
        continue;
      }
      if (!WFL::SkipField(&in, tag, &out))
        return false;
    }
  }
  return tensor.ParseFromString(rest);
}

/// Reads a GraphProto, streaming its initializers through streamTensor.
bool streamGraph(CodedInputStream &in, onnx::GraphProto &graph,
                 llvm::StringMap<StreamedStats> &streamedStats) {
  std::string rest;
  std::vector<onnx::TensorProto> initializers;
  {
    StringOutputStream restStream(&rest);
    CodedOutputStream out(&restStream);
    while (uint32_t tag = in.ReadTag()) {
      if (WFL::GetTagFieldNumber(tag) ==
              onnx::GraphProto::kInitializerFieldNumber &&
          WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED) {
        uint32_t length;
        if (!in.ReadVarint32(&length))
          return false;
        auto limit = in.PushLimit(length);
        onnx::TensorProto t;
        StreamedStats stats;
        bool streamed = false;
        if (!streamTensor(in, t, stats, streamed) ||
            !in.ConsumedEntireMessage())
          return false;
        in.PopLimit(limit);
        if (streamed)
          streamedStats[t.name()] = stats;
        initializers.push_back(std::move(t));
        continue;
      }
      if (!WFL::SkipField(&in, tag, &out))
        return false;
    }
  }
  if (!graph.ParseFromString(rest))
    return false;
  for (onnx::TensorProto &t : initializers)
    graph.add_initializer()->Swap(&t);
  return true;
}

/// Reads a ModelProto from a file descriptor without ever holding a large
/// initializer's data: statistics are computed while it streams past.
bool streamModel(int fd, onnx::ModelProto &model,
                 llvm::StringMap<StreamedStats> &streamedStats) {
  google::protobuf::io::FileInputStream raw(fd);
  CodedInputStream in(&raw);
  in.SetTotalBytesLimit(INT_MAX);
  std::string rest;
  onnx::GraphProto graph;
  bool sawGraph = false;
  {
    StringOutputStream restStream(&rest);
    CodedOutputStream out(&restStream);
    while (uint32_t tag = in.ReadTag()) {
      if (WFL::GetTagFieldNumber(tag) == onnx::ModelProto::kGraphFieldNumber &&
          WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED &&
          !sawGraph) {
        uint32_t length;
        if (!in.ReadVarint32(&length))
          return false;
        auto limit = in.PushLimit(length);
        if (!streamGraph(in, graph, streamedStats) ||
            !in.ConsumedEntireMessage())
          return false;
        in.PopLimit(limit);
        sawGraph = true;
        continue;
      }
      if (!WFL::SkipField(&in, tag, &out))
        return false;
    }
    if (!in.ConsumedEntireMessage())
      return false;
  }
  if (!model.ParseFromString(rest))
    return false;
  if (sawGraph)
    model.mutable_graph()->Swap(&graph);
  return true;
}

//===----------------------------------------------------------------------===//
// The importer
//===----------------------------------------------------------------------===//

class Importer {
public:
  Importer(StringRef path, const ImportOptions &options, MLIRContext *ctx)
      : path(path.str()), options(options), ctx(ctx), builder(ctx) {
    fileLoc = FileLineColLoc::get(ctx, path, 0, 0);
  }

  OwningOpRef<ModuleOp> run();

private:
  // Reading and checking the model.
  LogicalResult readModel();
  LogicalResult checkControlFlow(const onnx::GraphProto &graph);
  LogicalResult sortNodes(SmallVectorImpl<const onnx::NodeProto *> &order);
  LogicalResult addInitializer(onnx::TensorProto &tensor);
  LogicalResult addGraphInput(const onnx::ValueInfoProto &input,
                              ArrayRef<int64_t> userShape, bool hasUserShape);
  LogicalResult readExternalStats(const onnx::TensorProto &tensor, Val &val,
                                  Location loc);
  LogicalResult readKnown(const onnx::TensorProto &tensor, Val &val,
                          Location loc);

  // Nodes.
  LogicalResult importNode(const onnx::NodeProto &node);
  Location nodeLoc(const onnx::NodeProto &node);
  InFlightDiagnostic nodeError(const onnx::NodeProto &node);

  // Values.
  Val *lookup(const onnx::NodeProto &node, unsigned i);
  bool hasInput(const onnx::NodeProto &node, unsigned i) {
    return (int)i < node.input_size() && !node.input(i).empty();
  }
  FailureOr<Value> materialize(const onnx::NodeProto &node, unsigned i);
  Value materialize(Val &val, StringRef name, Location loc);
  Type elementType(int32_t dtype);
  RankedTensorType tensorType(ArrayRef<int64_t> shape, int32_t dtype) {
    return RankedTensorType::get(shape, elementType(dtype));
  }
  void setOutput(const onnx::NodeProto &node, unsigned i, Value v,
                 int32_t dtype);
  void setKnown(const onnx::NodeProto &node, unsigned i, Known k,
                int32_t dtype);

  // Attributes.
  const onnx::AttributeProto *attr(const onnx::NodeProto &node, StringRef name);
  int64_t getInt(const onnx::NodeProto &node, StringRef name, int64_t def);
  double getFloat(const onnx::NodeProto &node, StringRef name, double def);
  std::string getString(const onnx::NodeProto &node, StringRef name,
                        StringRef def);
  std::optional<SmallVector<int64_t>> getInts(const onnx::NodeProto &node,
                                              StringRef name);
  /// Integer list given as attribute (older opsets) or as a known input.
  FailureOr<std::optional<SmallVector<int64_t>>>
  getIntsAttrOrInput(const onnx::NodeProto &node, StringRef name,
                     unsigned input);
  FailureOr<int64_t> normalizeAxis(const onnx::NodeProto &node, int64_t axis,
                                   int64_t rank);

  // Folding of small known tensors.
  LogicalResult tryFold(const onnx::NodeProto &node, bool &folded);
  /// Operators on weights (reshape, transpose, ...) give a weight.
  LogicalResult tryDeriveWeight(const onnx::NodeProto &node, bool &derived);

  // Per-operator conversion.
  LogicalResult importConv(const onnx::NodeProto &node, StringRef quant);
  LogicalResult importConvTranspose(const onnx::NodeProto &node);
  LogicalResult importMatMul(const onnx::NodeProto &node, StringRef quant);
  LogicalResult importGemm(const onnx::NodeProto &node);
  LogicalResult importPool(const onnx::NodeProto &node, dnn::PoolKind kind,
                           bool global);
  LogicalResult importUnary(const onnx::NodeProto &node, dnn::UnaryKind kind);
  LogicalResult importBinary(const onnx::NodeProto &node, dnn::BinaryKind kind);
  LogicalResult importClip(const onnx::NodeProto &node);
  LogicalResult importReduce(const onnx::NodeProto &node, dnn::ReduceKind kind);
  LogicalResult importArgReduce(const onnx::NodeProto &node,
                                dnn::ReduceKind kind);
  LogicalResult importReshapeLike(const onnx::NodeProto &node,
                                  ArrayRef<int64_t> shape);
  LogicalResult importSlice(const onnx::NodeProto &node);
  LogicalResult importSplit(const onnx::NodeProto &node);
  LogicalResult importResize(const onnx::NodeProto &node);
  LogicalResult importPad(const onnx::NodeProto &node);
  LogicalResult importQuant(const onnx::NodeProto &node, bool quantize);
  LogicalResult importOpaque(const onnx::NodeProto &node);
  LogicalResult importEinsum(const onnx::NodeProto &node);

  /// Computes the output shape of a reshape-like node (Reshape, Flatten,
  /// Squeeze, Unsqueeze), or fails with a diagnostic.
  FailureOr<Shape> reshapeTarget(const onnx::NodeProto &node);
  /// Normalized bounds of a Slice on `shape` (one start, end and step per
  /// dim, no negative or out-of-range index) and the result's shape.
  struct SliceBounds {
    SmallVector<int64_t> starts, ends, steps;
    Shape shape;
  };
  FailureOr<SliceBounds> sliceBounds(const onnx::NodeProto &node,
                                     ArrayRef<int64_t> shape);
  /// Computes window pads from auto_pad.
  LogicalResult windowPads(const onnx::NodeProto &node, ArrayRef<int64_t> in,
                           ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations,
                           SmallVectorImpl<int64_t> &pads);

  std::string path;
  const ImportOptions &options;
  MLIRContext *ctx;
  OpBuilder builder;
  Location fileLoc = UnknownLoc::get(ctx);
  onnx::ModelProto model;
  int64_t opset = 13;
  std::string modelDir;
  llvm::StringMap<Val> values;
  /// Outputs of imported nodes that the importer does not model (a
  /// Dropout mask, LayerNormalization's saved statistics), by name, with
  /// the node that produces them.
  llvm::StringMap<std::string> unmodeledOutputs;
  llvm::StringMap<Shape> inferredShapes;
  llvm::StringMap<int32_t> inferredTypes;
  bool warnedMissingData = false;
  /// Zero counts of initializers whose data was streamed, not kept.
  llvm::StringMap<StreamedStats> streamedStats;
  func::FuncOp func;
};

} // namespace

//===----------------------------------------------------------------------===//
// Reading
//===----------------------------------------------------------------------===//

LogicalResult Importer::readModel() {
  if (options.textFormat) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer)
      return emitError(fileLoc)
             << "cannot read the file: " << buffer.getError().message();
    std::string text = (*buffer)->getBuffer().str();
    onnx::Common::Status status = onnx::OnnxParser::Parse(model, text.c_str());
    if (!status.IsOK())
      return emitError(fileLoc)
             << "not a valid ONNX text model: " << status.ErrorMessage();
    return success();
  }
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0)
    return emitError(fileLoc) << "cannot open the file";
  uint64_t fileSize = 0;
  llvm::sys::fs::file_size(path, fileSize);
  bool ok = streamModel(fd, model, streamedStats);
  ::close(fd);
  if (fileSize == 0)
    return emitError(fileLoc) << "the file is empty, not an ONNX model";
  if (fileSize > (uint64_t)INT_MAX)
    return emitError(fileLoc)
           << "the file is " << fileSize
           << " bytes; protobuf cannot read a model over 2 GB (store its "
              "weights as external data)";
  if (!ok)
    return emitError(fileLoc)
           << "not a valid ONNX protobuf (truncated or not a model)";
  if (!model.has_graph() || model.ir_version() <= 0)
    return emitError(fileLoc) << "not an ONNX model: no graph or no IR version";
  return success();
}

/// Control-flow operators are refused before anything else looks at the
/// graph, with the op type and the node.
LogicalResult Importer::checkControlFlow(const onnx::GraphProto &graph) {
  for (const onnx::NodeProto &node : graph.node()) {
    StringRef type = node.op_type();
    if (type == "If" || type == "Loop" || type == "Scan")
      return nodeError(node)
             << "control flow operator '" << type
             << "' is not supported: dnn-opt analyzes static graphs (export "
                "the model with the loop unrolled or the branch resolved)";
  }
  return success();
}

LogicalResult
Importer::sortNodes(SmallVectorImpl<const onnx::NodeProto *> &order) {
  const onnx::GraphProto &graph = model.graph();
  llvm::StringMap<int> producer;
  for (int i = 0; i < graph.node_size(); ++i)
    for (const std::string &out : graph.node(i).output())
      if (!out.empty())
        producer[out] = i;
  llvm::StringSet<> available;
  for (const onnx::TensorProto &t : graph.initializer())
    available.insert(t.name());
  for (const onnx::ValueInfoProto &in : graph.input())
    available.insert(in.name());

  // Kahn's algorithm keeping the file order among ready nodes.
  int n = graph.node_size();
  SmallVector<int> pending(n, 0);
  SmallVector<SmallVector<int>> users(n);
  for (int i = 0; i < n; ++i) {
    const onnx::NodeProto &node = graph.node(i);
    for (const std::string &in : node.input()) {
      if (in.empty())
        continue;
      auto it = producer.find(in);
      if (it != producer.end()) {
        ++pending[i];
        users[it->second].push_back(i);
      } else if (!available.contains(in)) {
        return nodeError(node)
               << "input '" << in << "' of " << node.op_type()
               << " is not produced by any node, initializer or graph input";
      }
    }
  }
  // The lowest-numbered ready node goes first, so a sorted graph keeps its
  // order.
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i)
    if (pending[i] == 0)
      ready.push(i);
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(&graph.node(i));
    for (int u : users[i])
      if (--pending[u] == 0)
        ready.push(u);
  }
  if ((int)order.size() != n) {
    for (int i = 0; i < n; ++i)
      if (pending[i] > 0)
        return nodeError(graph.node(i)) << "the graph has a cycle through this "
                                        << graph.node(i).op_type() << " node";
  }
  for (const onnx::ValueInfoProto &out : graph.output())
    if (!producer.count(out.name()) && !available.contains(out.name()))
      return emitError(fileLoc) << "graph output '" << out.name()
                                << "' is not produced by any node";
  return success();
}

Type Importer::elementType(int32_t dtype) {
  switch (dtype) {
  case onnx::TensorProto::FLOAT:
    return Float32Type::get(ctx);
  case onnx::TensorProto::DOUBLE:
    return Float64Type::get(ctx);
  case onnx::TensorProto::FLOAT16:
    return Float16Type::get(ctx);
  case onnx::TensorProto::BFLOAT16:
    return BFloat16Type::get(ctx);
  case onnx::TensorProto::BOOL:
    return IntegerType::get(ctx, 1);
  case onnx::TensorProto::INT8:
    return IntegerType::get(ctx, 8);
  case onnx::TensorProto::UINT8:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case onnx::TensorProto::INT16:
    return IntegerType::get(ctx, 16);
  case onnx::TensorProto::UINT16:
    return IntegerType::get(ctx, 16, IntegerType::Unsigned);
  case onnx::TensorProto::INT32:
    return IntegerType::get(ctx, 32);
  case onnx::TensorProto::UINT32:
    return IntegerType::get(ctx, 32, IntegerType::Unsigned);
  case onnx::TensorProto::INT64:
    return IntegerType::get(ctx, 64);
  case onnx::TensorProto::UINT64:
    return IntegerType::get(ctx, 64, IntegerType::Unsigned);
  default:
    return Float32Type::get(ctx);
  }
}

/// Reads the values of a small tensor (for folding) from wherever the
/// TensorProto keeps them.
LogicalResult Importer::readKnown(const onnx::TensorProto &t, Val &val,
                                  Location loc) {
  int64_t n = product(val.shape);
  Known k;
  k.shape = val.shape;
  k.isInt = isIntType(t.data_type());
  unsigned eb = elementBytes(t.data_type());
  if (t.has_raw_data()) {
    if (eb == 0)
      return success();
    if ((int64_t)t.raw_data().size() != n * eb)
      return emitError(loc)
             << "tensor '" << t.name() << "' has " << t.raw_data().size()
             << " bytes of data for " << n << " elements";
    const char *p = t.raw_data().data();
    for (int64_t i = 0; i < n; ++i) {
      if (k.isInt)
        k.ints.push_back(rawToInt(p + i * eb, t.data_type()));
      else if (t.data_type() == onnx::TensorProto::FLOAT ||
               t.data_type() == onnx::TensorProto::DOUBLE)
        k.floats.push_back(rawToDouble(p + i * eb, t.data_type()));
      else
        return success(); // half precision constants are not folded
    }
  } else if (t.float_data_size()) {
    k.floats.assign(t.float_data().begin(), t.float_data().end());
  } else if (t.double_data_size()) {
    k.floats.assign(t.double_data().begin(), t.double_data().end());
  } else if (t.int64_data_size()) {
    k.ints.assign(t.int64_data().begin(), t.int64_data().end());
  } else if (t.int32_data_size() && k.isInt) {
    k.ints.assign(t.int32_data().begin(), t.int32_data().end());
  } else if (t.uint64_data_size()) {
    k.ints.assign(t.uint64_data().begin(), t.uint64_data().end());
  } else {
    return success(); // no data: shape-only
  }
  if (k.size() != n) {
    if (k.size() == 0)
      return success();
    return emitError(loc) << "tensor '" << t.name() << "' has " << k.size()
                          << " values for shape " << shapeStr(val.shape);
  }
  val.known = std::move(k);
  return success();
}

/// Statistics of a tensor stored outside the model: read in chunks, never
/// all at once. A location that leaves the model's folder is refused.
LogicalResult Importer::readExternalStats(const onnx::TensorProto &t, Val &val,
                                          Location loc) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const onnx::StringStringEntryProto &e : t.external_data()) {
    if (e.key() == "location")
      location = e.value();
    else if (e.key() == "offset")
      offset = std::atoll(e.value().c_str());
    else if (e.key() == "length")
      length = std::atoll(e.value().c_str());
  }
  if (location.empty())
    return emitError(loc) << "external tensor '" << t.name()
                          << "' has no location";
  // Lexical check first (the file may not exist), then the real path.
  SmallString<256> lexical(location);
  llvm::sys::path::remove_dots(lexical, /*remove_dot_dot=*/true);
  bool escapes = llvm::sys::path::is_absolute(location) ||
                 StringRef(lexical).starts_with("..");
  SmallString<256> full(modelDir);
  llvm::sys::path::append(full, location);
  SmallString<256> realFull, realDir;
  if (!escapes && !llvm::sys::fs::real_path(full, realFull) &&
      !llvm::sys::fs::real_path(modelDir, realDir)) {
    StringRef rf = realFull, rd = realDir;
    escapes = !(rf.starts_with(rd) &&
                (rf.size() == rd.size() || rf[rd.size()] == '/'));
  }
  if (escapes)
    return emitError(loc) << "external data location '" << location
                          << "' of tensor '" << t.name()
                          << "' escapes the model's folder";
  unsigned eb = elementBytes(t.data_type());
  int64_t n = product(val.shape);
  std::ifstream in(full.c_str(), std::ios::binary);
  if (!in) {
    if (!warnedMissingData) {
      emitWarning(fileLoc)
          << "external data file '" << location
          << "' is absent: importing the shapes only; weight statistics "
             "(fraction of zeros) are unknown";
      warnedMissingData = true;
    }
    return success();
  }
  if (length < 0)
    length = n * eb;
  if (eb && length != n * eb)
    return emitError(loc) << "external tensor '" << t.name() << "' has length "
                          << length << " for " << n << " elements of " << eb
                          << " bytes";
  in.seekg(offset);
  constexpr size_t kChunk = 1 << 20;
  std::vector<char> buf(kChunk - kChunk % std::max(1u, eb));
  int64_t remaining = length, zeros = 0;
  std::string smallData;
  bool keep = n <= kMaxKnownElements;
  while (remaining > 0) {
    size_t want = std::min<int64_t>(remaining, buf.size());
    in.read(buf.data(), want);
    if ((size_t)in.gcount() != want)
      return emitError(loc)
             << "external data file '" << location
             << "' is shorter than tensor '" << t.name() << "' needs";
    zeros += countZeros(buf.data(), want, t.data_type());
    if (keep)
      smallData.append(buf.data(), want);
    remaining -= want;
  }
  if (n > 0)
    val.zeroFraction = (double)zeros / n;
  if (keep) {
    onnx::TensorProto copy;
    copy.set_name(t.name());
    copy.set_data_type(t.data_type());
    copy.set_raw_data(smallData);
    return readKnown(copy, val, loc);
  }
  return success();
}

LogicalResult Importer::addInitializer(onnx::TensorProto &t) {
  Location loc = NameLoc::get(StringAttr::get(ctx, t.name()), fileLoc);
  Val val;
  val.dtype = t.data_type();
  if (t.data_type() == onnx::TensorProto::STRING ||
      t.data_type() == onnx::TensorProto::UNDEFINED ||
      !elementBytes(t.data_type()))
    return emitError(loc) << "initializer '" << t.name()
                          << "' has an unsupported element type";
  for (int64_t d : t.dims()) {
    if (d < 0)
      return emitError(loc)
             << "initializer '" << t.name() << "' has a negative dim " << d;
    val.shape.push_back(d);
  }
  val.isWeight = true;
  val.weightName = t.name();
  int64_t n = product(val.shape);
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    if (failed(readExternalStats(t, val, loc)))
      return failure();
  } else {
    if (n <= kMaxKnownElements && failed(readKnown(t, val, loc)))
      return failure();
    if (t.has_raw_data()) {
      if ((int64_t)t.raw_data().size() != n * elementBytes(t.data_type()))
        return emitError(loc)
               << "tensor '" << t.name() << "' has " << t.raw_data().size()
               << " bytes of data for " << n << " elements";
      if (n > 0)
        val.zeroFraction =
            (double)countZeros(t.raw_data().data(), t.raw_data().size(),
                               t.data_type()) /
            n;
    } else if (auto it = streamedStats.find(t.name());
               it != streamedStats.end()) {
      if (it->second.bytes != n * elementBytes(t.data_type()))
        return emitError(loc)
               << "tensor '" << t.name() << "' has " << it->second.bytes
               << " bytes of data for " << n << " elements";
      if (n > 0)
        val.zeroFraction = (double)it->second.zeros / n;
    } else if (val.known) {
      int64_t zeros = 0;
      for (int64_t i = 0; i < n; ++i)
        zeros += val.known->getF(i) == 0.0;
      if (n > 0)
        val.zeroFraction = (double)zeros / n;
    } else if (n > 0) {
      // Typed fields of a large tensor.
      int64_t zeros = 0, count = 0;
      for (float f : t.float_data())
        zeros += f == 0.0f, ++count;
      for (int32_t v : t.int32_data())
        zeros += v == 0, ++count;
      for (int64_t v : t.int64_data())
        zeros += v == 0, ++count;
      for (double v : t.double_data())
        zeros += v == 0.0, ++count;
      if (count == n)
        val.zeroFraction = (double)zeros / n;
      else if (count != 0)
        return emitError(loc) << "tensor '" << t.name() << "' has " << count
                              << " values for " << n << " elements";
    }
  }
  // The statistics are known: drop the data (one copy of the weights at
  // most, ever).
  t.clear_raw_data();
  t.clear_float_data();
  t.clear_int32_data();
  t.clear_int64_data();
  t.clear_double_data();
  values[t.name()] = std::move(val);
  return success();
}

static std::optional<Shape> parseShape(StringRef text) {
  Shape shape;
  if (text.empty())
    return shape;
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (StringRef p : parts) {
    int64_t d;
    if (p.trim().getAsInteger(10, d) || d < 0)
      return std::nullopt;
    shape.push_back(d);
  }
  return shape;
}

LogicalResult Importer::addGraphInput(const onnx::ValueInfoProto &input,
                                      ArrayRef<int64_t> userShape,
                                      bool hasUserShape) {
  Location loc = NameLoc::get(StringAttr::get(ctx, input.name()), fileLoc);
  if (!input.type().has_tensor_type())
    return emitError(loc) << "graph input '" << input.name()
                          << "' is not a tensor";
  const onnx::TypeProto::Tensor &tt = input.type().tensor_type();
  Val val;
  val.dtype = tt.elem_type();
  if (hasUserShape) {
    if (tt.has_shape() && tt.shape().dim_size() != (int)userShape.size())
      return emitError(loc)
             << "--input-shape gives rank " << userShape.size() << " to input '"
             << input.name() << "' of rank " << tt.shape().dim_size();
    if (tt.has_shape())
      for (int i = 0; i < tt.shape().dim_size(); ++i)
        if (tt.shape().dim(i).has_dim_value() &&
            tt.shape().dim(i).dim_value() >= 0 &&
            tt.shape().dim(i).dim_value() != userShape[i])
          return emitError(loc)
                 << "--input-shape gives dim " << i << " of input '"
                 << input.name() << "' the size " << userShape[i]
                 << ", the model fixes it to " << tt.shape().dim(i).dim_value();
    val.shape.assign(userShape.begin(), userShape.end());
  } else {
    if (!tt.has_shape())
      return emitError(loc)
             << "input '" << input.name()
             << "' has no shape: give it with --input-shape=" << input.name()
             << ":DIMS (e.g. 1x3x224x224)";
    for (int i = 0; i < tt.shape().dim_size(); ++i) {
      const auto &dim = tt.shape().dim(i);
      if ((!dim.has_dim_value() || dim.dim_value() < 0) && i == 0 &&
          options.batch > 0) {
        val.shape.push_back(options.batch);
        continue;
      }
      if (!dim.has_dim_value() || dim.dim_value() < 0) {
        std::string sym = dim.has_dim_param() ? dim.dim_param() : "?";
        return emitError(loc)
               << "input '" << input.name() << "' has a dynamic dim " << i
               << " ('" << sym
               << "'): give its shape with --input-shape=" << input.name()
               << ":DIMS (e.g. 1x3x224x224)"
               << (i == 0 ? " or its batch with --batch=N" : "");
      }
      val.shape.push_back(dim.dim_value());
    }
  }
  if (!elementBytes(val.dtype))
    return emitError(loc) << "input '" << input.name()
                          << "' has an unsupported element type";
  values[input.name()] = std::move(val);
  return success();
}

//===----------------------------------------------------------------------===//
// Values and attributes
//===----------------------------------------------------------------------===//

Location Importer::nodeLoc(const onnx::NodeProto &node) {
  std::string name = node.name();
  if (name.empty())
    name = node.op_type() + "(" +
           (node.output_size() ? node.output(0) : std::string()) + ")";
  return NameLoc::get(StringAttr::get(ctx, name), fileLoc);
}

InFlightDiagnostic Importer::nodeError(const onnx::NodeProto &node) {
  return emitError(nodeLoc(node)) << "(" << node.op_type() << ") ";
}

Val *Importer::lookup(const onnx::NodeProto &node, unsigned i) {
  if (!hasInput(node, i))
    return nullptr;
  auto it = values.find(node.input(i));
  return it == values.end() ? nullptr : &it->second;
}

Value Importer::materialize(Val &val, StringRef name, Location loc) {
  if (val.value)
    return val.value;
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&func.getBody().front());
  RankedTensorType type = tensorType(val.shape, val.dtype);
  if (val.isWeight) {
    auto op = dnn::WeightOp::create(
        builder, loc, type, builder.getStringAttr(val.weightName), FloatAttr());
    if (val.zeroFraction)
      op.setZeroFractionAttr(builder.getF64FloatAttr(*val.zeroFraction));
    val.value = op;
    return val.value;
  }
  assert(val.known && "a value without producer must be known");
  const Known &k = *val.known;
  DenseElementsAttr attr;
  Type elt = type.getElementType();
  if (auto it = dyn_cast<IntegerType>(elt)) {
    SmallVector<APInt> v;
    for (int64_t i = 0; i < k.size(); ++i)
      v.push_back(APInt(it.getWidth(), (uint64_t)k.getI(i),
                        it.isSigned() || it.isSignless()));
    attr = DenseElementsAttr::get(type, v);
  } else {
    auto ft = cast<FloatType>(elt);
    SmallVector<APFloat> v;
    for (int64_t i = 0; i < k.size(); ++i) {
      APFloat f(k.getF(i));
      bool lost;
      f.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      v.push_back(f);
    }
    attr = DenseElementsAttr::get(type, v);
  }
  val.value = dnn::ConstantOp::create(builder, loc, attr.getType(), attr);
  return val.value;
}

FailureOr<Value> Importer::materialize(const onnx::NodeProto &node,
                                       unsigned i) {
  Val *val = lookup(node, i);
  if (!val) {
    nodeError(node) << "input " << i << " is missing";
    return failure();
  }
  if (!val->value && !val->isWeight && !val->known) {
    nodeError(node) << "input '" << node.input(i) << "' has no value";
    return failure();
  }
  Location loc =
      val->isWeight
          ? NameLoc::get(StringAttr::get(ctx, val->weightName), fileLoc)
          : nodeLoc(node);
  return materialize(*val, node.input(i), loc);
}

void Importer::setOutput(const onnx::NodeProto &node, unsigned i, Value v,
                         int32_t dtype) {
  if ((int)i >= node.output_size() || node.output(i).empty())
    return;
  Val val;
  val.value = v;
  val.dtype = dtype;
  val.shape.assign(cast<ShapedType>(v.getType()).getShape().begin(),
                   cast<ShapedType>(v.getType()).getShape().end());
  values[node.output(i)] = std::move(val);
}

void Importer::setKnown(const onnx::NodeProto &node, unsigned i, Known k,
                        int32_t dtype) {
  if ((int)i >= node.output_size() || node.output(i).empty())
    return;
  Val val;
  val.dtype = dtype;
  val.shape = k.shape;
  // Integer dtypes keep integer values, float dtypes float values.
  if (isIntType(dtype) && !k.isInt) {
    for (double f : k.floats)
      k.ints.push_back((int64_t)f);
    k.floats.clear();
    k.isInt = true;
  } else if (!isIntType(dtype) && k.isInt) {
    for (int64_t v : k.ints)
      k.floats.push_back((double)v);
    k.ints.clear();
    k.isInt = false;
  }
  val.known = std::move(k);
  values[node.output(i)] = std::move(val);
}

const onnx::AttributeProto *Importer::attr(const onnx::NodeProto &node,
                                           StringRef name) {
  for (const onnx::AttributeProto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t Importer::getInt(const onnx::NodeProto &node, StringRef name,
                         int64_t def) {
  const onnx::AttributeProto *a = attr(node, name);
  return a ? a->i() : def;
}

double Importer::getFloat(const onnx::NodeProto &node, StringRef name,
                          double def) {
  const onnx::AttributeProto *a = attr(node, name);
  return a ? a->f() : def;
}

std::string Importer::getString(const onnx::NodeProto &node, StringRef name,
                                StringRef def) {
  const onnx::AttributeProto *a = attr(node, name);
  return a ? a->s() : def.str();
}

std::optional<SmallVector<int64_t>>
Importer::getInts(const onnx::NodeProto &node, StringRef name) {
  const onnx::AttributeProto *a = attr(node, name);
  if (!a)
    return std::nullopt;
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

FailureOr<std::optional<SmallVector<int64_t>>>
Importer::getIntsAttrOrInput(const onnx::NodeProto &node, StringRef name,
                             unsigned input) {
  if (auto v = getInts(node, name))
    return std::optional<SmallVector<int64_t>>(*v);
  if (!hasInput(node, input))
    return std::optional<SmallVector<int64_t>>();
  Val *val = lookup(node, input);
  if (!val || !val->known) {
    nodeError(node) << "'" << name << "' (input " << input
                    << ") must be known at import time; it is computed at "
                       "run time from '"
                    << node.input(input) << "'";
    return failure();
  }
  SmallVector<int64_t> v;
  for (int64_t i = 0; i < val->known->size(); ++i)
    v.push_back(val->known->getI(i));
  return std::optional<SmallVector<int64_t>>(v);
}

FailureOr<int64_t> Importer::normalizeAxis(const onnx::NodeProto &node,
                                           int64_t axis, int64_t rank) {
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= std::max<int64_t>(rank, 1)) {
    nodeError(node) << "axis " << axis << " is out of range for rank " << rank;
    return failure();
  }
  return a;
}

//===----------------------------------------------------------------------===//
// Folding of shape subgraphs
//===----------------------------------------------------------------------===//

static std::optional<double> applyBinary(StringRef op, double a, double b,
                                         bool isInt) {
  if (op == "Add")
    return a + b;
  if (op == "Sub")
    return a - b;
  if (op == "Mul")
    return a * b;
  if (op == "Div") {
    if (b == 0)
      return std::nullopt;
    return isInt ? std::trunc(a / b) : a / b;
  }
  if (op == "Equal")
    return a == b;
  if (op == "Less")
    return a < b;
  if (op == "Greater")
    return a > b;
  if (op == "LessOrEqual")
    return a <= b;
  if (op == "GreaterOrEqual")
    return a >= b;
  if (op == "Max")
    return std::max(a, b);
  if (op == "Min")
    return std::min(a, b);
  if (op == "Pow")
    return std::pow(a, b);
  if (op == "Mod")
    return isInt ? (double)((int64_t)a % (int64_t)b) : std::fmod(a, b);
  if (op == "And")
    return (a != 0) && (b != 0);
  if (op == "Or")
    return (a != 0) || (b != 0);
  return std::nullopt;
}

LogicalResult Importer::tryFold(const onnx::NodeProto &node, bool &folded) {
  folded = false;
  StringRef op = node.op_type();
  auto known = [&](unsigned i) -> const Known * {
    Val *v = lookup(node, i);
    return v && v->known ? &*v->known : nullptr;
  };
  auto dtypeOf = [&](unsigned i) {
    Val *v = lookup(node, i);
    return v ? v->dtype : (int32_t)onnx::TensorProto::FLOAT;
  };
  auto allKnown = [&]() {
    for (int i = 0; i < node.input_size(); ++i)
      if (hasInput(node, i) && !known(i))
        return false;
    return true;
  };

  if (op == "Shape") {
    Val *in = lookup(node, 0);
    if (!in)
      return success();
    int64_t rank = in->shape.size();
    int64_t start = getInt(node, "start", 0), end = getInt(node, "end", rank);
    if (start < 0)
      start += rank;
    if (end < 0)
      end += rank;
    start = std::clamp<int64_t>(start, 0, rank);
    end = std::clamp<int64_t>(end, start, rank);
    SmallVector<int64_t> dims(in->shape.begin() + start,
                              in->shape.begin() + end);
    setKnown(node, 0, Known::ofInts({(int64_t)dims.size()}, dims),
             onnx::TensorProto::INT64);
    folded = true;
    return success();
  }
  if (op == "Size") {
    Val *in = lookup(node, 0);
    if (!in)
      return success();
    setKnown(node, 0, Known::ofInts({}, {product(in->shape)}),
             onnx::TensorProto::INT64);
    folded = true;
    return success();
  }
  if (op == "ConstantOfShape") {
    const Known *s = known(0);
    if (!s)
      return success();
    Shape shape;
    for (int64_t i = 0; i < s->size(); ++i)
      shape.push_back(s->getI(i));
    int64_t n = product(shape);
    int32_t dtype = onnx::TensorProto::FLOAT;
    double fill = 0;
    if (const onnx::AttributeProto *a = attr(node, "value")) {
      Val tmp;
      tmp.shape = {1};
      dtype = a->t().data_type();
      if (failed(readKnown(a->t(), tmp, nodeLoc(node))))
        return failure();
      if (tmp.known && tmp.known->size())
        fill = tmp.known->getF(0);
    }
    if (n > kMaxKnownElements) {
      // A large splat: a constant with a splat attribute is still small.
      OpBuilder::InsertionGuard guard(builder);
      RankedTensorType type = tensorType(shape, dtype);
      Attribute elt;
      if (auto it = dyn_cast<IntegerType>(type.getElementType()))
        elt = builder.getIntegerAttr(it, (int64_t)fill);
      else
        elt = builder.getFloatAttr(type.getElementType(), fill);
      builder.setInsertionPointToEnd(&func.getBody().front());
      auto splat = SplatElementsAttr::get(type, elt);
      Value v = dnn::ConstantOp::create(builder, nodeLoc(node), type, splat);
      setOutput(node, 0, v, dtype);
      folded = true;
      return success();
    }
    Known k;
    k.shape = shape;
    k.isInt = isIntType(dtype);
    for (int64_t i = 0; i < n; ++i) {
      if (k.isInt)
        k.ints.push_back((int64_t)fill);
      else
        k.floats.push_back(fill);
    }
    setKnown(node, 0, std::move(k), dtype);
    folded = true;
    return success();
  }
  if (node.input_size() == 0 || !allKnown())
    return success();
  // Trained parameters are not folded even when small: a Gather on an
  // embedding table is a look-up, an Add of a bias is work. Integer
  // initializers (shapes, axes, indices) are data of the shape subgraph.
  for (int i = 0; i < node.input_size(); ++i) {
    Val *v = lookup(node, i);
    if (v && v->isWeight &&
        (!isIntType(v->dtype) || v->dtype == onnx::TensorProto::INT8 ||
         v->dtype == onnx::TensorProto::UINT8))
      return success();
  }

  const Known *a = known(0);
  int32_t dtype = dtypeOf(0);
  auto done = [&](Known k, int32_t dt) {
    setKnown(node, 0, std::move(k), dt);
    folded = true;
    return success();
  };

  if (op == "Identity" || op == "Dropout")
    return done(*a, dtype);
  if (op == "Cast") {
    int32_t to = getInt(node, "to", onnx::TensorProto::FLOAT);
    return done(*a, to);
  }
  if (op == "Neg" || op == "Abs" || op == "Floor" || op == "Ceil" ||
      op == "Sqrt" || op == "Not" || op == "Reciprocal") {
    Known k = *a;
    for (int64_t i = 0; i < k.size(); ++i) {
      double v = a->getF(i), r = v;
      if (op == "Neg")
        r = -v;
      else if (op == "Abs")
        r = std::fabs(v);
      else if (op == "Floor")
        r = std::floor(v);
      else if (op == "Ceil")
        r = std::ceil(v);
      else if (op == "Sqrt")
        r = std::sqrt(v);
      else if (op == "Not")
        r = v == 0;
      else if (op == "Reciprocal")
        r = 1.0 / v;
      if (k.isInt)
        k.ints[i] = (int64_t)r;
      else
        k.floats[i] = r;
    }
    return done(std::move(k), dtype);
  }
  if (node.input_size() >= 2 &&
      (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" ||
       op == "Equal" || op == "Less" || op == "Greater" ||
       op == "LessOrEqual" || op == "GreaterOrEqual" || op == "Max" ||
       op == "Min" || op == "Pow" || op == "Mod" || op == "And" ||
       op == "Or")) {
    const Known *b = known(1);
    auto shape = broadcast(a->shape, b->shape);
    if (!shape)
      return success();
    int64_t n = product(*shape);
    if (n > kMaxKnownElements)
      return success();
    bool cmp = op == "Equal" || op == "Less" || op == "Greater" ||
               op == "LessOrEqual" || op == "GreaterOrEqual" || op == "And" ||
               op == "Or";
    bool isInt = a->isInt && b->isInt;
    Known k;
    k.shape = *shape;
    k.isInt = isInt || cmp;
    for (int64_t i = 0; i < n; ++i) {
      int64_t ia = broadcastIndex(i, *shape, a->shape),
              ib = broadcastIndex(i, *shape, b->shape);
      std::optional<double> r;
      if (isInt && !cmp && (op == "Add" || op == "Sub" || op == "Mul")) {
        int64_t x = a->getI(ia), y = b->getI(ib);
        int64_t v = op == "Add" ? x + y : op == "Sub" ? x - y : x * y;
        k.ints.push_back(v);
        continue;
      }
      if (isInt && op == "Div") {
        int64_t x = a->getI(ia), y = b->getI(ib);
        if (y == 0)
          return success();
        // ONNX integer division truncates? numpy floors; ONNX follows C.
        k.ints.push_back(x / y);
        continue;
      }
      r = applyBinary(op, a->getF(ia), b->getF(ib), isInt);
      if (!r)
        return success();
      if (k.isInt)
        k.ints.push_back((int64_t)*r);
      else
        k.floats.push_back(*r);
    }
    return done(std::move(k), cmp ? (int32_t)onnx::TensorProto::BOOL : dtype);
  }
  if (op == "Where" && node.input_size() == 3) {
    const Known *c = known(0), *x = known(1), *y = known(2);
    auto s1 = broadcast(c->shape, x->shape);
    auto shape = s1 ? broadcast(*s1, y->shape) : std::nullopt;
    if (!shape || product(*shape) > kMaxKnownElements)
      return success();
    Known k;
    k.shape = *shape;
    k.isInt = x->isInt && y->isInt;
    for (int64_t i = 0, n = product(*shape); i < n; ++i) {
      bool cond = c->getF(broadcastIndex(i, *shape, c->shape)) != 0;
      const Known *src = cond ? x : y;
      int64_t j = broadcastIndex(i, *shape, src->shape);
      if (k.isInt)
        k.ints.push_back(src->getI(j));
      else
        k.floats.push_back(src->getF(j));
    }
    return done(std::move(k), dtypeOf(1));
  }
  if (op == "Concat") {
    int64_t rank = a->shape.size();
    FailureOr<int64_t> axis =
        normalizeAxis(node, getInt(node, "axis", 0), rank);
    if (failed(axis))
      return failure();
    Shape shape = a->shape;
    shape[*axis] = 0;
    SmallVector<const Known *> parts;
    bool isInt = true;
    for (int i = 0; i < node.input_size(); ++i) {
      const Known *p = known(i);
      if (p->shape.size() != (size_t)rank) {
        nodeError(node) << "inputs of ranks " << rank << " and "
                        << p->shape.size() << " cannot be concatenated";
        return failure();
      }
      shape[*axis] += p->shape[*axis];
      parts.push_back(p);
      isInt &= p->isInt;
    }
    if (product(shape) > kMaxKnownElements)
      return success();
    int64_t outer = product(ArrayRef<int64_t>(shape).take_front(*axis));
    Known k;
    k.shape = shape;
    k.isInt = isInt;
    for (int64_t o = 0; o < outer; ++o)
      for (const Known *p : parts) {
        int64_t inner = product(ArrayRef<int64_t>(p->shape).drop_front(*axis));
        for (int64_t j = 0; j < inner; ++j) {
          if (isInt)
            k.ints.push_back(p->getI(o * inner + j));
          else
            k.floats.push_back(p->getF(o * inner + j));
        }
      }
    return done(std::move(k), dtype);
  }
  if (op == "Gather") {
    const Known *idx = known(1);
    int64_t rank = a->shape.size();
    FailureOr<int64_t> axis =
        normalizeAxis(node, getInt(node, "axis", 0), rank);
    if (failed(axis))
      return failure();
    Shape shape(a->shape.begin(), a->shape.begin() + *axis);
    shape.append(idx->shape.begin(), idx->shape.end());
    shape.append(a->shape.begin() + *axis + 1, a->shape.end());
    int64_t outer = product(ArrayRef<int64_t>(a->shape).take_front(*axis));
    int64_t inner = product(ArrayRef<int64_t>(a->shape).drop_front(*axis + 1));
    int64_t dimSize = a->shape[*axis];
    Known k;
    k.shape = shape;
    k.isInt = a->isInt;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < idx->size(); ++j) {
        int64_t ix = idx->getI(j);
        if (ix < 0)
          ix += dimSize;
        if (ix < 0 || ix >= dimSize) {
          nodeError(node) << "index " << idx->getI(j)
                          << " is out of range for a dim of size " << dimSize;
          return failure();
        }
        for (int64_t in = 0; in < inner; ++in) {
          int64_t src = (o * dimSize + ix) * inner + in;
          if (k.isInt)
            k.ints.push_back(a->getI(src));
          else
            k.floats.push_back(a->getF(src));
        }
      }
    return done(std::move(k), dtype);
  }
  if (op == "Unsqueeze" || op == "Squeeze" || op == "Reshape" ||
      op == "Flatten") {
    FailureOr<Shape> shape = reshapeTarget(node);
    if (failed(shape))
      return failure();
    Known k = *a;
    k.shape = *shape;
    return done(std::move(k), dtype);
  }
  if (op == "Slice") {
    int64_t rank = a->shape.size();
    FailureOr<SliceBounds> bounds = sliceBounds(node, a->shape);
    if (failed(bounds))
      return failure();
    ArrayRef<int64_t> b = bounds->starts, s = bounds->steps;
    const Shape &shape = bounds->shape;
    // Enumerate the selected elements.
    SmallVector<int64_t> st = stridesOf(a->shape), os = stridesOf(shape);
    Known k;
    k.shape = shape;
    k.isInt = a->isInt;
    for (int64_t i = 0, n = product(shape); i < n; ++i) {
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += (b[d] + ((i / os[d]) % shape[d]) * s[d]) * st[d];
      if (k.isInt)
        k.ints.push_back(a->getI(src));
      else
        k.floats.push_back(a->getF(src));
    }
    return done(std::move(k), dtype);
  }
  if (op == "Range") {
    const Known *limit = known(1), *delta = known(2);
    double start = a->getF(0), lim = limit->getF(0), d = delta->getF(0);
    if (d == 0)
      return success();
    int64_t n = std::max<int64_t>(0, (int64_t)std::ceil((lim - start) / d));
    if (n > kMaxKnownElements)
      return success();
    Known k;
    k.shape = {n};
    k.isInt = a->isInt;
    for (int64_t i = 0; i < n; ++i) {
      if (k.isInt)
        k.ints.push_back(a->getI(0) + i * delta->getI(0));
      else
        k.floats.push_back(start + i * d);
    }
    return done(std::move(k), dtype);
  }
  if (op == "Expand") {
    const Known *s = known(1);
    Shape target;
    for (int64_t i = 0; i < s->size(); ++i)
      target.push_back(s->getI(i));
    auto shape = broadcast(a->shape, target);
    if (!shape || product(*shape) > kMaxKnownElements)
      return success();
    Known k;
    k.shape = *shape;
    k.isInt = a->isInt;
    for (int64_t i = 0, n = product(*shape); i < n; ++i) {
      int64_t j = broadcastIndex(i, *shape, a->shape);
      if (k.isInt)
        k.ints.push_back(a->getI(j));
      else
        k.floats.push_back(a->getF(j));
    }
    return done(std::move(k), dtype);
  }
  if (op == "ReduceProd" || op == "ReduceSum" || op == "ReduceMin" ||
      op == "ReduceMax") {
    // Only the full reduction of a vector appears in shape subgraphs.
    if (a->shape.size() > 1 || getInt(node, "keepdims", 1) != 0 ||
        node.input_size() > 1)
      return success();
    double r = op == "ReduceProd" ? 1 : 0;
    for (int64_t i = 0; i < a->size(); ++i) {
      double v = a->getF(i);
      if (op == "ReduceProd")
        r *= v;
      else if (op == "ReduceSum")
        r += v;
      else if (op == "ReduceMin")
        r = i == 0 ? v : std::min(r, v);
      else
        r = i == 0 ? v : std::max(r, v);
    }
    Known k;
    k.isInt = a->isInt;
    if (k.isInt)
      k.ints.push_back((int64_t)r);
    else
      k.floats.push_back(r);
    return done(std::move(k), dtype);
  }
  if (op == "Transpose") {
    int64_t rank = a->shape.size();
    SmallVector<int64_t> perm;
    if (auto p = getInts(node, "perm"))
      perm = *p;
    else
      for (int64_t i = rank - 1; i >= 0; --i)
        perm.push_back(i);
    if ((int64_t)perm.size() != rank)
      return success();
    Shape shape;
    for (int64_t p : perm)
      shape.push_back(a->shape[p]);
    SmallVector<int64_t> is = stridesOf(a->shape), os = stridesOf(shape);
    Known k;
    k.shape = shape;
    k.isInt = a->isInt;
    for (int64_t i = 0, n = product(shape); i < n; ++i) {
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d)
        src += ((i / os[d]) % shape[d]) * is[perm[d]];
      if (k.isInt)
        k.ints.push_back(a->getI(src));
      else
        k.floats.push_back(a->getF(src));
    }
    return done(std::move(k), dtype);
  }
  return success();
}

/// Data-movement and element-wise operators whose every input is a weight
/// or a known constant produce a (derived) weight: they prepare parameters,
/// they are not work done per inference.
LogicalResult Importer::tryDeriveWeight(const onnx::NodeProto &node,
                                        bool &derived) {
  derived = false;
  static const llvm::StringSet<> kinds = {
      "Transpose", "Reshape",  "Flatten", "Squeeze", "Unsqueeze",
      "Cast",      "Identity", "Mul",     "Add",     "Sub",
      "Div",       "Sqrt",     "Neg",     "Concat"};
  if (!kinds.contains(node.op_type()))
    return success();
  Val *first = nullptr;
  bool anyWeight = false;
  for (int i = 0; i < node.input_size(); ++i) {
    if (!hasInput(node, i))
      continue;
    Val *v = lookup(node, i);
    if (!v || (!v->isWeight && !v->known) || v->value)
      return success();
    if (v->isWeight && !first)
      first = v;
    anyWeight |= v->isWeight;
  }
  if (!anyWeight)
    return success();
  // Output shape of the derived weight.
  Shape shape;
  StringRef op = node.op_type();
  if (op == "Transpose") {
    SmallVector<int64_t> perm;
    if (auto p = getInts(node, "perm"))
      perm = *p;
    else
      for (int64_t i = first->shape.size() - 1; i >= 0; --i)
        perm.push_back(i);
    if (perm.size() != first->shape.size())
      return nodeError(node) << "perm has " << perm.size()
                             << " entries for rank " << first->shape.size();
    for (int64_t p : perm) {
      if (p < 0 || p >= (int64_t)first->shape.size())
        return nodeError(node) << "perm entry " << p << " is out of range";
      shape.push_back(first->shape[p]);
    }
  } else if (op == "Reshape" || op == "Flatten" || op == "Squeeze" ||
             op == "Unsqueeze") {
    FailureOr<Shape> s = reshapeTarget(node);
    if (failed(s))
      return failure();
    shape = *s;
  } else if (op == "Concat") {
    FailureOr<int64_t> axis =
        normalizeAxis(node, getInt(node, "axis", 0), first->shape.size());
    if (failed(axis))
      return failure();
    shape = first->shape;
    shape[*axis] = 0;
    for (int i = 0; i < node.input_size(); ++i)
      shape[*axis] += lookup(node, i)->shape[*axis];
  } else if (node.input_size() >= 2) {
    Shape s = lookup(node, 0)->shape;
    for (int i = 1; i < node.input_size(); ++i) {
      auto b = broadcast(s, lookup(node, i)->shape);
      if (!b)
        return nodeError(node) << "operand shapes do not broadcast";
      s = *b;
    }
    shape = s;
  } else {
    shape = first->shape;
  }
  Val val;
  val.shape = shape;
  val.dtype =
      op == "Cast" ? (int32_t)getInt(node, "to", first->dtype) : first->dtype;
  val.isWeight = true;
  val.weightName = first->weightName;
  val.zeroFraction = first->zeroFraction;
  values[node.output(0)] = std::move(val);
  derived = true;
  return success();
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

FailureOr<Shape> Importer::reshapeTarget(const onnx::NodeProto &node) {
  Val *in = lookup(node, 0);
  if (!in) {
    nodeError(node) << "missing data input";
    return failure();
  }
  ArrayRef<int64_t> s = in->shape;
  int64_t rank = s.size();
  StringRef op = node.op_type();
  Shape out;
  if (op == "Flatten") {
    int64_t axis = getInt(node, "axis", 1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank) {
      nodeError(node) << "axis " << getInt(node, "axis", 1)
                      << " is out of range for rank " << rank;
      return failure();
    }
    out = {product(s.take_front(axis)), product(s.drop_front(axis))};
    return out;
  }
  if (op == "Squeeze" || op == "Unsqueeze") {
    FailureOr<std::optional<SmallVector<int64_t>>> axes =
        getIntsAttrOrInput(node, "axes", 1);
    if (failed(axes))
      return failure();
    if (op == "Squeeze") {
      llvm::SmallBitVector drop(rank);
      if (!*axes) {
        for (int64_t i = 0; i < rank; ++i)
          drop[i] = s[i] == 1;
      } else {
        for (int64_t a : **axes) {
          int64_t ax = a < 0 ? a + rank : a;
          if (ax < 0 || ax >= rank || s[ax] != 1) {
            nodeError(node)
                << "cannot squeeze axis " << a << " of shape " << shapeStr(s);
            return failure();
          }
          drop.set(ax);
        }
      }
      for (int64_t i = 0; i < rank; ++i)
        if (!drop[i])
          out.push_back(s[i]);
      return out;
    }
    if (!*axes) {
      nodeError(node) << "Unsqueeze needs axes";
      return failure();
    }
    int64_t outRank = rank + (*axes)->size();
    llvm::SmallBitVector add(outRank);
    for (int64_t a : **axes) {
      int64_t ax = a < 0 ? a + outRank : a;
      if (ax < 0 || ax >= outRank || add[ax]) {
        nodeError(node) << "invalid unsqueeze axis " << a;
        return failure();
      }
      add.set(ax);
    }
    for (int64_t i = 0, j = 0; i < outRank; ++i)
      out.push_back(add[i] ? 1 : s[j++]);
    return out;
  }
  // Reshape: the target is an attribute (opset < 5) or a known input.
  FailureOr<std::optional<SmallVector<int64_t>>> target =
      getIntsAttrOrInput(node, "shape", 1);
  if (failed(target))
    return failure();
  if (!*target) {
    nodeError(node) << "missing target shape";
    return failure();
  }
  bool allowZero = getInt(node, "allowzero", 0) != 0;
  int64_t inferred = -1, known = 1;
  for (size_t i = 0; i < (*target)->size(); ++i) {
    int64_t d = (**target)[i];
    if (d == 0 && !allowZero) {
      if ((int64_t)i >= rank) {
        nodeError(node) << "target dim " << i
                        << " copies an input dim that does not exist";
        return failure();
      }
      d = s[i];
    }
    if (d == -1) {
      if (inferred >= 0) {
        nodeError(node) << "target shape has two -1 dims";
        return failure();
      }
      inferred = i;
      out.push_back(1);
      continue;
    }
    if (d < 0) {
      nodeError(node) << "invalid target dim " << d;
      return failure();
    }
    known *= d;
    out.push_back(d);
  }
  int64_t total = product(s);
  if (inferred >= 0) {
    if (known == 0 || total % known != 0) {
      nodeError(node) << "cannot reshape " << shapeStr(s) << " to "
                      << shapeStr(**target);
      return failure();
    }
    out[inferred] = total / known;
  } else if (known != total) {
    nodeError(node) << "cannot reshape " << shapeStr(s) << " (" << total
                    << " elements) to " << shapeStr(out) << " (" << known
                    << " elements)";
    return failure();
  }
  return out;
}

LogicalResult Importer::windowPads(const onnx::NodeProto &node,
                                   ArrayRef<int64_t> in,
                                   ArrayRef<int64_t> kernel,
                                   ArrayRef<int64_t> strides,
                                   ArrayRef<int64_t> dilations,
                                   SmallVectorImpl<int64_t> &pads) {
  size_t k = kernel.size();
  std::string autoPad = getString(node, "auto_pad", "NOTSET");
  if (autoPad == "NOTSET" || autoPad.empty()) {
    auto p = getInts(node, "pads");
    pads.assign(p ? *p : SmallVector<int64_t>(2 * k, 0));
    if (pads.size() != 2 * k)
      return nodeError(node)
             << "expects " << 2 * k << " pads, got " << pads.size();
    return success();
  }
  pads.assign(2 * k, 0);
  if (autoPad == "VALID")
    return success();
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
    return nodeError(node) << "unknown auto_pad '" << autoPad << "'";
  for (size_t i = 0; i < k; ++i) {
    int64_t out = (in[i] + strides[i] - 1) / strides[i];
    int64_t total = std::max<int64_t>(
        0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in[i]);
    int64_t small = total / 2, large = total - small;
    pads[i] = autoPad == "SAME_UPPER" ? small : large;
    pads[k + i] = autoPad == "SAME_UPPER" ? large : small;
  }
  return success();
}

LogicalResult Importer::importConv(const onnx::NodeProto &node,
                                   StringRef quant) {
  // QLinearConv: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, [B].
  bool qlinear = quant == "qlinear";
  unsigned wIdx = qlinear ? 3 : 1;
  Val *x = lookup(node, 0), *w = lookup(node, wIdx);
  if (!x || !w)
    return nodeError(node) << "needs an input and a weight";
  int64_t rank = x->shape.size();
  if (rank < 3 || rank > 5 || (int64_t)w->shape.size() != rank)
    return nodeError(node) << "expects input and weight of equal rank 3 to 5, "
                              "got "
                           << shapeStr(x->shape) << " and "
                           << shapeStr(w->shape);
  size_t k = rank - 2;
  SmallVector<int64_t> kernel(w->shape.begin() + 2, w->shape.end());
  if (auto ks = getInts(node, "kernel_shape"))
    if (ArrayRef<int64_t>(*ks) != ArrayRef<int64_t>(kernel))
      return nodeError(node)
             << "kernel_shape " << shapeStr(*ks)
             << " differs from the weight's " << shapeStr(kernel);
  SmallVector<int64_t> strides =
      getInts(node, "strides").value_or(SmallVector<int64_t>(k, 1));
  SmallVector<int64_t> dilations =
      getInts(node, "dilations").value_or(SmallVector<int64_t>(k, 1));
  if (strides.size() != k || dilations.size() != k)
    return nodeError(node) << "expects " << k << " strides and dilations";
  int64_t group = getInt(node, "group", 1);
  SmallVector<int64_t> pads;
  if (failed(windowPads(node, ArrayRef<int64_t>(x->shape).drop_front(2), kernel,
                        strides, dilations, pads)))
    return failure();
  if (group <= 0 || x->shape[1] != w->shape[1] * group ||
      w->shape[0] % group != 0)
    return nodeError(node) << "input " << shapeStr(x->shape) << " and weight "
                           << shapeStr(w->shape) << " do not agree with group "
                           << group;
  Shape out = {x->shape[0], w->shape[0]};
  for (size_t i = 0; i < k; ++i) {
    int64_t span = x->shape[2 + i] + pads[i] + pads[k + i] -
                   dilations[i] * (kernel[i] - 1) - 1;
    if (span < 0 || strides[i] <= 0)
      return nodeError(node)
             << "kernel " << kernel[i] << " does not fit spatial dim " << i
             << " of size " << x->shape[2 + i];
    out.push_back(span / strides[i] + 1);
  }
  int32_t outType = x->dtype;
  unsigned bIdx = 2;
  if (qlinear) {
    Val *yzp = lookup(node, 7);
    outType = yzp ? yzp->dtype : (int32_t)onnx::TensorProto::UINT8;
    bIdx = 8;
  } else if (quant == "integer") {
    outType = onnx::TensorProto::INT32;
    bIdx = 99; // ConvInteger has no bias
  }
  FailureOr<Value> xv = materialize(node, 0), wv = materialize(node, wIdx);
  if (failed(xv) || failed(wv))
    return failure();
  Value bias;
  if (hasInput(node, bIdx)) {
    FailureOr<Value> bv = materialize(node, bIdx);
    if (failed(bv))
      return failure();
    bias = *bv;
  }
  auto op = dnn::ConvOp::create(
      builder, nodeLoc(node), tensorType(out, outType), *xv, *wv, bias,
      builder.getDenseI64ArrayAttr(strides),
      builder.getDenseI64ArrayAttr(dilations),
      builder.getDenseI64ArrayAttr(pads), builder.getI64IntegerAttr(group),
      quant.empty() ? StringAttr() : builder.getStringAttr(quant));
  setOutput(node, 0, op, outType);
  return success();
}

LogicalResult Importer::importConvTranspose(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0), *w = lookup(node, 1);
  if (!x || !w)
    return nodeError(node) << "needs an input and a weight";
  int64_t rank = x->shape.size();
  if (rank < 3 || rank > 5 || (int64_t)w->shape.size() != rank)
    return nodeError(node) << "expects input and weight of equal rank 3 to 5";
  size_t k = rank - 2;
  SmallVector<int64_t> kernel(w->shape.begin() + 2, w->shape.end());
  SmallVector<int64_t> strides =
      getInts(node, "strides").value_or(SmallVector<int64_t>(k, 1));
  SmallVector<int64_t> dilations =
      getInts(node, "dilations").value_or(SmallVector<int64_t>(k, 1));
  SmallVector<int64_t> outPad =
      getInts(node, "output_padding").value_or(SmallVector<int64_t>(k, 0));
  int64_t group = getInt(node, "group", 1);
  if (strides.size() != k || dilations.size() != k || outPad.size() != k)
    return nodeError(node) << "expects " << k
                           << " strides, dilations and output_padding";
  if (group <= 0 || x->shape[1] != w->shape[0] || w->shape[0] % group != 0)
    return nodeError(node) << "input " << shapeStr(x->shape) << " and weight "
                           << shapeStr(w->shape) << " do not agree with group "
                           << group;
  SmallVector<int64_t> pads(2 * k, 0);
  std::string autoPad = getString(node, "auto_pad", "NOTSET");
  auto outputShape = getInts(node, "output_shape");
  if (outputShape && outputShape->size() == k + 2)
    outputShape =
        SmallVector<int64_t>(outputShape->begin() + 2, outputShape->end());
  if (outputShape || autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t i = 0; i < k; ++i) {
      int64_t full = strides[i] * (x->shape[2 + i] - 1) + outPad[i] +
                     (kernel[i] - 1) * dilations[i] + 1;
      int64_t target =
          outputShape ? (*outputShape)[i] : x->shape[2 + i] * strides[i];
      int64_t total = full - target;
      if (total < 0)
        return nodeError(node) << "output_shape " << target
                               << " is larger than the full output " << full;
      if (autoPad == "SAME_UPPER") {
        pads[i] = total / 2;
        pads[k + i] = total - total / 2;
      } else {
        pads[i] = total - total / 2;
        pads[k + i] = total / 2;
      }
    }
  } else if (auto p = getInts(node, "pads")) {
    pads = *p;
    if (pads.size() != 2 * k)
      return nodeError(node) << "expects " << 2 * k << " pads";
  }
  Shape out = {x->shape[0], w->shape[1] * group};
  for (size_t i = 0; i < k; ++i)
    out.push_back(strides[i] * (x->shape[2 + i] - 1) + outPad[i] +
                  (kernel[i] - 1) * dilations[i] + 1 - pads[i] - pads[k + i]);
  FailureOr<Value> xv = materialize(node, 0), wv = materialize(node, 1);
  if (failed(xv) || failed(wv))
    return failure();
  Value bias;
  if (hasInput(node, 2)) {
    FailureOr<Value> bv = materialize(node, 2);
    if (failed(bv))
      return failure();
    bias = *bv;
  }
  auto op = dnn::ConvTransposeOp::create(
      builder, nodeLoc(node), tensorType(out, x->dtype), *xv, *wv, bias,
      builder.getDenseI64ArrayAttr(strides),
      builder.getDenseI64ArrayAttr(dilations),
      builder.getDenseI64ArrayAttr(pads), builder.getDenseI64ArrayAttr(outPad),
      builder.getI64IntegerAttr(group));
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importMatMul(const onnx::NodeProto &node,
                                     StringRef quant) {
  // QLinearMatMul: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp.
  bool qlinear = quant == "qlinear";
  unsigned bIdx = qlinear ? 3 : 1;
  Val *a = lookup(node, 0), *b = lookup(node, bIdx);
  if (!a || !b)
    return nodeError(node) << "needs two operands";
  ArrayRef<int64_t> as = a->shape, bs = b->shape;
  if (as.empty() || bs.empty())
    return nodeError(node) << "operands must have rank 1 or more";
  int64_t ka = as.back(), kb = bs.size() == 1 ? bs[0] : bs[bs.size() - 2];
  if (ka != kb)
    return nodeError(node) << "operand shapes " << shapeStr(as) << " and "
                           << shapeStr(bs) << " do not agree on K";
  ArrayRef<int64_t> ba = as.size() > 2 ? as.drop_back(2) : ArrayRef<int64_t>();
  ArrayRef<int64_t> bb = bs.size() > 2 ? bs.drop_back(2) : ArrayRef<int64_t>();
  auto batch = broadcast(ba, bb);
  if (!batch)
    return nodeError(node) << "batch dims of " << shapeStr(as) << " and "
                           << shapeStr(bs) << " do not broadcast";
  Shape out = *batch;
  if (as.size() > 1)
    out.push_back(as[as.size() - 2]);
  if (bs.size() > 1)
    out.push_back(bs.back());
  int32_t outType = a->dtype;
  if (qlinear) {
    Val *yzp = lookup(node, 7);
    outType = yzp ? yzp->dtype : (int32_t)onnx::TensorProto::UINT8;
  } else if (quant == "integer") {
    outType = onnx::TensorProto::INT32;
  }
  FailureOr<Value> av = materialize(node, 0), bv = materialize(node, bIdx);
  if (failed(av) || failed(bv))
    return failure();
  auto op = dnn::MatMulOp::create(
      builder, nodeLoc(node), tensorType(out, outType), *av, *bv, Value(),
      builder.getBoolAttr(false), builder.getBoolAttr(false),
      builder.getF64FloatAttr(1.0), builder.getF64FloatAttr(1.0),
      quant.empty() ? StringAttr() : builder.getStringAttr(quant));
  setOutput(node, 0, op, outType);
  return success();
}

LogicalResult Importer::importGemm(const onnx::NodeProto &node) {
  Val *a = lookup(node, 0), *b = lookup(node, 1);
  if (!a || !b)
    return nodeError(node) << "needs two operands";
  bool ta = getInt(node, "transA", 0), tb = getInt(node, "transB", 0);
  if (a->shape.size() != 2 || b->shape.size() != 2)
    return nodeError(node) << "expects 2-D operands, got " << shapeStr(a->shape)
                           << " and " << shapeStr(b->shape);
  int64_t m = ta ? a->shape[1] : a->shape[0],
          k = ta ? a->shape[0] : a->shape[1];
  int64_t kb = tb ? b->shape[1] : b->shape[0],
          n = tb ? b->shape[0] : b->shape[1];
  if (k != kb)
    return nodeError(node) << "operand shapes " << shapeStr(a->shape) << " and "
                           << shapeStr(b->shape)
                           << " do not agree on K (transA=" << ta
                           << ", transB=" << tb << ")";
  FailureOr<Value> av = materialize(node, 0), bv = materialize(node, 1);
  if (failed(av) || failed(bv))
    return failure();
  Value c;
  if (hasInput(node, 2)) {
    Val *cv = lookup(node, 2);
    if (!broadcast(cv->shape, {m, n}) ||
        *broadcast(cv->shape, {m, n}) != Shape{m, n})
      return nodeError(node)
             << "C of shape " << shapeStr(cv->shape)
             << " does not broadcast to [" << m << ", " << n << "]";
    FailureOr<Value> cval = materialize(node, 2);
    if (failed(cval))
      return failure();
    c = *cval;
  }
  auto op = dnn::MatMulOp::create(
      builder, nodeLoc(node), tensorType({m, n}, a->dtype), *av, *bv, c,
      builder.getBoolAttr(ta), builder.getBoolAttr(tb),
      builder.getF64FloatAttr(getFloat(node, "alpha", 1.0)),
      builder.getF64FloatAttr(getFloat(node, "beta", 1.0)), StringAttr());
  setOutput(node, 0, op, a->dtype);
  return success();
}

LogicalResult Importer::importPool(const onnx::NodeProto &node,
                                   dnn::PoolKind kind, bool global) {
  Val *x = lookup(node, 0);
  if (!x || x->shape.size() < 3)
    return nodeError(node) << "expects an input of rank 3 or more";
  if (node.output_size() > 1 && !node.output(1).empty())
    return nodeError(node) << "the Indices output of MaxPool is not supported";
  size_t k = x->shape.size() - 2;
  SmallVector<int64_t> kernel, strides(k, 1), dilations(k, 1), pads(2 * k, 0);
  ArrayRef<int64_t> spatial = ArrayRef<int64_t>(x->shape).drop_front(2);
  if (global) {
    kernel.assign(spatial.begin(), spatial.end());
  } else {
    auto ks = getInts(node, "kernel_shape");
    if (!ks || ks->size() != k)
      return nodeError(node) << "needs kernel_shape with " << k << " entries";
    kernel = *ks;
    strides = getInts(node, "strides").value_or(strides);
    dilations = getInts(node, "dilations").value_or(dilations);
    if (strides.size() != k || dilations.size() != k)
      return nodeError(node) << "expects " << k << " strides and dilations";
    if (failed(windowPads(node, spatial, kernel, strides, dilations, pads)))
      return failure();
  }
  bool ceilMode = getInt(node, "ceil_mode", 0) != 0;
  Shape out = {x->shape[0], x->shape[1]};
  for (size_t i = 0; i < k; ++i) {
    int64_t span =
        spatial[i] + pads[i] + pads[k + i] - dilations[i] * (kernel[i] - 1) - 1;
    if (span < 0)
      return nodeError(node)
             << "kernel " << kernel[i] << " does not fit spatial dim " << i
             << " of size " << spatial[i];
    int64_t o =
        (ceilMode ? (span + strides[i] - 1) / strides[i] : span / strides[i]) +
        1;
    // ONNX: with ceil_mode the last window must start inside the input or
    // its begin pad.
    if (ceilMode && (o - 1) * strides[i] >= spatial[i] + pads[i])
      --o;
    out.push_back(o);
  }
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::PoolOp::create(
      builder, nodeLoc(node), tensorType(out, x->dtype), *xv,
      dnn::PoolKindAttr::get(ctx, kind), builder.getDenseI64ArrayAttr(kernel),
      builder.getDenseI64ArrayAttr(strides),
      builder.getDenseI64ArrayAttr(dilations),
      builder.getDenseI64ArrayAttr(pads),
      global ? builder.getUnitAttr() : UnitAttr(),
      getInt(node, "count_include_pad", 0) ? builder.getUnitAttr()
                                           : UnitAttr());
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importUnary(const onnx::NodeProto &node,
                                    dnn::UnaryKind kind) {
  Val *x = lookup(node, 0);
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  FloatAttr alpha, beta;
  auto f = [&](StringRef name, double def) {
    return builder.getF64FloatAttr(getFloat(node, name, def));
  };
  switch (kind) {
  case dnn::UnaryKind::LeakyRelu:
    alpha = f("alpha", 0.01);
    break;
  case dnn::UnaryKind::Elu:
  case dnn::UnaryKind::Celu:
  case dnn::UnaryKind::ThresholdedRelu:
    alpha = f("alpha", 1.0);
    break;
  case dnn::UnaryKind::Selu:
    alpha = f("alpha", 1.67326319217681884765625);
    beta = f("gamma", 1.05070102214813232421875);
    break;
  case dnn::UnaryKind::HardSigmoid:
    alpha = f("alpha", 0.2);
    beta = f("beta", 0.5);
    break;
  default:
    break;
  }
  int32_t outType = x->dtype;
  if (kind == dnn::UnaryKind::Not || kind == dnn::UnaryKind::IsNaN)
    outType = onnx::TensorProto::BOOL;
  auto op = dnn::UnaryOp::create(
      builder, nodeLoc(node), tensorType(x->shape, outType), *xv,
      dnn::UnaryKindAttr::get(ctx, kind), alpha, beta);
  setOutput(node, 0, op, outType);
  return success();
}

LogicalResult Importer::importBinary(const onnx::NodeProto &node,
                                     dnn::BinaryKind kind) {
  // Variadic Sum/Max/Min/Mean chain pairwise.
  if (node.input_size() < 1)
    return nodeError(node) << "needs operands";
  bool cmp = kind == dnn::BinaryKind::Equal || kind == dnn::BinaryKind::Less ||
             kind == dnn::BinaryKind::LessOrEqual ||
             kind == dnn::BinaryKind::Greater ||
             kind == dnn::BinaryKind::GreaterOrEqual;
  FailureOr<Value> acc = materialize(node, 0);
  if (failed(acc))
    return failure();
  Val *first = lookup(node, 0);
  int32_t dtype = first->dtype;
  Shape shape = first->shape;
  if (node.input_size() == 1) {
    setOutput(node, 0, *acc, dtype);
    return success();
  }
  for (int i = 1; i < node.input_size(); ++i) {
    Val *v = lookup(node, i);
    if (!v)
      return nodeError(node) << "operand " << i << " is missing";
    auto out = broadcast(shape, v->shape);
    if (!out)
      return nodeError(node) << "operand shapes " << shapeStr(shape) << " and "
                             << shapeStr(v->shape) << " do not broadcast";
    FailureOr<Value> rhs = materialize(node, i);
    if (failed(rhs))
      return failure();
    int32_t outType = cmp ? (int32_t)onnx::TensorProto::BOOL : dtype;
    acc =
        dnn::BinaryOp::create(builder, nodeLoc(node), tensorType(*out, outType),
                              *acc, *rhs, dnn::BinaryKindAttr::get(ctx, kind))
            .getResult();
    shape = *out;
    if (cmp)
      dtype = outType;
  }
  setOutput(node, 0, *acc, dtype);
  return success();
}

LogicalResult Importer::importClip(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0);
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  FloatAttr minAttr, maxAttr;
  Value minV, maxV;
  if (opset < 11) {
    if (attr(node, "min"))
      minAttr = builder.getF64FloatAttr(getFloat(node, "min", 0));
    if (attr(node, "max"))
      maxAttr = builder.getF64FloatAttr(getFloat(node, "max", 0));
  } else {
    for (unsigned i : {1u, 2u}) {
      if (!hasInput(node, i))
        continue;
      Val *b = lookup(node, i);
      if (b && b->known && b->known->size() == 1) {
        (i == 1 ? minAttr : maxAttr) =
            builder.getF64FloatAttr(b->known->getF(0));
        continue;
      }
      FailureOr<Value> v = materialize(node, i);
      if (failed(v))
        return failure();
      (i == 1 ? minV : maxV) = *v;
    }
  }
  auto op = dnn::ClipOp::create(builder, nodeLoc(node),
                                tensorType(x->shape, x->dtype), *xv, minV, maxV,
                                minAttr, maxAttr);
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importReduce(const onnx::NodeProto &node,
                                     dnn::ReduceKind kind) {
  Val *x = lookup(node, 0);
  int64_t rank = x->shape.size();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getIntsAttrOrInput(node, "axes", 1);
  if (failed(axes))
    return failure();
  bool keep = getInt(node, "keepdims", 1) != 0;
  SmallVector<int64_t> norm;
  if (*axes && !(*axes)->empty()) {
    for (int64_t a : **axes) {
      FailureOr<int64_t> ax = normalizeAxis(node, a, rank);
      if (failed(ax))
        return failure();
      norm.push_back(*ax);
    }
    llvm::sort(norm);
    norm.erase(std::unique(norm.begin(), norm.end()), norm.end());
  } else if (getInt(node, "noop_with_empty_axes", 0)) {
    setOutput(node, 0, *materialize(node, 0), x->dtype);
    return success();
  } else {
    for (int64_t i = 0; i < rank; ++i)
      norm.push_back(i);
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!llvm::is_contained(norm, i))
      out.push_back(x->shape[i]);
    else if (keep)
      out.push_back(1);
  }
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::ReduceOp::create(
      builder, nodeLoc(node), tensorType(out, x->dtype), *xv,
      dnn::ReduceKindAttr::get(ctx, kind), builder.getDenseI64ArrayAttr(norm),
      builder.getBoolAttr(keep));
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importArgReduce(const onnx::NodeProto &node,
                                        dnn::ReduceKind kind) {
  Val *x = lookup(node, 0);
  int64_t rank = x->shape.size();
  FailureOr<int64_t> axis = normalizeAxis(node, getInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  bool keep = getInt(node, "keepdims", 1) != 0;
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    if (i != *axis)
      out.push_back(x->shape[i]);
    else if (keep)
      out.push_back(1);
  }
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::ReduceOp::create(
      builder, nodeLoc(node), tensorType(out, onnx::TensorProto::INT64), *xv,
      dnn::ReduceKindAttr::get(ctx, kind),
      builder.getDenseI64ArrayAttr({*axis}), builder.getBoolAttr(keep));
  setOutput(node, 0, op, onnx::TensorProto::INT64);
  return success();
}

LogicalResult Importer::importReshapeLike(const onnx::NodeProto &node,
                                          ArrayRef<int64_t> shape) {
  Val *x = lookup(node, 0);
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  if (ArrayRef<int64_t>(x->shape) == shape) {
    setOutput(node, 0, *xv, x->dtype);
    return success();
  }
  auto op = dnn::ReshapeOp::create(builder, nodeLoc(node),
                                   tensorType(shape, x->dtype), *xv);
  setOutput(node, 0, op, x->dtype);
  return success();
}

FailureOr<Importer::SliceBounds>
Importer::sliceBounds(const onnx::NodeProto &node, ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  FailureOr<std::optional<SmallVector<int64_t>>> starts =
      getIntsAttrOrInput(node, "starts", 1);
  FailureOr<std::optional<SmallVector<int64_t>>> ends =
      getIntsAttrOrInput(node, "ends", 2);
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getIntsAttrOrInput(node, "axes", 3);
  FailureOr<std::optional<SmallVector<int64_t>>> steps =
      getIntsAttrOrInput(node, "steps", 4);
  if (failed(starts) || failed(ends) || failed(axes) || failed(steps))
    return failure();
  if (!*starts || !*ends || (*starts)->size() != (*ends)->size() ||
      (*axes && (*axes)->size() != (*starts)->size()) ||
      (*steps && (*steps)->size() != (*starts)->size())) {
    nodeError(node) << "needs starts and ends (and axes and steps when "
                       "given) of equal length";
    return failure();
  }
  SliceBounds r;
  r.starts.assign(rank, 0);
  r.ends.assign(shape.begin(), shape.end());
  r.steps.assign(rank, 1);
  for (size_t i = 0; i < (*starts)->size(); ++i) {
    int64_t a = *axes ? (**axes)[i] : (int64_t)i;
    FailureOr<int64_t> ax = normalizeAxis(node, a, rank);
    if (failed(ax))
      return failure();
    int64_t st = *steps ? (**steps)[i] : 1, dim = shape[*ax];
    if (st == 0) {
      nodeError(node) << "step of axis " << a << " is zero";
      return failure();
    }
    int64_t lo = (**starts)[i], hi = (**ends)[i];
    if (lo < 0)
      lo += dim;
    if (hi < 0)
      hi += dim;
    if (st > 0) {
      lo = std::clamp<int64_t>(lo, 0, dim);
      hi = std::clamp<int64_t>(hi, 0, dim);
    } else {
      lo = std::clamp<int64_t>(lo, 0, dim - 1);
      hi = std::clamp<int64_t>(hi, -1, dim - 1);
    }
    r.starts[*ax] = lo;
    r.ends[*ax] = hi;
    r.steps[*ax] = st;
  }
  for (int64_t i = 0; i < rank; ++i) {
    int64_t b = r.starts[i], e = r.ends[i], st = r.steps[i];
    r.shape.push_back(st > 0 ? std::max<int64_t>(0, (e - b + st - 1) / st)
                             : std::max<int64_t>(0, (b - e - st - 1) / -st));
  }
  return r;
}

LogicalResult Importer::importSlice(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0);
  FailureOr<SliceBounds> bounds = sliceBounds(node, x->shape);
  if (failed(bounds))
    return failure();
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::SliceOp::create(builder, nodeLoc(node),
                                 tensorType(bounds->shape, x->dtype), *xv,
                                 builder.getDenseI64ArrayAttr(bounds->starts),
                                 builder.getDenseI64ArrayAttr(bounds->ends),
                                 builder.getDenseI64ArrayAttr(bounds->steps));
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importSplit(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0);
  int64_t rank = x->shape.size();
  FailureOr<int64_t> axis = normalizeAxis(node, getInt(node, "axis", 0), rank);
  if (failed(axis))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> split =
      getIntsAttrOrInput(node, "split", 1);
  if (failed(split))
    return failure();
  int64_t n = node.output_size(), dim = x->shape[*axis];
  SmallVector<int64_t> sizes;
  if (*split && !(*split)->empty()) {
    sizes = **split;
  } else {
    int64_t parts = getInt(node, "num_outputs", n);
    int64_t each = (dim + parts - 1) / parts;
    for (int64_t i = 0; i < parts; ++i)
      sizes.push_back(std::min(each, dim - i * each));
  }
  int64_t sum = 0;
  for (int64_t s : sizes)
    sum += s;
  if ((int64_t)sizes.size() != n || sum != dim)
    return nodeError(node) << "split sizes " << shapeStr(sizes)
                           << " do not cover dim " << *axis << " of size "
                           << dim << " with " << n << " outputs";
  SmallVector<Type> types;
  for (int64_t s : sizes) {
    Shape shape = x->shape;
    shape[*axis] = s;
    types.push_back(tensorType(shape, x->dtype));
  }
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::SplitOp::create(builder, nodeLoc(node), types, *xv,
                                 builder.getI64IntegerAttr(*axis));
  for (int64_t i = 0; i < n; ++i)
    setOutput(node, i, op.getResult(i), x->dtype);
  return success();
}

LogicalResult Importer::importResize(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0);
  int64_t rank = x->shape.size();
  SmallVector<double> scales;
  SmallVector<int64_t> sizes;
  // Upsample (opset 9): X, scales. Resize 10: X, scales. Resize 11+: X, roi,
  // scales, sizes.
  auto knownOf = [&](unsigned i) -> const Known * {
    Val *v = lookup(node, i);
    return v && v->known && v->known->size() > 0 ? &*v->known : nullptr;
  };
  unsigned scalesIdx = (node.op_type() == "Upsample" || opset < 11) ? 1 : 2;
  if (const Known *s = knownOf(scalesIdx))
    for (int64_t i = 0; i < s->size(); ++i)
      scales.push_back(s->getF(i));
  if (auto a = attr(node, "scales"))
    scales.assign(a->floats().begin(), a->floats().end());
  if (const Known *s = knownOf(3))
    for (int64_t i = 0; i < s->size(); ++i)
      sizes.push_back(s->getI(i));
  Shape out;
  if (!sizes.empty()) {
    if ((int64_t)sizes.size() != rank)
      return nodeError(node)
             << "sizes has " << sizes.size() << " entries for rank " << rank;
    out.assign(sizes.begin(), sizes.end());
  } else if (!scales.empty()) {
    if ((int64_t)scales.size() != rank)
      return nodeError(node)
             << "scales has " << scales.size() << " entries for rank " << rank;
    for (int64_t i = 0; i < rank; ++i)
      out.push_back((int64_t)std::floor(x->shape[i] * scales[i]));
  } else {
    return nodeError(node) << "needs scales or sizes known at import time";
  }
  std::string mode = getString(node, "mode", "nearest");
  if (mode == "bilinear" || mode == "trilinear")
    mode = "linear";
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::ResizeOp::create(
      builder, nodeLoc(node), tensorType(out, x->dtype), *xv,
      builder.getStringAttr(mode),
      builder.getStringAttr(
          getString(node, "coordinate_transformation_mode", "half_pixel")));
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importPad(const onnx::NodeProto &node) {
  Val *x = lookup(node, 0);
  int64_t rank = x->shape.size();
  FailureOr<std::optional<SmallVector<int64_t>>> pads =
      getIntsAttrOrInput(node, "pads", 1);
  if (failed(pads))
    return failure();
  if (!*pads || (int64_t)(*pads)->size() != 2 * rank)
    return nodeError(node) << "expects " << 2 * rank << " pads";
  double value = getFloat(node, "value", 0.0);
  if (Val *c = lookup(node, 2); c && c->known && c->known->size())
    value = c->known->getF(0);
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    out.push_back(x->shape[i] + (**pads)[i] + (**pads)[rank + i]);
    if (out.back() < 0)
      return nodeError(node) << "pads make dim " << i << " negative";
  }
  FailureOr<Value> xv = materialize(node, 0);
  if (failed(xv))
    return failure();
  auto op = dnn::PadOp::create(
      builder, nodeLoc(node), tensorType(out, x->dtype), *xv,
      builder.getDenseI64ArrayAttr(**pads),
      builder.getStringAttr(getString(node, "mode", "constant")),
      builder.getF64FloatAttr(value));
  setOutput(node, 0, op, x->dtype);
  return success();
}

LogicalResult Importer::importQuant(const onnx::NodeProto &node,
                                    bool quantize) {
  Val *x = lookup(node, 0);
  FailureOr<Value> xv = materialize(node, 0), sv = materialize(node, 1);
  if (failed(xv) || failed(sv))
    return failure();
  Value zp;
  int32_t outType = quantize ? (int32_t)onnx::TensorProto::UINT8
                             : (int32_t)onnx::TensorProto::FLOAT;
  if (hasInput(node, 2)) {
    FailureOr<Value> z = materialize(node, 2);
    if (failed(z))
      return failure();
    zp = *z;
    if (quantize)
      outType = lookup(node, 2)->dtype;
  }
  if (!quantize && lookup(node, 1))
    outType = lookup(node, 1)->dtype;
  FailureOr<int64_t> axis =
      normalizeAxis(node, getInt(node, "axis", 1), x->shape.size());
  int64_t ax = succeeded(axis) ? *axis : 0;
  Value out;
  if (quantize)
    out = dnn::QuantizeOp::create(builder, nodeLoc(node),
                                  tensorType(x->shape, outType), *xv, *sv, zp,
                                  ax);
  else
    out = dnn::DequantizeOp::create(builder, nodeLoc(node),
                                    tensorType(x->shape, outType), *xv, *sv, zp,
                                    ax);
  setOutput(node, 0, out, outType);
  return success();
}

LogicalResult Importer::importOpaque(const onnx::NodeProto &node) {
  SmallVector<Value> operands;
  for (int i = 0; i < node.input_size(); ++i) {
    if (!hasInput(node, i))
      continue;
    FailureOr<Value> v = materialize(node, i);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  SmallVector<Type> types;
  for (const std::string &out : node.output()) {
    auto it = inferredShapes.find(out);
    int32_t dt = inferredTypes.lookup(out);
    if (!dt)
      dt = onnx::TensorProto::FLOAT;
    if (it != inferredShapes.end())
      types.push_back(tensorType(it->second, dt));
    else
      types.push_back(UnrankedTensorType::get(elementType(dt)));
  }
  auto op = dnn::OpaqueOp::create(builder, nodeLoc(node), types, operands,
                                  builder.getStringAttr(node.op_type()),
                                  builder.getStringAttr(node.domain()));
  for (int i = 0; i < node.output_size(); ++i) {
    if (node.output(i).empty())
      continue;
    Val val;
    val.value = op.getResult(i);
    val.dtype = inferredTypes.lookup(node.output(i));
    if (!val.dtype)
      val.dtype = onnx::TensorProto::FLOAT;
    if (auto ranked = dyn_cast<RankedTensorType>(types[i]))
      val.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
    else
      val.shape.clear();
    values[node.output(i)] = std::move(val);
  }
  return success();
}

/// Einsum becomes a dnn.generic: one loop dim per letter, each operand
/// projected by its subscripts (a broadcast dim of size 1 reads index 0).
LogicalResult Importer::importEinsum(const onnx::NodeProto &node) {
  std::string eq;
  for (char c : getString(node, "equation", ""))
    if (!std::isspace((unsigned char)c))
      eq += c;
  StringRef text(eq);
  auto [lhs, rhs] = text.split("->");
  bool explicitOut = text.contains("->");
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if ((int)terms.size() != node.input_size())
    return nodeError(node) << "equation '" << eq << "' has " << terms.size()
                           << " operands, the node " << node.input_size();
  // Expand "..." into named broadcast dims aligned to the right.
  int64_t ellipsisRank = 0;
  SmallVector<SmallVector<std::string>> subs;
  for (auto [i, term] : llvm::enumerate(terms)) {
    Val *v = lookup(node, i);
    if (!v)
      return nodeError(node) << "operand " << i << " is missing";
    int64_t letters = (int64_t)term.size() - (term.contains("...") ? 3 : 0);
    int64_t rank = v->shape.size();
    if (!term.contains("...") && letters != rank)
      return nodeError(node) << "subscripts '" << term << "' do not match rank "
                             << rank << " of operand " << i;
    ellipsisRank = std::max(ellipsisRank, rank - letters);
  }
  auto expand = [&](StringRef term, int64_t rank) {
    SmallVector<std::string> out;
    size_t pos = term.find("...");
    int64_t n = pos == StringRef::npos ? 0 : rank - ((int64_t)term.size() - 3);
    for (size_t i = 0; i < term.size();) {
      if (i == pos) {
        for (int64_t k = ellipsisRank - n; k < ellipsisRank; ++k)
          out.push_back(("E" + Twine(k)).str());
        i += 3;
        continue;
      }
      out.push_back(std::string(1, term[i]));
      ++i;
    }
    return out;
  };
  for (auto [i, term] : llvm::enumerate(terms))
    subs.push_back(expand(term, lookup(node, i)->shape.size()));
  // Dim bounds (the largest size of a letter: others are 1 and broadcast).
  SmallVector<std::string> dims;
  llvm::StringMap<int64_t> bound;
  for (auto [i, sub] : llvm::enumerate(subs))
    for (auto [j, letter] : llvm::enumerate(sub)) {
      int64_t size = lookup(node, i)->shape[j];
      auto [it, inserted] = bound.try_emplace(letter, size);
      if (inserted) {
        dims.push_back(letter);
      } else if (it->second != size && size != 1 && it->second != 1) {
        return nodeError(node) << "subscript '" << letter << "' has sizes "
                               << it->second << " and " << size;
      } else {
        it->second = std::max(it->second, size);
      }
    }
  SmallVector<std::string> outSub;
  if (explicitOut) {
    outSub = expand(rhs, ellipsisRank + (int64_t)rhs.size() -
                             (rhs.contains("...") ? 3 : 0));
  } else {
    for (int64_t k = 0; k < ellipsisRank; ++k)
      outSub.push_back(("E" + Twine(k)).str());
    SmallVector<std::string> once;
    for (const std::string &d : dims) {
      if (d[0] == 'E' && d.size() > 1)
        continue;
      int count = 0;
      for (auto &sub : subs)
        count += llvm::count(sub, d);
      if (count == 1)
        once.push_back(d);
    }
    llvm::sort(once);
    outSub.append(once.begin(), once.end());
  }
  Shape out;
  for (const std::string &d : outSub) {
    if (!bound.count(d))
      return nodeError(node)
             << "output subscript '" << d << "' appears in no operand";
    out.push_back(bound[d]);
  }
  // Maps, roles and spaces.
  auto dimIndex = [&](StringRef d) {
    return (unsigned)(llvm::find(dims, d) - dims.begin());
  };
  SmallVector<Attribute> maps, roles, spaces, dimNames;
  SmallVector<int64_t> bounds;
  for (const std::string &d : dims) {
    dimNames.push_back(builder.getStringAttr(d));
    bounds.push_back(bound[d]);
  }
  bool anyWeight = false;
  for (int i = 0; i < node.input_size(); ++i)
    anyWeight |= lookup(node, i)->isWeight;
  SmallVector<Value> operands;
  for (auto [i, sub] : llvm::enumerate(subs)) {
    SmallVector<AffineExpr> exprs;
    for (auto [j, letter] : llvm::enumerate(sub)) {
      int64_t size = lookup(node, i)->shape[j];
      exprs.push_back(size == 1 && bound[letter] != 1
                          ? getAffineConstantExpr(0, ctx)
                          : getAffineDimExpr(dimIndex(letter), ctx));
    }
    maps.push_back(
        AffineMapAttr::get(AffineMap::get(dims.size(), 0, exprs, ctx)));
    bool weight =
        lookup(node, i)->isWeight || (!anyWeight && i == 1 && subs.size() == 2);
    roles.push_back(builder.getStringAttr(weight ? "weight" : "input"));
    spaces.push_back(builder.getStringAttr(
        weight ? "Weights"
               : (i == 0 ? "Inputs" : ("Inputs" + Twine(i)).str())));
    FailureOr<Value> v = materialize(node, i);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  SmallVector<AffineExpr> outExprs;
  for (const std::string &d : outSub)
    outExprs.push_back(getAffineDimExpr(dimIndex(d), ctx));
  maps.push_back(
      AffineMapAttr::get(AffineMap::get(dims.size(), 0, outExprs, ctx)));
  roles.push_back(builder.getStringAttr("output"));
  spaces.push_back(builder.getStringAttr("Outputs"));
  Val *first = lookup(node, 0);
  auto op = dnn::GenericOp::create(
      builder, nodeLoc(node), tensorType(out, first->dtype), operands,
      builder.getArrayAttr(dimNames), builder.getDenseI64ArrayAttr(bounds),
      builder.getArrayAttr(maps), builder.getArrayAttr(roles),
      builder.getArrayAttr(spaces),
      builder.getStringAttr(subs.size() >= 2 ? "mac" : "vector"), FloatAttr(),
      builder.getStringAttr(eq));
  setOutput(node, 0, op, first->dtype);
  return success();
}

static std::optional<dnn::UnaryKind> unaryKind(StringRef op) {
  return llvm::StringSwitch<std::optional<dnn::UnaryKind>>(op)
      .Case("Relu", dnn::UnaryKind::Relu)
      .Case("LeakyRelu", dnn::UnaryKind::LeakyRelu)
      .Case("Elu", dnn::UnaryKind::Elu)
      .Case("Selu", dnn::UnaryKind::Selu)
      .Case("Celu", dnn::UnaryKind::Celu)
      .Case("ThresholdedRelu", dnn::UnaryKind::ThresholdedRelu)
      .Case("Sigmoid", dnn::UnaryKind::Sigmoid)
      .Case("HardSigmoid", dnn::UnaryKind::HardSigmoid)
      .Case("HardSwish", dnn::UnaryKind::HardSwish)
      .Case("Tanh", dnn::UnaryKind::Tanh)
      .Case("Erf", dnn::UnaryKind::Erf)
      .Case("Gelu", dnn::UnaryKind::Gelu)
      .Case("FastGelu", dnn::UnaryKind::Gelu)
      .Case("Softplus", dnn::UnaryKind::Softplus)
      .Case("Softsign", dnn::UnaryKind::Softsign)
      .Case("Mish", dnn::UnaryKind::Mish)
      .Case("Sqrt", dnn::UnaryKind::Sqrt)
      .Case("Reciprocal", dnn::UnaryKind::Reciprocal)
      .Case("Exp", dnn::UnaryKind::Exp)
      .Case("Log", dnn::UnaryKind::Log)
      .Case("Neg", dnn::UnaryKind::Neg)
      .Case("Abs", dnn::UnaryKind::Abs)
      .Case("Floor", dnn::UnaryKind::Floor)
      .Case("Ceil", dnn::UnaryKind::Ceil)
      .Case("Round", dnn::UnaryKind::Round)
      .Case("Sign", dnn::UnaryKind::Sign)
      .Case("Not", dnn::UnaryKind::Not)
      .Case("Sin", dnn::UnaryKind::Sin)
      .Case("Cos", dnn::UnaryKind::Cos)
      .Case("IsNaN", dnn::UnaryKind::IsNaN)
      .Default(std::nullopt);
}

static std::optional<dnn::BinaryKind> binaryKind(StringRef op) {
  return llvm::StringSwitch<std::optional<dnn::BinaryKind>>(op)
      .Case("Add", dnn::BinaryKind::Add)
      .Case("Sum", dnn::BinaryKind::Add)
      .Case("Sub", dnn::BinaryKind::Sub)
      .Case("Mul", dnn::BinaryKind::Mul)
      .Case("Div", dnn::BinaryKind::Div)
      .Case("Pow", dnn::BinaryKind::Pow)
      .Case("Max", dnn::BinaryKind::Max)
      .Case("Min", dnn::BinaryKind::Min)
      .Case("Mean", dnn::BinaryKind::Mean)
      .Case("Mod", dnn::BinaryKind::Mod)
      .Case("PRelu", dnn::BinaryKind::PRelu)
      .Case("Equal", dnn::BinaryKind::Equal)
      .Case("Less", dnn::BinaryKind::Less)
      .Case("LessOrEqual", dnn::BinaryKind::LessOrEqual)
      .Case("Greater", dnn::BinaryKind::Greater)
      .Case("GreaterOrEqual", dnn::BinaryKind::GreaterOrEqual)
      .Case("And", dnn::BinaryKind::And)
      .Case("Or", dnn::BinaryKind::Or)
      .Case("Xor", dnn::BinaryKind::Xor)
      .Default(std::nullopt);
}

static std::optional<dnn::ReduceKind> reduceKind(StringRef op) {
  return llvm::StringSwitch<std::optional<dnn::ReduceKind>>(op)
      .Case("ReduceMean", dnn::ReduceKind::Mean)
      .Case("ReduceMax", dnn::ReduceKind::Max)
      .Case("ReduceMin", dnn::ReduceKind::Min)
      .Case("ReduceSum", dnn::ReduceKind::Sum)
      .Case("ReduceProd", dnn::ReduceKind::Prod)
      .Case("ReduceL1", dnn::ReduceKind::L1)
      .Case("ReduceL2", dnn::ReduceKind::L2)
      .Case("ReduceSumSquare", dnn::ReduceKind::SumSquare)
      .Case("ReduceLogSum", dnn::ReduceKind::LogSum)
      .Case("ReduceLogSumExp", dnn::ReduceKind::LogSumExp)
      .Default(std::nullopt);
}

LogicalResult Importer::importNode(const onnx::NodeProto &node) {
  StringRef op = node.op_type();
  StringRef domain = node.domain();
  bool standard = domain.empty() || domain == "ai.onnx";
  bool microsoft = domain == "com.microsoft";
  builder.setInsertionPointToEnd(&func.getBody().front());

  // Every input must have a known shape (an unsupported op without ONNX
  // shape information leaves its outputs unranked).
  for (int i = 0; i < node.input_size(); ++i) {
    if (!hasInput(node, i))
      continue;
    Val *v = lookup(node, i);
    if (!v) {
      auto it = unmodeledOutputs.find(node.input(i));
      if (it != unmodeledOutputs.end())
        return nodeError(node)
               << "input '" << node.input(i) << "' (" << it->second
               << ") is not modeled: only the inference "
                  "result of that operator is";
      return nodeError(node) << "input '" << node.input(i) << "' is unknown";
    }
    if (v->value && !isa<RankedTensorType>(v->value.getType()) &&
        op != "Identity")
      return nodeError(node) << "the shape of input '" << node.input(i)
                             << "' is unknown (it comes from an operator "
                                "that is not modeled)";
  }

  if (standard || microsoft) {
    if (op == "Constant") {
      const onnx::AttributeProto *value = attr(node, "value");
      Val val;
      if (value && value->has_t()) {
        onnx::TensorProto t = value->t();
        t.set_name(node.output(0));
        for (int64_t d : t.dims())
          val.shape.push_back(d);
        val.dtype = t.data_type();
        int64_t n = product(val.shape);
        if (n <= kMaxKnownElements && failed(readKnown(t, val, nodeLoc(node))))
          return failure();
        // Parameters exported as Constant nodes are weights; shapes, axes
        // and scalars stay constants.
        int32_t dt = t.data_type();
        bool param =
            (n > 1 && (!isIntType(dt) || dt == onnx::TensorProto::INT8 ||
                       dt == onnx::TensorProto::UINT8));
        if (param || n > kMaxConstantElements || !val.known) {
          // A weight stored as a Constant node.
          if (failed(addInitializer(t)))
            return failure();
          return success();
        }
      } else if (const onnx::AttributeProto *a = attr(node, "value_float")) {
        val.dtype = onnx::TensorProto::FLOAT;
        val.known = Known::ofFloats({}, {a->f()});
      } else if (const onnx::AttributeProto *a = attr(node, "value_int")) {
        val.dtype = onnx::TensorProto::INT64;
        val.known = Known::ofInts({}, {a->i()});
      } else if (const onnx::AttributeProto *a = attr(node, "value_ints")) {
        val.dtype = onnx::TensorProto::INT64;
        SmallVector<int64_t> v(a->ints().begin(), a->ints().end());
        val.known = Known::ofInts({(int64_t)v.size()}, v);
        val.shape = {(int64_t)v.size()};
      } else if (const onnx::AttributeProto *a = attr(node, "value_floats")) {
        val.dtype = onnx::TensorProto::FLOAT;
        SmallVector<double> v(a->floats().begin(), a->floats().end());
        val.known = Known::ofFloats({(int64_t)v.size()}, v);
        val.shape = {(int64_t)v.size()};
      } else {
        return nodeError(node) << "Constant without a supported value";
      }
      values[node.output(0)] = std::move(val);
      return success();
    }

    bool folded = false;
    if (failed(tryFold(node, folded)))
      return failure();
    if (folded)
      return success();
    bool derived = false;
    if (failed(tryDeriveWeight(node, derived)))
      return failure();
    if (derived)
      return success();

    if (op == "Identity" || op == "Dropout") {
      Val *x = lookup(node, 0);
      if (!x)
        return nodeError(node) << "missing input";
      values[node.output(0)] = *x;
      return success();
    }
    if (op == "Conv")
      return importConv(node, "");
    if (op == "ConvInteger")
      return importConv(node, "integer");
    if (op == "QLinearConv")
      return importConv(node, "qlinear");
    if (op == "ConvTranspose")
      return importConvTranspose(node);
    if (op == "MatMul")
      return importMatMul(node, "");
    if (op == "MatMulInteger")
      return importMatMul(node, "integer");
    if (op == "QLinearMatMul")
      return importMatMul(node, "qlinear");
    if (op == "Gemm")
      return importGemm(node);
    if (op == "Einsum")
      return importEinsum(node);
    if (op == "LSTM" || op == "GRU" || op == "RNN") {
      Val *x = lookup(node, 0), *w = lookup(node, 1), *r = lookup(node, 2);
      if (!x || !w || !r || x->shape.size() != 3 || w->shape.size() != 3)
        return nodeError(node) << "expects X, W and R of rank 3";
      if (getInt(node, "layout", 0) != 0)
        return nodeError(node) << "layout 1 (batch first) is not supported";
      int64_t hidden = getInt(node, "hidden_size", r->shape.back());
      int64_t dirs = w->shape[0];
      SmallVector<Value> operands;
      for (int i = 0; i < node.input_size(); ++i) {
        if (!hasInput(node, i))
          continue;
        FailureOr<Value> v = materialize(node, i);
        if (failed(v))
          return failure();
        operands.push_back(*v);
      }
      SmallVector<Type> types = {
          tensorType({x->shape[0], dirs, x->shape[1], hidden}, x->dtype),
          tensorType({dirs, x->shape[1], hidden}, x->dtype)};
      if (op == "LSTM")
        types.push_back(tensorType({dirs, x->shape[1], hidden}, x->dtype));
      std::string cell = StringRef(op).lower();
      auto rnn = dnn::RnnOp::create(
          builder, nodeLoc(node), types, operands[0], operands[1], operands[2],
          ArrayRef<Value>(operands).drop_front(3), builder.getStringAttr(cell),
          builder.getI64IntegerAttr(hidden),
          builder.getStringAttr(getString(node, "direction", "forward")));
      for (unsigned i = 0; i < types.size(); ++i)
        setOutput(node, i, rnn.getResult(i), x->dtype);
      return success();
    }
    if (op == "MaxPool")
      return importPool(node, dnn::PoolKind::Max, false);
    if (op == "AveragePool")
      return importPool(node, dnn::PoolKind::Average, false);
    if (op == "LpPool")
      return importPool(node, dnn::PoolKind::Lp, false);
    if (op == "GlobalMaxPool")
      return importPool(node, dnn::PoolKind::Max, true);
    if (op == "GlobalAveragePool")
      return importPool(node, dnn::PoolKind::Average, true);
    if (op == "GlobalLpPool")
      return importPool(node, dnn::PoolKind::Lp, true);
    if (op == "LRN") {
      Val *x = lookup(node, 0);
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      auto lrn = dnn::LrnOp::create(
          builder, nodeLoc(node), tensorType(x->shape, x->dtype), *xv,
          builder.getI64IntegerAttr(getInt(node, "size", 5)),
          builder.getF64FloatAttr(getFloat(node, "alpha", 1e-4)),
          builder.getF64FloatAttr(getFloat(node, "beta", 0.75)),
          builder.getF64FloatAttr(getFloat(node, "bias", 1.0)));
      setOutput(node, 0, lrn, x->dtype);
      return success();
    }
    if (auto kind = unaryKind(op))
      return importUnary(node, *kind);
    if (auto kind = binaryKind(op))
      return importBinary(node, *kind);
    if (op == "Where") {
      Val *c = lookup(node, 0), *x = lookup(node, 1), *y = lookup(node, 2);
      if (!c || !x || !y)
        return nodeError(node) << "needs three operands";
      auto s1 = broadcast(c->shape, x->shape);
      auto out = s1 ? broadcast(*s1, y->shape) : std::nullopt;
      if (!out)
        return nodeError(node) << "operand shapes do not broadcast";
      FailureOr<Value> cv = materialize(node, 0), xv = materialize(node, 1),
                       yv = materialize(node, 2);
      if (failed(cv) || failed(xv) || failed(yv))
        return failure();
      auto w = dnn::WhereOp::create(builder, nodeLoc(node),
                                    tensorType(*out, x->dtype), *cv, *xv, *yv);
      setOutput(node, 0, w, x->dtype);
      return success();
    }
    if (op == "Clip")
      return importClip(node);
    if (op == "Softmax" || op == "LogSoftmax") {
      Val *x = lookup(node, 0);
      int64_t rank = x->shape.size();
      FailureOr<int64_t> axis =
          normalizeAxis(node, getInt(node, "axis", opset < 13 ? 1 : -1), rank);
      if (failed(axis))
        return failure();
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      auto s = dnn::SoftmaxOp::create(builder, nodeLoc(node),
                                      tensorType(x->shape, x->dtype), *xv,
                                      *axis, op == "LogSoftmax");
      setOutput(node, 0, s, x->dtype);
      return success();
    }
    if (op == "BatchNormalization") {
      if (getInt(node, "training_mode", 0))
        return nodeError(node) << "training-mode batch normalization is not "
                                  "supported (export the model for inference)";
      Val *x = lookup(node, 0);
      SmallVector<Value> operands;
      for (unsigned i = 0; i < 5; ++i) {
        FailureOr<Value> v = materialize(node, i);
        if (failed(v))
          return failure();
        operands.push_back(*v);
      }
      auto bn = dnn::BatchNormOp::create(
          builder, nodeLoc(node), tensorType(x->shape, x->dtype), operands[0],
          operands[1], operands[2], operands[3], operands[4],
          builder.getF64FloatAttr(getFloat(node, "epsilon", 1e-5)));
      setOutput(node, 0, bn, x->dtype);
      return success();
    }
    if (op == "InstanceNormalization" || op == "LayerNormalization" ||
        op == "SkipLayerNormalization" || op == "GroupNormalization") {
      if (op == "SkipLayerNormalization")
        return importOpaque(node);
      Val *x = lookup(node, 0);
      int64_t rank = x->shape.size();
      dnn::NormKind kind = op == "LayerNormalization" ? dnn::NormKind::Layer
                           : op == "InstanceNormalization"
                               ? dnn::NormKind::Instance
                               : dnn::NormKind::Group;
      FailureOr<int64_t> axis = normalizeAxis(
          node, kind == dnn::NormKind::Layer ? getInt(node, "axis", -1) : 1,
          rank);
      if (failed(axis))
        return failure();
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      Value scale, bias;
      if (hasInput(node, 1)) {
        FailureOr<Value> v = materialize(node, 1);
        if (failed(v))
          return failure();
        scale = *v;
      }
      if (hasInput(node, 2)) {
        FailureOr<Value> v = materialize(node, 2);
        if (failed(v))
          return failure();
        bias = *v;
      }
      IntegerAttr groups;
      if (kind == dnn::NormKind::Group)
        groups = builder.getI64IntegerAttr(getInt(node, "num_groups", 1));
      auto n = dnn::NormOp::create(
          builder, nodeLoc(node), tensorType(x->shape, x->dtype), *xv, scale,
          bias, dnn::NormKindAttr::get(ctx, kind),
          builder.getI64IntegerAttr(*axis),
          builder.getF64FloatAttr(getFloat(node, "epsilon", 1e-5)), groups);
      setOutput(node, 0, n, x->dtype);
      return success();
    }
    if (auto kind = reduceKind(op))
      return importReduce(node, *kind);
    if (op == "ArgMax")
      return importArgReduce(node, dnn::ReduceKind::ArgMax);
    if (op == "ArgMin")
      return importArgReduce(node, dnn::ReduceKind::ArgMin);
    if (op == "Reshape" || op == "Flatten" || op == "Squeeze" ||
        op == "Unsqueeze") {
      FailureOr<Shape> shape = reshapeTarget(node);
      if (failed(shape))
        return failure();
      return importReshapeLike(node, *shape);
    }
    if (op == "Transpose") {
      Val *x = lookup(node, 0);
      int64_t rank = x->shape.size();
      SmallVector<int64_t> perm;
      if (auto p = getInts(node, "perm"))
        perm = *p;
      else
        for (int64_t i = rank - 1; i >= 0; --i)
          perm.push_back(i);
      if ((int64_t)perm.size() != rank)
        return nodeError(node)
               << "perm has " << perm.size() << " entries for rank " << rank;
      Shape out;
      for (int64_t p : perm) {
        if (p < 0 || p >= rank)
          return nodeError(node) << "perm entry " << p << " is out of range";
        out.push_back(x->shape[p]);
      }
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      auto t = dnn::TransposeOp::create(builder, nodeLoc(node),
                                        tensorType(out, x->dtype), *xv,
                                        builder.getDenseI64ArrayAttr(perm));
      setOutput(node, 0, t, x->dtype);
      return success();
    }
    if (op == "Concat") {
      Val *x = lookup(node, 0);
      int64_t rank = x->shape.size();
      FailureOr<int64_t> axis =
          normalizeAxis(node, getInt(node, "axis", 0), rank);
      if (failed(axis))
        return failure();
      Shape out = x->shape;
      out[*axis] = 0;
      SmallVector<Value> operands;
      for (int i = 0; i < node.input_size(); ++i) {
        Val *v = lookup(node, i);
        if (!v || (int64_t)v->shape.size() != rank)
          return nodeError(node) << "input " << i << " has a different rank";
        for (int64_t d = 0; d < rank; ++d)
          if (d != *axis && v->shape[d] != x->shape[d])
            return nodeError(node)
                   << "input shapes " << shapeStr(x->shape) << " and "
                   << shapeStr(v->shape) << " differ outside axis " << *axis;
        out[*axis] += v->shape[*axis];
        FailureOr<Value> mv = materialize(node, i);
        if (failed(mv))
          return failure();
        operands.push_back(*mv);
      }
      auto c = dnn::ConcatOp::create(
          builder, nodeLoc(node), tensorType(out, x->dtype), operands, *axis);
      setOutput(node, 0, c, x->dtype);
      return success();
    }
    if (op == "Split")
      return importSplit(node);
    if (op == "Slice")
      return importSlice(node);
    if (op == "Gather") {
      Val *d = lookup(node, 0), *idx = lookup(node, 1);
      int64_t rank = d->shape.size();
      FailureOr<int64_t> axis =
          normalizeAxis(node, getInt(node, "axis", 0), rank);
      if (failed(axis))
        return failure();
      Shape out(d->shape.begin(), d->shape.begin() + *axis);
      out.append(idx->shape.begin(), idx->shape.end());
      out.append(d->shape.begin() + *axis + 1, d->shape.end());
      FailureOr<Value> dv = materialize(node, 0), iv = materialize(node, 1);
      if (failed(dv) || failed(iv))
        return failure();
      auto g = dnn::GatherOp::create(
          builder, nodeLoc(node), tensorType(out, d->dtype), *dv, *iv, *axis);
      setOutput(node, 0, g, d->dtype);
      return success();
    }
    if (op == "Expand" || op == "Tile") {
      Val *x = lookup(node, 0), *s = lookup(node, 1);
      if (!s || !s->known)
        return nodeError(node) << "the target shape must be known at import "
                                  "time";
      Shape arg;
      for (int64_t i = 0; i < s->known->size(); ++i)
        arg.push_back(s->known->getI(i));
      Shape out;
      if (op == "Expand") {
        auto b = broadcast(x->shape, arg);
        if (!b)
          return nodeError(node) << shapeStr(x->shape)
                                 << " does not broadcast to " << shapeStr(arg);
        out = *b;
      } else {
        if (arg.size() != x->shape.size())
          return nodeError(node) << "repeats has " << arg.size()
                                 << " entries for rank " << x->shape.size();
        for (size_t i = 0; i < arg.size(); ++i)
          out.push_back(x->shape[i] * arg[i]);
      }
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      if (ArrayRef<int64_t>(out) == ArrayRef<int64_t>(x->shape)) {
        setOutput(node, 0, *xv, x->dtype);
        return success();
      }
      auto e = dnn::ExpandOp::create(
          builder, nodeLoc(node), tensorType(out, x->dtype), *xv, op == "Tile");
      setOutput(node, 0, e, x->dtype);
      return success();
    }
    if (op == "Resize" || op == "Upsample")
      return importResize(node);
    if (op == "Pad")
      return importPad(node);
    if (op == "Cast") {
      Val *x = lookup(node, 0);
      int32_t to = getInt(node, "to", onnx::TensorProto::FLOAT);
      if (!elementBytes(to))
        return nodeError(node) << "cast to an unsupported element type";
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      if (to == x->dtype) {
        setOutput(node, 0, *xv, to);
        return success();
      }
      auto c = dnn::CastOp::create(builder, nodeLoc(node),
                                   tensorType(x->shape, to), *xv);
      setOutput(node, 0, c, to);
      return success();
    }
    if (op == "QuantizeLinear")
      return importQuant(node, true);
    if (op == "DequantizeLinear")
      return importQuant(node, false);
    if (op == "DepthToSpace" || op == "SpaceToDepth") {
      Val *x = lookup(node, 0);
      int64_t b = getInt(node, "blocksize", 0);
      if (x->shape.size() != 4 || b <= 0)
        return nodeError(node) << "expects a 4-D input and a blocksize";
      Shape out = x->shape;
      if (op == "DepthToSpace") {
        if (out[1] % (b * b))
          return nodeError(node) << "channels " << out[1]
                                 << " are not divisible by blocksize^2";
        out[1] /= b * b;
        out[2] *= b;
        out[3] *= b;
      } else {
        if (out[2] % b || out[3] % b)
          return nodeError(node) << "spatial dims are not divisible by " << b;
        out[1] *= b * b;
        out[2] /= b;
        out[3] /= b;
      }
      FailureOr<Value> xv = materialize(node, 0);
      if (failed(xv))
        return failure();
      auto r = dnn::RearrangeOp::create(
          builder, nodeLoc(node), TypeRange{tensorType(out, x->dtype)},
          ValueRange{*xv}, builder.getStringAttr(op));
      setOutput(node, 0, r.getResult(0), x->dtype);
      return success();
    }
  }
  if ((standard) && (op == "Range" || op == "ConstantOfShape" ||
                     op == "Shape" || op == "Size"))
    return nodeError(node) << "'" << op
                           << "' needs inputs known at import time (a "
                              "data-dependent shape is not supported)";
  if (options.allowUnsupported)
    return importOpaque(node);
  InFlightDiagnostic diag = nodeError(node);
  diag << "unsupported operator '" << op << "'";
  if (!standard)
    diag << " of domain '" << domain << "'";
  diag << "; --allow-unsupported imports it as an opaque op that reports "
          "list as not modeled";
  return diag;
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> Importer::run() {
  if (failed(readModel()))
    return nullptr;
  modelDir = llvm::sys::path::parent_path(path).str();
  if (modelDir.empty())
    modelDir = ".";
  onnx::GraphProto &graph = *model.mutable_graph();
  if (failed(checkControlFlow(graph)))
    return nullptr;
  if (graph.node_size() == 0) {
    emitError(fileLoc) << "the graph is empty: no nodes";
    return nullptr;
  }
  for (const onnx::OperatorSetIdProto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  if (opset < 9 || opset > 17)
    emitWarning(fileLoc) << "opset " << opset
                         << " is outside the supported range 9 to 17; "
                            "operators are read with the nearest semantics";

  SmallVector<const onnx::NodeProto *> order;
  if (failed(sortNodes(order)))
    return nullptr;

  // User shapes.
  llvm::StringMap<Shape> userShapes;
  for (const std::string &spec : options.inputShapes) {
    StringRef s(spec);
    size_t colon = s.rfind(':');
    std::optional<Shape> shape;
    if (colon != StringRef::npos)
      shape = parseShape(s.drop_front(colon + 1));
    if (colon == StringRef::npos || !shape) {
      emitError(fileLoc) << "--input-shape '" << spec
                         << "' is not NAME:DIMS (e.g. input:1x3x224x224)";
      return nullptr;
    }
    userShapes[s.take_front(colon)] = *shape;
  }

  for (onnx::TensorProto &t : *graph.mutable_initializer())
    if (failed(addInitializer(t)))
      return nullptr;
  SmallVector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &in : graph.input()) {
    if (values.count(in.name()))
      continue; // an initializer listed as input (IR version < 4)
    auto it = userShapes.find(in.name());
    if (failed(addGraphInput(in, it != userShapes.end() ? it->second : Shape(),
                             it != userShapes.end())))
      return nullptr;
    inputs.push_back(&in);
  }
  for (auto &entry : userShapes) {
    if (!llvm::any_of(inputs, [&](const onnx::ValueInfoProto *in) {
          return in->name() == entry.getKey();
        })) {
      emitError(fileLoc) << "--input-shape names '" << entry.getKey()
                         << "', which is not an input of the graph";
      return nullptr;
    }
  }

  // Shapes of unsupported operators come from ONNX shape inference on the
  // model with the input shapes fixed; it may throw, and its failure only
  // leaves those outputs unranked.
  if (options.allowUnsupported) {
    onnx::ModelProto copy = model;
    onnx::GraphProto *g = copy.mutable_graph();
    for (onnx::ValueInfoProto &in : *g->mutable_input()) {
      auto it = values.find(in.name());
      if (it == values.end() || it->second.isWeight)
        continue;
      auto *shape = in.mutable_type()->mutable_tensor_type()->mutable_shape();
      shape->clear_dim();
      for (int64_t d : it->second.shape)
        shape->add_dim()->set_dim_value(d);
    }
    try {
      onnx::shape_inference::InferShapes(copy);
    } catch (const std::exception &) {
    }
    for (const onnx::ValueInfoProto &vi : copy.graph().value_info()) {
      if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
        continue;
      Shape s;
      bool ok = true;
      for (const auto &d : vi.type().tensor_type().shape().dim()) {
        ok &= d.has_dim_value();
        s.push_back(d.dim_value());
      }
      if (ok)
        inferredShapes[vi.name()] = s;
      inferredTypes[vi.name()] = vi.type().tensor_type().elem_type();
    }
  }

  // The function.
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  SmallVector<Type> argTypes;
  for (const onnx::ValueInfoProto *in : inputs) {
    Val &v = values[in->name()];
    argTypes.push_back(tensorType(v.shape, v.dtype));
  }
  builder.setInsertionPointToEnd(module->getBody());
  func = func::FuncOp::create(builder, fileLoc, "main",
                              builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  for (auto [i, in] : llvm::enumerate(inputs)) {
    values[in->name()].value = entry->getArgument(i);
    func.setArgAttr(i, "dnn.name", builder.getStringAttr(in->name()));
    // A shape the user fixed is kept when the batch is set later
    // (dnn-set-batch).
    if (userShapes.count(in->name()))
      func.setArgAttr(i, "dnn.shape_given", builder.getUnitAttr());
  }
  for (const onnx::NodeProto *node : order) {
    if (failed(importNode(*node)))
      return nullptr;
    for (int i = 0; i < node->output_size(); ++i)
      if (!node->output(i).empty() && !values.count(node->output(i)))
        unmodeledOutputs[node->output(i)] =
            (Twine("output ") + Twine(i) + " of " + node->op_type() +
             " node '" + node->name() + "'")
                .str();
  }

  builder.setInsertionPointToEnd(entry);
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &out : graph.output()) {
    auto it = values.find(out.name());
    if (it == values.end()) {
      emitError(fileLoc) << "graph output '" << out.name() << "' ("
                         << unmodeledOutputs.lookup(out.name())
                         << ") is not modeled: only the inference result "
                            "of that operator is";
      return nullptr;
    }
    results.push_back(materialize(it->second, out.name(), fileLoc));
  }
  builder.setInsertionPointToEnd(entry);
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(builder.getFunctionType(argTypes, TypeRange(results)));
  for (unsigned i = 0; i < results.size(); ++i)
    func.setResultAttr(i, "dnn.name",
                       builder.getStringAttr(graph.output(i).name()));

  // The batch the model is analyzed at: the first dim of the first input
  // of rank 2 or more (reports divide by it).
  for (Type t : argTypes)
    if (auto ranked = dyn_cast<RankedTensorType>(t);
        ranked && ranked.getRank() >= 2) {
      module->getOperation()->setAttr(
          "dnn.batch", builder.getI64IntegerAttr(ranked.getDimSize(0)));
      break;
    }
  module->getOperation()->setAttr("dnn.opset",
                                  builder.getI64IntegerAttr(opset));
  if (!model.producer_name().empty())
    module->getOperation()->setAttr(
        "dnn.producer",
        builder.getStringAttr(model.producer_name() +
                              (model.producer_version().empty()
                                   ? ""
                                   : " " + model.producer_version())));
  // An accuracy the model's metadata states, for the report card.
  for (const onnx::StringStringEntryProto &p : model.metadata_props())
    if (StringRef(p.key()).lower().find("accuracy") != std::string::npos) {
      module->getOperation()->setAttr(
          "dnn.accuracy", builder.getStringAttr(p.key() + ": " + p.value()));
      break;
    }
  if (!graph.name().empty())
    module->getOperation()->setAttr("dnn.model",
                                    builder.getStringAttr(graph.name()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> dnnopt::importONNX(StringRef path,
                                         const ImportOptions &options,
                                         MLIRContext *context) {
  context->loadDialect<dnn::DnnDialect, func::FuncDialect>();
  try {
    Importer importer(path, options, context);
    return importer.run();
  } catch (const std::exception &e) {
    emitError(FileLineColLoc::get(context, path, 0, 0))
        << "cannot read the model: " << e.what();
    return nullptr;
  }
}

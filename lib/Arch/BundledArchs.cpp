//===- BundledArchs.cpp - the architectures shipped in arch/ --------------===//

#include "dnnopt/Arch/BundledArchs.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace dnnopt;
using llvm::StringRef;

namespace {
struct BundledArch {
  const char *name;
  const char *text;
};
} // namespace

static const BundledArch kBundledArchs[] = {
#include "BundledArchs.inc"
};

llvm::SmallVector<StringRef> dnnopt::getBundledArchNames() {
  llvm::SmallVector<StringRef> names;
  for (const BundledArch &arch : kBundledArchs)
    names.push_back(arch.name);
  llvm::sort(names);
  return names;
}

std::optional<StringRef> dnnopt::getBundledArch(StringRef name) {
  name.consume_back(".mlir");
  for (const BundledArch &arch : kBundledArchs)
    if (name == arch.name)
      return StringRef(arch.text);
  return std::nullopt;
}

llvm::FailureOr<std::string> dnnopt::resolveArch(StringRef nameOrPath,
                                                 std::string *error) {
  if (llvm::sys::fs::is_regular_file(nameOrPath)) {
    auto buffer = llvm::MemoryBuffer::getFile(nameOrPath);
    if (buffer)
      return (*buffer)->getBuffer().str();
    if (error)
      *error = "cannot read '" + nameOrPath.str() +
               "': " + buffer.getError().message();
    return llvm::failure();
  }
  if (auto text = getBundledArch(nameOrPath))
    return text->str();
  if (error) {
    llvm::raw_string_ostream os(*error);
    os << "'" << nameOrPath
       << "' is neither a file nor a bundled architecture (bundled: ";
    llvm::interleaveComma(getBundledArchNames(), os);
    os << ")";
  }
  return llvm::failure();
}

mlir::OwningOpRef<mlir::ModuleOp> dnnopt::loadArch(StringRef nameOrPath,
                                                   mlir::MLIRContext *context) {
  std::string error;
  auto text = resolveArch(nameOrPath, &error);
  if (failed(text)) {
    mlir::emitError(mlir::UnknownLoc::get(context)) << error;
    return nullptr;
  }
  // Name the buffer after the file, or arch/NAME.mlir for a bundled arch, so
  // diagnostics point at a recognizable place.
  std::string bufferName = llvm::sys::fs::is_regular_file(nameOrPath)
                               ? nameOrPath.str()
                               : "arch/" + nameOrPath.str();
  if (!StringRef(bufferName).ends_with(".mlir"))
    bufferName += ".mlir";
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(*text, bufferName), llvm::SMLoc());
  return mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, context);
}

//===- YAMLTree.cpp - owned, immutable YAML trees -------------------------===//
//
// Walks LLVM's streaming `yaml::Stream` once per document and copies what it
// sees into owned nodes, resolving aliases, merge keys and `!include`s on the
// way. LLVM's parser reports syntax errors through the SourceMgr's diagnostic
// handler; the first one is captured and returned as the error.
//
// LLVM's parser has one bug that Timeloop files hit: a tag or anchor that
// ends a line (`- !Nothing`, `key: &a`) is attached to the next node even
// when that node is not indented enough to be its content, which swallows
// the following sibling entries. `fixDanglingProperties` makes such empty
// nodes explicit (`- !Nothing ~`) before parsing.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Support/YAMLTree.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/YAMLParser.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace llvm;
using namespace dnnopt;
using namespace dnnopt::yamltree;
namespace llyaml = llvm::yaml;

//===----------------------------------------------------------------------===//
// Locations and errors
//===----------------------------------------------------------------------===//

std::string SourceLocation::str() const {
  return (file + ":" + Twine(line) + ":" + Twine(column)).str();
}

Error yamltree::makeError(const SourceLocation &loc, const Twine &message) {
  return createStringError(inconvertibleErrorCode(),
                           loc.str() + ": " + message.str());
}

Error yamltree::makeError(const Node &node, const Twine &message) {
  return makeError(node.getLocation(), message);
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

Node::~Node() = default;

StringRef Node::getKindName() const {
  switch (kind) {
  case Kind::Null:
    return "null";
  case Kind::Scalar:
    return "scalar";
  case Kind::Sequence:
    return "sequence";
  case Kind::Map:
    return "map";
  }
  llvm_unreachable("unknown node kind");
}

/// True if `text` can be printed as a plain flow scalar and read back as the
/// same string.
static bool isPlainSafe(StringRef text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ' || text == "<<")
    return false;
  if (StringRef("!&*-?|>'\"%@`#").contains(text.front()))
    return false;
  return text.find_first_of(",[]{}#\n\t\"") == StringRef::npos &&
         !text.contains(": ") && !text.ends_with(":");
}

static void printScalarText(raw_ostream &os, StringRef text) {
  if (isPlainSafe(text))
    os << text;
  else
    os << '"' << llyaml::escape(text) << '"';
}

void Node::print(raw_ostream &os) const {
  if (hasTag())
    os << tag << ' ';
  if (isa<NullNode>(this)) {
    os << "null";
  } else if (auto *scalar = dyn_cast<ScalarNode>(this)) {
    if (scalar->isQuoted() || scalar->getStyle() == ScalarNode::Style::Block)
      os << '"' << llyaml::escape(scalar->getValue()) << '"';
    else
      printScalarText(os, scalar->getValue());
  } else if (auto *seq = dyn_cast<SequenceNode>(this)) {
    os << '[';
    llvm::interleave(
        *seq, os, [&](const Node *element) { element->print(os); }, ", ");
    os << ']';
  } else {
    auto *map = cast<MapNode>(this);
    os << '{';
    llvm::interleave(
        *map, os,
        [&](const MapNode::Entry &entry) {
          printScalarText(os, entry.key);
          os << ": ";
          entry.value->print(os);
        },
        ", ");
    os << '}';
  }
}

std::string Node::str() const {
  std::string result;
  raw_string_ostream os(result);
  print(os);
  return result;
}

const MapNode::Entry *MapNode::find(StringRef key) const {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &entries[it->second];
}

const Node *MapNode::lookup(StringRef key) const {
  const Entry *entry = find(key);
  return entry ? entry->value : nullptr;
}

//===----------------------------------------------------------------------===//
// Scalar conversions
//===----------------------------------------------------------------------===//

/// Removes `_` digit separators; fails on a leading, trailing or doubled `_`
/// or on an empty digit string.
static std::optional<std::string> stripSeparators(StringRef digits) {
  if (digits.empty() || digits.front() == '_' || digits.back() == '_' ||
      digits.contains("__"))
    return std::nullopt;
  std::string result;
  for (char c : digits)
    if (c != '_')
      result.push_back(c);
  return result;
}

/// Parses an integer written with an optional sign and either decimal digits
/// or a `0x`/`0o`/`0b` prefix. No float forms.
static std::optional<int64_t> parseIntegerLiteral(StringRef text) {
  bool negative = false;
  if (text.consume_front("-"))
    negative = true;
  else
    text.consume_front("+");
  unsigned radix = 10;
  if (text.size() > 2 && text[0] == '0') {
    char prefix = toLower(text[1]);
    radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
    if (radix != 10)
      text = text.drop_front(2);
  }
  std::optional<std::string> digits = stripSeparators(text);
  if (!digits)
    return std::nullopt;
  uint64_t magnitude;
  if (StringRef(*digits).getAsInteger(radix, magnitude))
    return std::nullopt;
  if (negative) {
    if (magnitude > uint64_t(std::numeric_limits<int64_t>::max()) + 1)
      return std::nullopt;
    return int64_t(0 - magnitude);
  }
  if (magnitude > uint64_t(std::numeric_limits<int64_t>::max()))
    return std::nullopt;
  return int64_t(magnitude);
}

/// Parses a decimal float: `[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?`
/// with `_` separators between digits.
static std::optional<double> parseDecimalFloat(StringRef text) {
  // Separators are only allowed between digits; check, then strip them.
  std::string cleaned;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '_') {
      cleaned.push_back(text[i]);
      continue;
    }
    if (i == 0 || i + 1 == text.size() || !isDigit(text[i - 1]) ||
        !isDigit(text[i + 1]))
      return std::nullopt;
  }
  StringRef s = cleaned;
  size_t i = 0;
  auto skipDigits = [&] {
    size_t start = i;
    while (i < s.size() && isDigit(s[i]))
      ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    ++i;
  size_t mantissaDigits = skipDigits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissaDigits += skipDigits();
  }
  if (mantissaDigits == 0)
    return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      ++i;
    if (skipDigits() == 0)
      return std::nullopt;
  }
  if (i != s.size())
    return std::nullopt;
  return std::strtod(cleaned.c_str(), nullptr);
}

std::optional<int64_t> ScalarNode::parseInt(StringRef text) {
  if (std::optional<int64_t> value = parseIntegerLiteral(text))
    return value;
  std::optional<double> value = parseDecimalFloat(text);
  // 2^63 is the first double above the int64_t range.
  if (!value || *value != std::trunc(*value) || *value >= 0x1p63 ||
      *value < -0x1p63)
    return std::nullopt;
  return int64_t(*value);
}

std::optional<double> ScalarNode::parseDouble(StringRef text) {
  std::string lower = text.lower();
  if (lower == ".inf" || lower == "+.inf")
    return std::numeric_limits<double>::infinity();
  if (lower == "-.inf")
    return -std::numeric_limits<double>::infinity();
  if (lower == ".nan")
    return std::numeric_limits<double>::quiet_NaN();
  if (std::optional<int64_t> value = parseIntegerLiteral(text))
    return double(*value);
  return parseDecimalFloat(text);
}

std::optional<bool> ScalarNode::parseBool(StringRef text) {
  return StringSwitch<std::optional<bool>>(text)
      .Cases({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
              "y", "Y"},
             true)
      .Cases({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF",
              "n", "N"},
             false)
      .Default(std::nullopt);
}

//===----------------------------------------------------------------------===//
// Tree
//===----------------------------------------------------------------------===//

namespace dnnopt::yamltree::detail {
/// Everything a tree owns: nodes, their strings and the document list.
struct TreeStorage {
  BumpPtrAllocator allocator;
  StringSaver saver{allocator};
  std::vector<std::unique_ptr<Node>> nodes;
  std::vector<Document> documents;
};
} // namespace dnnopt::yamltree::detail

Tree::Tree(std::unique_ptr<yamltree::detail::TreeStorage> storage)
    : storage(std::move(storage)) {}
Tree::Tree(Tree &&) noexcept = default;
Tree &Tree::operator=(Tree &&) noexcept = default;
Tree::~Tree() = default;

ArrayRef<Document> Tree::getDocuments() const { return storage->documents; }

const Node *Tree::getRoot() const {
  assert(storage->documents.size() == 1 && "expected exactly one document");
  return storage->documents.front().root;
}

//===----------------------------------------------------------------------===//
// Working around dangling tags and anchors
//===----------------------------------------------------------------------===//

namespace {
/// A line that ends with node properties (tags, anchors) and no content.
struct DanglingCandidate {
  unsigned line;
  /// Offset in the text just after the last property.
  size_t insertAt;
  /// The indentation the node's content must exceed.
  int parentIndent;
  /// The node is the value of a `key:`, so a block sequence at
  /// `parentIndent` is still its content.
  bool isMapValue;
};

/// What the scan records about each line.
struct LineInfo {
  size_t begin = 0;
  unsigned indent = 0;
  /// Only spaces, or a comment.
  bool blank = true;
};
} // namespace

static bool isBlockScalarHeader(StringRef token) {
  if (token.empty() || (token.front() != '|' && token.front() != '>'))
    return false;
  return token.drop_front().find_first_not_of("+-0123456789") ==
         StringRef::npos;
}

/// Makes the content of empty nodes whose properties end a line explicit by
/// appending ` ~` after the properties, where LLVM's parser would otherwise
/// give the properties to the next, less indented node. Only block-context
/// lines of the form `[- ]* [key:] props` are considered; quoted scalars,
/// flow collections, comments and block scalars are skipped over. Columns
/// of everything before the insertion stay the same.
static std::string fixDanglingProperties(StringRef text) {
  SmallVector<StringRef> lines;
  text.split(lines, '\n');
  std::vector<LineInfo> infos(lines.size());
  SmallVector<DanglingCandidate> candidates;

  unsigned flowDepth = 0;
  char quote = 0;
  // While >= 0, lines indented more than this are block scalar content.
  int blockScalarParent = -1;
  size_t offset = 0;
  for (unsigned l = 0; l < lines.size(); offset += lines[l].size() + 1, ++l) {
    StringRef line = lines[l];
    line.consume_back("\r");
    LineInfo &info = infos[l];
    info.begin = offset;
    info.indent = std::min(line.find_first_not_of(' '), line.size());
    bool onlySpaces = line.find_first_not_of(" \t") == StringRef::npos;
    if (blockScalarParent >= 0) {
      if (onlySpaces || int(info.indent) > blockScalarParent) {
        info.blank = onlySpaces;
        continue;
      }
      blockScalarParent = -1;
    }

    // Scan for quotes, flow brackets and the comment start.
    bool startsInBlockContext = flowDepth == 0 && quote == 0;
    size_t contentEnd = line.size();
    for (size_t i = info.indent; i < line.size(); ++i) {
      char c = line[i];
      if (quote == '"') {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quote = 0;
        continue;
      }
      if (quote == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
          ++i;
        else if (c == '\'')
          quote = 0;
        continue;
      }
      bool atTokenStart =
          i == info.indent || StringRef(" \t[{,").contains(line[i - 1]);
      if (c == '#' &&
          (i == info.indent || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        contentEnd = i;
        break;
      }
      if ((c == '"' || c == '\'') && atTokenStart)
        quote = c;
      else if ((c == '[' || c == '{') && (flowDepth > 0 || atTokenStart))
        ++flowDepth;
      else if ((c == ']' || c == '}') && flowDepth > 0)
        --flowDepth;
    }
    StringRef content = line.slice(info.indent, contentEnd).rtrim(" \t");
    info.blank = startsInBlockContext && content.empty();
    if (!startsInBlockContext || flowDepth != 0 || quote != 0 ||
        content.empty())
      continue;
    // Document markers and directives. (A tag on an empty document root,
    // `--- !T` followed by `---`, is not fixed: LLVM would continue a `~`
    // inserted there across the next `---`.)
    if (info.indent == 0 &&
        (content.starts_with("---") || content.starts_with("...") ||
         content.starts_with("%")))
      continue;

    // `- - key: props tail`: find the dashes, the key and the properties.
    size_t p = 0;
    int lastDash = -1;
    while (p < content.size() && content[p] == '-' &&
           (p + 1 == content.size() || content[p + 1] == ' ')) {
      lastDash = info.indent + p;
      ++p;
      while (p < content.size() && content[p] == ' ')
        ++p;
    }
    unsigned keyColumn = info.indent + p;
    bool hasKey = false;
    size_t q = p;
    if (p < content.size() && content[p] != '!' && content[p] != '&') {
      char keyQuote = 0;
      for (size_t i = p; i < content.size(); ++i) {
        char c = content[i];
        if (keyQuote) {
          if (c == keyQuote)
            keyQuote = 0;
          continue;
        }
        if ((c == '"' || c == '\'') && i == p) {
          keyQuote = c;
          continue;
        }
        if (c == ':' && (i + 1 == content.size() || content[i + 1] == ' ')) {
          hasKey = true;
          q = i + 1;
          break;
        }
      }
    }
    unsigned numProperties = 0;
    size_t propertiesEnd = q;
    StringRef rest = content.drop_front(q).ltrim(' ');
    while (!rest.empty() && (rest.front() == '!' || rest.front() == '&')) {
      size_t tokenEnd = rest.find(' ');
      StringRef token = rest.take_front(tokenEnd);
      ++numProperties;
      propertiesEnd = token.end() - content.begin();
      rest = rest.drop_front(token.size()).ltrim(' ');
    }
    int parentIndent = hasKey ? int(keyColumn) : lastDash;
    if (isBlockScalarHeader(rest)) {
      blockScalarParent = parentIndent >= 0 ? parentIndent : info.indent - 1;
      continue;
    }
    if (numProperties == 0 || !rest.empty() || parentIndent < 0)
      continue;
    candidates.push_back(
        {l, info.begin + info.indent + propertiesEnd, parentIndent, hasKey});
  }
  if (candidates.empty())
    return text.str();

  SmallVector<size_t> inserts;
  for (const DanglingCandidate &candidate : candidates) {
    unsigned next = candidate.line + 1;
    while (next < lines.size() && infos[next].blank)
      ++next;
    bool empty = true;
    if (next < lines.size()) {
      StringRef line = lines[next].rtrim("\r");
      const LineInfo &info = infos[next];
      bool isDocMarker = info.indent == 0 &&
                         (line.starts_with("---") || line.starts_with("..."));
      StringRef atIndent = line.drop_front(info.indent);
      bool isSeqEntry = atIndent == "-" || atIndent.starts_with("- ");
      if (!isDocMarker &&
          (int(info.indent) > candidate.parentIndent ||
           (candidate.isMapValue &&
            int(info.indent) == candidate.parentIndent && isSeqEntry)))
        empty = false;
    }
    if (empty)
      inserts.push_back(candidate.insertAt);
  }
  std::string fixed;
  fixed.reserve(text.size() + 2 * inserts.size());
  size_t last = 0;
  for (size_t at : inserts) {
    fixed += text.slice(last, at);
    fixed += " ~";
    last = at;
  }
  fixed += text.drop_front(last);
  return fixed;
}

//===----------------------------------------------------------------------===//
// Building trees
//===----------------------------------------------------------------------===//

namespace dnnopt::yamltree::detail {

/// Builds a `Tree` from one or more buffers. Included files are parsed
/// recursively into the same storage.
class TreeBuilder {
public:
  explicit TreeBuilder(const LoadOptions &options)
      : storage(std::make_unique<TreeStorage>()), options(options) {}

  /// Parses all documents of `text` and appends them to the tree.
  Error addBuffer(StringRef text, StringRef name);

  /// Reads `path` and appends its documents to the tree.
  Error addFile(StringRef path);

  Tree finish() { return Tree(std::move(storage)); }

private:
  /// The state of parsing one buffer.
  struct BufferState {
    StringRef fileName;
    SourceMgr sourceMgr;
    /// The first diagnostic LLVM's parser reported, formatted.
    std::optional<std::string> firstDiagnostic;
    /// Anchors of the current document that are complete.
    StringMap<const Node *> anchors;
    /// Anchors whose nodes are being built, with their nesting counts.
    StringMap<unsigned> openAnchors;
  };

  /// An entry of the include stack.
  struct IncludeFrame {
    std::string canonicalPath;
    std::string displayName;
  };

  /// Parses `text`, named `name`, appending its documents to `documents`.
  Error parseBuffer(StringRef text, StringRef name,
                    SmallVectorImpl<Document> &documents);
  Error parseStream(StringRef text, BufferState &state,
                    SmallVectorImpl<Document> &documents);
  /// Builds `node`. `emptyLoc`, if valid, is the location given to an empty
  /// node (LLVM gives those the location of the next token).
  Expected<const Node *> build(llyaml::Node *node, BufferState &state,
                               SMLoc emptyLoc = SMLoc());
  Expected<const Node *> buildContent(llyaml::Node *node, BufferState &state,
                                      SMLoc emptyLoc);
  Expected<const Node *> buildMap(llyaml::MappingNode *node,
                                  BufferState &state);
  Expected<const Node *> include(StringRef path, const SourceLocation &loc,
                                 BufferState &state);

  SourceLocation getLocation(SMLoc loc, BufferState &state);
  /// The parser's error if it reported one, else `message` at `loc`.
  Error parseError(BufferState &state, SMLoc loc, const Twine &message);

  template <typename NodeT, typename... Args> NodeT *create(Args &&...args) {
    auto *node = new NodeT(std::forward<Args>(args)...);
    storage->nodes.emplace_back(node);
    return node;
  }

  std::unique_ptr<TreeStorage> storage;
  LoadOptions options;
  std::vector<IncludeFrame> includeStack;
};

} // namespace dnnopt::yamltree::detail

using yamltree::detail::TreeBuilder;

SourceLocation TreeBuilder::getLocation(SMLoc loc, BufferState &state) {
  SourceLocation result;
  result.file = state.fileName;
  if (!loc.isValid() || !state.sourceMgr.FindBufferContainingLoc(loc))
    return result;
  auto [line, column] = state.sourceMgr.getLineAndColumn(loc);
  result.line = line;
  result.column = column;
  return result;
}

Error TreeBuilder::parseError(BufferState &state, SMLoc loc,
                              const Twine &message) {
  if (state.firstDiagnostic)
    return createStringError(inconvertibleErrorCode(), *state.firstDiagnostic);
  return makeError(getLocation(loc, state), message);
}

Error TreeBuilder::addBuffer(StringRef text, StringRef name) {
  SmallVector<Document> documents;
  if (Error error = parseBuffer(text, name, documents))
    return error;
  llvm::append_range(storage->documents, documents);
  return Error::success();
}

Error TreeBuilder::addFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return createStringError(buffer.getError(),
                             "cannot read '" + path +
                                 "': " + buffer.getError().message());
  return addBuffer((*buffer)->getBuffer(), path);
}

Error TreeBuilder::parseBuffer(StringRef text, StringRef name,
                               SmallVectorImpl<Document> &documents) {
  BufferState state;
  state.fileName = storage->saver.save(name);

  // Track the file on the include stack so that it cannot include itself.
  SmallString<256> canonical;
  if (!sys::fs::real_path(name, canonical)) {
    includeStack.push_back({canonical.str().str(), name.str()});
    Error error = parseStream(text, state, documents);
    includeStack.pop_back();
    return error;
  }
  return parseStream(text, state, documents);
}

/// True if `text` has anything but blank lines and comments.
static bool hasContent(StringRef text) {
  SmallVector<StringRef> lines;
  text.split(lines, '\n');
  return llvm::any_of(lines, [](StringRef line) {
    line = line.trim();
    return !line.empty() && !line.starts_with("#");
  });
}

Error TreeBuilder::parseStream(StringRef text, BufferState &state,
                               SmallVectorImpl<Document> &documents) {
  // LLVM reads an empty stream as one empty document; YAML has none.
  if (!hasContent(text))
    return Error::success();
  state.sourceMgr.setDiagHandler(
      [](const SMDiagnostic &diag, void *context) {
        auto *state = static_cast<BufferState *>(context);
        if (diag.getKind() != SourceMgr::DK_Error || state->firstDiagnostic)
          return;
        SourceLocation loc{state->fileName, unsigned(diag.getLineNo()),
                           unsigned(diag.getColumnNo() + 1)};
        state->firstDiagnostic = loc.str() + ": " + diag.getMessage().str();
      },
      &state);

  std::string fixed = fixDanglingProperties(text);
  llyaml::Stream stream(MemoryBufferRef(fixed, state.fileName),
                        state.sourceMgr);
  for (llyaml::document_iterator it = stream.begin(), end = stream.end();
       it != end; ++it) {
    state.anchors.clear();
    state.openAnchors.clear();
    llyaml::Node *root = it->getRoot();
    Expected<const Node *> node = build(root, state);
    if (!node)
      return node.takeError();
    if (state.firstDiagnostic)
      return parseError(state, SMLoc(), "");
    documents.push_back({*node, state.fileName});
  }
  if (state.firstDiagnostic || stream.failed())
    return parseError(state, SMLoc::getFromPointer(fixed.data()),
                      "malformed YAML");
  return Error::success();
}

Expected<const Node *> TreeBuilder::build(llyaml::Node *node,
                                          BufferState &state, SMLoc emptyLoc) {
  // LLVM reports every syntax error through the diagnostic handler; a null
  // node without one is not expected, but is an error all the same.
  if (!node || state.firstDiagnostic)
    return parseError(state, emptyLoc, "malformed YAML");
  StringRef anchor = node->getAnchor();
  if (!anchor.empty())
    ++state.openAnchors[anchor];
  Expected<const Node *> result = buildContent(node, state, emptyLoc);
  if (!anchor.empty()) {
    --state.openAnchors[anchor];
    if (result)
      state.anchors[anchor] = *result;
  }
  if (result && state.firstDiagnostic)
    return parseError(state, emptyLoc, "malformed YAML");
  return result;
}

/// Plain scalars that YAML's core schema reads as null.
static bool isNullForm(StringRef value) {
  return value == "null" || value == "Null" || value == "NULL" || value == "~";
}

Expected<const Node *> TreeBuilder::buildContent(llyaml::Node *node,
                                                 BufferState &state,
                                                 SMLoc emptyLoc) {
  SMLoc start = node->getSourceRange().Start;
  SourceLocation loc = getLocation(start, state);
  StringRef tag = storage->saver.save(node->getRawTag());

  switch (node->getType()) {
  case llyaml::Node::NK_Null:
    if (emptyLoc.isValid())
      loc = getLocation(emptyLoc, state);
    return create<NullNode>(tag, loc);

  case llyaml::Node::NK_Scalar: {
    auto *scalar = cast<llyaml::ScalarNode>(node);
    SmallString<64> buffer;
    StringRef value = scalar->getValue(buffer);
    StringRef raw = scalar->getRawValue();
    ScalarNode::Style style = ScalarNode::Style::Plain;
    if (raw.starts_with("'"))
      style = ScalarNode::Style::SingleQuoted;
    else if (raw.starts_with("\""))
      style = ScalarNode::Style::DoubleQuoted;
    if (tag == "!include" && options.resolveIncludes) {
      // Report include problems at the tag, which points into the buffer.
      SourceLocation tagLoc =
          getLocation(SMLoc::getFromPointer(node->getRawTag().data()), state);
      return include(value, tagLoc.line ? tagLoc : loc, state);
    }
    if (tag == "!!null" || (style == ScalarNode::Style::Plain &&
                            tag != "!!str" && isNullForm(value)))
      return create<NullNode>(tag, loc);
    return create<ScalarNode>(storage->saver.save(value), style, tag, loc);
  }

  case llyaml::Node::NK_BlockScalar: {
    auto *scalar = cast<llyaml::BlockScalarNode>(node);
    return create<ScalarNode>(storage->saver.save(scalar->getValue()),
                              ScalarNode::Style::Block, tag, loc);
  }

  case llyaml::Node::NK_Alias: {
    StringRef name = cast<llyaml::AliasNode>(node)->getName();
    // LLVM gives an alias the location of the token after it; its name
    // follows the `*` in the buffer.
    loc = getLocation(SMLoc::getFromPointer(name.data() - 1), state);
    if (state.openAnchors.lookup(name) > 0)
      return makeError(loc, "alias '*" + name +
                                "' refers to a node that contains it; "
                                "recursive structures are not supported");
    auto it = state.anchors.find(name);
    if (it == state.anchors.end())
      return makeError(loc, "undefined alias '*" + name + "': no anchor '&" +
                                name + "' earlier in this document");
    return it->second;
  }

  case llyaml::Node::NK_Sequence: {
    auto *seq = create<SequenceNode>(tag, loc);
    for (llyaml::Node &element : *cast<llyaml::SequenceNode>(node)) {
      Expected<const Node *> built = build(&element, state);
      if (!built)
        return built.takeError();
      seq->elements.push_back(*built);
    }
    if (state.firstDiagnostic)
      return parseError(state, start, "malformed sequence");
    return seq;
  }

  case llyaml::Node::NK_Mapping:
    return buildMap(cast<llyaml::MappingNode>(node), state);

  case llyaml::Node::NK_KeyValue:
    break;
  }
  return makeError(loc, "unexpected YAML node");
}

Expected<const Node *> TreeBuilder::buildMap(llyaml::MappingNode *node,
                                             BufferState &state) {
  SMLoc start = node->getSourceRange().Start;
  auto *map = create<MapNode>(storage->saver.save(node->getRawTag()),
                              getLocation(start, state));

  // The explicit entries and, at the positions of `<<` keys, the maps to
  // merge (in priority order).
  struct Item {
    std::optional<MapNode::Entry> entry;
    SmallVector<const MapNode *> merged;
  };
  SmallVector<Item> items;
  StringMap<SourceLocation> explicitKeys;
  std::optional<SourceLocation> mergeKeyLoc;

  for (llyaml::KeyValueNode &keyValue : *node) {
    llyaml::Node *rawKey = keyValue.getKey();
    if (!rawKey || state.firstDiagnostic)
      return parseError(state, start, "malformed map entry");
    bool isMerge = false;
    if (auto *scalar = dyn_cast<llyaml::ScalarNode>(rawKey)) {
      SmallString<8> buffer;
      StringRef raw = scalar->getRawValue();
      isMerge = scalar->getRawTag() == "!!merge" ||
                (!raw.starts_with("'") && !raw.starts_with("\"") &&
                 scalar->getValue(buffer) == "<<");
    }
    Expected<const Node *> key = build(rawKey, state, start);
    if (!key)
      return key.takeError();
    auto *keyScalar = dyn_cast<ScalarNode>(*key);
    if (!keyScalar)
      return makeError(**key, "map keys must be scalars, found a " +
                                  (*key)->getKindName());
    SourceLocation keyLoc = keyScalar->getLocation();

    Expected<const Node *> value =
        build(keyValue.getValue(), state, rawKey->getSourceRange().End);
    if (!value)
      return value.takeError();

    if (isMerge) {
      if (mergeKeyLoc)
        return makeError(keyLoc, "duplicate merge key '<<' (first at line " +
                                     Twine(mergeKeyLoc->line) + ", column " +
                                     Twine(mergeKeyLoc->column) + ")");
      mergeKeyLoc = keyLoc;
      Item item;
      if (auto *source = dyn_cast<MapNode>(*value)) {
        item.merged.push_back(source);
      } else if (auto *sources = dyn_cast<SequenceNode>(*value)) {
        for (const Node *element : *sources) {
          auto *source = dyn_cast<MapNode>(element);
          if (!source)
            return makeError(*element, "merge key '<<' expects maps, found a " +
                                           element->getKindName());
          item.merged.push_back(source);
        }
      } else {
        return makeError(**value, "merge key '<<' expects a map or a "
                                  "sequence of maps, found a " +
                                      (*value)->getKindName());
      }
      items.push_back(std::move(item));
      continue;
    }

    auto [it, inserted] =
        explicitKeys.try_emplace(keyScalar->getValue(), keyLoc);
    if (!inserted)
      return makeError(keyLoc, "duplicate key '" + keyScalar->getValue() +
                                   "' (first at line " +
                                   Twine(it->second.line) + ", column " +
                                   Twine(it->second.column) + ")");
    Item item;
    item.entry = MapNode::Entry{keyScalar->getValue(), keyLoc, *value};
    items.push_back(std::move(item));
  }
  if (state.firstDiagnostic)
    return parseError(state, start, "malformed map");

  // Explicit keys win over merged ones; among merged maps the first wins.
  for (Item &item : items) {
    if (item.entry) {
      map->index[item.entry->key] = map->entries.size();
      map->entries.push_back(*item.entry);
      continue;
    }
    for (const MapNode *source : item.merged)
      for (const MapNode::Entry &entry : *source) {
        if (explicitKeys.contains(entry.key) || map->index.contains(entry.key))
          continue;
        map->index[entry.key] = map->entries.size();
        map->entries.push_back(entry);
      }
  }
  return map;
}

Expected<const Node *> TreeBuilder::include(StringRef path,
                                            const SourceLocation &loc,
                                            BufferState &state) {
  SmallString<256> resolved;
  if (sys::path::is_absolute(path)) {
    resolved = path;
  } else {
    resolved = sys::path::parent_path(state.fileName);
    sys::path::append(resolved, path);
  }
  SmallString<256> canonical;
  if (std::error_code ec = sys::fs::real_path(resolved, canonical))
    return makeError(loc, "cannot include '" + resolved + "': " + ec.message());
  for (size_t i = 0; i < includeStack.size(); ++i) {
    if (includeStack[i].canonicalPath != canonical)
      continue;
    std::string cycle;
    for (size_t j = i; j < includeStack.size(); ++j)
      cycle += includeStack[j].displayName + " -> ";
    cycle += resolved.str();
    return makeError(loc, "include cycle: " + cycle);
  }

  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(resolved, /*IsText=*/true);
  if (!buffer)
    return makeError(loc, "cannot include '" + resolved +
                              "': " + buffer.getError().message());
  SmallVector<Document> documents;
  if (Error error = parseBuffer((*buffer)->getBuffer(), resolved, documents))
    return createStringError(inconvertibleErrorCode(),
                             toString(std::move(error)) + "\n" + loc.str() +
                                 ": note: included from here");
  if (documents.empty())
    return create<NullNode>(StringRef(), loc);
  if (documents.size() != 1)
    return makeError(loc, "included file '" + resolved + "' has " +
                              Twine(documents.size()) +
                              " documents; expected one");
  return documents.front().root;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

Expected<Tree> yamltree::parseYAML(StringRef text, StringRef bufferName,
                                   const LoadOptions &options) {
  TreeBuilder builder(options);
  if (Error error = builder.addBuffer(text, bufferName))
    return std::move(error);
  return builder.finish();
}

Expected<Tree> yamltree::loadFile(StringRef path, const LoadOptions &options) {
  TreeBuilder builder(options);
  if (Error error = builder.addFile(path))
    return std::move(error);
  return builder.finish();
}

Expected<Tree> yamltree::loadFiles(ArrayRef<std::string> paths,
                                   const LoadOptions &options) {
  TreeBuilder builder(options);
  for (const std::string &path : paths)
    if (Error error = builder.addFile(path))
      return std::move(error);
  return builder.finish();
}

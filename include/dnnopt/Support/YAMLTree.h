//===- YAMLTree.h - owned, immutable YAML trees -----------------*- C++ -*-===//
//
// Reads YAML files (Timeloop/Accelergy architecture, problem, mapping and
// component-library files) with LLVM's `yaml::Stream` into an owned,
// immutable tree of null, scalar, sequence and map nodes. Anchors and aliases
// are resolved (an alias shares the anchored node), merge keys (`<<`) are
// flattened with YAML 1.1 semantics, every node keeps its raw tag
// (`!Container`, `!!str`) and its file:line:column, and `!include <path>`
// scalars are replaced by the included file's document. Errors come back as
// `llvm::Error`s whose message is "file:line:col: message".
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SUPPORT_YAMLTREE_H
#define DNNOPT_SUPPORT_YAMLTREE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dnnopt {
namespace yamltree {

namespace detail {
class TreeBuilder;
struct TreeStorage;
} // namespace detail

/// A position in a YAML source: 1-based line and column. `file` is the name
/// the buffer was loaded under and lives as long as the owning `Tree`.
struct SourceLocation {
  llvm::StringRef file;
  unsigned line = 0;
  unsigned column = 0;

  /// Formats the location as "file:line:col".
  std::string str() const;
};

/// Creates an error whose message is "file:line:col: message".
llvm::Error makeError(const SourceLocation &loc, const llvm::Twine &message);

/// A node of a YAML tree. Nodes are immutable and owned by a `Tree`; aliases
/// and merges make the tree a DAG (an aliased node is shared, not copied).
/// Use `llvm::dyn_cast<MapNode>(node)` etc. to inspect the subclasses.
class Node {
public:
  enum class Kind { Null, Scalar, Sequence, Map };

  Node(const Node &) = delete;
  Node &operator=(const Node &) = delete;
  virtual ~Node();

  Kind getKind() const { return kind; }

  /// The tag as written in the source (`!Container`, `!!str`), or "" when
  /// the node has none. Tags are not resolved or checked.
  llvm::StringRef getRawTag() const { return tag; }

  /// True if the node carries a tag.
  bool hasTag() const { return !tag.empty(); }

  /// Where the node's content starts. For a block mapping this is its first
  /// key; the location of a tag or anchor written before it is not kept.
  const SourceLocation &getLocation() const { return loc; }

  /// "null", "scalar", "sequence" or "map", for diagnostics.
  llvm::StringRef getKindName() const;

  /// Prints the node as one line of flow-style YAML, with tags, e.g.
  /// `!Component {name: mac, attributes: {width: 8}}`. For tests and
  /// debugging; shared nodes are printed at each use.
  void print(llvm::raw_ostream &os) const;

  /// `print` into a string.
  std::string str() const;

protected:
  Node(Kind kind, llvm::StringRef tag, SourceLocation loc)
      : kind(kind), tag(tag), loc(loc) {}

private:
  Kind kind;
  llvm::StringRef tag;
  SourceLocation loc;
};

/// An empty node, `null`, `Null`, `NULL` or `~` (plain, not quoted), or any
/// scalar tagged `!!null`.
class NullNode final : public Node {
public:
  static bool classof(const Node *node) {
    return node->getKind() == Kind::Null;
  }

private:
  friend class detail::TreeBuilder;
  NullNode(llvm::StringRef tag, SourceLocation loc)
      : Node(Kind::Null, tag, loc) {}
};

/// A scalar: its decoded string value (escapes and folding applied) and how
/// it was written. The `as*` helpers read the value with YAML 1.1 / Python
/// forms; they ignore the style, so `"12"` reads as 12 too (check
/// `isQuoted()` when quoting matters).
class ScalarNode final : public Node {
public:
  enum class Style { Plain, SingleQuoted, DoubleQuoted, Block };

  llvm::StringRef getValue() const { return value; }
  Style getStyle() const { return style; }
  bool isQuoted() const {
    return style == Style::SingleQuoted || style == Style::DoubleQuoted;
  }

  /// The value as an integer: decimal with optional sign, `0x`/`0o`/`0b`
  /// prefixes, `_` digit separators, or a float form with an integral value
  /// (`1e3`, `4.0`). std::nullopt if it is none of these or out of range.
  std::optional<int64_t> asInt() const { return parseInt(value); }

  /// The value as a double: any `asInt` form, decimals with exponents
  /// (`1e-3`, `.5`), `.inf`, `-.inf`, `.nan` (any case). std::nullopt
  /// otherwise.
  std::optional<double> asDouble() const { return parseDouble(value); }

  /// The value as a bool: `true`/`false`, `yes`/`no`, `on`/`off`, `y`/`n`
  /// in lower, Capitalized or UPPER case. std::nullopt otherwise.
  std::optional<bool> asBool() const { return parseBool(value); }

  /// The parsers behind `asInt`, `asDouble` and `asBool`.
  static std::optional<int64_t> parseInt(llvm::StringRef text);
  static std::optional<double> parseDouble(llvm::StringRef text);
  static std::optional<bool> parseBool(llvm::StringRef text);

  static bool classof(const Node *node) {
    return node->getKind() == Kind::Scalar;
  }

private:
  friend class detail::TreeBuilder;
  ScalarNode(llvm::StringRef value, Style style, llvm::StringRef tag,
             SourceLocation loc)
      : Node(Kind::Scalar, tag, loc), value(value), style(style) {}

  llvm::StringRef value;
  Style style;
};

/// A sequence of nodes.
class SequenceNode final : public Node {
public:
  llvm::ArrayRef<const Node *> getElements() const { return elements; }
  size_t size() const { return elements.size(); }
  bool empty() const { return elements.empty(); }
  const Node *operator[](size_t i) const { return elements[i]; }
  auto begin() const { return elements.begin(); }
  auto end() const { return elements.end(); }

  static bool classof(const Node *node) {
    return node->getKind() == Kind::Sequence;
  }

private:
  friend class detail::TreeBuilder;
  SequenceNode(llvm::StringRef tag, SourceLocation loc)
      : Node(Kind::Sequence, tag, loc) {}

  std::vector<const Node *> elements;
};

/// A map with string keys, in source order. Merge keys are already applied:
/// explicit keys stay where they were written, and the merged keys that no
/// explicit key overrides take the place of the `<<` entry.
class MapNode final : public Node {
public:
  struct Entry {
    llvm::StringRef key;
    /// Where the key was written (inside the merged map for merged keys).
    SourceLocation keyLoc;
    const Node *value;
  };

  llvm::ArrayRef<Entry> getEntries() const { return entries; }
  size_t size() const { return entries.size(); }
  bool empty() const { return entries.empty(); }
  auto begin() const { return entries.begin(); }
  auto end() const { return entries.end(); }

  /// The entry for `key`, or nullptr.
  const Entry *find(llvm::StringRef key) const;
  /// The value for `key`, or nullptr.
  const Node *lookup(llvm::StringRef key) const;
  bool contains(llvm::StringRef key) const { return find(key) != nullptr; }

  static bool classof(const Node *node) { return node->getKind() == Kind::Map; }

private:
  friend class detail::TreeBuilder;
  MapNode(llvm::StringRef tag, SourceLocation loc)
      : Node(Kind::Map, tag, loc) {}

  std::vector<Entry> entries;
  llvm::StringMap<unsigned> index;
};

/// Creates an error located at `node`: "file:line:col: message".
llvm::Error makeError(const Node &node, const llvm::Twine &message);

/// One YAML document: its root (never null; an empty document such as a
/// lone `---` has a `NullNode` root) and the file it came from. A stream with
/// only comments and blank lines has no documents.
struct Document {
  const Node *root;
  llvm::StringRef file;
};

/// The documents of one or more YAML streams and the storage of all their
/// nodes. Move-only; nodes stay valid (and at the same address) for the
/// lifetime of the tree, including across moves.
class Tree {
public:
  Tree(Tree &&) noexcept;
  Tree &operator=(Tree &&) noexcept;
  ~Tree();

  /// All documents, in file order and then stream order.
  llvm::ArrayRef<Document> getDocuments() const;

  /// The root of the only document. Asserts that there is exactly one.
  const Node *getRoot() const;

private:
  friend class detail::TreeBuilder;
  explicit Tree(std::unique_ptr<detail::TreeStorage> storage);

  std::unique_ptr<detail::TreeStorage> storage;
};

/// Options of the loaders.
struct LoadOptions {
  /// Replace scalars tagged `!include` by the single document of the file
  /// they name (relative to the including file's directory). Include cycles
  /// are errors. When false, such scalars stay plain tagged scalars.
  bool resolveIncludes = true;
};

/// Parses `text` (all documents of the stream). `bufferName` is the file
/// name used in locations and the base of relative `!include` paths.
llvm::Expected<Tree> parseYAML(llvm::StringRef text,
                               llvm::StringRef bufferName = "<string>",
                               const LoadOptions &options = {});

/// Reads and parses the file at `path`.
llvm::Expected<Tree> loadFile(llvm::StringRef path,
                              const LoadOptions &options = {});

/// Reads and parses several files (for example an architecture and its
/// component libraries) into one tree: the documents of `paths[0]` first.
/// Anchors do not cross files. Fails on the first file that fails.
llvm::Expected<Tree> loadFiles(llvm::ArrayRef<std::string> paths,
                               const LoadOptions &options = {});

} // namespace yamltree
} // namespace dnnopt

#endif // DNNOPT_SUPPORT_YAMLTREE_H

//===- YAMLTreeTest.cpp - tests of the YAML tree reader -------------------===//
//
// Small inline documents shaped like Timeloop v0.4 architectures and
// Accelergy compound-component libraries: tags, anchors, aliases, merge
// keys, locations and errors. Expected merge results follow YAML 1.1's
// merge-key rules (https://yaml.org/type/merge.html), as PyYAML applies them.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Support/YAMLTree.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace llvm;
using namespace dnnopt::yamltree;

namespace {

/// Parses `text` as "test.yaml"; an empty optional (and a test failure) on
/// error.
std::optional<Tree> parse(StringRef text, const LoadOptions &options = {}) {
  Expected<Tree> tree = parseYAML(text, "test.yaml", options);
  if (!tree) {
    ADD_FAILURE() << "parse failed: " << toString(tree.takeError());
    return std::nullopt;
  }
  return std::move(*tree);
}

/// The error message of parsing `text` as "test.yaml", or "" on success.
/// Also checks that nothing was printed to stderr.
std::string parseError(StringRef text) {
  testing::internal::CaptureStderr();
  Expected<Tree> tree = parseYAML(text, "test.yaml");
  std::string printed = testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed, "");
  if (tree)
    return "";
  return toString(tree.takeError());
}

/// The root of the only document of `text`, printed as flow YAML.
std::string roundTrip(StringRef text) {
  std::optional<Tree> tree = parse(text);
  return tree ? tree->getRoot()->str() : "<error>";
}

/// A scratch directory, removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::error_code ec =
        sys::fs::createUniqueDirectory("dnnopt-yamltree", path);
    EXPECT_FALSE(ec) << ec.message();
  }
  ~TempDir() { sys::fs::remove_directories(path); }

  /// Writes `text` to `name` inside the directory; returns its path.
  std::string write(StringRef name, StringRef text) {
    SmallString<128> file(path);
    sys::path::append(file, name);
    std::error_code ec;
    raw_fd_ostream os(file, ec);
    EXPECT_FALSE(ec) << ec.message();
    os << text;
    return file.str().str();
  }

  SmallString<128> path;
};

TEST(YAMLTreeTest, MapsSequencesScalars) {
  std::optional<Tree> tree = parse("problem:\n"
                                   "  shape:\n"
                                   "    name: conv1d\n"
                                   "    dimensions: [R, P]\n"
                                   "  instance: {R: 3, P: 16}\n");
  ASSERT_TRUE(tree);
  ASSERT_EQ(tree->getDocuments().size(), 1u);
  auto *root = dyn_cast<MapNode>(tree->getRoot());
  ASSERT_TRUE(root);
  auto *problem = dyn_cast_or_null<MapNode>(root->lookup("problem"));
  ASSERT_TRUE(problem);
  ASSERT_EQ(problem->size(), 2u);
  EXPECT_EQ(problem->getEntries()[0].key, "shape");
  EXPECT_EQ(problem->getEntries()[1].key, "instance");
  auto *shape = cast<MapNode>(problem->lookup("shape"));
  auto *dims = dyn_cast<SequenceNode>(shape->lookup("dimensions"));
  ASSERT_TRUE(dims);
  ASSERT_EQ(dims->size(), 2u);
  EXPECT_EQ(cast<ScalarNode>((*dims)[1])->getValue(), "P");
  auto *instance = cast<MapNode>(problem->lookup("instance"));
  EXPECT_EQ(cast<ScalarNode>(instance->lookup("P"))->asInt(), 16);
  EXPECT_EQ(instance->lookup("Q"), nullptr);
  EXPECT_FALSE(instance->contains("Q"));
  EXPECT_EQ(root->str(), "{problem: {shape: {name: conv1d, dimensions: [R, "
                         "P]}, instance: {R: 3, P: 16}}}");
}

TEST(YAMLTreeTest, FlowStyle) {
  EXPECT_EQ(roundTrip("{a: 1, b: [1, 2], c: {d: [], e: {}}}"),
            "{a: 1, b: [1, 2], c: {d: [], e: {}}}");
  EXPECT_EQ(roundTrip("actions: [{name: write}, {name: read}]"),
            "{actions: [{name: write}, {name: read}]}");
}

TEST(YAMLTreeTest, Nulls) {
  std::optional<Tree> tree = parse("a:\n"
                                   "b: ~\n"
                                   "c: null\n"
                                   "d: 'null'\n"
                                   "e: !!str null\n"
                                   "f: !!null x\n"
                                   "g: NULL\n");
  ASSERT_TRUE(tree);
  auto *root = cast<MapNode>(tree->getRoot());
  for (StringRef key : {"a", "b", "c", "f", "g"})
    EXPECT_TRUE(isa<NullNode>(root->lookup(key))) << key.str();
  EXPECT_EQ(cast<ScalarNode>(root->lookup("d"))->getValue(), "null");
  EXPECT_EQ(cast<ScalarNode>(root->lookup("e"))->getValue(), "null");
  EXPECT_EQ(root->lookup("e")->getRawTag(), "!!str");
}

TEST(YAMLTreeTest, ScalarStyles) {
  std::optional<Tree> tree = parse("plain: 45nm\n"
                                   "single: 'it''s'\n"
                                   "double: \"a\\tb\"\n"
                                   "block: |\n"
                                   "  line one\n"
                                   "  line two\n");
  ASSERT_TRUE(tree);
  auto *root = cast<MapNode>(tree->getRoot());
  auto scalar = [&](StringRef key) {
    return cast<ScalarNode>(root->lookup(key));
  };
  EXPECT_EQ(scalar("plain")->getStyle(), ScalarNode::Style::Plain);
  EXPECT_FALSE(scalar("plain")->isQuoted());
  EXPECT_EQ(scalar("single")->getValue(), "it's");
  EXPECT_EQ(scalar("single")->getStyle(), ScalarNode::Style::SingleQuoted);
  EXPECT_EQ(scalar("double")->getValue(), "a\tb");
  EXPECT_TRUE(scalar("double")->isQuoted());
  EXPECT_EQ(scalar("block")->getValue(), "line one\nline two\n");
  EXPECT_EQ(scalar("block")->getStyle(), ScalarNode::Style::Block);
}

TEST(YAMLTreeTest, ScalarConversions) {
  EXPECT_EQ(ScalarNode::parseInt("12"), 12);
  EXPECT_EQ(ScalarNode::parseInt("-3"), -3);
  EXPECT_EQ(ScalarNode::parseInt("+7"), 7);
  EXPECT_EQ(ScalarNode::parseInt("0x10"), 16);
  EXPECT_EQ(ScalarNode::parseInt("0o17"), 15);
  EXPECT_EQ(ScalarNode::parseInt("0b101"), 5);
  EXPECT_EQ(ScalarNode::parseInt("1_000"), 1000);
  EXPECT_EQ(ScalarNode::parseInt("1e3"), 1000);
  EXPECT_EQ(ScalarNode::parseInt("4.0"), 4);
  EXPECT_EQ(ScalarNode::parseInt("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(ScalarNode::parseInt("9223372036854775808"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseInt("1e30"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseInt("1.5"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseInt("45nm"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseInt(""), std::nullopt);
  EXPECT_EQ(ScalarNode::parseInt("1__0"), std::nullopt);

  EXPECT_EQ(ScalarNode::parseDouble("1e-3"), 1e-3);
  EXPECT_EQ(ScalarNode::parseDouble(".5"), 0.5);
  EXPECT_EQ(ScalarNode::parseDouble("-2.5E2"), -250);
  EXPECT_EQ(ScalarNode::parseDouble("0x10"), 16);
  EXPECT_EQ(ScalarNode::parseDouble("-.inf"),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ScalarNode::parseDouble(".Inf"),
            std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(*ScalarNode::parseDouble(".NaN")));
  EXPECT_EQ(ScalarNode::parseDouble("inf"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseDouble("1e"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseDouble("."), std::nullopt);
  EXPECT_EQ(ScalarNode::parseDouble("1ns"), std::nullopt);

  for (StringRef yes : {"true", "True", "TRUE", "yes", "Yes", "on", "y"})
    EXPECT_EQ(ScalarNode::parseBool(yes), true) << yes.str();
  for (StringRef no : {"false", "False", "no", "NO", "off", "n"})
    EXPECT_EQ(ScalarNode::parseBool(no), false) << no.str();
  EXPECT_EQ(ScalarNode::parseBool("tRUE"), std::nullopt);
  EXPECT_EQ(ScalarNode::parseBool("1"), std::nullopt);

  // The helpers read quoted scalars too.
  std::optional<Tree> tree = parse("depth: \"64\"\n");
  ASSERT_TRUE(tree);
  auto *depth =
      cast<ScalarNode>(cast<MapNode>(tree->getRoot())->lookup("depth"));
  EXPECT_EQ(depth->asInt(), 64);
  EXPECT_EQ(depth->asDouble(), 64.0);
  EXPECT_EQ(depth->asBool(), std::nullopt);
}

TEST(YAMLTreeTest, TagsAreKept) {
  std::optional<Tree> tree = parse("architecture:\n"
                                   "  version: 0.4\n"
                                   "  nodes:\n"
                                   "  - !Container # top level\n"
                                   "    name: PE\n"
                                   "    attributes: {technology: \"45nm\"}\n"
                                   "  - !Parallel\n"
                                   "    nodes: [!Component {name: mac}]\n"
                                   "  - !Component\n"
                                   "    name: Buffer\n"
                                   "    class: storage\n"
                                   "  - !!str 12\n");
  ASSERT_TRUE(tree);
  auto *nodes = cast<SequenceNode>(
      cast<MapNode>(cast<MapNode>(tree->getRoot())->lookup("architecture"))
          ->lookup("nodes"));
  ASSERT_EQ(nodes->size(), 4u);
  EXPECT_EQ((*nodes)[0]->getRawTag(), "!Container");
  EXPECT_EQ((*nodes)[1]->getRawTag(), "!Parallel");
  EXPECT_EQ((*nodes)[2]->getRawTag(), "!Component");
  EXPECT_EQ((*nodes)[3]->getRawTag(), "!!str");
  auto *inner = cast<SequenceNode>(cast<MapNode>((*nodes)[1])->lookup("nodes"));
  EXPECT_EQ((*inner)[0]->getRawTag(), "!Component");
  EXPECT_FALSE(cast<MapNode>((*nodes)[0])->lookup("name")->hasTag());
  EXPECT_EQ(nodes->str(), "[!Container {name: PE, attributes: {technology: "
                          "\"45nm\"}}, !Parallel {nodes: [!Component {name: "
                          "mac}]}, !Component {name: Buffer, class: storage}, "
                          "!!str 12]");
}

TEST(YAMLTreeTest, TagsOnEmptyNodes) {
  // LLVM's parser alone gives a tag that ends a line to the next sibling;
  // these must come out as tagged nulls.
  EXPECT_EQ(roundTrip("nodes:\n"
                      "- !Nothing\n"
                      "- !Component\n"
                      "  name: x\n"
                      "- !Nothing   # placeholder\n"
                      "\n"
                      "- !Nothing\n"),
            "{nodes: [!Nothing null, !Component {name: x}, !Nothing null, "
            "!Nothing null]}");
  EXPECT_EQ(roundTrip("a: !Nothing\nb: 1\n"), "{a: !Nothing null, b: 1}");
  EXPECT_EQ(roundTrip("a: &x\nb: *x\n"), "{a: null, b: null}");
  EXPECT_EQ(roundTrip("- a: !T\n  b: 1\n"), "[{a: !T null, b: 1}]");
  // Content on the next lines still belongs to the tag.
  EXPECT_EQ(roundTrip("a: !T\n  b: 1\nc: 2\n"), "{a: !T {b: 1}, c: 2}");
  EXPECT_EQ(roundTrip("a: !T\n- 1\n- 2\nc: 3\n"), "{a: !T [1, 2], c: 3}");
  // Lines inside block scalars and quotes are left alone.
  EXPECT_EQ(roundTrip("doc: |\n  - !T\n  x\nnext: 'a: !T'\n"),
            "{doc: \"- !T\\nx\\n\", next: \"a: !T\"}");
}

TEST(YAMLTreeTest, Locations) {
  std::optional<Tree> tree = parse("# comment\n"
                                   "arch:\n"
                                   "  - name: PE\n"
                                   "    depth: 64\n"
                                   "  - [1,  2]\n");
  ASSERT_TRUE(tree);
  auto *root = cast<MapNode>(tree->getRoot());
  EXPECT_EQ(root->getLocation().str(), "test.yaml:2:1");
  EXPECT_EQ(root->getEntries()[0].keyLoc.str(), "test.yaml:2:1");
  auto *arch = cast<SequenceNode>(root->lookup("arch"));
  EXPECT_EQ(arch->getLocation().str(), "test.yaml:3:3");
  auto *pe = cast<MapNode>((*arch)[0]);
  EXPECT_EQ(pe->getLocation().str(), "test.yaml:3:5");
  EXPECT_EQ(pe->find("depth")->keyLoc.str(), "test.yaml:4:5");
  EXPECT_EQ(pe->lookup("depth")->getLocation().str(), "test.yaml:4:12");
  auto *pair = cast<SequenceNode>((*arch)[1]);
  EXPECT_EQ((*pair)[1]->getLocation().str(), "test.yaml:5:10");
  EXPECT_EQ(toString(makeError(*(*pair)[1], "bad value")),
            "test.yaml:5:10: bad value");

  // An empty value is located at its key, not at the next line.
  tree = parse("a:\nb: 1\n");
  ASSERT_TRUE(tree);
  EXPECT_EQ(cast<MapNode>(tree->getRoot())->lookup("a")->getLocation().str(),
            "test.yaml:1:2");
}

TEST(YAMLTreeTest, AnchorsAndAliases) {
  std::optional<Tree> tree = parse("defaults: &defaults {width: 8, depth: 64}\n"
                                   "buffer: *defaults\n"
                                   "list:\n"
                                   "- &tech 45nm\n"
                                   "- *tech\n");
  ASSERT_TRUE(tree);
  auto *root = cast<MapNode>(tree->getRoot());
  // An alias shares the anchored node.
  EXPECT_EQ(root->lookup("buffer"), root->lookup("defaults"));
  auto *list = cast<SequenceNode>(root->lookup("list"));
  EXPECT_EQ((*list)[0], (*list)[1]);
  EXPECT_EQ(cast<ScalarNode>((*list)[1])->getValue(), "45nm");
}

TEST(YAMLTreeTest, MergeKeyInComponentLibrary) {
  // Shaped like a v0.4 compound-component library: `update` is `write` with
  // another name.
  std::optional<Tree> tree =
      parse("compound_components:\n"
            "  version: 0.4\n"
            "  classes:\n"
            "  - name: smartbuffer\n"
            "    actions:\n"
            "    - &write_action\n"
            "      name: write\n"
            "      subcomponents:\n"
            "      - name: storage\n"
            "        actions: [{name: write}]\n"
            "    - name: update\n"
            "      << : *write_action # same as write\n");
  ASSERT_TRUE(tree);
  auto *classes = cast<SequenceNode>(
      cast<MapNode>(
          cast<MapNode>(tree->getRoot())->lookup("compound_components"))
          ->lookup("classes"));
  auto *actions =
      cast<SequenceNode>(cast<MapNode>((*classes)[0])->lookup("actions"));
  ASSERT_EQ(actions->size(), 2u);
  auto *write = cast<MapNode>((*actions)[0]);
  auto *update = cast<MapNode>((*actions)[1]);
  EXPECT_EQ(update->str(), "{name: update, subcomponents: [{name: storage, "
                           "actions: [{name: write}]}]}");
  EXPECT_EQ(update->lookup("subcomponents"), write->lookup("subcomponents"));
  EXPECT_EQ(write->lookup("name")->str(), "write");
  EXPECT_FALSE(update->contains("<<"));
}

TEST(YAMLTreeTest, MergeOrderAndOverrides) {
  // Explicit keys win wherever they are written; merged keys take the place
  // of the `<<` entry.
  EXPECT_EQ(roundTrip("base: &base {a: 1, b: 2}\n"
                      "m:\n"
                      "  x: 0\n"
                      "  <<: *base\n"
                      "  a: 10\n"),
            "{base: {a: 1, b: 2}, m: {x: 0, b: 2, a: 10}}");
  // In a list, earlier maps win over later ones.
  EXPECT_EQ(roundTrip("- &one {a: 1, b: 1}\n"
                      "- &two {b: 2, c: 2}\n"
                      "- <<: [*one, *two]\n"
                      "  c: 3\n"),
            "[{a: 1, b: 1}, {b: 2, c: 2}, {a: 1, b: 1, c: 3}]");
  EXPECT_EQ(roundTrip("- &one {a: 1}\n"
                      "- &two {a: 2, b: 2}\n"
                      "- {<<: [*two, *one]}\n"),
            "[{a: 1}, {a: 2, b: 2}, {a: 2, b: 2}]");
  // Inline maps can be merged too.
  EXPECT_EQ(roundTrip("m: {<<: {a: 1}, b: 2}\n"), "{m: {a: 1, b: 2}}");
  // A quoted "<<" is an ordinary key.
  EXPECT_EQ(roundTrip("m: {\"<<\": 1}\n"), "{m: {\"<<\": 1}}");
}

TEST(YAMLTreeTest, NestedMerges) {
  EXPECT_EQ(roundTrip("a: &a {x: 1, y: 1}\n"
                      "b: &b\n"
                      "  <<: *a\n"
                      "  y: 2\n"
                      "  z: 2\n"
                      "c:\n"
                      "  <<: [*b, {w: 3, x: 3}]\n"
                      "  z: 4\n"),
            "{a: {x: 1, y: 1}, b: {x: 1, y: 2, z: 2}, c: {x: 1, y: 2, w: 3, "
            "z: 4}}");
}

TEST(YAMLTreeTest, MultipleDocuments) {
  std::optional<Tree> tree = parse("---\n"
                                   "architecture: {version: 0.4}\n"
                                   "---\n"
                                   "problem: {version: 0.4}\n"
                                   "...\n");
  ASSERT_TRUE(tree);
  ArrayRef<Document> documents = tree->getDocuments();
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].root->str(), "{architecture: {version: 0.4}}");
  EXPECT_EQ(documents[1].root->str(), "{problem: {version: 0.4}}");
  EXPECT_EQ(documents[1].file, "test.yaml");
  EXPECT_EQ(documents[1].root->getLocation().line, 4u);
}

TEST(YAMLTreeTest, AliasErrors) {
  EXPECT_EQ(parseError("a: 1\n"
                       "b: [1, *nope]\n"),
            "test.yaml:2:8: undefined alias '*nope': no anchor '&nope' "
            "earlier in this document");
  // Anchors must come before their aliases ...
  EXPECT_EQ(parseError("a: *later\n"
                       "b: &later 1\n"),
            "test.yaml:1:4: undefined alias '*later': no anchor '&later' "
            "earlier in this document");
  // ... in the same document ...
  EXPECT_EQ(parseError("a: &x 1\n"
                       "---\n"
                       "b: *x\n"),
            "test.yaml:3:4: undefined alias '*x': no anchor '&x' earlier in "
            "this document");
  // ... and outside the anchored node.
  EXPECT_EQ(parseError("a: &loop [1, *loop]\n"),
            "test.yaml:1:14: alias '*loop' refers to a node that contains it; "
            "recursive structures are not supported");
}

TEST(YAMLTreeTest, MergeErrors) {
  EXPECT_EQ(parseError("m:\n"
                       "  <<: 1\n"),
            "test.yaml:2:7: merge key '<<' expects a map or a sequence of "
            "maps, found a scalar");
  EXPECT_EQ(parseError("a: &a {x: 1}\n"
                       "m: {<<: [*a, [2]]}\n"),
            "test.yaml:2:15: merge key '<<' expects maps, found a sequence");
  EXPECT_EQ(parseError("a: &a {x: 1}\n"
                       "m:\n"
                       "  <<: *a\n"
                       "  <<: *a\n"),
            "test.yaml:4:3: duplicate merge key '<<' (first at line 3, column "
            "3)");
}

TEST(YAMLTreeTest, DuplicateAndComplexKeys) {
  EXPECT_EQ(parseError("name: PE\n"
                       "attributes: {}\n"
                       "name: Buffer\n"),
            "test.yaml:3:1: duplicate key 'name' (first at line 1, column 1)");
  EXPECT_EQ(parseError("{x: 1}: 2\n"),
            "test.yaml:1:2: map keys must be scalars, found a map");
}

TEST(YAMLTreeTest, MalformedYAML) {
  std::string error = parseError("a: [1, 2\n");
  EXPECT_EQ(error, "test.yaml:1:9: Could not find closing ]!");
  error = parseError("a: \"abc\n");
  // LLVM reports a missing quote where the line ends.
  EXPECT_EQ(error, "test.yaml:1:8: Expected quote at end of scalar");
  error = parseError("a: 1\n- b\n");
  EXPECT_EQ(error, "test.yaml:2:1: Unexpected token. Expected Key or Block "
                   "End");
  // An error in a later document is found too.
  error = parseError("a: 1\n---\nb: [1,\n");
  EXPECT_EQ(error.substr(0, 14), "test.yaml:3:7:") << error;
}

TEST(YAMLTreeTest, EmptyInput) {
  std::optional<Tree> tree = parse("");
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->getDocuments().empty());
  tree = parse("# only a comment\n\n");
  ASSERT_TRUE(tree);
  EXPECT_TRUE(tree->getDocuments().empty());
  // An explicit empty document is a null.
  tree = parse("---\n");
  ASSERT_TRUE(tree);
  ASSERT_EQ(tree->getDocuments().size(), 1u);
  EXPECT_TRUE(isa<NullNode>(tree->getRoot()));
}

TEST(YAMLTreeTest, LoadFiles) {
  TempDir dir;
  std::string arch = dir.write("arch.yaml", "architecture:\n"
                                            "  nodes:\n"
                                            "  - !Component {name: buf, "
                                            "class: smartbuffer_RF}\n");
  std::string components =
      dir.write("components.yaml", "compound_components:\n"
                                   "  classes:\n"
                                   "  - name: smartbuffer_RF\n"
                                   "    attributes: &attrs {depth: 16}\n"
                                   "  - name: smartbuffer_SRAM\n"
                                   "    attributes: {<<: *attrs, width: 64}\n");
  Expected<Tree> tree = loadFiles({arch, components});
  ASSERT_TRUE(bool(tree)) << toString(tree.takeError());
  ArrayRef<Document> documents = tree->getDocuments();
  ASSERT_EQ(documents.size(), 2u);
  EXPECT_EQ(documents[0].file, arch);
  EXPECT_EQ(documents[1].file, components);
  auto *classes = cast<SequenceNode>(
      cast<MapNode>(
          cast<MapNode>(documents[1].root)->lookup("compound_components"))
          ->lookup("classes"));
  EXPECT_EQ(cast<MapNode>((*classes)[1])->lookup("attributes")->str(),
            "{depth: 16, width: 64}");
  EXPECT_EQ((*classes)[1]->getLocation().file, components);
  EXPECT_EQ((*classes)[1]->getLocation().line, 5u);

  // Anchors do not cross files.
  std::string user = dir.write("user.yaml", "x: *attrs\n");
  Expected<Tree> failed = loadFiles({components, user});
  ASSERT_FALSE(bool(failed));
  EXPECT_EQ(toString(failed.takeError()),
            user + ":1:4: undefined alias '*attrs': no anchor '&attrs' "
                   "earlier in this document");

  Expected<Tree> missing = loadFile(dir.path.str().str() + "/missing.yaml");
  ASSERT_FALSE(bool(missing));
  EXPECT_NE(toString(missing.takeError()).find("cannot read"),
            std::string::npos);
}

TEST(YAMLTreeTest, Includes) {
  TempDir dir;
  dir.write("variables.yaml", "global_cycle_seconds: 1e-9\n"
                              "technology: \"45nm\"\n");
  std::string main =
      dir.write("main.yaml", "variables: !include variables.yaml\n"
                             "architecture: {}\n");
  Expected<Tree> tree = loadFile(main);
  ASSERT_TRUE(bool(tree)) << toString(tree.takeError());
  const Node *variables = cast<MapNode>(tree->getRoot())->lookup("variables");
  EXPECT_EQ(variables->str(),
            "{global_cycle_seconds: 1e-9, technology: \"45nm\"}");
  EXPECT_EQ(variables->getLocation().file,
            (dir.path + "/variables.yaml").str());

  // Without resolution the tagged scalar stays.
  LoadOptions keep;
  keep.resolveIncludes = false;
  Expected<Tree> kept = loadFile(main, keep);
  ASSERT_TRUE(bool(kept)) << toString(kept.takeError());
  EXPECT_EQ(cast<MapNode>(kept->getRoot())->lookup("variables")->str(),
            "!include variables.yaml");

  // A missing file is an error at the include.
  std::string broken = dir.write("broken.yaml", "x: !include nothere.yaml\n");
  Expected<Tree> missing = loadFile(broken);
  ASSERT_FALSE(bool(missing));
  std::string missingError = toString(missing.takeError());
  EXPECT_TRUE(
      StringRef(missingError).starts_with(broken + ":1:4: cannot include '"))
      << missingError;
  EXPECT_NE(missingError.find("nothere.yaml"), std::string::npos);

  // An error inside the included file names both places.
  dir.write("bad.yaml", "a: [1\n");
  std::string includer = dir.write("includer.yaml", "x: !include bad.yaml\n");
  Expected<Tree> bad = loadFile(includer);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(toString(bad.takeError()),
            dir.path.str().str() +
                "/bad.yaml:1:6: Could not find closing ]!\n" + includer +
                ":1:4: note: included from here");
}

TEST(YAMLTreeTest, IncludeCycles) {
  TempDir dir;
  std::string a = dir.write("a.yaml", "b: !include b.yaml\n");
  dir.write("b.yaml", "a: !include a.yaml\n");
  Expected<Tree> tree = loadFile(a);
  ASSERT_FALSE(bool(tree));
  std::string error = toString(tree.takeError());
  EXPECT_NE(error.find("include cycle: " + a + " -> " + dir.path.str().str() +
                       "/b.yaml -> " + dir.path.str().str() + "/a.yaml"),
            std::string::npos)
      << error;

  std::string self = dir.write("self.yaml", "me: !include self.yaml\n");
  Expected<Tree> selfTree = loadFile(self);
  ASSERT_FALSE(bool(selfTree));
  EXPECT_NE(toString(selfTree.takeError()).find("include cycle"),
            std::string::npos);

  // Including the same file twice without a cycle is fine.
  dir.write("leaf.yaml", "{v: 1}\n");
  std::string twice =
      dir.write("twice.yaml", "x: !include leaf.yaml\ny: !include leaf.yaml\n");
  Expected<Tree> twiceTree = loadFile(twice);
  ASSERT_TRUE(bool(twiceTree)) << toString(twiceTree.takeError());
  EXPECT_EQ(twiceTree->getRoot()->str(), "{x: {v: 1}, y: {v: 1}}");
}

} // namespace

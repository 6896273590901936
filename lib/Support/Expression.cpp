//===- Expression.cpp - arithmetic in Timeloop/Accelergy attributes -------===//
//
// A lexer, a recursive-descent parser following Python's expression grammar
// (from `a if c else b` down to `**` and calls) into a small tree, and an
// evaluator over that tree with Python's numeric semantics: true division,
// floor division and modulo with the sign of the divisor, `**` binding
// tighter than a unary minus on its left, round-half-to-even `round`, and
// ZeroDivisionError/ValueError cases reported as errors instead of NaN/inf.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Support/Expression.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <vector>

using namespace llvm;
using namespace dnnopt;
using namespace dnnopt::expr;

namespace {

enum class TokenKind { Number, Name, Operator, LParen, RParen, Comma, End };

struct Token {
  TokenKind kind;
  StringRef text;
  /// 1-based column of the first character.
  unsigned column;
  double number = 0;
};

enum class NodeKind {
  Number,
  Name,
  Negate,
  Plus,
  Not,
  Binary,
  Compare,
  And,
  Or,
  Conditional,
  Call
};

enum class BinaryOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow };
enum class CompareOp { LT, LE, GT, GE, EQ, NE };
enum class Function {
  Min,
  Max,
  Ceil,
  Floor,
  Log,
  Log2,
  Log10,
  Exp,
  Sqrt,
  Round,
  Abs,
  Int,
  Float,
  Pow
};

/// A node of the parsed expression; operands are indices into the node
/// list of the expression.
struct ExprNode {
  NodeKind kind;
  /// The column reported for errors of this node (its operator, name or
  /// function).
  unsigned column;
  double number = 0;
  std::string name;
  BinaryOp binaryOp = BinaryOp::Add;
  Function function = Function::Min;
  std::vector<unsigned> operands;
  /// For `Compare`: the operators between consecutive operands.
  std::vector<CompareOp> compareOps;
};

struct FunctionInfo {
  StringLiteral name;
  Function function;
  unsigned minArgs;
  unsigned maxArgs;
};

/// The functions an expression may call, from Python's builtins and `math`.
const FunctionInfo functions[] = {
    {"min", Function::Min, 2, ~0u},   {"max", Function::Max, 2, ~0u},
    {"ceil", Function::Ceil, 1, 1},   {"floor", Function::Floor, 1, 1},
    {"log", Function::Log, 1, 2},     {"log2", Function::Log2, 1, 1},
    {"log10", Function::Log10, 1, 1}, {"exp", Function::Exp, 1, 1},
    {"sqrt", Function::Sqrt, 1, 1},   {"round", Function::Round, 1, 2},
    {"abs", Function::Abs, 1, 1},     {"int", Function::Int, 1, 1},
    {"float", Function::Float, 1, 1}, {"pow", Function::Pow, 2, 2},
};

/// Nesting deeper than this is rejected instead of overflowing the stack.
constexpr unsigned maxDepth = 256;

} // namespace

namespace dnnopt::expr::detail {
struct ExpressionImpl {
  std::string text;
  std::vector<ExprNode> nodes;
  unsigned root = 0;
  std::vector<std::string> names;
};
} // namespace dnnopt::expr::detail

using expr::detail::ExpressionImpl;

/// "cannot evaluate '<text>': <problem> at column N" (or "at end of input"
/// when `column` is past the text).
static Error makeExprError(StringRef text, const Twine &problem,
                           unsigned column) {
  std::string where = column > text.size()
                          ? std::string("at end of input")
                          : ("at column " + Twine(column)).str();
  return createStringError(inconvertibleErrorCode(),
                           "cannot evaluate '" + text + "': " + problem + " " +
                               where);
}

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

static bool isNameStart(char c) { return isAlpha(c) || c == '_'; }
static bool isNameChar(char c) { return isAlnum(c) || c == '_'; }

/// Checks that `digits` are digits of `radix` with single `_` separators
/// between them, and returns them without separators.
static std::optional<std::string> cleanDigits(StringRef digits,
                                              unsigned radix) {
  if (digits.empty() || digits.front() == '_' || digits.back() == '_' ||
      digits.contains("__"))
    return std::nullopt;
  std::string result;
  for (char c : digits) {
    if (c == '_')
      continue;
    unsigned value;
    if (isDigit(c))
      value = c - '0';
    else if (isAlpha(c))
      value = toLower(c) - 'a' + 10;
    else
      return std::nullopt;
    if (value >= radix)
      return std::nullopt;
    result.push_back(c);
  }
  return result;
}

/// Appends the decimal `digits` (possibly empty) without separators.
static bool appendDigits(std::string &out, StringRef digits) {
  if (digits.empty())
    return true;
  std::optional<std::string> cleaned = cleanDigits(digits, 10);
  if (!cleaned)
    return false;
  out += *cleaned;
  return true;
}

/// Reads a Python number literal at the start of `text`. Returns its length,
/// or 0 if the literal is malformed (the caller reports it).
static size_t lexNumber(StringRef text, double &value) {
  // The literal is the longest run of characters that can appear in one;
  // exponent signs are only taken right after an `e`.
  size_t end = 0;
  bool hex = text.size() > 1 && text[0] == '0' && toLower(text[1]) == 'x';
  while (end < text.size()) {
    char c = text[end];
    if (isNameChar(c) || c == '.' ||
        ((c == '+' || c == '-') && !hex && end > 0 &&
         toLower(text[end - 1]) == 'e'))
      ++end;
    else
      break;
  }
  StringRef literal = text.take_front(end);

  if (literal.size() > 2 && literal[0] == '0' &&
      StringRef("xXoObB").contains(literal[1])) {
    unsigned radix = StringSwitch<unsigned>(literal.substr(1, 1).lower())
                         .Case("x", 16)
                         .Case("o", 8)
                         .Default(2);
    std::optional<std::string> digits =
        cleanDigits(literal.drop_front(2), radix);
    uint64_t integer;
    if (!digits || StringRef(*digits).getAsInteger(radix, integer))
      return 0;
    value = double(integer);
    return end;
  }

  // [digits] [. [digits]] [e [+-] digits], with at least one digit before
  // the exponent.
  StringRef rest = literal;
  StringRef intPart =
      rest.take_while([](char c) { return isDigit(c) || c == '_'; });
  rest = rest.drop_front(intPart.size());
  bool hasDot = rest.consume_front(".");
  StringRef fracPart =
      rest.take_while([](char c) { return isDigit(c) || c == '_'; });
  rest = rest.drop_front(fracPart.size());
  if (intPart.empty() && fracPart.empty())
    return 0;
  std::string cleaned;
  if (!appendDigits(cleaned, intPart))
    return 0;
  if (hasDot)
    cleaned += '.';
  if (!appendDigits(cleaned, fracPart))
    return 0;
  if (!rest.empty() && toLower(rest.front()) == 'e') {
    rest = rest.drop_front();
    cleaned += 'e';
    if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
      cleaned += rest.front();
      rest = rest.drop_front();
    }
    std::optional<std::string> digits = cleanDigits(rest, 10);
    if (!digits)
      return 0;
    cleaned += *digits;
    rest = StringRef();
  }
  if (!rest.empty())
    return 0;
  value = std::strtod(cleaned.c_str(), nullptr);
  return end;
}

static Expected<std::vector<Token>> lex(StringRef text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && isSpace(text[i]))
      ++i;
    unsigned column = i + 1;
    if (i == text.size()) {
      tokens.push_back({TokenKind::End, "", unsigned(text.size() + 1)});
      return tokens;
    }
    char c = text[i];
    if (isDigit(c) ||
        (c == '.' && i + 1 < text.size() && isDigit(text[i + 1]))) {
      Token token{TokenKind::Number, "", column};
      size_t length = lexNumber(text.drop_front(i), token.number);
      if (length == 0) {
        size_t end = i;
        while (end < text.size() && (isNameChar(text[end]) || text[end] == '.'))
          ++end;
        return makeExprError(
            text, "invalid number '" + text.slice(i, end) + "'", column);
      }
      token.text = text.substr(i, length);
      tokens.push_back(token);
      i += length;
      continue;
    }
    if (isNameStart(c)) {
      size_t end = i;
      while (end < text.size() && isNameChar(text[end]))
        ++end;
      tokens.push_back({TokenKind::Name, text.slice(i, end), column});
      i = end;
      continue;
    }
    if (c == '(' || c == ')' || c == ',') {
      TokenKind kind = c == '('   ? TokenKind::LParen
                       : c == ')' ? TokenKind::RParen
                                  : TokenKind::Comma;
      tokens.push_back({kind, text.substr(i, 1), column});
      ++i;
      continue;
    }
    StringRef rest = text.drop_front(i);
    StringRef op;
    for (StringLiteral candidate :
         {StringLiteral("**"), StringLiteral("//"), StringLiteral("<="),
          StringLiteral(">="), StringLiteral("=="), StringLiteral("!="),
          StringLiteral("+"), StringLiteral("-"), StringLiteral("*"),
          StringLiteral("/"), StringLiteral("%"), StringLiteral("<"),
          StringLiteral(">"), StringLiteral("^")})
      if (rest.starts_with(candidate)) {
        op = rest.take_front(candidate.size());
        break;
      }
    if (op.empty())
      return makeExprError(
          text, "unexpected character '" + text.substr(i, 1) + "'", column);
    tokens.push_back({TokenKind::Operator, op, column});
    i += op.size();
  }
}

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

namespace {
/// Recursive descent over Python's expression grammar:
///   expr       := or ['if' or 'else' expr]
///   or         := and ('or' and)*
///   and        := not ('and' not)*
///   not        := 'not' not | comparison
///   comparison := arith (('<'|'<='|'>'|'>='|'=='|'!=') arith)*
///   arith      := term (('+'|'-') term)*
///   term       := factor (('*'|'/'|'//'|'%') factor)*
///   factor     := ('+'|'-') factor | power
///   power      := primary ['**' factor]
///   primary    := NUMBER | NAME | NAME '(' args ')' | '(' expr ')'
class Parser {
public:
  Parser(ExpressionImpl &impl, std::vector<Token> tokens)
      : impl(impl), tokens(std::move(tokens)) {}

  Expected<unsigned> parseAll() {
    Expected<unsigned> root = parseExpr();
    if (!root)
      return root.takeError();
    if (peek().kind != TokenKind::End)
      return unexpected(peek());
    return root;
  }

private:
  const Token &peek() const { return tokens[pos]; }
  const Token &next() { return tokens[pos++]; }
  bool isKeyword(StringRef keyword) const {
    return peek().kind == TokenKind::Name && peek().text == keyword;
  }
  bool isOperator(StringRef op) const {
    return peek().kind == TokenKind::Operator && peek().text == op;
  }

  Error error(const Twine &problem, unsigned column) {
    return makeExprError(impl.text, problem, column);
  }
  Error unexpected(const Token &token) {
    if (token.kind == TokenKind::End)
      return error("incomplete expression", token.column);
    if (token.kind == TokenKind::Operator && token.text == "^")
      return error("'^' is bitwise xor in Python and is not supported (use "
                   "'**' for powers)",
                   token.column);
    return error("unexpected '" + token.text + "'", token.column);
  }

  unsigned addNode(ExprNode node) {
    impl.nodes.push_back(std::move(node));
    return impl.nodes.size() - 1;
  }
  unsigned addNode(NodeKind kind, unsigned column,
                   std::vector<unsigned> operands) {
    ExprNode node;
    node.kind = kind;
    node.column = column;
    node.operands = std::move(operands);
    return addNode(std::move(node));
  }

  /// Guards the recursion depth of the entry points that recurse.
  struct DepthGuard {
    explicit DepthGuard(unsigned &depth) : depth(depth) { ++depth; }
    ~DepthGuard() { --depth; }
    unsigned &depth;
  };

  Expected<unsigned> parseExpr() {
    DepthGuard guard(depth);
    if (depth > maxDepth)
      return error("expression is nested too deeply", peek().column);
    Expected<unsigned> value = parseOr();
    if (!value || !isKeyword("if"))
      return value;
    unsigned column = next().column;
    Expected<unsigned> condition = parseOr();
    if (!condition)
      return condition.takeError();
    if (!isKeyword("else"))
      return peek().kind == TokenKind::End
                 ? error("expected 'else'", peek().column)
                 : error("expected 'else', found '" + peek().text + "'",
                         peek().column);
    next();
    Expected<unsigned> otherwise = parseExpr();
    if (!otherwise)
      return otherwise.takeError();
    return addNode(NodeKind::Conditional, column,
                   {*condition, *value, *otherwise});
  }

  Expected<unsigned> parseOr() {
    Expected<unsigned> lhs = parseAnd();
    while (lhs && isKeyword("or")) {
      unsigned column = next().column;
      Expected<unsigned> rhs = parseAnd();
      if (!rhs)
        return rhs.takeError();
      lhs = addNode(NodeKind::Or, column, {*lhs, *rhs});
    }
    return lhs;
  }

  Expected<unsigned> parseAnd() {
    Expected<unsigned> lhs = parseNot();
    while (lhs && isKeyword("and")) {
      unsigned column = next().column;
      Expected<unsigned> rhs = parseNot();
      if (!rhs)
        return rhs.takeError();
      lhs = addNode(NodeKind::And, column, {*lhs, *rhs});
    }
    return lhs;
  }

  Expected<unsigned> parseNot() {
    if (!isKeyword("not"))
      return parseComparison();
    DepthGuard guard(depth);
    if (depth > maxDepth)
      return error("expression is nested too deeply", peek().column);
    unsigned column = next().column;
    Expected<unsigned> operand = parseNot();
    if (!operand)
      return operand.takeError();
    return addNode(NodeKind::Not, column, {*operand});
  }

  std::optional<CompareOp> peekCompareOp() const {
    if (peek().kind != TokenKind::Operator)
      return std::nullopt;
    return StringSwitch<std::optional<CompareOp>>(peek().text)
        .Case("<", CompareOp::LT)
        .Case("<=", CompareOp::LE)
        .Case(">", CompareOp::GT)
        .Case(">=", CompareOp::GE)
        .Case("==", CompareOp::EQ)
        .Case("!=", CompareOp::NE)
        .Default(std::nullopt);
  }

  Expected<unsigned> parseComparison() {
    Expected<unsigned> first = parseArith();
    if (!first || !peekCompareOp())
      return first;
    ExprNode node;
    node.kind = NodeKind::Compare;
    node.column = peek().column;
    node.operands.push_back(*first);
    while (std::optional<CompareOp> op = peekCompareOp()) {
      next();
      Expected<unsigned> operand = parseArith();
      if (!operand)
        return operand.takeError();
      node.compareOps.push_back(*op);
      node.operands.push_back(*operand);
    }
    return addNode(std::move(node));
  }

  Expected<unsigned> addBinary(BinaryOp op, unsigned column, unsigned lhs,
                               unsigned rhs) {
    ExprNode node;
    node.kind = NodeKind::Binary;
    node.column = column;
    node.binaryOp = op;
    node.operands = {lhs, rhs};
    return addNode(std::move(node));
  }

  Expected<unsigned> parseArith() {
    Expected<unsigned> lhs = parseTerm();
    while (lhs && (isOperator("+") || isOperator("-"))) {
      const Token &op = next();
      Expected<unsigned> rhs = parseTerm();
      if (!rhs)
        return rhs.takeError();
      lhs = addBinary(op.text == "+" ? BinaryOp::Add : BinaryOp::Sub, op.column,
                      *lhs, *rhs);
    }
    return lhs;
  }

  Expected<unsigned> parseTerm() {
    Expected<unsigned> lhs = parseFactor();
    while (lhs && (isOperator("*") || isOperator("/") || isOperator("//") ||
                   isOperator("%"))) {
      const Token &op = next();
      Expected<unsigned> rhs = parseFactor();
      if (!rhs)
        return rhs.takeError();
      BinaryOp binaryOp = StringSwitch<BinaryOp>(op.text)
                              .Case("*", BinaryOp::Mul)
                              .Case("/", BinaryOp::Div)
                              .Case("//", BinaryOp::FloorDiv)
                              .Default(BinaryOp::Mod);
      lhs = addBinary(binaryOp, op.column, *lhs, *rhs);
    }
    return lhs;
  }

  Expected<unsigned> parseFactor() {
    if (!isOperator("+") && !isOperator("-"))
      return parsePower();
    DepthGuard guard(depth);
    if (depth > maxDepth)
      return error("expression is nested too deeply", peek().column);
    const Token &op = next();
    Expected<unsigned> operand = parseFactor();
    if (!operand)
      return operand.takeError();
    return addNode(op.text == "-" ? NodeKind::Negate : NodeKind::Plus,
                   op.column, {*operand});
  }

  Expected<unsigned> parsePower() {
    Expected<unsigned> base = parsePrimary();
    if (!base || !isOperator("**"))
      return base;
    unsigned column = next().column;
    DepthGuard guard(depth);
    if (depth > maxDepth)
      return error("expression is nested too deeply", peek().column);
    Expected<unsigned> exponent = parseFactor();
    if (!exponent)
      return exponent.takeError();
    return addBinary(BinaryOp::Pow, column, *base, *exponent);
  }

  Expected<unsigned> parsePrimary() {
    const Token &token = peek();
    switch (token.kind) {
    case TokenKind::Number: {
      next();
      ExprNode node;
      node.kind = NodeKind::Number;
      node.column = token.column;
      node.number = token.number;
      return addNode(std::move(node));
    }
    case TokenKind::LParen: {
      next();
      Expected<unsigned> inner = parseExpr();
      if (!inner)
        return inner.takeError();
      if (peek().kind != TokenKind::RParen)
        return peek().kind == TokenKind::End
                   ? error("expected ')'", peek().column)
                   : error("expected ')', found '" + peek().text + "'",
                           peek().column);
      next();
      return inner;
    }
    case TokenKind::Name:
      return parseName();
    default:
      break;
    }
    if (token.kind == TokenKind::Operator && token.text == "^")
      return unexpected(token);
    if (token.kind == TokenKind::End)
      return error("expected an operand", token.column);
    return error("expected an operand, found '" + token.text + "'",
                 token.column);
  }

  Expected<unsigned> parseName() {
    const Token &token = next();
    StringRef name = token.text;
    if (name == "True" || name == "False") {
      ExprNode node;
      node.kind = NodeKind::Number;
      node.column = token.column;
      node.number = name == "True" ? 1 : 0;
      return addNode(std::move(node));
    }
    if (StringSet<>(
            {"if", "else", "and", "or", "not", "None", "lambda", "in", "is"})
            .contains(name))
      return error("expected an operand, found '" + name + "'", token.column);

    if (peek().kind != TokenKind::LParen) {
      if (!llvm::is_contained(impl.names, name))
        impl.names.push_back(name.str());
      ExprNode node;
      node.kind = NodeKind::Name;
      node.column = token.column;
      node.name = name.str();
      return addNode(std::move(node));
    }

    const FunctionInfo *info = nullptr;
    for (const FunctionInfo &candidate : functions)
      if (candidate.name == name)
        info = &candidate;
    if (!info)
      return error("unknown function '" + name + "'", token.column);
    next(); // '('
    ExprNode node;
    node.kind = NodeKind::Call;
    node.column = token.column;
    node.name = name.str();
    node.function = info->function;
    while (peek().kind != TokenKind::RParen) {
      Expected<unsigned> argument = parseExpr();
      if (!argument)
        return argument.takeError();
      node.operands.push_back(*argument);
      if (peek().kind == TokenKind::Comma) {
        next();
        continue;
      }
      if (peek().kind != TokenKind::RParen)
        return peek().kind == TokenKind::End
                   ? error("expected ',' or ')'", peek().column)
                   : error("expected ',' or ')', found '" + peek().text + "'",
                           peek().column);
    }
    next(); // ')'
    unsigned count = node.operands.size();
    if (count < info->minArgs || count > info->maxArgs) {
      std::string expected =
          info->minArgs == info->maxArgs ? std::to_string(info->minArgs)
          : info->maxArgs == ~0u ? "at least " + std::to_string(info->minArgs)
                                 : std::to_string(info->minArgs) + " or " +
                                       std::to_string(info->maxArgs);
      return error("'" + name + "' expects " + expected + " argument" +
                       (expected == "1" ? "" : "s") + ", got " + Twine(count) +
                       ",",
                   token.column);
    }
    return addNode(std::move(node));
  }

  ExpressionImpl &impl;
  std::vector<Token> tokens;
  size_t pos = 0;
  unsigned depth = 0;
};
} // namespace

Expected<Expression> Expression::parse(StringRef text) {
  auto impl = std::make_shared<ExpressionImpl>();
  impl->text = text.str();
  Expected<std::vector<Token>> tokens = lex(impl->text);
  if (!tokens)
    return tokens.takeError();
  Parser parser(*impl, std::move(*tokens));
  Expected<unsigned> root = parser.parseAll();
  if (!root)
    return root.takeError();
  impl->root = *root;
  return Expression(std::move(impl));
}

StringRef Expression::getText() const { return impl->text; }

ArrayRef<std::string> Expression::getNames() const { return impl->names; }

//===----------------------------------------------------------------------===//
// Evaluator
//===----------------------------------------------------------------------===//

namespace {
class Evaluator {
public:
  Evaluator(const ExpressionImpl &impl, NameLookup lookup)
      : impl(impl), lookup(lookup) {}

  Expected<double> eval(unsigned id);

private:
  Error error(const Twine &problem, unsigned column) {
    return makeExprError(impl.text, problem, column);
  }
  Expected<double> evalName(const ExprNode &node);
  Expected<double> evalBinary(const ExprNode &node);
  Expected<double> evalCall(const ExprNode &node);
  Expected<double> power(double base, double exponent, unsigned column);

  const ExpressionImpl &impl;
  NameLookup lookup;
};
} // namespace

/// Python's truth value of a number.
static bool truthy(double value) { return value != 0; }

Expected<double> Evaluator::eval(unsigned id) {
  const ExprNode &node = impl.nodes[id];
  switch (node.kind) {
  case NodeKind::Number:
    return node.number;
  case NodeKind::Name:
    return evalName(node);
  case NodeKind::Negate:
  case NodeKind::Plus:
  case NodeKind::Not: {
    Expected<double> operand = eval(node.operands[0]);
    if (!operand)
      return operand;
    if (node.kind == NodeKind::Negate)
      return -*operand;
    if (node.kind == NodeKind::Plus)
      return *operand;
    return truthy(*operand) ? 0.0 : 1.0;
  }
  case NodeKind::And:
  case NodeKind::Or: {
    // Python returns the deciding operand, not a boolean.
    Expected<double> lhs = eval(node.operands[0]);
    if (!lhs)
      return lhs;
    if (truthy(*lhs) == (node.kind == NodeKind::Or))
      return lhs;
    return eval(node.operands[1]);
  }
  case NodeKind::Conditional: {
    Expected<double> condition = eval(node.operands[0]);
    if (!condition)
      return condition;
    return eval(node.operands[truthy(*condition) ? 1 : 2]);
  }
  case NodeKind::Compare: {
    Expected<double> lhs = eval(node.operands[0]);
    if (!lhs)
      return lhs;
    for (size_t i = 0; i < node.compareOps.size(); ++i) {
      Expected<double> rhs = eval(node.operands[i + 1]);
      if (!rhs)
        return rhs;
      bool holds = false;
      switch (node.compareOps[i]) {
      case CompareOp::LT:
        holds = *lhs < *rhs;
        break;
      case CompareOp::LE:
        holds = *lhs <= *rhs;
        break;
      case CompareOp::GT:
        holds = *lhs > *rhs;
        break;
      case CompareOp::GE:
        holds = *lhs >= *rhs;
        break;
      case CompareOp::EQ:
        holds = *lhs == *rhs;
        break;
      case CompareOp::NE:
        holds = *lhs != *rhs;
        break;
      }
      if (!holds)
        return 0.0;
      lhs = *rhs;
    }
    return 1.0;
  }
  case NodeKind::Binary:
    return evalBinary(node);
  case NodeKind::Call:
    return evalCall(node);
  }
  llvm_unreachable("unknown expression node");
}

Expected<double> Evaluator::evalName(const ExprNode &node) {
  LookupResult found = lookup(node.name);
  if (!found)
    return createStringError(inconvertibleErrorCode(),
                             "cannot evaluate '" + impl.text +
                                 "': " + toString(found.takeError()));
  if (*found)
    return **found;
  if (node.name == "pi")
    return numbers::pi;
  if (node.name == "e")
    return numbers::e;
  return error("unknown name '" + node.name + "'", node.column);
}

/// Python's float floor division and modulo (the result of `%` takes the
/// sign of the divisor).
static double pythonMod(double a, double b) {
  double mod = std::fmod(a, b);
  if (mod != 0 && ((b < 0) != (mod < 0)))
    mod += b;
  else if (mod == 0)
    mod = std::copysign(0.0, b);
  return mod;
}

static double pythonFloorDiv(double a, double b) {
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0)))
    div -= 1.0;
  double floorDiv = std::floor(div);
  if (div - floorDiv > 0.5)
    floorDiv += 1.0;
  return floorDiv;
}

Expected<double> Evaluator::power(double base, double exponent,
                                  unsigned column) {
  if (base == 0 && exponent < 0)
    return error("division by zero (0 raised to a negative power)", column);
  if (base < 0 && std::isfinite(exponent) && !isInteger(exponent))
    return error("result is not a real number (negative base raised to a "
                 "fractional power)",
                 column);
  double result = std::pow(base, exponent);
  if (std::isinf(result) && std::isfinite(base) && std::isfinite(exponent))
    return error("numeric overflow", column);
  return result;
}

Expected<double> Evaluator::evalBinary(const ExprNode &node) {
  Expected<double> lhs = eval(node.operands[0]);
  if (!lhs)
    return lhs;
  Expected<double> rhs = eval(node.operands[1]);
  if (!rhs)
    return rhs;
  double a = *lhs, b = *rhs;
  switch (node.binaryOp) {
  case BinaryOp::Add:
    return a + b;
  case BinaryOp::Sub:
    return a - b;
  case BinaryOp::Mul:
    return a * b;
  case BinaryOp::Div:
  case BinaryOp::FloorDiv:
  case BinaryOp::Mod:
    if (b == 0)
      return error(node.binaryOp == BinaryOp::Mod ? "modulo by zero"
                                                  : "division by zero",
                   node.column);
    if (node.binaryOp == BinaryOp::Div)
      return a / b;
    if (node.binaryOp == BinaryOp::FloorDiv)
      return pythonFloorDiv(a, b);
    return pythonMod(a, b);
  case BinaryOp::Pow:
    return power(a, b, node.column);
  }
  llvm_unreachable("unknown binary operator");
}

Expected<double> Evaluator::evalCall(const ExprNode &node) {
  SmallVector<double, 4> args;
  for (unsigned operand : node.operands) {
    Expected<double> value = eval(operand);
    if (!value)
      return value;
    args.push_back(*value);
  }
  auto domainError = [&] {
    return error("math domain error in '" + node.name + "'", node.column);
  };
  auto requireFinite = [&]() -> Error {
    if (std::isnan(args[0]))
      return error("cannot convert NaN to an integer in '" + node.name + "'",
                   node.column);
    if (std::isinf(args[0]))
      return error("cannot convert infinity to an integer in '" + node.name +
                       "'",
                   node.column);
    return Error::success();
  };
  // Every function takes at least one argument (checked by the parser).
  double x = args.empty() ? 0.0 : args[0];
  switch (node.function) {
  case Function::Min:
    return *llvm::min_element(args);
  case Function::Max:
    return *llvm::max_element(args);
  case Function::Ceil:
    if (Error error = requireFinite())
      return std::move(error);
    return std::ceil(x);
  case Function::Floor:
    if (Error error = requireFinite())
      return std::move(error);
    return std::floor(x);
  case Function::Int:
    if (Error error = requireFinite())
      return std::move(error);
    return std::trunc(x);
  case Function::Log: {
    if (x <= 0)
      return domainError();
    if (args.size() == 1)
      return std::log(x);
    if (args[1] <= 0)
      return domainError();
    if (args[1] == 1)
      return error("division by zero in 'log' (base 1)", node.column);
    return std::log(x) / std::log(args[1]);
  }
  case Function::Log2:
    if (x <= 0)
      return domainError();
    return std::log2(x);
  case Function::Log10:
    if (x <= 0)
      return domainError();
    return std::log10(x);
  case Function::Exp: {
    double result = std::exp(x);
    if (std::isinf(result) && std::isfinite(x))
      return error("numeric overflow in 'exp'", node.column);
    return result;
  }
  case Function::Sqrt:
    if (x < 0)
      return domainError();
    return std::sqrt(x);
  case Function::Round: {
    // Python rounds halves to even; so does nearbyint in the default
    // rounding mode.
    if (args.size() == 1) {
      if (Error error = requireFinite())
        return std::move(error);
      return std::nearbyint(x);
    }
    if (!isInteger(args[1]))
      return error("'round' expects an integer number of digits", node.column);
    double scale = std::pow(10.0, args[1]);
    return std::nearbyint(x * scale) / scale;
  }
  case Function::Abs:
    return std::fabs(x);
  case Function::Float:
    return x;
  case Function::Pow:
    return power(x, args[1], node.column);
  }
  llvm_unreachable("unknown function");
}

Expected<double> Expression::evaluate(NameLookup lookup) const {
  return Evaluator(*impl, lookup).eval(impl->root);
}

Expected<double> Expression::evaluate() const {
  return evaluate([](StringRef) -> LookupResult { return std::nullopt; });
}

//===----------------------------------------------------------------------===//
// Convenience functions
//===----------------------------------------------------------------------===//

Expected<double> expr::evaluate(StringRef text, NameLookup lookup) {
  Expected<Expression> expression = Expression::parse(text);
  if (!expression)
    return expression.takeError();
  return expression->evaluate(lookup);
}

Expected<double> expr::evaluate(StringRef text,
                                const StringMap<double> &names) {
  return evaluate(text, [&](StringRef name) -> LookupResult {
    auto it = names.find(name);
    if (it == names.end())
      return std::nullopt;
    return it->second;
  });
}

bool expr::isInteger(double value) {
  return std::isfinite(value) && value == std::trunc(value);
}

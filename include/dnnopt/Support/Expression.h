//===- Expression.h - arithmetic in Timeloop/Accelergy attributes *- C++
//-*-===//
//
// Timeloop's front-end and Accelergy evaluate attribute strings such as
// `bank_depth * n_banks` or `max(1, ceil(log2(depth))) if depth >= 1 else 1`
// with Python's `eval`. This is a small evaluator for the numeric subset of
// those Python expressions, with Python's semantics: numbers (`8`, `1.5`,
// `1e-3`, `0x10`), names resolved by a callback, `+ - * / // % **`, unary
// `+ -`, comparisons (chained), `not and or`, `a if c else b` (only the
// chosen branch is evaluated) and the functions `min max ceil floor log log2
// log10 exp sqrt round abs int float pow`. Values are doubles; booleans are
// 1 and 0. Anything else is an error naming the expression and the column.
//
//===----------------------------------------------------------------------===//

#ifndef DNNOPT_SUPPORT_EXPRESSION_H
#define DNNOPT_SUPPORT_EXPRESSION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>

namespace dnnopt {
namespace expr {

namespace detail {
struct ExpressionImpl;
} // namespace detail

/// What a name lookup returns: the value of the name, std::nullopt when the
/// name is unknown (the evaluator then tries the constants `True`, `False`,
/// `pi` and `e`, and otherwise fails with "unknown name"), or an error when
/// the name is known but has no value (e.g. its own expression failed).
using LookupResult = llvm::Expected<std::optional<double>>;

/// Resolves the names of an expression.
using NameLookup = llvm::function_ref<LookupResult(llvm::StringRef name)>;

/// A parsed expression. Parse once, evaluate with different lookups. Cheap
/// to copy (the parsed form is shared and immutable).
class Expression {
public:
  /// Parses `text`. Syntax errors, unknown functions and wrong argument
  /// counts are reported here, as
  /// "cannot evaluate '<text>': <problem> at column N" (1-based) or
  /// "... at end of input".
  static llvm::Expected<Expression> parse(llvm::StringRef text);

  /// Evaluates the expression; `lookup` is asked for each name whose value
  /// is needed (names in a branch not taken are not looked up).
  llvm::Expected<double> evaluate(NameLookup lookup) const;

  /// Evaluates an expression that must not refer to any name other than the
  /// constants.
  llvm::Expected<double> evaluate() const;

  /// The source text.
  llvm::StringRef getText() const;

  /// The names the expression refers to (not function names), each once, in
  /// order of first appearance; including names in branches that a given
  /// evaluation may skip.
  llvm::ArrayRef<std::string> getNames() const;

private:
  explicit Expression(std::shared_ptr<const detail::ExpressionImpl> impl)
      : impl(std::move(impl)) {}

  std::shared_ptr<const detail::ExpressionImpl> impl;
};

/// Parses and evaluates `text` with `lookup`.
llvm::Expected<double> evaluate(llvm::StringRef text, NameLookup lookup);

/// Parses and evaluates `text`, resolving names in `names`.
llvm::Expected<double> evaluate(llvm::StringRef text,
                                const llvm::StringMap<double> &names);

/// True if `value` is finite and has no fractional part.
bool isInteger(double value);

} // namespace expr
} // namespace dnnopt

#endif // DNNOPT_SUPPORT_EXPRESSION_H

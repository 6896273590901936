//===- ExpressionTest.cpp - tests of the attribute expression evaluator ---===//
//
// Expected values follow Python 3 (`python3 -c "print(<expr>)"`), which is
// what Timeloop's front-end and Accelergy use to evaluate these strings.
//
//===----------------------------------------------------------------------===//

#include "dnnopt/Support/Expression.h"

#include "llvm/Support/MathExtras.h"
#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace llvm;
using namespace dnnopt::expr;

namespace {

/// Evaluates `text` with `names`; NaN (and a test failure) on error.
double eval(StringRef text, const StringMap<double> &names = {}) {
  Expected<double> value = evaluate(text, names);
  if (!value) {
    ADD_FAILURE() << "'" << text.str()
                  << "' failed: " << toString(value.takeError());
    return std::nan("");
  }
  return *value;
}

/// The error message of evaluating `text` with `names`, or "" on success.
std::string evalError(StringRef text, const StringMap<double> &names = {}) {
  Expected<double> value = evaluate(text, names);
  if (value)
    return "";
  return toString(value.takeError());
}

TEST(ExpressionTest, Numbers) {
  EXPECT_EQ(eval("8"), 8);
  EXPECT_EQ(eval("1.5"), 1.5);
  EXPECT_EQ(eval("1e-3"), 1e-3);
  EXPECT_EQ(eval("1E3"), 1000);
  EXPECT_EQ(eval(".5"), 0.5);
  EXPECT_EQ(eval("2."), 2);
  EXPECT_EQ(eval("1_000"), 1000);
  EXPECT_EQ(eval("0x10"), 16);
  EXPECT_EQ(eval("0o17"), 15);
  EXPECT_EQ(eval("0b101"), 5);
  EXPECT_EQ(eval("  42  "), 42);
}

TEST(ExpressionTest, Precedence) {
  EXPECT_EQ(eval("2 + 3 * 4"), 14);
  EXPECT_EQ(eval("(2 + 3) * 4"), 20);
  EXPECT_EQ(eval("10 - 4 - 3"), 3);
  EXPECT_EQ(eval("2 * 3 / 4"), 1.5);
  // `**` is right-associative and binds tighter than a unary minus on its
  // left, but its exponent may carry a sign.
  EXPECT_EQ(eval("2 ** 3 ** 2"), 512);
  EXPECT_EQ(eval("-2 ** 2"), -4);
  EXPECT_EQ(eval("2 ** -1"), 0.5);
  EXPECT_EQ(eval("--3"), 3);
  EXPECT_EQ(eval("1 + 2 < 4"), 1);
  EXPECT_EQ(eval("not 1 + 1 == 3"), 1);
  EXPECT_EQ(eval("1 or 0 and 0"), 1);
}

TEST(ExpressionTest, PythonDivisionAndModulo) {
  EXPECT_EQ(eval("7 / 2"), 3.5);
  EXPECT_EQ(eval("7 // 2"), 3);
  EXPECT_EQ(eval("-7 // 2"), -4);
  EXPECT_EQ(eval("7.5 // 2"), 3);
  EXPECT_EQ(eval("-7 % 3"), 2);
  EXPECT_EQ(eval("7 % -3"), -2);
  EXPECT_EQ(eval("7.5 % 2"), 1.5);
}

TEST(ExpressionTest, ComparisonsAndLogic) {
  EXPECT_EQ(eval("1 < 2 < 3"), 1);
  EXPECT_EQ(eval("3 > 2 > 2"), 0);
  EXPECT_EQ(eval("2 >= 2"), 1);
  EXPECT_EQ(eval("2 != 2"), 0);
  EXPECT_EQ(eval("2 == 2.0"), 1);
  // `and`/`or` return the deciding operand, as in Python.
  EXPECT_EQ(eval("0 or 5"), 5);
  EXPECT_EQ(eval("2 and 3"), 3);
  EXPECT_EQ(eval("2 and 0"), 0);
  EXPECT_EQ(eval("not 0"), 1);
  EXPECT_EQ(eval("True + True"), 2);
  EXPECT_EQ(eval("False"), 0);
}

TEST(ExpressionTest, Conditional) {
  EXPECT_EQ(eval("1 if 0 else 2"), 2);
  EXPECT_EQ(eval("1 if 3 > 2 else 2"), 1);
  // Right-associative: 1 if 0 else (2 if 0 else 3).
  EXPECT_EQ(eval("1 if 0 else 2 if 0 else 3"), 3);
  EXPECT_EQ(eval("(1 if 0 else 2) * 10"), 20);
}

TEST(ExpressionTest, Functions) {
  EXPECT_EQ(eval("min(3, 1, 2)"), 1);
  EXPECT_EQ(eval("max(3, 1, 2,)"), 3);
  EXPECT_EQ(eval("ceil(2.1)"), 3);
  EXPECT_EQ(eval("ceil(-2.1)"), -2);
  EXPECT_EQ(eval("floor(-2.1)"), -3);
  EXPECT_EQ(eval("log2(1024)"), 10);
  EXPECT_EQ(eval("log10(1000)"), 3);
  EXPECT_DOUBLE_EQ(eval("log(e)"), 1);
  EXPECT_DOUBLE_EQ(eval("log(8, 2)"), 3);
  EXPECT_EQ(eval("sqrt(16)"), 4);
  EXPECT_EQ(eval("exp(0)"), 1);
  // Python rounds halves to even.
  EXPECT_EQ(eval("round(2.5)"), 2);
  EXPECT_EQ(eval("round(3.5)"), 4);
  EXPECT_EQ(eval("round(-0.5)"), 0);
  EXPECT_DOUBLE_EQ(eval("round(1.23456, 2)"), 1.23);
  EXPECT_EQ(eval("abs(-3)"), 3);
  EXPECT_EQ(eval("int(-3.7)"), -3);
  EXPECT_EQ(eval("int(3.7)"), 3);
  EXPECT_EQ(eval("float(2)"), 2);
  EXPECT_EQ(eval("pow(2, 10)"), 1024);
  EXPECT_DOUBLE_EQ(eval("pi"), numbers::pi);
}

TEST(ExpressionTest, Names) {
  // From an Accelergy v0.2 architecture: memory_depth: bank_depth * n_banks.
  StringMap<double> names{{"bank_depth", 512}, {"n_banks", 25}};
  EXPECT_EQ(eval("bank_depth * n_banks", names), 12800);
  // A name shadows a constant, as Python's locals shadow globals.
  EXPECT_EQ(eval("e * 2", {{"e", 4}}), 8);
}

TEST(ExpressionTest, TimeloopAddressGeneratorWidth) {
  // From a v0.4 smartbuffer component: the address generator width.
  const char *text = "max(1, ceil(log2(depth))) if depth >= 1 else 1";
  EXPECT_EQ(eval(text, {{"depth", 1024}}), 10);
  EXPECT_EQ(eval(text, {{"depth", 1000}}), 10);
  EXPECT_EQ(eval(text, {{"depth", 1}}), 1);
  // log2(0) is never evaluated: only the chosen branch is.
  EXPECT_EQ(eval(text, {{"depth", 0}}), 1);
}

TEST(ExpressionTest, LookupIsLazyAndCanFail) {
  SmallVector<std::string> asked;
  auto lookup = [&](StringRef name) -> LookupResult {
    asked.push_back(name.str());
    if (name == "x")
      return 2.0;
    if (name == "broken")
      return createStringError(inconvertibleErrorCode(),
                               "'broken' has no value");
    return std::nullopt;
  };
  Expected<double> value = evaluate("x if x > 1 else missing", lookup);
  ASSERT_TRUE(bool(value)) << toString(value.takeError());
  EXPECT_EQ(*value, 2);
  EXPECT_EQ(asked, SmallVector<std::string>({"x", "x"}));

  Expected<double> failed = evaluate("1 + broken", lookup);
  ASSERT_FALSE(bool(failed));
  EXPECT_EQ(toString(failed.takeError()),
            "cannot evaluate '1 + broken': 'broken' has no value");
}

TEST(ExpressionTest, ParseOnceEvaluateTwice) {
  Expected<Expression> expression = Expression::parse("a * b + a + max(a, 1)");
  ASSERT_TRUE(bool(expression)) << toString(expression.takeError());
  EXPECT_EQ(expression->getText(), "a * b + a + max(a, 1)");
  ASSERT_EQ(expression->getNames().size(), 2u);
  EXPECT_EQ(expression->getNames()[0], "a");
  EXPECT_EQ(expression->getNames()[1], "b");
  StringMap<double> first{{"a", 1}, {"b", 2}}, second{{"a", 3}, {"b", 4}};
  auto lookupIn = [](const StringMap<double> &names) {
    return [&names](StringRef name) -> LookupResult {
      auto it = names.find(name);
      if (it == names.end())
        return std::nullopt;
      return it->second;
    };
  };
  // 1 * 2 + 1 + max(1, 1) and 3 * 4 + 3 + max(3, 1).
  EXPECT_EQ(cantFail(expression->evaluate(lookupIn(first))), 4);
  EXPECT_EQ(cantFail(expression->evaluate(lookupIn(second))), 18);
  Expected<double> noNames = expression->evaluate();
  ASSERT_FALSE(bool(noNames));
  consumeError(noNames.takeError());
}

TEST(ExpressionTest, UnknownName) {
  EXPECT_EQ(evalError("bank_depth * n_banks", {{"n_banks", 25}}),
            "cannot evaluate 'bank_depth * n_banks': unknown name "
            "'bank_depth' at column 1");
  EXPECT_EQ(evalError("2 * depth"),
            "cannot evaluate '2 * depth': unknown name 'depth' at column 5");
}

TEST(ExpressionTest, SyntaxErrors) {
  EXPECT_EQ(evalError("foo + "),
            "cannot evaluate 'foo + ': expected an operand at end of input");
  EXPECT_EQ(evalError(""),
            "cannot evaluate '': expected an operand at end of input");
  EXPECT_EQ(evalError("1 +* 2"),
            "cannot evaluate '1 +* 2': expected an operand, found '*' at "
            "column 4");
  EXPECT_EQ(evalError("(1 + 2"),
            "cannot evaluate '(1 + 2': expected ')' at end of input");
  EXPECT_EQ(evalError("1 2"), "cannot evaluate '1 2': unexpected '2' at "
                              "column 3");
  EXPECT_EQ(evalError("a $ b"),
            "cannot evaluate 'a $ b': unexpected character '$' at column 3");
  EXPECT_EQ(evalError("45nm"),
            "cannot evaluate '45nm': invalid number '45nm' at column 1");
  EXPECT_EQ(evalError("1.2.3"),
            "cannot evaluate '1.2.3': invalid number '1.2.3' at column 1");
  EXPECT_EQ(evalError("1e"),
            "cannot evaluate '1e': invalid number '1e' at column 1");
  EXPECT_EQ(evalError("1 if 2"),
            "cannot evaluate '1 if 2': expected 'else' at end of input");
  EXPECT_EQ(evalError("max(1"),
            "cannot evaluate 'max(1': expected ',' or ')' at end of input");
  EXPECT_EQ(evalError("2 ^ 3"),
            "cannot evaluate '2 ^ 3': '^' is bitwise xor in Python and is "
            "not supported (use '**' for powers) at column 3");
  EXPECT_EQ(evalError("'45nm'"),
            "cannot evaluate ''45nm'': unexpected character ''' at column 1");
}

TEST(ExpressionTest, FunctionErrors) {
  EXPECT_EQ(evalError("foo(1)"),
            "cannot evaluate 'foo(1)': unknown function 'foo' at column 1");
  EXPECT_EQ(evalError("1 + log2(1, 2)"),
            "cannot evaluate '1 + log2(1, 2)': 'log2' expects 1 argument, "
            "got 2, at column 5");
  EXPECT_EQ(evalError("max(1)"),
            "cannot evaluate 'max(1)': 'max' expects at least 2 arguments, "
            "got 1, at column 1");
  EXPECT_EQ(evalError("log()"),
            "cannot evaluate 'log()': 'log' expects 1 or 2 arguments, got "
            "0, at column 1");
}

TEST(ExpressionTest, EvaluationErrors) {
  EXPECT_EQ(evalError("1 / 0"),
            "cannot evaluate '1 / 0': division by zero at column 3");
  EXPECT_EQ(evalError("1 // (2 - 2)"),
            "cannot evaluate '1 // (2 - 2)': division by zero at column 3");
  EXPECT_EQ(evalError("5 % 0"),
            "cannot evaluate '5 % 0': modulo by zero at column 3");
  EXPECT_EQ(evalError("log2(0)"),
            "cannot evaluate 'log2(0)': math domain error in 'log2' at "
            "column 1");
  EXPECT_EQ(evalError("sqrt(-1)"),
            "cannot evaluate 'sqrt(-1)': math domain error in 'sqrt' at "
            "column 1");
  EXPECT_NE(evalError("(-8) ** 0.5").find("not a real number"),
            std::string::npos);
  EXPECT_NE(evalError("0 ** -1").find("division by zero"), std::string::npos);
  EXPECT_NE(evalError("10.0 ** 400").find("numeric overflow"),
            std::string::npos);
}

TEST(ExpressionTest, DeepNestingIsAnErrorNotACrash) {
  std::string text = std::string(5000, '(') + "1" + std::string(5000, ')');
  EXPECT_NE(evalError(text).find("nested too deeply"), std::string::npos);
  std::string negations = std::string(5000, '-') + "1";
  EXPECT_NE(evalError(negations).find("nested too deeply"), std::string::npos);
}

TEST(ExpressionTest, IsInteger) {
  EXPECT_TRUE(isInteger(3));
  EXPECT_TRUE(isInteger(-0.0));
  EXPECT_TRUE(isInteger(1e15));
  EXPECT_FALSE(isInteger(2.5));
  EXPECT_FALSE(isInteger(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(isInteger(std::nan("")));
}

} // namespace

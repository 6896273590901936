//===- DnnCanonicalize.cpp - fold what inference does not execute ---------===//
//
// Folds batch normalization into the preceding convolution, collapses
// reshape chains and erases dead ops, so that what is mapped is what an
// inference accelerator runs.
//
//===----------------------------------------------------------------------===//

#include "dnn/DnnOps.h"
#include "dnnopt/Transforms/Passes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dnnopt {
#define GEN_PASS_DEF_DNNCANONICALIZE
#include "dnnopt/Transforms/Passes.h.inc"
} // namespace dnnopt

using namespace mlir;

namespace {

/// batch_norm(conv(x, w, b?)) -> conv(x, w, bias) where the convolution has
/// no other use and the normalization's parameters are weights: the scale
/// folds into the weights, the shift into the bias.
template <typename ConvT>
struct FoldBatchNorm : OpRewritePattern<dnn::BatchNormOp> {
  FoldBatchNorm(MLIRContext *ctx, bool report)
      : OpRewritePattern<dnn::BatchNormOp>(ctx), report(report) {}

  LogicalResult matchAndRewrite(dnn::BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    auto conv = bn.getInput().template getDefiningOp<ConvT>();
    if (!conv || !conv->hasOneUse())
      return rewriter.notifyMatchFailure(bn, "input is not a single-use conv");
    for (Value p :
         {bn.getScale(), bn.getBias(), bn.getMean(), bn.getVariance()})
      if (!dnn::isWeight(p))
        return rewriter.notifyMatchFailure(bn, "parameters are computed");
    if (report)
      bn.emitRemark() << "batch normalization folded into the convolution";
    // The folded bias: the convolution's own when it has one (its shape is
    // the channels), else the normalization's shift.
    Value bias = conv.getBias() ? conv.getBias() : bn.getBias();
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getBiasMutable().assign(bias);
      conv->setLoc(rewriter.getFusedLoc({conv.getLoc(), bn.getLoc()}));
    });
    rewriter.replaceOp(bn, conv.getOutput());
    return success();
  }
  bool report;
};

/// reshape(reshape(x)) -> reshape(x).
struct CollapseReshapes : OpRewritePattern<dnn::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(dnn::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<dnn::ReshapeOp>();
    if (!inner)
      return failure();
    rewriter.replaceOpWithNewOp<dnn::ReshapeOp>(op, op.getType(),
                                                inner.getInput());
    return success();
  }
};

struct DnnCanonicalize : dnnopt::impl::DnnCanonicalizeBase<DnnCanonicalize> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns
        .add<FoldBatchNorm<dnn::ConvOp>, FoldBatchNorm<dnn::ConvTransposeOp>>(
            &getContext(), report);
    patterns.add<CollapseReshapes>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

//===- DnnInterfaces.td - the workload interface -----------*- tablegen -*-===//
//
// One op interface gives the work of every op that computes: its iteration
// space and the affine projection of each operand onto it (Timeloop's
// problem shape). MACs, operand sizes and reuse derive from it.
//
//===----------------------------------------------------------------------===//

#ifndef DNN_INTERFACES_TD
#define DNN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Dnn_WorkloadOpInterface : OpInterface<"WorkloadOpInterface"> {
  let cppNamespace = "::dnn";
  let description = [{
    An op that computes states its workload: named loop dimensions with their
    bounds (the iteration space; each point is one unit of work) and, for each
    data space (operand or result), the affine map from the iteration space to
    the tensor's indices, with its role (weight, input activation, output).
    A multiply-accumulate workload (`WorkKind::Mac`) counts one MAC per point;
    a vector workload counts `opsPerPoint` element operations per point; an op
    that is not an affine loop nest says how it is counted in `note`.
  }];
  let methods = [
    InterfaceMethod<[{Returns the workload of this op.}],
      "::dnn::Workload", "getWorkload">,
  ];
}

#endif // DNN_INTERFACES_TD

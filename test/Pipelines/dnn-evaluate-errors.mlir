// RUN: not dnn-opt %s --dnn-evaluate="arch=no-such-arch" 2>&1 | FileCheck %s --check-prefix=ARCH
// ARCH: error: cannot load the architecture 'no-such-arch'
// RUN: not dnn-opt %s --dnn-evaluate="arch=simple-ws objective=speed" 2>&1 | FileCheck %s --check-prefix=OBJ
// OBJ: error: objective 'speed' is not one of the choices
// RUN: not dnn-opt %s --split-input-file --dnn-evaluate="arch=simple-ws" 2>&1 | FileCheck %s --check-prefix=MAP

// A mapping the user gave is kept; one that does not fit is an error naming
// the level and the factor.
func.func @given(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  // MAP: error: the given mapping does not fit: level GlobalBuffer: spatial X factors N32 = 32 exceed the fan-out's meshX 16
  // The buffer's spatial fan-out is 16 x 16: 32 on X is too many.
  %y = dnn.matmul %a, %b {accel.mapping = {arch = "simple_ws", levels = [
      {level = "DRAM", temporal = {M = 4, N = 5, K = 6}},
      {level = "GlobalBuffer", spatial_x = {N = 32}},
      {level = "WeightRF"}]}} : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

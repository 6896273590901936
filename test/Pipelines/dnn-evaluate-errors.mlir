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
  // Dims of the matmul's workload: M, N, K (0, 1, 2).
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "simple_ws", levels = [
      #accel.level<level = "DRAM", temporal = [4, 5, 6], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 32, 1], spatial_order = [1, 0, 2], split = 1, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "WeightRF", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Weights"]>]>} : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

// -----

func.func @not_a_mapping(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  // MAP: error: accel.mapping must be an #accel.mapping attribute
  %y = dnn.matmul %a, %b {accel.mapping = {levels = []}} : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

// -----

// A mapping the user gave for another arch is an error.
// MAP: error: the given mapping is for arch 'simple_os', not 'simple_ws'
func.func @other_arch(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "simple_os", levels = [
      #accel.level<level = "DRAM", temporal = [4, 5, 6], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "WeightRF", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Weights"]>]>} : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

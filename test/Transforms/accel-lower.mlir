// RUN: dnn-opt %s --accel-lower | FileCheck %s
// Running the pass again rebuilds the same nests, one per op.
// RUN: dnn-opt %s --accel-lower --accel-lower | FileCheck %s
// RUN: dnn-opt %s --accel-lower -o %t.mlir
// RUN: dnn-opt %t.mlir --accel-lower | diff - %t.mlir
// The nests print and parse back, and read back as the ops' mappings.
// RUN: dnn-opt %t.mlir --verify-roundtrip --accel-lower=check-round-trip 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// REMARK: remark: loop nest 'conv1' reads back as its mapping
// REMARK: remark: loop nest 'matmul_0' reads back as its mapping
// REMARK: remark: loop nest 'matmul_1' reads back as its mapping
// The other tools see the dnn ops only.
// RUN: dnn-opt %s --accel-lower --dnn-canonicalize | FileCheck %s --check-prefix=CANON
// RUN: dnn-translate --export-table %t.mlir | FileCheck %s --check-prefix=TABLE
// CANON-COUNT-3: accel.loop_nest
// CANON-NOT:     accel.loop_nest
// Conv 8*4*4*4*3*3 = 4608 MACs, three matmuls 4*6*8 = 192 each.
// TABLE: total: 4 ops (0 not modeled), 5.18K MACs

// A 3x3 convolution, 1x4x6x6 -> 1x8x4x4: dims N=1, M=8, C=4, P=4, Q=4, R=3,
// S=3 (the workload's order); three levels that keep everything.
//   DRAM:         M 2
//   GlobalBuffer: C 2 (outer), P 4 (order lists P innermost)
//   RF:           Q 4, M 4, C 2, R 3, S 3 (outermost first)
// Tile extents (a level's factors times everything below):
//   RF:           M4 C2 P1 Q4 R3 S3
//     Weights M*C*R*S = 4*2*3*3 = 72
//     Inputs  C*(P+R-1)*(Q+S-1) = 2*3*6 = 36
//     Outputs M*P*Q = 4*1*4 = 16
//   GlobalBuffer: M4 C4 P4 Q4 R3 S3
//     Weights 4*4*3*3 = 144; Inputs 4*6*6 = 144; Outputs 4*4*4 = 64
// The op is named by its ONNX node name (its location).

// CHECK-LABEL: func.func @conv
// CHECK:      dnn.conv {{.*}}accel.nest = "conv1"
// CHECK-NEXT: accel.loop_nest "conv1" arch "tiny" dims ["N" = 1, "M" = 8, "C" = 4, "P" = 4, "Q" = 4, "R" = 3, "S" = 3] spaces ["Weights", "Inputs", "Outputs"] {
// CHECK-NEXT:   accel.level "DRAM" keeps ["Weights", "Inputs", "Outputs"] {
// CHECK-NEXT:     accel.for "M" temporal factor 2 {
// CHECK-NEXT:       accel.level "GlobalBuffer" keeps ["Weights", "Inputs", "Outputs"] {
// CHECK-NEXT:         accel.tile "Weights" from "DRAM" to "GlobalBuffer" words 144
// CHECK-NEXT:         accel.tile "Inputs" from "DRAM" to "GlobalBuffer" words 144
// CHECK-NEXT:         accel.tile "Outputs" from "DRAM" to "GlobalBuffer" words 64 read_write
// CHECK-NEXT:         accel.for "C" temporal factor 2 {
// CHECK-NEXT:           accel.for "P" temporal factor 4 {
// CHECK-NEXT:             accel.level "RF" keeps ["Weights", "Inputs", "Outputs"] {
// CHECK-NEXT:               accel.tile "Weights" from "GlobalBuffer" to "RF" words 72
// CHECK-NEXT:               accel.tile "Inputs" from "GlobalBuffer" to "RF" words 36
// CHECK-NEXT:               accel.tile "Outputs" from "GlobalBuffer" to "RF" words 16 read_write
// CHECK-NEXT:               accel.for "Q" temporal factor 4 {
// CHECK-NEXT:                 accel.for "M" temporal factor 4 {
// CHECK-NEXT:                   accel.for "C" temporal factor 2 {
// CHECK-NEXT:                     accel.for "R" temporal factor 3 {
// CHECK-NEXT:                       accel.for "S" temporal factor 3 {
// CHECK-NEXT:                         accel.mac "Weights" at "RF", "Inputs" at "RF", "Outputs" at "RF"
// CHECK-NEXT:                       }
// CHECK-NEXT:                     }
// CHECK-NEXT:                   }
// CHECK-NEXT:                 }
// CHECK-NEXT:               }
// CHECK-NEXT:             }
// CHECK-NEXT:           }
// CHECK-NEXT:         }
// CHECK-NEXT:       }
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @conv(%x: tensor<1x4x6x6xi8>) -> tensor<1x8x4x4xi8> {
  %w = dnn.weight "w" : tensor<8x4x3x3xi8>
  %y = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64,
    accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [1, 2, 1, 1, 1, 1, 1], order = [0, 1, 2, 3, 4, 5, 6], spatial = [1, 1, 1, 1, 1, 1, 1], spatial_order = [0, 1, 2, 3, 4, 5, 6], split = 7, keep = ["Weights", "Inputs", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [1, 1, 2, 4, 1, 1, 1], order = [3, 2, 0, 1, 4, 5, 6], spatial = [1, 1, 1, 1, 1, 1, 1], spatial_order = [0, 1, 2, 3, 4, 5, 6], split = 7, keep = ["Weights", "Inputs", "Outputs"]>,
      #accel.level<level = "RF", temporal = [1, 4, 2, 1, 4, 3, 3], order = [6, 5, 2, 1, 4, 3, 0], spatial = [1, 1, 1, 1, 1, 1, 1], spatial_order = [0, 1, 2, 3, 4, 5, 6], split = 7, keep = ["Weights", "Inputs", "Outputs"]>]>}
    : (tensor<1x4x6x6xi8>, tensor<8x4x3x3xi8>) -> tensor<1x8x4x4xi8> loc("conv1")
  return %y : tensor<1x8x4x4xi8>
}

// Bypass: a 4x8 by 8x6 matmul, dims M=4, N=6, K=8; A is the activation
// (Inputs, M x K), B the weight (Weights, K x N). The GlobalBuffer keeps only
// Inputs, the RF Weights and Outputs: their tiles come straight from DRAM,
// and the MAC reads Inputs at the GlobalBuffer.
//   RF extents M1 N3 K8: Weights K*N = 8*3 = 24, Outputs M*N = 1*3 = 3
//   GlobalBuffer extents M4 N3 K8: Inputs M*K = 4*8 = 32
// An op without a name is named by its kind and a number.

// CHECK-LABEL: func.func @bypass
// CHECK:      dnn.matmul {{.*}}accel.nest = "matmul_0"
// CHECK-NEXT: accel.loop_nest "matmul_0" arch "tiny" dims ["M" = 4, "N" = 6, "K" = 8] spaces ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:   accel.level "DRAM" keeps ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:     accel.for "N" temporal factor 2 {
// CHECK-NEXT:       accel.level "GlobalBuffer" keeps ["Inputs"] {
// CHECK-NEXT:         accel.tile "Inputs" from "DRAM" to "GlobalBuffer" words 32
// CHECK-NEXT:         accel.for "M" temporal factor 4 {
// CHECK-NEXT:           accel.level "RF" keeps ["Weights", "Outputs"] {
// CHECK-NEXT:             accel.tile "Weights" from "DRAM" to "RF" words 24
// CHECK-NEXT:             accel.tile "Outputs" from "DRAM" to "RF" words 3 read_write
// CHECK-NEXT:             accel.for "N" temporal factor 3 {
// CHECK-NEXT:               accel.for "K" temporal factor 8 {
// CHECK-NEXT:                 accel.mac "Inputs" at "GlobalBuffer", "Weights" at "RF", "Outputs" at "RF"
func.func @bypass(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [1, 2, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [4, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs"]>,
      #accel.level<level = "RF", temporal = [1, 3, 8], order = [2, 1, 0], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Weights", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// Spatial loops, same matmul. The GlobalBuffer spreads M 4 over X and N 3
// over Y (spatial_order [M, K, N], split 2: M and K are X, N is Y; K has
// factor 1), inside its temporal N 2; the RF spreads K 2 over the X of the
// fan-out into the MACs (split 1: K is X), inside its temporal K 2. Y loops
// are written outside X loops, as Timeloop prints them.
//   RF extents M1 N1 K4: Inputs 1*4 = 4, Weights 4*1 = 4, Outputs 1
//   GlobalBuffer extents M4 N6 K4: Inputs 4*4 = 16, Weights 4*6 = 24,
//   Outputs 4*6 = 24
// The tiles into the RF sit inside the spatial loops: one per PE.

// CHECK-LABEL: func.func @spatial
// CHECK:      accel.loop_nest "matmul_1" arch "tiny" dims ["M" = 4, "N" = 6, "K" = 8] spaces ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:   accel.level "DRAM" keeps ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:     accel.for "K" temporal factor 2 {
// CHECK-NEXT:       accel.level "GlobalBuffer" keeps ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:         accel.tile "Inputs" from "DRAM" to "GlobalBuffer" words 16
// CHECK-NEXT:         accel.tile "Weights" from "DRAM" to "GlobalBuffer" words 24
// CHECK-NEXT:         accel.tile "Outputs" from "DRAM" to "GlobalBuffer" words 24 read_write
// CHECK-NEXT:         accel.for "N" temporal factor 2 {
// CHECK-NEXT:           accel.for "N" spatial_y factor 3 {
// CHECK-NEXT:             accel.for "M" spatial_x factor 4 {
// CHECK-NEXT:               accel.level "RF" keeps ["Inputs", "Weights", "Outputs"] {
// CHECK-NEXT:                 accel.tile "Inputs" from "GlobalBuffer" to "RF" words 4
// CHECK-NEXT:                 accel.tile "Weights" from "GlobalBuffer" to "RF" words 4
// CHECK-NEXT:                 accel.tile "Outputs" from "GlobalBuffer" to "RF" words 1 read_write
// CHECK-NEXT:                 accel.for "K" temporal factor 2 {
// CHECK-NEXT:                   accel.for "K" spatial_x factor 2 {
// CHECK-NEXT:                     accel.mac "Inputs" at "RF", "Weights" at "RF", "Outputs" at "RF"
func.func @spatial(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [1, 1, 2], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 3, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [1, 2, 1], order = [0, 1, 2], spatial = [4, 3, 1], spatial_order = [0, 2, 1], split = 2, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "RF", temporal = [1, 1, 2], order = [0, 1, 2], spatial = [1, 1, 2], spatial_order = [2, 0, 1], split = 1, keep = ["Inputs", "Weights", "Outputs"]>]>}
    : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  return %y : tensor<4x6xi8>
}

// An op without a mapping gets no nest; a nest whose op is gone or no
// longer carries a mapping is removed, with the op's name.
// CHECK-LABEL: func.func @unmapped
// CHECK-NEXT:  dnn.weight
// CHECK-NEXT:  dnn.matmul
// CHECK-NOT:   accel.nest
// CHECK-NEXT:  return
func.func @unmapped(%a: tensor<4x8xi8>) -> tensor<4x6xi8> {
  %b = dnn.weight "b" : tensor<8x6xi8>
  %y = dnn.matmul %a, %b {accel.nest = "gone"} : (tensor<4x8xi8>, tensor<8x6xi8>) -> tensor<4x6xi8>
  accel.loop_nest "gone" arch "tiny" dims ["M" = 4] spaces ["Outputs"] {
    accel.level "DRAM" keeps ["Outputs"] {
      accel.for "M" temporal factor 4 {
        accel.mac "Outputs" at "DRAM"
      }
    }
  }
  return %y : tensor<4x6xi8>
}

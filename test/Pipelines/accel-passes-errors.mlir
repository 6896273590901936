// The passes after accel-map need the arch accel-map puts in the module.
// RUN: not dnn-opt %s --accel-count-actions 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: not dnn-opt %s --accel-estimate-energy 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: not dnn-opt %s --accel-estimate-latency 2>&1 | FileCheck %s --check-prefix=NOARCH
// NOARCH: error: the module has no accel.arch: run accel-map (or the dnn-evaluate pipeline) first
// accel-map alone: the arch goes into the module, each MAC op gets a
// mapping and nothing else yet.
// RUN: dnn-opt %s --accel-map="arch=simple-ws budget=100" | FileCheck %s --check-prefix=MAP
// MAP: module attributes {accel.arch = {{{.*}}name = "simple_ws"
// MAP-NEXT: accel.arch @simple_ws
// MAP: dnn.matmul
// MAP-NOT: accel.actions
// MAP-SAME: accel.mapper = {{{.*}}mapping = "searched"
// MAP-SAME: accel.mapping = #accel.mapping<arch = "simple_ws"
// A second accel-map on another arch: the mapping the first one searched
// is searched again on the new arch, which the later passes then use.
// RUN: dnn-opt %s --accel-map="arch=simple-ws budget=100" --accel-map="arch=simple-os budget=100" --accel-count-actions | FileCheck %s --check-prefix=TWO
// TWO: module attributes {accel.arch = {{{.*}}name = "simple_os"
// TWO: accel.mapping = #accel.mapping<arch = "simple_os"

func.func @mm(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  %y = dnn.matmul %a, %b : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}


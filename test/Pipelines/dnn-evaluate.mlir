// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws objective=edp budget=2000" | FileCheck %s
// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws objective=edp budget=2000" -o %t.mlir
// RUN: dnn-translate --export-json %t.mlir | FileCheck %s --check-prefix=JSON
// RUN: dnn-translate --export-json %t.mlir | FileCheck %s --check-prefix=ROW
// RUN: dnn-opt %s '--dnn-evaluate=arch=simple-ws budget=200 accuracy="70.1% top-1"' | dnn-translate --export-json - | FileCheck %s --check-prefix=CARD
// CARD: "accuracy": "70.1% top-1",
// simple-ws on chip: a 65536-word 8-bit buffer and 256 64-word 8-bit
// register files: 65536 + 16384 = 81920 bytes (hand-computed).
// CARD: "on_chip_storage_bytes": 81920,
// Same seed and budget, same result (the search does not depend on threads).
// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws objective=edp budget=2000" --mlir-disable-threading -o %t2.mlir
// RUN: diff %t.mlir %t2.mlir

// CHECK: module attributes {accel.arch = {{{.*}}clock_mhz = 1.000000e+03 : f64, dataflow = "any", mac_units = 256 : i64, name = "simple_ws", objective = "edp"
// CHECK-LABEL: func.func @layers
func.func @layers(%x: tensor<1x8x16x16xi8>) -> tensor<1x10xi8> {
  %w = dnn.weight "w" : tensor<16x8x3x3xi8>
  %s = dnn.weight "s" : tensor<16xi8>
  // The batch normalization folds into the convolution.
  // CHECK: dnn.conv {{.*}}accel.actions = {bound = "{{compute|.* bandwidth}}"{{.*}}macs = 294912 : i64
  // CHECK-SAME: accel.energy = {by_component_pJ = {DRAM =
  // Eyexam: 294912 MACs in the workload and the dataflow, 256 PEs, and the
  // 16 x 16 array can be filled (M = 16 on one axis, P = 16 on the other).
  // CHECK-SAME: accel.eyexam = {macs_per_cycle = array<f64: 2.949120e+05, 2.949120e+05, 2.560000e+02, 2.560000e+02,
  // CHECK-SAME: accel.mapper = {cut_short = false, dataflow_parallelism = 294912 : i64, evaluated = {{[0-9]+}} : i64, mapping = "searched"
  // CHECK-SAME: accel.mapping = #accel.mapping<arch = "simple_ws", levels = [#accel.level<level = "DRAM",
  // CHECK-NOT: dnn.batch_norm
  %c = dnn.conv %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 1 : i64} : (tensor<1x8x16x16xi8>, tensor<16x8x3x3xi8>) -> tensor<1x16x16x16xi8>
  %n = dnn.batch_norm %c, %s, %s, %s, %s {epsilon = 1.0e-5 : f64} : (tensor<1x16x16x16xi8>, tensor<16xi8>, tensor<16xi8>, tensor<16xi8>, tensor<16xi8>) -> tensor<1x16x16x16xi8>
  // A vector op runs on the MAC array: 4096 ops on 256 units, 16 cycles.
  // CHECK: dnn.unary relu {{.*}}accel.actions = {bound = "compute", cycles = 16 : i64, dram_accesses = 8192 : i64, model = "vector op
  %r = dnn.unary relu %n : tensor<1x16x16x16xi8> -> tensor<1x16x16x16xi8>
  %p = dnn.pool average %r {kernel = array<i64: 16, 16>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, global} : tensor<1x16x16x16xi8> -> tensor<1x16x1x1xi8>
  %f = dnn.reshape %p : tensor<1x16x1x1xi8> -> tensor<1x16xi8>
  %fw = dnn.weight "fc" : tensor<10x16xi8>
  // CHECK: dnn.matmul {{.*}}macs = 160 : i64
  // M = 1, N = 10, K = 16: 16 on X, 10 on Y; every step is 160.
  // CHECK-SAME: accel.eyexam = {macs_per_cycle = array<f64: 1.600000e+02, 1.600000e+02, 1.600000e+02, 1.600000e+02,
  %y = dnn.matmul %f, %fw {trans_b = true} : (tensor<1x16xi8>, tensor<10x16xi8>) -> tensor<1x10xi8>
  return %y : tensor<1x10xi8>
}

// Conv: 16*16*16 outputs x 8*3*3 = 294912 MACs; FC: 160 (hand-computed).
// Each level reports how much of its size the tiles use.
// Each op row has its latency, throughput and power (from accel.latency),
// and the bandwidth losses beyond Timeloop's cycles (0: simple-ws gives
// no network bandwidth and its register files fill at any rate).
// ROW: "fill_stall_cycles": 0,
// ROW: "latency_s":
// ROW: "network_cycles": 0,
// ROW: "power_W":
// ROW: "throughput_per_s":
// JSON: "capacity_utilization":
// JSON: "totals": {
// JSON: "cycles":
// JSON: "dram_accesses":
// JSON: "energy_by_component_pJ": {
// JSON: "energy_pJ":
// JSON: "eyexam_macs_per_cycle": [
// JSON: "latency_s":
// JSON: "macs": 295072,
// JSON: "power_W":
// JSON: "throughput_per_s":
// JSON: "utilization":

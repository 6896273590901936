// RUN: dnn-opt %s --accel-map="arch=simple-ws imperfect=true" --accel-count-actions | FileCheck %s
// RUN: not dnn-opt %s --accel-map="arch=simple-ws" 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: dnn-opt %s --dnn-evaluate="arch=simple-ws imperfect=true" | FileCheck %s --check-prefix=PIPELINE
// RUN: dnn-opt %S/Inputs/imperfect-search.mlir --dnn-evaluate="arch=simple-ws imperfect=true budget=20000" | FileCheck %s --check-prefix=SEARCH

// A given mapping with imperfect factors (docs/action-counts.md): the
// matmul's N = 5 (dims M, N, K = 0, 1, 2) as 2 DRAM iterations (outermost)
// x 3 PEs on X; the DRAM loops K (innermost), M, N. PE i computes n = i and
// n = 3 + i, so PE 2 idles in the second N iteration.
// Hand counts:
// * MACs 4 x 5 x 6 = 120; PEs 0 and 1 take 2 x 4 x 6 = 48 steps, PE 2 24:
//   compute cycles 48, 3 MACs used.
// * Weights[k][n]: K is innermost, so every step brings each PE a new
//   weight: WeightRF fills 48 in the busiest PE, 120 in all. The global
//   buffer's tile (1 x 3 weights, 1 x 2 in the second N iteration) is
//   refetched every step: 24 x 3 + 24 x 2 = 120 fills; it serves 120 (no
//   PEs share a weight), and DRAM reads 120.
// * Inputs[m][k] do not depend on N: the PEs share one access per step
//   while any works (48 steps); the WeightRFs bypass them. Global buffer
//   fills 48 and reads 48, DRAM reads 48.
// * Outputs[m][n]: the buffer's tile (1 x 3, then 1 x 2) changes with M:
//   4 x 3 + 4 x 2 = 20 words arrive, each element once (partition 20), so
//   no fills; the MACs send 120 updates, 120 - 20 = 100 of them read the
//   partial sum first. DRAM takes 20 updates and reads none.
// * DRAM accesses 120 + 48 + 20 = 188.
func.func @given(%a: tensor<4x6xi8>) -> tensor<4x5xi8> {
  %b = dnn.weight "b" : tensor<6x5xi8>
  // OFF: error: the given mapping does not fit: the factors of N multiply to 6 (DRAM:2 x GlobalBuffer:3), not its bound 5 (imperfect=true accepts factors whose product exceeds the bound)
  // CHECK: accel.actions = {bound = "compute", compute_cycles = 48 : i64, cycles = 48 : i64, dram_accesses = 188 : i64,
  // CHECK-SAME: Inputs = {fills = 0 : i64, {{[^}]*}} reads = 48 : i64,
  // CHECK-SAME: Outputs = {fills = 0 : i64, {{[^}]*}} reads = 0 : i64, {{[^}]*}} updates = 20 : i64}
  // CHECK-SAME: Weights = {fills = 0 : i64, {{[^}]*}} reads = 120 : i64,
  // CHECK-SAME: level = "DRAM"
  // CHECK-SAME: Inputs = {fills = 48 : i64, {{[^}]*}} reads = 48 : i64,
  // CHECK-SAME: Outputs = {fills = 0 : i64, {{[^}]*}} reads = 100 : i64, {{[^}]*}} total_updates = 120 : i64, updates = 120 : i64}
  // CHECK-SAME: Weights = {fills = 120 : i64, {{[^}]*}} reads = 120 : i64,
  // CHECK-SAME: level = "GlobalBuffer"
  // The busiest WeightRF and the three together.
  // CHECK-SAME: Weights = {fills = 48 : i64, instances = 3 : i64, {{[^}]*}} reads = 48 : i64, {{[^}]*}} total_fills = 120 : i64, {{[^}]*}} total_reads = 120 : i64,
  // CHECK-SAME: level = "WeightRF"}], macs = 120 : i64
  // CHECK-SAME: accel.mapper = {dataflow_parallelism = 120 : i64, imperfect = true, mapping = "given"}
  // The whole pipeline accepts it (no loop nest: that form has no
  // residuals) and costs it.
  // PIPELINE-NOT: accel.loop_nest
  // PIPELINE: accel.energy = {
  // PIPELINE-SAME: accel.mapper = {{{.*}}imperfect = true
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "simple_ws", levels = [
      #accel.level<level = "DRAM", temporal = [4, 2, 6], order = [2, 0, 1], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "GlobalBuffer", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 3, 1], spatial_order = [1, 0, 2], split = 1, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "WeightRF", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Weights"]>]>} : (tensor<4x6xi8>, tensor<6x5xi8>) -> tensor<4x5xi8>
  return %y : tensor<4x5xi8>
}

// The mapper with imperfect=true on prime dims finds an imperfect mapping
// (20000 candidates: EDP 2.4e9 pJ x cycles, 1708 cycles; without the option
// 1.4e12 and 313601 cycles, as only 1 x 1 x 1 tiles fit the array).
// SEARCH: accel.mapper = {{{.*}}imperfect = true, mapping = "searched"

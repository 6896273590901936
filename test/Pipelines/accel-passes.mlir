// Each evaluation pass alone, on an arch and a mapping written here, with
// the figures computed by hand.
// RUN: dnn-opt %s --accel-count-actions | FileCheck %s --check-prefix=COUNT
// RUN: dnn-opt %s --accel-estimate-energy | FileCheck %s --check-prefix=ENERGY
// RUN: dnn-opt %s --accel-count-actions --accel-estimate-energy --accel-estimate-latency | FileCheck %s --check-prefix=LATENCY

// Two PEs, each with a single-buffered 16-word register file that fills at
// one word per cycle, fed by a network that carries one word per cycle.
accel.arch @tiny attributes {clock_mhz = 100.0 : f64} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64, actions = [
      #accel.action<"read", 10.0 pJ, source "test">,
      #accel.action<"fill", 10.0 pJ, source "test">,
      #accel.action<"update", 10.0 pJ, source "test">]}
  accel.fanout @PE 2 x 1 {bandwidth = 1.0 : f64}
  accel.storage @RF class "regfile" {size_words = 16 : i64, word_bits = 8 : i64, instances = 2 : i64, mesh_x = 2 : i64, write_bandwidth = 1.0 : f64, actions = [
      #accel.action<"read", 1.0 pJ, source "test">,
      #accel.action<"fill", 1.0 pJ, source "test">,
      #accel.action<"update", 1.0 pJ, source "test">]}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 2 : i64, mesh_x = 2 : i64, actions = [
      #accel.action<"compute", 0.5 pJ, source "test">]}
}

// Y[M=2, N=2] = A[M, K=2] x B[K, N]: 8 MACs. DRAM loops M (outer) and N
// (inner); K is spatial over the two PEs (X). Each PE holds one word of
// each operand: B[k, n] changes every iteration, A[m, k] every other.
func.func @mm(%a: tensor<2x2xi8>) -> tensor<2x2xi8> {
  %b = dnn.weight "b" : tensor<2x2xi8>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "tiny", levels = [
      #accel.level<level = "DRAM", temporal = [2, 2, 1], order = [1, 0, 2], spatial = [1, 1, 2], spatial_order = [2, 0, 1], split = 1, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "RF", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>]>} : (tensor<2x2xi8>, tensor<2x2xi8>) -> tensor<2x2xi8>
  return %y : tensor<2x2xi8>
}

// Per RF instance (Timeloop's per-instance counts): 4 iterations of the
// DRAM loops. B[k, n] changes every iteration: 4 fills, 4 reads; A[m, k]
// changes with m only: 2 fills, 4 reads; each Y[m, n] is updated once per
// PE: 4 updates. DRAM sends 8 weights and 4 inputs (each PE needs its own
// k, so no multicast) and receives the 4 outputs after the spatial
// reduction: 16 accesses. MAC cycles: 8 MACs / 2 PEs = 4. The RF writes
// 6 fills + 4 updates in 4 cycles at 1 word per cycle: throttled to 0.4,
// so Timeloop's cycles are ceil(4 / 0.4) = 10, bound by the RF.
// COUNT: dnn.matmul
// COUNT-SAME: accel.actions = {bound = "RF bandwidth", compute_cycles = 4 : i64, cycles = 10 : i64, dram_accesses = 16 : i64,
// Over the PE fan-out, DRAM sends 8 weights and 4 inputs to 2 groups of
// one PE each (no multicast) and receives 4 outputs: 8 partial sums from
// the PEs, 4 additions on the way.
// COUNT-SAME: {Inputs = {fills = 0 : i64, instances = 1 : i64, multicast_groups = 2 : i64, network_deliveries = 4 : i64, network_words = 4 : i64, reads = 4 : i64, spatial_reductions = 0 : i64, temporal_reductions = 0 : i64, updates = 0 : i64}, Outputs = {fills = 0 : i64, instances = 1 : i64, multicast_groups = 1 : i64, network_deliveries = 8 : i64, network_words = 4 : i64, reads = 0 : i64, spatial_reductions = 4 : i64, temporal_reductions = 0 : i64, updates = 4 : i64}, Weights = {fills = 0 : i64, instances = 1 : i64, multicast_groups = 2 : i64, network_deliveries = 8 : i64, network_words = 8 : i64, reads = 8 : i64, spatial_reductions = 0 : i64, temporal_reductions = 0 : i64, updates = 0 : i64}, {{.*}}level = "DRAM"}
// Each RF feeds its one MAC 4 words of each operand and takes 4 outputs.
// COUNT-SAME: {Inputs = {fills = 2 : i64, instances = 2 : i64, multicast_groups = 1 : i64, network_deliveries = 4 : i64, network_words = 4 : i64, reads = 4 : i64, spatial_reductions = 0 : i64, temporal_reductions = 0 : i64, updates = 0 : i64}, Outputs = {fills = 0 : i64, instances = 2 : i64, multicast_groups = 1 : i64, network_deliveries = 4 : i64, network_words = 4 : i64, reads = 0 : i64, spatial_reductions = 0 : i64, temporal_reductions = 0 : i64, updates = 4 : i64}, Weights = {fills = 4 : i64, instances = 2 : i64, multicast_groups = 1 : i64, network_deliveries = 4 : i64, network_words = 4 : i64, reads = 4 : i64, spatial_reductions = 0 : i64, temporal_reductions = 0 : i64, updates = 0 : i64}, capacity_utilization = 1.875000e-01 : f64, capacity_words = 3 : i64, cycles = 10 : i64, instances = 2 : i64, level = "RF"}], macs = 8 : i64, utilization = 4.000000e-01 : f64}
// COUNT-NOT: accel.energy

// Energy: DRAM 16 accesses x 10 pJ = 160; RF per instance (8 reads + 6
// fills + 4 updates) x 1 pJ x 2 instances = 36; MAC 8 x 0.5 = 4; 200 pJ.
// By data space: weights 8 x 10 + (4 + 4) x 2 = 96; inputs 4 x 10 +
// (4 + 2) x 2 = 52; outputs 4 x 10 + 4 x 2 = 48.
// ENERGY: func.func @mm{{.*}}attributes {accel.energy_pJ = 2.000000e+02 : f64}
// ENERGY: accel.energy = {by_component_pJ = {DRAM = 1.600000e+02 : f64, MAC = 4.000000e+00 : f64, RF = 3.600000e+01 : f64}, by_dataspace_pJ = {Inputs = 5.200000e+01 : f64, Outputs = 4.800000e+01 : f64, Weights = 9.600000e+01 : f64}, total_pJ = 2.000000e+02 : f64}

// Latency at 100 MHz: 10 cycles = 1e-7 s, 1e7 inferences/s, 200 pJ / 1e-7 s
// = 2 mW. Beyond Timeloop's cycles (Eyexam step 7): the network carries
// 8 + 4 + 4 = 16 words at 1 per cycle: 16 cycles; the single-buffered RF
// fills 6 words per instance while nothing computes: 6 stall cycles, so
// max(10, 16, 4 + 6) = 16 cycles. Steps: 8 MACs; 8 (every dim may be
// spatial); 2 PEs; 2 (K = 2 fits X); 2; 8 / 10 = 0.8; 8 / 16 = 0.5.
// LATENCY: module attributes {accel.totals = {batch = 1 : i64, cycles = 10 : i64, dram_accesses = 16 : i64, energy_pJ = 2.000000e+02 : f64, eyexam_macs_per_cycle = array<f64: 8.000000e+00, 8.000000e+00, 2.000000e+00, 2.000000e+00, 2.000000e+00, 8.000000e-01, 5.000000e-01>, latency_s = 9.9999999999999995E-8 : f64, power_W = 2.000000e-03 : f64, throughput_per_s = 1.000000e+07 : f64, utilization = 4.000000e-01 : f64}}
// LATENCY: accel.eyexam = {macs_per_cycle = array<f64: 8.000000e+00, 8.000000e+00, 2.000000e+00, 2.000000e+00, 2.000000e+00, 8.000000e-01, 5.000000e-01>
// LATENCY-SAME: accel.latency = {fill_stall_cycles = 6 : i64, latency_s = 9.9999999999999995E-8 : f64, network_cycles = 16 : i64, power_W = 2.000000e-03 : f64, throughput_per_s = 1.000000e+07 : f64}

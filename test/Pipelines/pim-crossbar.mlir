// A processing-in-memory crossbar, counted and costed by hand. The crossbar
// is a level of weight cells with a rows x weights-per-row array below it
// (docs/evaluate.md, "PIM crossbars").
// RUN: dnn-opt %s --accel-count-actions --accel-estimate-energy --accel-estimate-latency | FileCheck %s

// 4-bit words; a 4 x 8 crossbar of 2-bit cells with 1-bit DACs: a weight
// spans 2 columns, so a row holds 4 weights; an input is 4 slices. The
// ADC shared by the 8 columns samples 800 MHz = 8 per 100 MHz cycle: one
// cycle per slice, so a step of the crossbar takes 4 cycles.
accel.arch @pim attributes {clock_mhz = 100.0 : f64} {
  accel.storage @DRAM class "DRAM" {word_bits = 4 : i64, actions = [
      #accel.action<"read", 1.0 pJ, source "test">,
      #accel.action<"fill", 1.0 pJ, source "test">,
      #accel.action<"update", 1.0 pJ, source "test">]}
  accel.crossbar @xb 4 x 8 {cell_bits = 2 : i64, dac_bits = 1 : i64, adc_bits = 4 : i64,
      columns_per_adc = 8 : i64, adc_mhz = 800.0 : f64, actions = [
      #accel.action<"crossbar_mac", 0.01 pJ, source "test">,
      #accel.action<"dac_convert", 0.1 pJ, source "test">,
      #accel.action<"adc_convert", 1.0 pJ, source "test">]}
}

// Y[M=2, N=4] = A[M, K=4] x B[K, N]: 32 MACs. The cells hold all 16
// weights: N on the 4 weights of a row (X), K on the 4 rows (Y); M runs in
// time: 2 steps.
func.func @mm(%a: tensor<2x4xi4>) -> tensor<2x4xi4> {
  %b = dnn.weight "b" : tensor<4x4xi4>
  %y = dnn.matmul %a, %b {accel.mapping = #accel.mapping<arch = "pim", levels = [
      #accel.level<level = "DRAM", temporal = [2, 1, 1], order = [0, 1, 2], spatial = [1, 1, 1], spatial_order = [0, 1, 2], split = 0, keep = ["Inputs", "Weights", "Outputs"]>,
      #accel.level<level = "xb.cells", temporal = [1, 1, 1], order = [0, 1, 2], spatial = [1, 4, 4], spatial_order = [1, 2, 0], split = 1, keep = ["Weights"]>]>} : (tensor<2x4xi4>, tensor<4x4xi4>) -> tensor<2x4xi4>
  return %y : tensor<2x4xi4>
}
// Counts: 2 steps x 4 cycles = 8 cycles; 16 logical MACs busy in every
// step: utilization 32 x 4 / (16 x 8) = 1. DRAM: 16 weights read once
// (they stay in the cells), 2 x 4 inputs (one per row, shared by its
// columns), 2 x 4 outputs (the 4 rows add up on the columns): 32.
// CHECK: accel.actions = {bound = "compute", compute_cycles = 8 : i64, cycles = 8 : i64, dram_accesses = 32 : i64,
// CHECK-SAME: macs = 32 : i64, utilization = 1.000000e+00 : f64}
// Energy: DRAM 32 x 1 = 32 pJ; cells 32 MACs x 2 columns x 4 slices = 256
// cell operations x 0.01 = 2.56 pJ; DAC: 2 steps x 4 rows x 4 slices = 32
// x 0.1 = 3.2 pJ; ADC: 2 steps x 4 weights x 2 columns x 4 slices = 64 x
// 1 = 64 pJ; 101.76 pJ in all.
// CHECK-SAME: accel.energy = {by_component_pJ = {DRAM = 3.200000e+01 : f64, xb = 2.560000e+00 : f64, "xb ADC" = 6.400000e+01 : f64, "xb DAC" = 3.200000e+00 : f64, xb.cells = 0.000000e+00 : f64}
// CHECK-SAME: total_pJ = 1.017600e+02 : f64}
// Eyexam: 32 MACs; 16 MACs per step / 4 cycles = peak 4 per cycle; N = 4
// fills the columns and K = 4 the rows: 4; the mapping uses them all: 4;
// 32 / 8 cycles = 4.
// CHECK-SAME: accel.eyexam = {macs_per_cycle = array<f64: 3.200000e+01, 3.200000e+01, 4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00, 4.000000e+00>


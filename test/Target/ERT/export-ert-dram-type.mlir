// RUN: not dnn-translate --export-ert %s 2>&1 | FileCheck %s
// A DRAM type the DRAM table does not know is named, with the known ones.

// CHECK: export-ert-dram-type.mlir:[[# @LINE + 2]]:3: error: 'DRAM': no energy for action 'read': energy model 'default' does not cover class 'DRAM' (or lacks a size, width or precision it needs); DRAM type 'DDR3' is not in the DRAM table (LPDDR4, DDR4, GDDR5, HBM2)
accel.arch @b attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "DDR3", word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

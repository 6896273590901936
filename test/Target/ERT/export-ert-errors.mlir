// RUN: not dnn-translate --export-ert %s 2>&1 | FileCheck %s
// An energy model that does not exist is an error that names the component
// and lists the models.

// CHECK: export-ert-errors.mlir:[[# @LINE + 3]]:3: error: 'MAC': unknown energy model 'cacti7' (known: default, horowitz-45nm, eyeriss-normalized, sram-cacti-fit, dram-per-bit, pim-crossbar)
accel.arch @a attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64} {
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64, energy_model = "default"}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, energy_model = "cacti7"}
}

// CHECK-NOT: see current operation

// RUN: dnn-opt %s --verify-roundtrip | FileCheck %s
// Every accel op and attribute parses, verifies and prints back.

// CHECK-LABEL: accel.arch @eyeriss_like
// CHECK-SAME: clock_mhz = 2.000000e+02
accel.arch @eyeriss_like attributes {clock_mhz = 200.0 : f64, technology_nm = 65.0 : f64, energy_model = "eyeriss-normalized"} {
  // CHECK: accel.storage @DRAM class "DRAM" {block_size = 4 : i64, technology = "LPDDR4", word_bits = 16 : i64}
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 16 : i64, block_size = 4 : i64}
  // Inline mapspace constraints (Timeloop v0.4) stay on the level.
  // CHECK: accel.storage @Scratch class "regfile" {constraints = {dataspace = {bypass = ["Weights"], keep = ["Inputs"]}, source = "arch.yaml:3:5", temporal = {factors = ["N=1", "C<=4"], permutation = ["R", "S", "_", "N"]}}, word_bits = 16 : i64}
  accel.storage @Scratch class "regfile" {word_bits = 16 : i64, constraints = {temporal = {factors = ["N=1", "C<=4"], permutation = ["R", "S", "_", "N"]}, dataspace = {keep = ["Inputs"], bypass = ["Weights"]}, source = "arch.yaml:3:5"}}
  // CHECK: accel.storage @GlobalBuffer class "SRAM"
  // CHECK-SAME: #accel.action<"read", 32.342452 pJ, source "ERT ert.yaml">
  accel.storage @GlobalBuffer class "SRAM" {size_words = 55296 : i64, word_bits = 16 : i64, block_size = 4 : i64,
      read_bandwidth = 16.0 : f64, write_bandwidth = 16.0 : f64, keep = #accel.dataspaces<inputs|outputs>,
      actions = [#accel.action<"read", 32.342452 pJ, source "ERT ert.yaml">]}
  // CHECK: accel.fanout @PE 14 x 12 {spatial_reduction = false}
  accel.fanout @PE 14 x 12 {multicast = true, spatial_reduction = false}
  // CHECK: accel.storage @inter_PE_spatial class "dummy_storage" {instances = 168 : i64, keep = #accel.dataspaces<none>, mesh_x = 14 : i64, word_bits = 16 : i64}
  accel.storage @inter_PE_spatial class "dummy_storage" {word_bits = 16 : i64, keep = #accel.dataspaces<none>, instances = 168 : i64, mesh_x = 14 : i64}
  // CHECK: accel.storage @ifmap_spad class "regfile" {actions = [#accel.action<"write", 0.19298 pJ, args {address_delta = 0 : i64, data_delta = 1 : i64}, source "ERT">], {{.*}}keep = #accel.dataspaces<inputs>
  accel.storage @ifmap_spad class "regfile" {size_words = 12 : i64, word_bits = 16 : i64, keep = #accel.dataspaces<inputs>, instances = 168 : i64, mesh_x = 14 : i64,
      actions = [#accel.action<"write", 0.19298 pJ, args {address_delta = 0 : i64, data_delta = 1 : i64}, source "ERT">]}
  // CHECK: accel.compute @mac class "intmac" {instances = 168 : i64, mesh_x = 14 : i64, precision_bits = 16 : i64}
  accel.compute @mac class "intmac" {precision_bits = 16 : i64, number = #accel.number<int>, instances = 168 : i64, mesh_x = 14 : i64}
}

// CHECK-LABEL: accel.arch @pim
accel.arch @pim attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.storage @Buffer class "SRAM" {size_words = 4096 : i64, word_bits = 8 : i64}
  accel.fanout @Tiles 4 x 4
  // CHECK: accel.crossbar @xbar 128 x 128 {adc_bits = 6 : i64, cell_bits = 2 : i64, columns_per_adc = 8 : i64, instances = 16 : i64, mesh_x = 4 : i64}
  accel.crossbar @xbar 128 x 128 {cell_bits = 2 : i64, dac_bits = 1 : i64, adc_bits = 6 : i64, columns_per_adc = 8 : i64, instances = 16 : i64, mesh_x = 4 : i64}
}

// CHECK-LABEL: accel.arch @float_mac
// CHECK: accel.compute @fpmac class "fpmac" {actions = [#accel.action<"compute", 4.6 pJ, source "user">], number = #accel.number<float>, precision_bits = 32 : i64}
accel.arch @float_mac attributes {clock_mhz = 1000.0 : f64} {
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 32 : i64, keep = #accel.dataspaces<weights>,
      actions = [#accel.action<"read", 1.0 pJ, source "user">, #accel.action<"write", 1.5 pJ, source "user">]}
  accel.compute @fpmac class "fpmac" {precision_bits = 32 : i64, number = #accel.number<float>,
      actions = [#accel.action<"compute", 4.6 pJ, source "user">]}
}

// A loop nest (what accel-lower writes), as in the accel.loop_nest
// documentation: B and Z bypass nothing, A stays at DRAM.
// CHECK-LABEL: accel.loop_nest "fc" arch "tiny" dims ["M" = 1, "N" = 8, "K" = 4] spaces ["A", "B", "Z"] {
// CHECK-NEXT:    accel.level "DRAM" keeps ["A", "B", "Z"] {
// CHECK-NEXT:      accel.for "N" temporal factor 2 {
// CHECK-NEXT:        accel.level "RF" keeps ["B", "Z"] {
// CHECK-NEXT:          accel.tile "B" from "DRAM" to "RF" words 16
// CHECK-NEXT:          accel.tile "Z" from "DRAM" to "RF" words 4 read_write
// CHECK-NEXT:          accel.for "K" temporal factor 4 {
// CHECK-NEXT:            accel.for "N" spatial_x factor 4 {
// CHECK-NEXT:              accel.mac "A" at "DRAM", "B" at "RF", "Z" at "RF"
accel.loop_nest "fc" arch "tiny" dims ["M" = 1, "N" = 8, "K" = 4]
    spaces ["A", "B", "Z"] {
  accel.level "DRAM" keeps ["A", "B", "Z"] {
    accel.for "N" temporal factor 2 {
      accel.level "RF" keeps ["B", "Z"] {
        accel.tile "B" from "DRAM" to "RF" words 16
        accel.tile "Z" from "DRAM" to "RF" words 4 read_write
        accel.for "K" temporal factor 4 {
          accel.for "N" spatial_x factor 4 {
            accel.mac "A" at "DRAM", "B" at "RF", "Z" at "RF"
          }
        }
      }
    }
  }
}

// A level without loops holds the next level directly; Y loops sit outside
// X loops; a loop of factor 1 is allowed (accel-lower writes none).
// CHECK-LABEL: accel.loop_nest "direct"
// CHECK:         accel.level "DRAM" keeps ["A", "Z"] {
// CHECK-NEXT:      accel.level "Buffer" keeps ["A"] {
// CHECK-NEXT:        accel.tile "A" from "DRAM" to "Buffer" words 6
// CHECK-NEXT:        accel.for "M" spatial_y factor 2 {
// CHECK-NEXT:          accel.for "K" spatial_x factor 3 {
// CHECK-NEXT:            accel.level "RF" keeps [] {
// CHECK-NEXT:              accel.for "K" temporal factor 1 {
accel.loop_nest "direct" arch "tiny" dims ["M" = 2, "K" = 3] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.level "Buffer" keeps ["A"] {
      accel.tile "A" from "DRAM" to "Buffer" words 6
      accel.for "M" spatial_y factor 2 {
        accel.for "K" spatial_x factor 3 {
          accel.level "RF" keeps [] {
            accel.for "K" temporal factor 1 {
              accel.mac "A" at "Buffer", "Z" at "DRAM"
            }
          }
        }
      }
    }
  }
}

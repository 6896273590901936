// simple-ws: a minimal weight-stationary accelerator for teaching and tests.
// DRAM, a 64 KB global buffer, 16 x 16 PEs each with a weights-only register
// file; inputs and partial sums bypass the PEs' storage and stream from the
// global buffer (the weight-stationary dataflow of Sze et al., Proc. IEEE
// 2017, Sec. V-B, and the seed's dataflow slides).
// 45 nm, 1 GHz, 8-bit MACs; energies from the `horowitz-45nm` table for the
// MACs and the `default` models for storage.
accel.arch @simple_ws attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 8 : i64, block_size = 8 : i64}
  accel.storage @GlobalBuffer class "SRAM" {size_words = 65536 : i64, word_bits = 8 : i64, block_size = 8 : i64}
  accel.fanout @PE 16 x 16 {multicast = true, spatial_reduction = true, word_bits = 8 : i64}
  accel.storage @WeightRF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64,
      keep = #accel.dataspaces<weights>, instances = 256 : i64, mesh_x = 16 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 256 : i64, mesh_x = 16 : i64}
}

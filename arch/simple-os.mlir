// simple-os: a minimal output-stationary accelerator for teaching and tests.
// DRAM, a 64 KB global buffer, 16 x 16 PEs each with an outputs-only register
// file that accumulates partial sums in place; weights and inputs stream from
// the global buffer (the output-stationary dataflow of Sze et al., Proc.
// IEEE 2017, Sec. V-B, and the seed's dataflow slides).
// 45 nm, 1 GHz, 8-bit MACs with 8-bit stored outputs; `default` models.
accel.arch @simple_os attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 8 : i64, block_size = 8 : i64}
  accel.storage @GlobalBuffer class "SRAM" {size_words = 65536 : i64, word_bits = 8 : i64, block_size = 8 : i64}
  accel.fanout @PE 16 x 16 {multicast = true, spatial_reduction = false, word_bits = 8 : i64}
  accel.storage @OutputRF class "regfile" {size_words = 16 : i64, word_bits = 8 : i64,
      keep = #accel.dataspaces<outputs>, instances = 256 : i64, mesh_x = 16 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 256 : i64, mesh_x = 16 : i64}
}

// simba-like: one chiplet of Simba, a weight-stationary multi-chip-module
// accelerator.
//
// Sources:
//  - Y. S. Shao et al., "Simba: Scaling Deep-Learning Inference with
//    Multi-Chip-Module-Based Architecture", MICRO 2019: 16 nm; per chiplet a
//    64 KB global buffer and 16 PEs (4 x 4); per PE an 8 KB input buffer, a
//    32 KB weight buffer, a 3 KB accumulation buffer (24-bit partial sums)
//    and 8 vector MAC units of 8 lanes (8-bit weights and inputs), each lane
//    with a weight register.
//  - The PE-level structure follows Timeloop's simba-like example
//    architecture (timeloop-accelergy-exercises, MIT license).
//  - Clock: the chiplet runs from 0.16 to 2 GHz in the paper; 1 GHz is our
//    choice. DRAM: LPDDR4 (our choice; the paper's package uses off-chip
//    DRAM behind the chiplets).
// Energies: the `default` models at 16 nm; see docs/accel.md.
accel.arch @simba_like attributes {clock_mhz = 1000.0 : f64, technology_nm = 16.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 8 : i64, block_size = 8 : i64}
  // 64 KB of 8-bit words, 8 words per access.
  accel.storage @GlobalBuffer class "SRAM" {size_words = 65536 : i64, word_bits = 8 : i64, block_size = 8 : i64,
      keep = #accel.dataspaces<inputs|outputs>}
  accel.fanout @PE 4 x 4 {multicast = true, spatial_reduction = true, word_bits = 8 : i64}
  accel.storage @PEInputBuffer class "SRAM" {size_words = 8192 : i64, word_bits = 8 : i64, block_size = 8 : i64,
      keep = #accel.dataspaces<inputs>, instances = 16 : i64, mesh_x = 4 : i64}
  accel.storage @PEWeightBuffer class "SRAM" {size_words = 32768 : i64, word_bits = 8 : i64, block_size = 8 : i64,
      keep = #accel.dataspaces<weights>, instances = 16 : i64, mesh_x = 4 : i64}
  // 3 KB of 24-bit partial sums = 1024 words.
  accel.storage @PEAccuBuffer class "regfile" {size_words = 1024 : i64, word_bits = 24 : i64,
      keep = #accel.dataspaces<outputs>, instances = 16 : i64, mesh_x = 4 : i64}
  // 8 vector MACs of 8 lanes per PE.
  accel.fanout @Lane 8 x 8 {multicast = true, spatial_reduction = true, word_bits = 8 : i64}
  accel.storage @PEWeightRegs class "regfile" {size_words = 1 : i64, word_bits = 8 : i64,
      keep = #accel.dataspaces<weights>, instances = 1024 : i64, mesh_x = 32 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 1024 : i64, mesh_x = 32 : i64}
}

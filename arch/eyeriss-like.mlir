// eyeriss-like: the Eyeriss v1 chip as Timeloop models it (row-stationary
// dataflow on a 12 x 14 PE array).
//
// Sources:
//  - Y.-H. Chen, T. Krishna, J. Emer, V. Sze, "Eyeriss: An Energy-Efficient
//    Reconfigurable Accelerator for Deep Convolutional Neural Networks", JSSC
//    52(1), 2017 (reference/published.yaml, eyeriss_v1_chip): 168 PEs as
//    12 x 14, a 108 KB global buffer, 65 nm, 200 MHz, 16-bit fixed point;
//    per-PE scratchpads of 12 ifmap words, 224 filter words and 24 psum words
//    (16 bits each).
//  - The global buffer keeps ifmaps and psums, weights go from DRAM to the
//    PEs' filter scratchpads, as in Timeloop's Eyeriss-like tutorial
//    architecture (timeloop-accelergy-exercises, MIT license).
//  - DRAM: LPDDR4 as in that tutorial architecture, 64-bit accesses.
// Energies: the `default` models (DRAM per bit, SRAM/RF fit to CACTI, MAC
// from Horowitz ISSCC 2014), scaled to 65 nm; see docs/accel.md.
accel.arch @eyeriss_like attributes {clock_mhz = 200.0 : f64, technology_nm = 65.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 16 : i64, block_size = 4 : i64}
  // 108 KB of 16-bit words = 55296 words, 4 words per access.
  accel.storage @shared_glb class "SRAM" {size_words = 55296 : i64, word_bits = 16 : i64, block_size = 4 : i64,
      read_bandwidth = 16.0 : f64, write_bandwidth = 16.0 : f64, keep = #accel.dataspaces<inputs|outputs>}
  // The PE array: 14 columns (X) by 12 rows (Y); the NoC multicasts ifmaps
  // and filters and accumulates psums across PEs.
  accel.fanout @PE 14 x 12 {multicast = true, spatial_reduction = true, word_bits = 16 : i64}
  accel.storage @ifmap_spad class "regfile" {size_words = 12 : i64, word_bits = 16 : i64,
      read_bandwidth = 2.0 : f64, write_bandwidth = 2.0 : f64, keep = #accel.dataspaces<inputs>,
      instances = 168 : i64, mesh_x = 14 : i64}
  accel.storage @weights_spad class "regfile" {size_words = 224 : i64, word_bits = 16 : i64,
      read_bandwidth = 2.0 : f64, write_bandwidth = 2.0 : f64, keep = #accel.dataspaces<weights>,
      instances = 168 : i64, mesh_x = 14 : i64}
  accel.storage @psum_spad class "regfile" {size_words = 24 : i64, word_bits = 16 : i64,
      read_bandwidth = 2.0 : f64, write_bandwidth = 2.0 : f64, keep = #accel.dataspaces<outputs>,
      instances = 168 : i64, mesh_x = 14 : i64}
  accel.compute @mac class "intmac" {precision_bits = 16 : i64, instances = 168 : i64, mesh_x = 14 : i64}
}

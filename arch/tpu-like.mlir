// tpu-like: a weight-stationary systolic array after the first Google TPU.
//
// Sources:
//  - N. P. Jouppi et al., "In-Datacenter Performance Analysis of a Tensor
//    Processing Unit", ISCA 2017: a 256 x 256 array of 8-bit MACs at
//    700 MHz in 28 nm; a 24 MiB Unified Buffer for activations; 4 MiB of
//    32-bit accumulators; weights staged from off-chip DRAM through a weight
//    FIFO into the array, where each MAC holds one weight (weight
//    stationary).
//  - DRAM: the TPU used DDR3; our DRAM table has no DDR3, so DDR4 stands in.
// Energies: the `default` models at 28 nm; see docs/accel.md.
accel.arch @tpu_like attributes {clock_mhz = 700.0 : f64, technology_nm = 28.0 : f64, energy_model = "default"} {
  accel.storage @WeightDRAM class "DRAM" {technology = "DDR4", word_bits = 8 : i64, block_size = 8 : i64}
  // 24 MiB of 8-bit activations, one 256-wide row per access.
  accel.storage @UnifiedBuffer class "SRAM" {size_words = 25165824 : i64, word_bits = 8 : i64, block_size = 256 : i64,
      keep = #accel.dataspaces<inputs>}
  // 4 MiB of 32-bit accumulators = 1 Mi words, one row per access.
  accel.storage @Accumulators class "SRAM" {size_words = 1048576 : i64, word_bits = 32 : i64, block_size = 256 : i64,
      keep = #accel.dataspaces<outputs>}
  // The systolic array: inputs flow along rows, partial sums down columns.
  accel.fanout @Array 256 x 256 {multicast = true, spatial_reduction = true, word_bits = 8 : i64}
  accel.storage @WeightReg class "regfile" {size_words = 1 : i64, word_bits = 8 : i64,
      keep = #accel.dataspaces<weights>, instances = 65536 : i64, mesh_x = 256 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 65536 : i64, mesh_x = 256 : i64}
}

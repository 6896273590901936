// pim-isaac-like: a processing-in-memory tile after ISAAC, with analog
// crossbars, DACs on the rows and ADCs shared by the columns.
//
// Sources:
//  - A. Shafiee et al., "ISAAC: A Convolutional Neural Network Accelerator
//    with In-Situ Analog Arithmetic in Crossbars", ISCA 2016 (the seed's
//    slide 37 cites it): 32 nm; a tile holds a 64 KB eDRAM buffer and 12
//    in-situ multiply-accumulate units (IMAs); an IMA holds a 2 KB input
//    register, a 256 B output register and 8 crossbars of 128 x 128 cells of
//    2 bits, driven by 1-bit DACs, one 8-bit ADC at 1.28 GS/s per crossbar;
//    16-bit fixed point data; 1.2 GHz.
//  - DRAM: LPDDR4 (our choice; ISAAC's tiles are fed over a chip network).
// Energies: the `default` models (crossbar cell from ISAAC, ADC from the
// Murmann survey fit, capacitive DAC); see docs/accel.md.
accel.arch @pim_isaac_like attributes {clock_mhz = 1200.0 : f64, technology_nm = 32.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 16 : i64, block_size = 4 : i64}
  // 64 KB eDRAM of 16-bit words.
  accel.storage @eDRAM class "SRAM" {size_words = 32768 : i64, word_bits = 16 : i64, block_size = 4 : i64,
      keep = #accel.dataspaces<inputs|outputs>}
  accel.fanout @IMA 12 x 1 {multicast = true, spatial_reduction = false, word_bits = 16 : i64}
  accel.storage @InputReg class "regfile" {size_words = 1024 : i64, word_bits = 16 : i64,
      keep = #accel.dataspaces<inputs>, instances = 12 : i64, mesh_x = 12 : i64}
  accel.storage @OutputReg class "regfile" {size_words = 128 : i64, word_bits = 16 : i64,
      keep = #accel.dataspaces<outputs>, instances = 12 : i64, mesh_x = 12 : i64}
  accel.fanout @Crossbars 8 x 1 {multicast = true, spatial_reduction = true, word_bits = 16 : i64}
  accel.crossbar @xbar 128 x 128 {cell_bits = 2 : i64, dac_bits = 1 : i64, adc_bits = 8 : i64,
      columns_per_adc = 128 : i64, adc_mhz = 1280.0 : f64, instances = 96 : i64, mesh_x = 96 : i64}
}

// One DRAM level that can deliver half a word per cycle to one MAC.
accel.arch @slow_dram attributes {clock_mhz = 1000.0 : f64, technology_nm = 45.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {technology = "LPDDR4", word_bits = 8 : i64, block_size = 1 : i64, read_bandwidth = 0.5 : f64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

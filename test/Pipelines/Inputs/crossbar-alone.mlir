// A crossbar with no storage level above it (test/Pipelines/arch-errors.mlir).
accel.arch @x attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.crossbar @xb 4 x 8 {cell_bits = 2 : i64}
}

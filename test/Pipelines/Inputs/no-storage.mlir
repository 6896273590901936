// An arch with compute units and no storage level (test/Pipelines/arch-errors.mlir).
accel.arch @x attributes {clock_mhz = 100.0 : f64, energy_model = "default"} {
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// RUN: dnn-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect
// Each verifier message of the accel dialect, on the smallest input.

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'accel.storage' op 'RF': size_words must be positive, got 0}}
  accel.storage @RF class "regfile" {size_words = 0 : i64, word_bits = 8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': word_bits must be positive, got -8}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = -8 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': read_bandwidth must be positive, got -1}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64, read_bandwidth = -1.0 : f64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': size_words 30 is not a multiple of block_size 4}}
  accel.storage @RF class "regfile" {size_words = 30 : i64, word_bits = 8 : i64, block_size = 4 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  accel.storage @GLB class "SRAM" {size_words = 1024 : i64, word_bits = 8 : i64}
  accel.fanout @PE 14 x 12
  // expected-error @+1 {{'RF': instances 14 do not match the fan-outs above it, whose product is 168}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64, instances = 14 : i64, mesh_x = 14 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 168 : i64, mesh_x = 14 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  accel.fanout @PE 4 x 1
  // expected-error @+1 {{'RF': mesh_x 3 does not divide instances 4}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64, instances = 4 : i64, mesh_x = 3 : i64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 4 : i64, mesh_x = 4 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64} {
  // expected-error @+1 {{'accel.fanout' op 'PE': mesh_y must be positive, got 0}}
  accel.fanout @PE 4 x 0
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64} {
  // expected-error @+1 {{'RF': no energy for action 'fill': list it in `actions` or set `energy_model` on the component or the arch}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64,
      actions = [#accel.action<"read", 1.0 pJ, source "user">]}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, actions = [#accel.action<"compute", 0.2 pJ, source "user">]}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64} {
  // expected-error @+1 {{'MAC': no energy for action 'compute'}}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, actions = [#accel.action<"leak", 0.2 pJ, source "user">]}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': energy of action 'read' must be a non-negative number, got -1}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64,
      actions = [#accel.action<"read", -1.0 pJ, source "user">]}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
  // expected-error @+1 {{'RF': storage level after compute unit 'MAC'; compute units are innermost}}
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64}
}

// -----

// expected-error @+1 {{'accel.arch' op 'a' has no compute unit (accel.compute or accel.crossbar)}}
accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  accel.storage @RF class "regfile" {size_words = 64 : i64, word_bits = 8 : i64}
}

// -----

// expected-error @+1 {{'accel.arch' op clock_mhz must be positive, got 0}}
accel.arch @a attributes {clock_mhz = 0.0 : f64, energy_model = "default"} {
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'xbar': columns_per_adc 3 does not divide columns 128}}
  accel.crossbar @xbar 128 x 128 {columns_per_adc = 3 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'test.op' op is not an accel component}}
  "test.op"() : () -> ()
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': constraints: unknown key 'no_reuse' (expected temporal, spatial, dataspace or source)}}
  accel.storage @RF class "regfile" {word_bits = 8 : i64, constraints = {no_reuse = ["Inputs"]}}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': constraints: `temporal.factors` must be a list of strings}}
  accel.storage @RF class "regfile" {word_bits = 8 : i64, constraints = {temporal = {factors = "K=4"}}}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  // expected-error @+1 {{'RF': constraints: unknown key 'split' in `temporal`}}
  accel.storage @RF class "regfile" {word_bits = 8 : i64, constraints = {temporal = {split = 1 : i64}}}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64}
}

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

//===----------------------------------------------------------------------===//
// Loop nests
//===----------------------------------------------------------------------===//

// -----

// M: 2 at DRAM, its bound is 4.
// expected-error @+1 {{'accel.loop_nest' op the loops over 'M' multiply to 2, not its bound 4}}
accel.loop_nest "x" arch "a" dims ["M" = 4, "K" = 2] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 2 {
      accel.for "K" temporal factor 2 {
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.for' op loops over 'Q', which is not a dim of the nest}}
    accel.for "Q" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        // expected-error @+1 {{'accel.tile' op fills 'A' from 'GlobalBuffer', but the nearest level above that keeps it is 'DRAM'}}
        accel.tile "A" from "GlobalBuffer" to "RF" words 1
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        // expected-error @+1 {{'accel.tile' op transfers to 'Buffer' inside level 'RF'; a tile goes to its enclosing level}}
        accel.tile "A" from "DRAM" to "Buffer" words 1
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      // expected-error @+1 {{'accel.level' op 'RF' keeps 'W', which is not a data space of the nest}}
      accel.level "RF" keeps ["W"] {
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  // expected-error @+1 {{'accel.level' op the outermost level 'DRAM' must keep every data space; it does not keep 'Z'}}
  accel.level "DRAM" keeps ["A"] {
    accel.for "M" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      // expected-error @+1 {{'accel.level' op 'RF' keeps 'A' but no accel.tile fills it}}
      accel.level "RF" keeps ["A"] {
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        // expected-error @+1 {{'accel.tile' op fills 'Z', which level 'RF' does not keep}}
        accel.tile "Z" from "DRAM" to "RF" words 1
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        accel.tile "A" from "DRAM" to "RF" words 1
        // expected-error @+1 {{'accel.mac' op reads 'A' at 'DRAM', but the innermost level that keeps it is 'RF'}}
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      // expected-error @+1 {{'accel.mac' op does not name 'Z'}}
      accel.mac "A" at "DRAM", "A" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4, "K" = 2] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" spatial_x factor 4 {
      // expected-error @+1 {{'accel.for' op is a temporal loop inside a loop of a later kind in level 'DRAM'; a level's temporal loops come first, then its spatial_y loops, then its spatial_x loops}}
      accel.for "K" temporal factor 2 {
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 2 {
      // expected-error @+1 {{'accel.for' op is a second temporal loop over 'M' in level 'DRAM'}}
      accel.for "M" temporal factor 2 {
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      // expected-error @+1 {{'accel.level' op 'DRAM' appears twice in the nest}}
      accel.level "DRAM" keeps [] {
        accel.mac "A" at "DRAM", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      // expected-error @+1 {{'accel.level' op ends the nest without an accel.mac at its innermost point}}
      accel.level "RF" keeps [] {
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.for' op factor of 'M' must be positive, got 0}}
    accel.for "M" temporal factor 0 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        // expected-error @+1 {{'accel.tile' op tile of 'A' must have a positive number of words, got 0}}
        accel.tile "A" from "DRAM" to "RF" words 0
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.level "RF" keeps ["A"] {
      accel.for "M" temporal factor 4 {
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
      // expected-error @+1 {{'accel.tile' op after the loops of level 'RF'; tiles come first}}
      accel.tile "A" from "DRAM" to "RF" words 1
    }
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op dim 'M' appears twice}}
accel.loop_nest "x" arch "a" dims ["M" = 4, "M" = 2] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.mac "A" at "DRAM", "Z" at "DRAM"
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op bound of 'M' must be positive, got 0}}
accel.loop_nest "x" arch "a" dims ["M" = 0] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.mac "A" at "DRAM", "Z" at "DRAM"
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op body must be one accel.level, the outermost storage level}}
accel.loop_nest "x" arch "a" dims ["M" = 1] spaces ["A", "Z"] {
  "test.op"() : () -> ()
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.for' op must hold exactly one op: the next loop, level or MAC}}
    accel.for "M" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{expected temporal, spatial_x or spatial_y, got 'spatial'}}
    accel.for "M" spatial factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.tile' op fills 'A' of level 'DRAM', but no level above it keeps it}}
    accel.tile "A" from "Host" to "DRAM" words 4
    accel.for "M" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'test.op' op is not part of a loop nest; levels and loops hold accel.tile, accel.for, accel.level and accel.mac}}
    "test.op"() : () -> ()
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  // expected-error @+1 {{'accel.level' op 'DRAM' keeps 'A' twice}}
  accel.level "DRAM" keeps ["A", "Z", "A"] {
    accel.for "M" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.mac "A" at "DRAM", "Z" at "DRAM"
    }
    // expected-error @+1 {{'accel.mac' op follows another op in level 'DRAM'; a level holds its tiles, then one loop, level or MAC}}
    accel.mac "A" at "DRAM", "Z" at "DRAM"
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 4] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    accel.for "M" temporal factor 4 {
      accel.level "RF" keeps ["A"] {
        accel.tile "A" from "DRAM" to "RF" words 1
        // expected-error @+1 {{'accel.tile' op fills 'A' of level 'RF' twice}}
        accel.tile "A" from "DRAM" to "RF" words 1
        accel.mac "A" at "RF", "Z" at "DRAM"
      }
    }
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op has no dims}}
accel.loop_nest "x" arch "a" dims [] spaces ["A"] {
  accel.level "DRAM" keeps ["A"] {
    accel.mac "A" at "DRAM"
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op has 2 dims but 1 bounds}}
"accel.loop_nest"() <{target = "x", arch = "a", dims = ["M", "K"], bounds = array<i64: 4>, spaces = ["A"]}> ({
  accel.level "DRAM" keeps ["A"] {
    accel.mac "A" at "DRAM"
  }
}) : () -> ()

// -----

// expected-error @+1 {{'accel.loop_nest' op has no data spaces}}
accel.loop_nest "x" arch "a" dims ["M" = 1] spaces [] {
  accel.level "DRAM" keeps [] {
    "accel.mac"() <{spaces = [], levels = []}> : () -> ()
  }
}

// -----

// expected-error @+1 {{'accel.loop_nest' op data space 'A' appears twice}}
accel.loop_nest "x" arch "a" dims ["M" = 1] spaces ["A", "A"] {
  accel.level "DRAM" keeps ["A"] {
    accel.mac "A" at "DRAM"
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 1] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.mac' op names 1 data spaces; the nest has 2}}
    accel.mac "A" at "DRAM"
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 1] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.mac' op reads 'W', which is not a data space of the nest}}
    accel.mac "A" at "DRAM", "W" at "DRAM"
  }
}

// -----

accel.loop_nest "x" arch "a" dims ["M" = 1] spaces ["A", "Z"] {
  accel.level "DRAM" keeps ["A", "Z"] {
    // expected-error @+1 {{'accel.mac' op has 2 data spaces but 1 levels}}
    "accel.mac"() <{spaces = ["A", "Z"], levels = ["DRAM"]}> : () -> ()
  }
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

// -----

accel.arch @a attributes {clock_mhz = 1000.0 : f64, energy_model = "default"} {
  accel.storage @DRAM class "DRAM" {word_bits = 8 : i64}
  // expected-error @+1 {{bandwidth must be positive, got 0}}
  accel.fanout @PE 2 x 1 {bandwidth = 0.0 : f64}
  accel.compute @MAC class "intmac" {precision_bits = 8 : i64, instances = 2 : i64, mesh_x = 2 : i64}
}
